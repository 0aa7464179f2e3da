"""The comparison's facts read against the shared text.

Three questions a fact-checker asks before counting confirmations:

* **Is this value from shared text?**  A value is *carried* when its evidence sentence
  lies in a passage the article shares with another article (at least half of the
  sentence is inside the passage, and so is the value).  :class:`SharedEvidence` lists
  the other articles carrying the same sentence, with that sentence's offsets in each.
* **How many independent reports does a value have?**  The articles reporting one value
  of one fact are grouped: two are in one group when one carries the other's evidence
  sentence.  Each group is one report — five outlets relaying one agency sentence are
  one report, not five — so ``independent`` is the number of groups
  (:class:`IndependentCount`).
* **Is a disagreement one text with a figure changed?**  When the aligned sentences of
  two articles give different values for one fact, :class:`EditedFigure` says so:
  "the same text in A and B, with 11,000 changed to 12,000".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..lang.arabic import sentences
from ..model import Article, ReportedFact
from ..present.wording import check_lang, format_value
from .detect import ReusePair

PHRASES = {
    "en": "the same text in {a} and {b}, with {va} changed to {vb}",
    "ar": "النص نفسه في {a} و{b}، مع تغيير {va} إلى {vb}",
}
MIN_SENTENCE_COVER = 0.5  # the part of an evidence sentence a passage must cover


@dataclass(frozen=True)
class Carried:
    """Another article carrying the evidence sentence: its id, the sentence's offsets
    in it and the value it gives there for the same fact (None: it gives none);
    ``edited`` when that value's words are among the words that differ between the two
    texts (not when the same words were read as another value)."""

    doc: str
    start: int
    end: int
    value: str | None = None
    edited: bool = False  # the value's own words differ between the two texts


@dataclass(frozen=True)
class SharedEvidence:
    """One reported fact: whether its evidence sentence is shared text, and with whom."""

    doc: str
    fact: str
    value: str
    start: int | None
    end: int | None
    sentence_start: int | None
    sentence_end: int | None
    carried_by: tuple[Carried, ...] = ()

    @property
    def shared(self) -> bool:
        return bool(self.carried_by)


@dataclass(frozen=True)
class IndependentCount:
    """One value of one fact: how many articles report it, and in how many independent
    groups (``groups``: the article ids of each)."""

    fact: str
    value: str
    reports: int
    independent: int
    groups: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class EditedFigure:
    """Two articles whose aligned sentences give a fact different values: ``doc_a``
    (published first when both dates are known) has ``value_a`` where ``doc_b`` has
    ``value_b``."""

    fact: str
    fact_kind: str
    doc_a: str
    value_a: str
    doc_b: str
    value_b: str
    outlet_a: str = ""
    outlet_b: str = ""
    outlet_a_en: str = ""
    outlet_b_en: str = ""
    qualifier_a: str | None = None
    qualifier_b: str | None = None

    def phrase(self, lang: str = "en") -> str:
        lang = check_lang(lang)
        va = format_value(self.fact_kind, self.value_a, lang, self.qualifier_a)
        vb = format_value(self.fact_kind, self.value_b, lang, self.qualifier_b)
        a, b = (self.outlet_a, self.outlet_b) if lang == "ar" else (self.outlet_a_en, self.outlet_b_en)
        return PHRASES[lang].format(a=a or self.doc_a, b=b or self.doc_b, va=va, vb=vb)


@dataclass
class FactReuse:
    """Every fact read against the shared text (see the module)."""

    evidence: list[SharedEvidence]
    independent: list[IndependentCount]
    edits: list[EditedFigure]
    pairs: list[ReusePair] = field(default_factory=list)

    def of(self, doc: str, fact: str) -> SharedEvidence | None:
        return next((e for e in self.evidence if e.doc == doc and e.fact == fact), None)

    def independent_reports(self, fact: str, value: str) -> int | None:
        c = next((c for c in self.independent if c.fact == fact and c.value == value), None)
        return c.independent if c else None


# ---------------------------------------------------------------- sentence mapping


def _sentence_at(article: Article, offset: int, cache: dict) -> tuple[int, int]:
    spans = cache.get(article.doc)
    if spans is None:
        spans = cache[article.doc] = sentences(article.text)
    for s, e in spans:
        if s <= offset < e:
            return s, e
    return offset, offset + 1


def _sides(pair: ReusePair, doc: str):
    """Each passage's pieces as ((start, end) here, (start, end) there, differs); None
    if ``doc`` is not in the pair."""
    if doc not in (pair.a, pair.b):
        return None, None
    here_a = doc == pair.a
    out = []
    for p in pair.passages:
        pieces = []
        for x, differs in [(x, False) for x in p.spans] + [(x, True) for x in p.differences]:
            a, b = (x.start_a, x.end_a), (x.start_b, x.end_b)
            pieces.append((a, b, differs) if here_a else (b, a, differs))
        out.append(pieces)
    return out, pair.b if here_a else pair.a


@dataclass(frozen=True)
class _Hit:
    other: str
    region: tuple[int, int]  # the aligned sentence's offsets there
    at: int  # where the value's first character falls there
    changed: tuple[tuple[int, int], ...]  # there: the differing words that hold the value here


def _carried_in(pair: ReusePair, doc: str, sent: tuple[int, int], value: tuple[int, int]) -> _Hit | None:
    """Where ``pair``'s other article carries sentence ``sent`` of ``doc``, or None."""
    passages, other = _sides(pair, doc)
    if passages is None:
        return None
    s0, s1 = sent
    for pieces in passages:
        lo, hi = min(p[0][0] for p in pieces), max(p[0][1] for p in pieces)
        inside = [p for p in pieces if p[0][0] < s1 and p[0][1] > s0]
        cover = sum(min(s1, p[0][1]) - max(s0, p[0][0]) for p in inside)
        if not inside or cover < MIN_SENTENCE_COVER * (s1 - s0) or not (lo <= value[0] and value[1] <= hi):
            continue
        starts = [_mapped(p, max(s0, p[0][0])) for p in inside]
        ends = [_mapped(p, min(s1, p[0][1])) for p in inside]
        holder = [p for p in pieces if p[0][0] <= value[0] < max(p[0][1], p[0][0] + 1)]
        at = _mapped(holder[0], value[0]) if holder else min(starts)
        changed = tuple(p[1] for p in pieces if p[2] and p[0][0] < value[1] and p[0][1] > value[0])
        return _Hit(other, (min(starts), max(ends)), at, changed)
    return None


def _mapped(piece, offset: int) -> int:
    """The offset in the other article matching ``offset`` inside an aligned piece
    (character for character when both write it alike, else in proportion)."""
    (a0, a1), (b0, b1) = piece[0], piece[1]
    if a1 <= a0:
        return b0
    return b0 + round((offset - a0) * (b1 - b0) / (a1 - a0))


# ---------------------------------------------------------------- the three questions


def _evidence(f: ReportedFact, articles: dict[str, Article], pairs: Sequence[ReusePair],
              facts_by: dict[tuple[str, str], list[ReportedFact]], cache: dict) -> SharedEvidence:
    art = articles.get(f.doc)
    if art is None or f.start is None or f.end is None:
        return SharedEvidence(f.doc, f.fact, f.value, f.start, f.end, None, None)
    sent = _sentence_at(art, f.start, cache)
    carried = []
    for pair in pairs:
        hit = _carried_in(pair, f.doc, sent, (f.start, f.end))
        if hit is None or hit.other not in articles:
            continue
        there_art = articles[hit.other]
        r0, r1 = hit.region
        o0 = _sentence_at(there_art, r0, cache)[0]
        o1 = max(_sentence_at(there_art, r0, cache)[1], _sentence_at(there_art, max(r0, r1 - 1), cache)[1])
        there = [g for g in facts_by.get((hit.other, f.fact), []) if g.start is not None and o0 <= g.start < o1]
        edited = [g for g in there if any(c0 < (g.end or g.start + 1) and g.start < c1 for c0, c1 in hit.changed)]
        if edited:
            carried.append(Carried(hit.other, o0, o1, edited[0].value, True))
            continue
        there.sort(key=lambda g: abs(g.start - hit.at))
        carried.append(Carried(hit.other, o0, o1, there[0].value if there else None))
    return SharedEvidence(f.doc, f.fact, f.value, f.start, f.end, sent[0], sent[1], tuple(carried))


def _groups(docs: list[str], linked: set[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Connected groups of ``docs`` (in their order) under the ``linked`` pairs."""
    parent = {d: d for d in docs}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for x, y in linked:
        if x in parent and y in parent:
            parent[root(x)] = root(y)
    out: dict[str, list[str]] = {}
    for d in docs:
        out.setdefault(root(d), []).append(d)
    return [tuple(g) for g in out.values()]


def _independent(evidence: list[SharedEvidence], facts: list[ReportedFact]) -> list[IndependentCount]:
    values: dict[tuple[str, str], list[str]] = {}
    for f in facts:
        docs = values.setdefault((f.fact, f.value), [])
        if f.doc not in docs:
            docs.append(f.doc)
    linked: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for e in evidence:
        for c in e.carried_by:
            same = c.value == e.value or (c.value is None and c.doc in values.get((e.fact, e.value), []))
            if same:
                linked.setdefault((e.fact, e.value), set()).add((e.doc, c.doc))
    out = []
    for (fact, value), docs in values.items():
        groups = _groups(docs, linked.get((fact, value), set()))
        out.append(IndependentCount(fact, value, len(docs), len(groups), tuple(groups)))
    return out


def _edits(evidence: list[SharedEvidence], facts_by: dict, articles: dict[str, Article]) -> list[EditedFigure]:
    order = {d: n for n, d in enumerate(articles)}
    out, seen = [], set()
    for e in evidence:
        for c in e.carried_by:
            if not c.edited or c.value == e.value:
                continue
            first, second = sorted([(e.doc, e.value), (c.doc, c.value)], key=lambda x: _when(articles[x[0]], order))
            key = (e.fact, first, second)
            if key in seen:
                continue
            seen.add(key)
            fa = next(f for f in facts_by[(first[0], e.fact)] if f.value == first[1])
            fb = next(f for f in facts_by[(second[0], e.fact)] if f.value == second[1])
            out.append(EditedFigure(e.fact, fa.fact_kind, first[0], first[1], second[0], second[1],
                                    articles[first[0]].label, articles[second[0]].label,
                                    articles[first[0]].label_en, articles[second[0]].label_en,
                                    fa.qualifier, fb.qualifier))
    return out


def _when(article: Article, order: dict[str, int]) -> tuple:
    d = article.meta.published
    return (d.isoformat() if d else "9999", order[article.doc])


def fact_reuse(articles: Iterable[Article], facts: Iterable[ReportedFact],
               pairs: Sequence[ReusePair] | None = None) -> FactReuse:
    """Read ``facts`` (the values articles report) against the text the ``articles``
    share (``pairs`` from :func:`helpers.reuse.find_reuse`, found here when not given).
    Facts that report nothing (a presence fact's "absent") are left out."""
    from .detect import find_reuse

    arts = {a.doc: a for a in articles}
    reported = [f for f in facts if f.reported]
    pairs = list(find_reuse(arts.values()) if pairs is None else pairs)
    facts_by: dict[tuple[str, str], list[ReportedFact]] = {}
    for f in reported:
        facts_by.setdefault((f.doc, f.fact), []).append(f)
    cache: dict = {}
    evidence = [_evidence(f, arts, pairs, facts_by, cache) for f in reported]
    return FactReuse(evidence, _independent(evidence, reported), _edits(evidence, facts_by, arts), pairs)


def comparison_reuse(comparison, pairs: Sequence[ReusePair] | None = None) -> FactReuse:
    """:func:`fact_reuse` of a :class:`~helpers.compare.comparison.Comparison`: its
    articles and the value each shows in the fact matrix (``cell_facts``)."""
    return fact_reuse(comparison.articles, comparison.cell_facts(), pairs)
