"""Paragraphs a page prints twice: exact repeats, near repeats (a word or two reworded,
or two earlier paragraphs merged into one) and a block re-printed at the end of the page.

A near repeat must state the same numbers and dates as what it repeats
(:func:`number_signature`), so a corrected figure is not taken for a repeat.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from ..lang import morphology
from ..extractors.dates import name_tables
from ..lang.numbers import find_cardinals, find_ordinals
from .lines import Line, removal


def similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def resembles(a: str, b: str, threshold: float) -> bool:
    """``similar(a, b) >= threshold``, deciding first from the lengths and the letters
    (upper bounds of the ratio), so a long line is never aligned with a short one."""
    from difflib import SequenceMatcher

    m = SequenceMatcher(None, a, b, autojunk=False)
    return m.real_quick_ratio() >= threshold and m.quick_ratio() >= threshold and m.ratio() >= threshold


def _shingles(norm: str, n: int = 3) -> list[tuple[str, ...]]:
    words = re.findall(r"\w+", norm)
    return [tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))]


def _coverage(norm: str, seen: set[tuple[str, ...]]) -> float:
    """Share of the words of ``norm`` covered by a word 3-gram already seen."""
    words = re.findall(r"\w+", norm)
    if len(words) < 3:
        return 0.0
    covered = [False] * len(words)
    for i in range(len(words) - 2):
        if tuple(words[i:i + 3]) in seen:
            covered[i] = covered[i + 1] = covered[i + 2] = True
    return sum(covered) / len(words)


NEAR_DUPLICATE = 0.8
# earlier paragraphs a word 3-gram points to: a 3-gram printed in more paragraphs than this
# ("في الوقت نفسه") names only its first ones, so one paragraph is compared with a bounded
# number of others and cleaning stays linear in the number of lines
SHINGLE_POSTINGS = 32


class ShingleIndex:
    """Word 3-gram -> the kept paragraphs (their indices) that print it, at most
    :data:`SHINGLE_POSTINGS` per 3-gram, and each kept paragraph's 3-grams.  ``lookups``
    counts the work :func:`drop_duplicates` does to find what a paragraph repeats: the
    postings read and the paragraphs compared."""

    def __init__(self, cap: int = SHINGLE_POSTINGS):
        self.cap = cap
        self.postings: dict[tuple[str, ...], list[int]] = {}
        self.sets: dict[int, set[tuple[str, ...]]] = {}
        self.lookups = 0

    def add(self, i: int, shingles: list[tuple[str, ...]]) -> None:
        self.sets[i] = mine = set(shingles)
        for sh in mine:
            at = self.postings.setdefault(sh, [])
            if len(at) < self.cap:
                at.append(i)

    def shared(self, shingles: set[tuple[str, ...]]) -> dict[int, set[tuple[str, ...]]]:
        """Kept paragraph index -> the 3-grams of ``shingles`` it shares, for every
        paragraph a posting of one of them names (all of its shared 3-grams, also those
        whose postings are full)."""
        found: set[int] = set()
        for sh in shingles:
            at = self.postings.get(sh, ())
            self.lookups += len(at)
            found.update(at)
        self.lookups += len(found)
        return {i: shingles & self.sets[i] for i in found}


def drop_duplicates(title: Line, body: list[Line], removed: list[dict[str, Any]],
                    index: ShingleIndex | None = None) -> list[Line]:
    """Paragraphs printed twice: the first occurrence stays.

    A paragraph is a near duplicate when at least 80 % of its words lie in word 3-grams
    already printed (rewording of a word or two, or two earlier paragraphs merged into
    one).  When the article ends with a block of three or more paragraphs most of which
    (two in three) repeat earlier ones, the whole block is a re-print of an earlier
    version of the story and goes, together with the paragraphs mixed into it.

    The paragraphs a near duplicate may repeat are looked up in a :class:`ShingleIndex`
    (``index``: pass one to count the lookups), never compared pairwise.
    """
    seen: set[tuple[str, ...]] = set(_shingles(title.norm))
    exact: dict[str, int] = {title.norm: -1}
    index = index if index is not None else ShingleIndex()
    signatures: dict[int, Counter[str]] = {}
    keep: list[Line] = []
    dup_of: list[int | None] = []  # for every kept-or-dropped body line: index of its original
    all_lines: list[Line] = []
    for line in body:
        orig: int | None = None
        if line.norm in exact:
            orig = exact[line.norm]
        elif len(re.findall(r"\w+", line.norm)) >= 8 and _coverage(line.norm, seen) >= NEAR_DUPLICATE:
            orig = _near_original(line.norm, all_lines, index, signatures)
        all_lines.append(line)
        dup_of.append(orig)
        if orig is None:
            exact.setdefault(line.norm, len(all_lines) - 1)
            mine = _shingles(line.norm)
            seen.update(mine)
            index.add(len(all_lines) - 1, mine)
    # a re-printed block at the end
    start = _reprint_start(dup_of)
    for i, line in enumerate(all_lines):
        if dup_of[i] is not None:
            removed.append(removal(line, "duplicate"))
        elif start is not None and i >= start:
            removed.append(removal(line, "duplicate"))
        else:
            keep.append(line)
    return keep


def _near_original(norm: str, lines: list[Line], index: ShingleIndex,
                   signatures: dict[int, Counter[str]]) -> int | None:
    """The earlier paragraph ``norm`` repeats, or None when it only resembles earlier ones.

    The originals are the earlier paragraphs that share the most word 3-grams with it,
    taken while each adds words it covers (two paragraphs merged into one).  A repeat
    states the same numbers and dates as its originals together (:func:`number_signature`):
    "قتل 12 شخصا يوم الأحد" printed again as "قتل 14 شخصا يوم الاثنين" is a new fact,
    not a repeat.  ``signatures`` keeps each paragraph's signature once computed."""
    scored = sorted(((len(shared), -i, i, shared) for i, shared in index.shared(set(_shingles(norm))).items()),
                    reverse=True)
    if not scored:
        return None
    covered: set[tuple[str, ...]] = set()
    originals: list[int] = []
    for _, _, i, shared in scored:
        if shared - covered:
            originals.append(i)
            covered |= shared
    want = number_signature(norm)
    total = sum(want.values())
    have: Counter[str] = Counter()
    for i in originals:
        if i not in signatures:
            signatures[i] = number_signature(lines[i].norm)
        sig = signatures[i]
        total -= sum(sig.values())
        if total < 0:  # more numbers than the paragraph states: not a repeat
            return None
        have += sig
    if want != have:
        return None
    return originals[0]


_DIGIT_RUN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def number_signature(norm: str) -> Counter[str]:
    """The numbers and date words of a normalized paragraph, as a multiset: digit runs
    (Arabic-Indic digits are already folded), number words read as their value
    ("ثلاثة آلاف" and "3000" are one number), ordinals, and the month and weekday names
    of the date tables."""
    sig: Counter[str] = Counter()
    rest = norm
    chars = list(norm)
    for c in find_cardinals(norm):
        sig[str(c.value)] += 1
        chars[c.start:c.end] = " " * (c.end - c.start)
    for s, e, v in find_ordinals(norm):
        if norm[s:e].strip() and not norm[s:e].strip()[0].isdigit():
            sig[f"#{v}"] += 1
            chars[s:e] = " " * (e - s)
    rest = "".join(chars)
    for m in _DIGIT_RUN.finditer(rest):
        sig[m.group().lstrip("0") or "0"] += 1
    names = _date_names()
    for w in morphology.words(norm):
        cand = morphology.strip(w.text, "date_name", names)
        if cand:
            sig[names[cand]] += 1
    return sig


@lru_cache(maxsize=1)
def _date_names() -> dict[str, str]:
    """Month and weekday names (folded, one word) -> "month:N" / "weekday:N"."""
    t = name_tables()
    out: dict[str, str] = {}
    for table, tag in (("months", "month"), ("hijri_months", "hmonth"), ("weekdays", "weekday")):
        for name, num in t[table].items():
            if " " not in name:  # two-word names ("كانون الثاني") differ in an ordinal
                out.setdefault(name, f"{tag}:{num}")
    return out


def _reprint_start(dup_of: list[int | None]) -> int | None:
    """The first line of a re-printed block at the end: the smallest ``s`` such that
    ``dup_of[s:]`` holds at least three lines, two in three of them repeats, and every one
    of them repeats a line before ``s``.  One pass from the end (suffix counts)."""
    n = len(dup_of)
    dups_from = [0] * (n + 1)  # repeats in dup_of[s:]
    latest_from = [-2] * (n + 1)  # the latest original named in dup_of[s:]
    for s in range(n - 1, -1, -1):
        o = dup_of[s]
        dups_from[s] = dups_from[s + 1] + (o is not None)
        latest_from[s] = max(latest_from[s + 1], o if o is not None else -2)
    for s in range(n - 2):
        if dups_from[s] * 3 < (n - s) * 2:
            continue
        if latest_from[s] < s:
            return s
    return None
