"""Exact alignment of two articles: the passages they share, word for word.

1. **Tiles** (greedy string tiling): every maximal run of at least :data:`MIN_TILE`
   identical words the two texts have in common, longest first; a word of either text
   belongs to one tile at most, so a paragraph the copy moved elsewhere is still found
   and a repeated sentence is not counted twice.
2. **Passages**: tiles that follow each other in both texts with at most
   :data:`MAX_GAP` words between them on either side are one passage, the words between
   them its *differences* (an edited number, a changed source).  A passage also takes in
   the rest of the line it starts or ends on when that rest is short on both sides (the
   source line "المصدر: تاس" that the copy ends with "المصدر: نوفوستي").
3. Inside every gap, :class:`difflib.SequenceMatcher` tells the words that are still the
   same ("ألف جندي" after an edited "11") from those that differ.

A passage counts when at least :data:`MIN_PASSAGE` of its words are shared: independent
articles on one event share a phrase or a name, not a passage.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .words import Words

MIN_TILE = 5  # words: the shortest run of identical words that starts a passage
MAX_GAP = 6  # words: the most that may differ between two runs of one passage
MIN_PASSAGE = 12  # shared words a passage needs to count
MAX_POSTINGS = 20  # a word sequence found more often than this in one text seeds nothing


@dataclass(frozen=True)
class Run:
    """``n`` identical words: ``a`` words ``i..i+n-1`` and ``b`` words ``j..j+n-1``."""

    i: int
    j: int
    n: int


@dataclass
class Aligned:
    """One passage in word indices: ``a[a0:a1]`` aligned with ``b[b0:b1]``; ``runs`` the
    identical words, ``gaps`` the differing ones as ``(a0, a1, b0, b1)``."""

    a0: int
    a1: int
    b0: int
    b1: int
    runs: list[Run] = field(default_factory=list)
    gaps: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def shared(self) -> int:
        return sum(r.n for r in self.runs)


def _maximal_runs(ka: tuple[str, ...], kb: tuple[str, ...], k: int) -> list[tuple[int, int, int]]:
    """(length, i, j) of every maximal run of at least ``k`` identical words."""
    index: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(kb) - k + 1):
        index.setdefault(kb[j:j + k], []).append(j)
    seeded = [False] * max(0, len(ka) - k + 1)
    runs = []
    for i in range(len(ka) - k + 1):
        js = index.get(ka[i:i + k])
        if not js or len(js) > MAX_POSTINGS:
            continue
        seeded[i] = True
        for j in js:
            if i and j and seeded[i - 1] and ka[i - 1] == kb[j - 1]:
                continue  # inside a run that starts earlier
            n = k
            while i + n < len(ka) and j + n < len(kb) and ka[i + n] == kb[j + n]:
                n += 1
            runs.append((n, i, j))
    runs.sort(key=lambda r: (-r[0], r[1], r[2]))
    return runs


def tiles(a: Words, b: Words, k: int = MIN_TILE) -> list[Run]:
    """The runs of at least ``k`` identical words, no word in two runs, in ``a``'s order."""
    used_a, used_b = bytearray(len(a)), bytearray(len(b))
    out: list[Run] = []
    for n, i, j in _maximal_runs(a.keys, b.keys, k):
        start = None
        for step in range(n + 1):
            free = step < n and not used_a[i + step] and not used_b[j + step]
            if free and start is None:
                start = step
            elif not free and start is not None:
                if step - start >= k:
                    out.append(Run(i + start, j + start, step - start))
                    used_a[i + start:i + step] = b"\x01" * (step - start)
                    used_b[j + start:j + step] = b"\x01" * (step - start)
                start = None
    return sorted(out, key=lambda r: r.i)


def _chain(runs: list[Run], gap: int) -> list[Aligned]:
    """Runs that follow each other in both texts, close enough, as passages."""
    out: list[Aligned] = []
    for r in runs:
        cur = out[-1] if out else None
        if cur is not None and r.j >= cur.b1 and r.i - cur.a1 <= gap and r.j - cur.b1 <= gap:
            if r.i > cur.a1 or r.j > cur.b1:
                cur.gaps.append((cur.a1, r.i, cur.b1, r.j))
            cur.runs.append(r)
            cur.a1, cur.b1 = r.i + r.n, r.j + r.n
        else:
            out.append(Aligned(r.i, r.i + r.n, r.j, r.j + r.n, [r]))
    return out


def _line_rest(w: Words, pos: int, taken: bytearray, forward: bool) -> int:
    """Where the line of the passage edge at word ``pos`` ends (forward) or starts
    (backward), not going into words another passage ``taken``; a word index."""
    if forward:
        if pos == 0:
            return pos
        line, end = w.lines[pos - 1], pos
        while end < len(w) and w.lines[end] == line and not taken[end]:
            end += 1
        return end
    if pos >= len(w):
        return pos
    line, start = w.lines[pos], pos
    while start > 0 and w.lines[start - 1] == line and not taken[start - 1]:
        start -= 1
    return start


def _edges(p: Aligned, a: Words, b: Words, taken: tuple[bytearray, bytearray], gap: int) -> None:
    """Take in the short rest of the passage's first and last line when it is short in
    both texts (and present in one of them at least)."""
    ta, tb = taken
    a_start, b_start = _line_rest(a, p.a0, ta, False), _line_rest(b, p.b0, tb, False)
    if (a_start, b_start) != (p.a0, p.b0) and p.a0 - a_start <= gap and p.b0 - b_start <= gap:
        p.gaps.insert(0, (a_start, p.a0, b_start, p.b0))
        p.a0, p.b0 = a_start, b_start
    a_end, b_end = _line_rest(a, p.a1, ta, True), _line_rest(b, p.b1, tb, True)
    if (a_end, b_end) != (p.a1, p.b1) and a_end - p.a1 <= gap and b_end - p.b1 <= gap:
        p.gaps.append((p.a1, a_end, p.b1, b_end))
        p.a1, p.b1 = a_end, b_end
    ta[p.a0:p.a1] = b"\x01" * (p.a1 - p.a0)
    tb[p.b0:p.b1] = b"\x01" * (p.b1 - p.b0)


def _split_gaps(p: Aligned, a: Words, b: Words) -> None:
    """The words still identical inside each gap become runs; the rest stay gaps."""
    runs, gaps = list(p.runs), []
    for a0, a1, b0, b1 in p.gaps:
        sm = SequenceMatcher(None, a.keys[a0:a1], b.keys[b0:b1], autojunk=False)
        for tag, i0, i1, j0, j1 in sm.get_opcodes():
            if tag == "equal":
                runs.append(Run(a0 + i0, b0 + j0, i1 - i0))
            else:
                gaps.append((a0 + i0, a0 + i1, b0 + j0, b0 + j1))
    p.runs = sorted(runs, key=lambda r: r.i)
    p.gaps = gaps


def align(a: Words, b: Words, *, min_tile: int = MIN_TILE, max_gap: int = MAX_GAP,
          min_passage: int = MIN_PASSAGE) -> list[Aligned]:
    """The passages ``a`` and ``b`` share, in ``a``'s order (see the module's rules)."""
    passages = _chain(tiles(a, b, min_tile), max_gap)
    taken = (bytearray(len(a)), bytearray(len(b)))
    for p in passages:
        taken[0][p.a0:p.a1] = b"\x01" * (p.a1 - p.a0)
        taken[1][p.b0:p.b1] = b"\x01" * (p.b1 - p.b0)
    for p in passages:
        _edges(p, a, b, taken, max_gap)
        _split_gaps(p, a, b)
    return [p for p in passages if p.shared >= min_passage]
