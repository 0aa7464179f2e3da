"""Shared passages over a set of articles: which pairs share text, where, how much.

:func:`find_reuse` takes :class:`~helpers.model.Article` objects and returns one
:class:`ReusePair` per pair of articles that share at least one passage.  Candidates
come from MinHash LSH (:mod:`helpers.reuse.candidates`), each candidate is aligned
exactly (:mod:`helpers.reuse.align`).  Every offset indexes ``Article.text`` of its
article, like the extractors' offsets: ``article.text[span.start_a:span.end_a]`` is the
shared text as article ``a`` writes it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Sequence

from ..model import Article
from .align import MAX_GAP, MIN_PASSAGE, MIN_TILE, Aligned, align
from .words import Words, words


@dataclass(frozen=True)
class Span:
    """Identical words in both articles (normalized: diacritics, hamza forms and digits
    may differ in the original characters)."""

    start_a: int
    end_a: int
    start_b: int
    end_b: int
    words: int
    text: str  # as article a writes it
    text_b: str  # as article b writes it


@dataclass(frozen=True)
class Difference:
    """Words that differ inside an aligned passage: ``text_a`` in a became ``text_b`` in
    b (one of them empty for words added or left out)."""

    start_a: int
    end_a: int
    start_b: int
    end_b: int
    text_a: str
    text_b: str


@dataclass(frozen=True)
class Passage:
    """One aligned passage: where it runs in both articles, its shared words and the
    words that differ inside it."""

    start_a: int
    end_a: int
    start_b: int
    end_b: int
    words: int  # shared words
    spans: tuple[Span, ...]
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class ReusePair:
    """Two articles that share text.  ``share_a``: the part of article a's words (title
    and body) that lie in shared spans, 0–1; ``share_b`` the same for b."""

    a: str
    b: str
    share_a: float
    share_b: float
    passages: tuple[Passage, ...]
    published_a: str | None = None
    published_b: str | None = None
    credited_a: str | None = None
    credited_b: str | None = None
    words_a: int = 0
    words_b: int = 0
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def spans(self) -> list[Span]:
        return [s for p in self.passages for s in p.spans]

    @property
    def differences(self) -> list[Difference]:
        return [d for p in self.passages for d in p.differences]

    def to_json(self) -> dict[str, Any]:
        """The record ``python -m helpers reuse`` prints: ``a``, ``b``, ``share_a``,
        ``share_b``, ``spans``, ``differences``, then the articles' dates and credits."""
        return {
            "a": self.a, "b": self.b,
            "share_a": round(self.share_a, 4), "share_b": round(self.share_b, 4),
            "spans": [asdict(s) for s in self.spans],
            "differences": [asdict(d) for d in self.differences],
            "published_a": self.published_a, "published_b": self.published_b,
            "credited_a": self.credited_a, "credited_b": self.credited_b,
        }


def _passage(p: Aligned, a: Words, b: Words) -> Passage:
    spans = []
    for r in p.runs:
        sa, ea = a.span(r.i, r.i + r.n)
        sb, eb = b.span(r.j, r.j + r.n)
        spans.append(Span(sa, ea, sb, eb, r.n, a.text[sa:ea], b.text[sb:eb]))
    diffs = []
    for a0, a1, b0, b1 in sorted(p.gaps):
        sa, ea = a.span(a0, a1)
        sb, eb = b.span(b0, b1)
        diffs.append(Difference(sa, ea, sb, eb, a.text[sa:ea], b.text[sb:eb]))
    sa, ea = a.span(p.a0, p.a1)
    sb, eb = b.span(p.b0, p.b1)
    return Passage(sa, ea, sb, eb, p.shared, tuple(spans), tuple(diffs))


def _iso(article: Article) -> str | None:
    d = article.meta.published
    return d.isoformat() if d else None


def compare_pair(a: Article, b: Article, wa: Words | None = None, wb: Words | None = None,
                 **rules: int) -> ReusePair | None:
    """The text ``a`` and ``b`` share, or None when they share no passage.  ``rules``:
    ``min_tile``, ``max_gap``, ``min_passage`` of :func:`helpers.reuse.align.align`."""
    wa = wa or words(a.text)
    wb = wb or words(b.text)
    aligned = align(wa, wb, **rules)
    if not aligned:
        return None
    passages = tuple(_passage(p, wa, wb) for p in aligned)
    shared = sum(p.shared for p in aligned)
    return ReusePair(a=a.doc, b=b.doc, share_a=shared / max(1, len(wa)), share_b=shared / max(1, len(wb)),
                     passages=passages, published_a=_iso(a), published_b=_iso(b),
                     credited_a=a.meta.credited_source, credited_b=b.meta.credited_source,
                     words_a=len(wa), words_b=len(wb))


def find_reuse(articles: Iterable[Article], *, min_tile: int = MIN_TILE, max_gap: int = MAX_GAP,
               min_passage: int = MIN_PASSAGE, candidates: Sequence[tuple[int, int]] | None = None,
               ) -> list[ReusePair]:
    """Every pair of ``articles`` that shares text, in the articles' order (``a`` the
    earlier of the two in the list).

    ``candidates`` (pairs of indices) skips the MinHash LSH step, e.g. to align every pair
    of a handful of articles; by default the LSH index chooses."""
    from .candidates import candidate_pairs

    arts = list(articles)
    ws = [words(a.text) for a in arts]
    pairs = sorted(candidates) if candidates is not None else sorted(candidate_pairs(w.keys for w in ws))
    out = []
    for i, j in pairs:
        pair = compare_pair(arts[i], arts[j], ws[i], ws[j], min_tile=min_tile, max_gap=max_gap,
                            min_passage=min_passage)
        if pair is not None:
            out.append(pair)
    return out
