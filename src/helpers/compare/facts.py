"""A story catalogue turns each outlet's mentions into the comparison's facts.

Three kinds of fact:

* ``count``: a quantity mention matching the fact's selector.  Rule when several qualify:
  the largest value wins; ties go to the mention with a named source, then to the first
  in the text.  The other distinct values are kept in ``alternatives``.
* ``presence``: the first level whose selector matches (``explicit``, ``clause`` ...),
  else the ``absent`` value; every outlet gets a row.
* ``date``: a date mention near the words naming the event (cue sets, in the same
  sentence, no negation); each date goes to the nearest event; per event the nearest
  date wins.

The story file is read by :func:`helpers.compare.story.load_story`.

API: :func:`story_facts` (one article → list of
:class:`~helpers.model.ReportedFact`) and
:func:`facts_frame` (many articles → DataFrame, one row per outlet and fact reported,
presence facts always).
"""
from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any, Iterable

from ..lang import morphology
from ..model import RECORD_COLUMNS, Alternative, Article, Mention, ReportedFact
from .select import chosen, field_of, matches_selector
from .story import FactRule, Story
from ..extractors.text import TextContext

FRAME_COLUMNS = list(RECORD_COLUMNS)


# ------------------------------------------------------------------ selectors


def _matches(m: Mention, selector: dict[str, Any]) -> bool:
    return matches_selector(m, selector)


# ------------------------------------------------------------------ text analysis for dates


class _Doc:
    """Words of the normalized text with their sentence and the words' forms."""

    def __init__(self, ctx: TextContext, story: Story):
        self.ctx = ctx
        self.words = ctx.words
        self.forms = [morphology.forms(w.text) for w in self.words]
        self.sent = [ctx.nsentence_index(w.start) for w in self.words]
        # separators between words: punctuation in the gap, or a separator word
        self.sep_before = []
        prev_end = 0
        for (s, e, w) in self.words:
            gap = ctx.ntext[prev_end:s]
            self.sep_before.append(any(ch in story.separators for ch in gap) or w in story.separators)
            prev_end = e

    def word_index(self, npos: int) -> int:
        return self.ctx.word_index(npos)

    def phrase_at(self, i: int, phrase: tuple[str, ...]) -> bool:
        if phrase[0] not in self.forms[i]:
            return False
        for k, w in enumerate(phrase[1:], 1):
            j = i + k
            if j >= len(self.words) or self.sent[j] != self.sent[i] or (w not in self.forms[j]):
                return False
        return True

    def separators_between(self, a: int, b: int) -> int:
        return sum(1 for k in range(a + 1, b + 1) if self.sep_before[k])


def _occurrences(doc: _Doc, group: Any) -> list[tuple[int, int]]:
    """(first word, last word) of every occurrence of a group's words."""
    out = []
    if group and group[0] == "instrument":
        from ..extractors.legal import instruments

        # every instrument, the wrong kind marked: the NEAREST instrument must be the
        # wanted one ("المعاهدة الجديدة محل معاهدة الصداقة ... الموقعة في عام 2000")
        for ins in instruments(doc.ctx):
            out.append((doc.word_index(ins.start), doc.word_index(max(ins.start, ins.end - 1)),
                        ins.kind == group[1]))
        return out
    firsts = {p[0] for p in group}
    for i, forms in enumerate(doc.forms):
        if forms & firsts:
            for p in group:
                if doc.phrase_at(i, p):
                    out.append((i, i + len(p) - 1, True))
                    break
    return out


def _negated(doc: _Doc, story: Story, i: int) -> bool:
    for k in range(max(0, i - story.negation_window), i):
        if doc.sent[k] == doc.sent[i] and doc.forms[k] & story.negators:
            return True
    return False


def _by_sentence(occurrences: list[tuple[int, int, bool]], doc: _Doc) -> dict[int, list[tuple[int, int, bool]]]:
    out: dict[int, list[tuple[int, int, bool]]] = {}
    for o in occurrences:
        out.setdefault(doc.sent[o[0]], []).append(o)
    return out


def _context_sentences(doc: _Doc, words: frozenset[str]) -> list[int]:
    """The sentences holding one of ``words``, in order."""
    return sorted({doc.sent[k] for k in range(len(doc.words)) if doc.forms[k] & words})


def _context_near(in_context: list[int], s: int, before: int) -> bool:
    """Whether one of the sentences ``s - before`` .. ``s`` is in ``in_context``."""
    k = bisect.bisect_left(in_context, s - before)
    return k < len(in_context) and in_context[k] <= s


def _clusters(doc: _Doc, story: Story, fact: FactRule) -> list[tuple[int, int]]:
    """(first word, last word) of every place where one of the fact's cue sets matches.
    The other groups' words are looked for in the sentence of the first group's word
    only, so the work per place is bounded by the length of a sentence."""
    out = []
    in_context = _context_sentences(doc, fact.context[0]) if fact.context is not None else None
    for cue in fact.cues:
        occ = [_occurrences(doc, g) for g in cue.groups]
        if not all(any(o[2] for o in g) for g in occ):
            continue
        others = [_by_sentence(g, doc) for g in occ[1:]]
        for a0, a1, good in occ[0]:
            if not good:
                continue
            lo, hi, ok, heads = a0, a1, True, [a0]
            for other in others:
                near = [(b0, b1, g) for b0, b1, g in other.get(doc.sent[a0], ())
                        if b0 != a0 and max(b0 - a1, a0 - b1) <= cue.within]
                if not near:
                    ok = False
                    break
                b0, b1, g = min(near, key=lambda b: max(b[0] - a1, a0 - b[1]))
                if not g:
                    ok = False
                    break
                lo, hi = min(lo, b0), max(hi, b1)
                heads.append(b0)
            # "ولم تؤكد روسيا": a negation just before any of the cue's words blocks it
            if not ok or any(_negated(doc, story, k) for k in heads):
                continue
            if cue.unless and any(doc.forms[k] & cue.unless for k in range(lo, hi + 1)):
                continue
            if in_context is not None:
                if not _context_near(in_context, doc.sent[a0], fact.context[1]):
                    continue
            out.append((lo, hi))
    return out


def _date_assignments(ctx: TextContext, story: Story, dates: list[Mention]) -> dict[str, list[tuple[int, Mention]]]:
    """fact id → [(distance, date mention)], each date given to its nearest event."""
    date_facts = [f for f in story.facts if f.kind == "date"]
    if not date_facts or not dates:
        return {}
    doc = _Doc(ctx, story)
    if not doc.words:
        return {}
    clusters = {f.id: _clusters(doc, story, f) for f in date_facts}
    best: dict[int, list[tuple[int, str]]] = {}
    for di, d in enumerate(dates):
        n0 = ctx.norm.norm_index(d.start)
        n1 = ctx.norm.norm_index(max(d.start, d.end - 1))
        w0, w1 = doc.word_index(n0), doc.word_index(n1)
        for fid, cl in clusters.items():
            for lo, hi in cl:
                if doc.sent[lo] != doc.sent[w0]:
                    continue
                if w1 < lo:
                    gap, seps = lo - w1 - 1, doc.separators_between(w1, lo)
                elif w0 > hi:
                    gap, seps = w0 - hi - 1, doc.separators_between(hi, w0)
                else:
                    gap, seps = 0, 0
                dist = gap + seps * story.separator_penalty
                if dist <= story.max_distance:
                    best.setdefault(di, []).append((dist, fid))
    out: dict[str, list[tuple[int, Mention]]] = {}
    for di, cands in best.items():
        low = min(c[0] for c in cands)
        for fid in {fid for dist, fid in cands if dist == low}:
            out.setdefault(fid, []).append((low, dates[di]))
    return out


# ------------------------------------------------------------------ facts of one article


def _source(m: Mention | None) -> str:
    return (m.attribution or "") if m is not None else ""


def _alt(m: Mention, value: str, source: str) -> Alternative:
    return Alternative(value=value, source=source, text=m.text, start=m.start, end=m.end,
                       qualifier=m.qualifier)


def _context_for(article_or_doc: Any, mentions: list[Mention],
                 published) -> tuple[TextContext, list[tuple[Mention, Mention]]]:
    """The text the date cues are read in, and each mention as anchored in that text
    paired with the mention itself.  An Article (or a TextContext) gives its full text
    (the pairs are the mention twice); a bare doc id only the sentences its mentions sit
    in (each mention re-anchored in that text; one not found there is left out)."""
    if isinstance(article_or_doc, Article):
        ctx = TextContext(article_or_doc.text, article_or_doc.doc, published)
        return ctx, [(m, m) for m in mentions]
    if isinstance(article_or_doc, TextContext):
        return article_or_doc, [(m, m) for m in mentions]
    sentences: list[str] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.sentence and m.sentence not in sentences:
            sentences.append(m.sentence)
    text = "\n".join(sentences)
    pairs = []
    for m in mentions:
        base = text.find(m.sentence) if m.sentence else -1
        at = m.sentence.find(m.text) if base >= 0 else -1
        if base < 0 or at < 0:
            continue
        s = base + at
        pairs.append((replace(m, start=s, end=s + len(m.text), extra=dict(m.extra)), m))
    return TextContext(text, str(article_or_doc), published), pairs


def _reader(source: Article | TextContext | str) -> dict[str, Any]:
    """doc, outlet names and publication date of what the facts are read from."""
    if isinstance(source, Article):
        return {"doc": source.doc, "outlet": source.label, "outlet_en": source.label_en,
                "published": source.meta.published}
    doc = source.doc if isinstance(source, TextContext) else str(source)
    return {"doc": doc, "outlet": doc, "outlet_en": doc,
            "published": source.published if isinstance(source, TextContext) else None}


def _value_max(f: FactRule, m: Mention | None) -> str | None:
    if m is None or m.value_max is None or f.kind == "presence":
        return None
    if f.kind == "count" and isinstance(m.value_max, (int, float)):
        return str(int(m.value_max))
    return str(m.value_max)


def _reported(base: dict[str, Any], f: FactRule, value: str, m: Mention | None, source: str, *,
              num: float | None = None, alternatives=()) -> ReportedFact:
    """The fact ``f`` as read from mention ``m`` (None: a presence fact not reported)."""
    on = m is not None
    return ReportedFact(
        **base, fact=f.id, fact_ar=f.label_ar, fact_en=f.label_en, fact_kind=f.kind, value=value,
        value_num=num, value_max=_value_max(f, m),
        qualifier=m.qualifier if (on and f.kind == "count") else None,
        precision=m.precision if (on and f.kind == "date") else None,
        unit=_count_unit(m) if (on and f.kind == "count") else None,
        source=source if f.source != "none" else "",
        evidence=m.sentence if on else "", text=m.text if on else "",
        start=m.start if on else None, end=m.end if on else None,
        alternatives=tuple(alternatives), mentions=(m,) if on else ())


def _count_unit(m: Mention) -> str | None:
    """The unit column of a count: a money count's currency when it gives one."""
    unit = field_of(m, "unit")
    currency = field_of(m, "currency")
    return str(currency) if unit == "money" and currency else unit


def _common(values: list[Any]) -> Any:
    values = list(dict.fromkeys(values))
    return values[0] if len(values) == 1 else None


def _total_fact(f: FactRule, parts: list[Mention], base: dict[str, Any]) -> ReportedFact:
    """A total over places: the sum of one count per place, read from all of them."""
    total = sum(m.value for m in parts)
    first = parts[0]
    quals = [m.qualifier or "exact" for m in parts]
    r = _reported(base, f, str(int(total)), first, _common([_source(m) for m in parts]) or "",
                  num=float(total))
    return replace(r, qualifier=_common(quals) or "approx", value_max=None, unit=_count_unit(first),
                   mentions=tuple(parts))


def _count_fact(story: Story, f: FactRule, mentions: list[Mention], base: dict[str, Any],
                published=None) -> ReportedFact | None:
    """The count the fact's policy picks among the matching mentions (default the largest;
    ties: a named source, then the first in the text); the others are alternatives."""
    shown, cands = chosen(f.select, mentions, published)
    if not shown:
        return None
    if f.select.total and not cands:
        return _total_fact(f, shown, base) if len(shown) > 1 else _one_count(story, f, shown, mentions, base)
    return _one_count(story, f, cands, mentions, base)


def _one_count(story: Story, f: FactRule, cands: list[Mention], mentions: list[Mention],
               base: dict[str, Any]) -> ReportedFact:
    top = cands[0]
    src = _source(top)
    if not src and f.source_from:
        other = story.fact(f.source_from).select
        same = [m for m in mentions if other.matches(m) and m.sentence == top.sentence and m.attribution]
        if same:
            src = same[0].attribution
    alts, seen = [], {(top.value, src)}
    for m in cands[1:]:
        key = (m.value, _source(m))
        if key not in seen:
            seen.add(key)
            alts.append(_alt(m, str(int(m.value)), _source(m)))
    r = _reported(base, f, str(int(top.value)), top, src, num=float(top.value), alternatives=alts)
    return replace(r, unit=_count_unit(top))


def _presence_fact(f: FactRule, mentions: list[Mention], base: dict[str, Any]) -> ReportedFact:
    """The first level with a matching mention, else the ``absent`` value."""
    value, m = f.absent, None
    for lv_value, sel in f.levels:
        hits = [x for x in mentions if _matches(x, sel)]
        if hits:
            value, m = lv_value, min(hits, key=lambda x: x.start)
            break
    return _reported(base, f, value, m, _source(m))


def _date_fact(f: FactRule, cands: list[tuple[int, Mention]], original: dict[int, Mention],
               base: dict[str, Any]) -> ReportedFact | None:
    """The nearest date given to the event; the other dates are alternatives.  A fact that
    is the ``end`` of a range ("from 4 to 11 May") is read from ranges only, as their end."""
    cands = sorted(cands, key=lambda c: (c[0], c[1].start))
    dates = [original[id(c)] for _, c in cands]
    if f.part == "end":
        dates = [m for m in dates if m.value_max]
    if not dates:
        return None

    def value(m: Mention) -> str:
        return str(m.value_max if f.part == "end" else m.value)

    top = dates[0]
    alts, seen = [], {value(top)}
    for m in dates[1:]:
        if value(m) not in seen:
            seen.add(value(m))
            alts.append(_alt(m, value(m), _source(m)))
    r = _reported(base, f, value(top), top, _source(top), alternatives=alts)
    return replace(r, value_max=None) if f.part == "end" else r


def story_facts(story: Story, article_or_doc: Article | TextContext | str,
                mentions: Iterable[Mention]) -> list[ReportedFact]:
    """The story's facts as one article reports them: one per fact reported (and per
    presence fact, reported or not), in catalogue order, each with the mention(s) it
    comes from and the other values the article gives (``alternatives``)."""
    mentions = list(mentions)
    reader = _reader(article_or_doc)
    published = reader["published"]
    base = dict(reader, published=published.isoformat() if published else None)
    dated: dict[str, list[tuple[int, Mention]]] = {}
    original: dict[int, Mention] = {}
    if any(f.kind == "date" for f in story.facts):
        ctx, pairs = _context_for(article_or_doc, mentions, published)
        original = {id(anchored): m for anchored, m in pairs}
        dated = _date_assignments(ctx, story, [c for c, _ in pairs if c.kind == "date" and c.value])
    out: list[ReportedFact] = []
    for f in story.facts:
        if f.kind == "count":
            r = _count_fact(story, f, mentions, base, published)
        elif f.kind == "presence":
            r = _presence_fact(f, mentions, base)
        else:
            r = _date_fact(f, dated.get(f.id, []), original, base)
        if r is not None:
            out.append(r)
    return out


def facts_frame(story: Story, articles: Iterable[Article], mentions_by_doc: dict[str, list[Mention]]):
    """One row per outlet and fact it reports (presence facts always), columns
    :data:`FRAME_COLUMNS` (:meth:`ReportedFact.to_record`)."""
    from .facttable import frame_of

    return frame_of([r for a in articles for r in story_facts(story, a, mentions_by_doc.get(a.doc, []))])
