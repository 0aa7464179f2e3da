"""What a count counts: the noun after a number (people of a group, soldiers, a currency,
a named thing, a category noun), the sentence's context (armed forces or civilians), and
the place the clause ties the count to.  Used by :mod:`helpers.extractors.quantities`."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..lang import morphology
from .quantvocab import QuantTables, strip, tables
from .text import TextContext

__all__ = ["Noun", "Doc", "noun_after", "of_noun", "place_after", "is_nisba", "PUNCT_STOP"]

PUNCT_STOP = set("،,.;:!?؟()[]{}\"'«»")


@dataclass
class Noun:
    unit: str
    category: str | None
    after: int  # index of the first token after the noun phrase
    group: str | None = None
    currency: str | None = None
    thing: str | None = None


class Doc:
    """Per-text state: the context's tokens and sentences, context lookups."""

    def __init__(self, ctx: TextContext):
        self.ctx = ctx
        self.t: QuantTables = tables()
        self.toks = ctx.tokens
        self.sentence = ctx.nsentence_index
        self._military: dict[int, bool] = {}
        self._civilian: dict[int, bool] = {}
        self._countries: Counter | None = None

    def sentence_tokens(self, si: int) -> tuple[int, int]:
        if not self.ctx.nsentence_spans:
            return 0, len(self.toks)
        s, e = self.ctx.nsentence_spans[si]
        return self.ctx.token_index(s), self.ctx.token_index(e)

    def _any(self, cache: dict[int, bool], words, k: int) -> bool:
        if k not in cache:
            a, b = self.sentence_tokens(k)
            cache[k] = any(strip(x.text, words) for x in self.toks[a:b])
        return cache[k]

    def military(self, si: int) -> bool:
        """Whether sentence ``si`` or the one before it speaks of armed forces; for the
        headline, also the lead after it (a headline's "300 قتيل و2700 جريح!" is explained
        by the first sentence of the article)."""
        spans = self.ctx.nsentence_spans
        near = [si, si - 1]
        title_end = self.ctx.ntext.find("\n")
        if spans and 0 <= si < len(spans) and title_end >= 0 and spans[si][0] < title_end:
            near.append(next((k for k, (s, _) in enumerate(spans) if s > title_end), si))
        return any(self._any(self._military, self.t.military, k) for k in near if 0 <= k < max(len(spans), 1))

    def forces(self, si: int) -> bool:
        """Whether a casualty noun in sentence ``si`` counts soldiers: the sentence (or the
        one before) speaks of armed forces and this one not of civilians or a disaster."""
        return self.military(si) and not self._any(self._civilian, self.t.civilian, si)

    def unit_for(self, si: int, category: str | None) -> str:
        """Who a count of ``category`` with no noun of its own counts in sentence ``si``:
        soldiers in a sentence about forces (see :meth:`forces`) when soldiers can have
        that category, else people ("نازح" is never a soldier)."""
        soldier = category is None or category in self.t.unit_categories.get("soldiers", ())
        return "soldiers" if soldier and self.forces(si) else "people"

    def word(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < len(self.toks) else ""

    def country_counts(self) -> Counter:
        """How often the article names each currency's countries (decides "درهم" ...)."""
        if self._countries is None:
            words = Counter(tok.text for tok in self.toks)
            text = self.ctx.ntext
            self._countries = Counter({
                code: sum(words[w] if " " not in w else text.count(w) for w in names)
                for code, names in self.t.currency_countries.items()
            })
        return self._countries


def _category_noun(d: Doc, j: int, si: int) -> Noun | None:
    """A count's noun that is its category: "300 قتيل", "820 حالة وفاة", "672 إصابة",
    "3000 قتيل وجريح", "3 آلاف بين قتيل وجريح"."""
    t = d.t
    w = d.word(j)
    unit = "soldiers" if d.forces(si) else "people"
    if w in t.case_words and (d.word(j + 1) in t.category_nouns or d.word(j + 1) in t.injury_nouns):
        j += 1
        w = d.word(j)
        unit = "people"  # "حالة وفاة": the wording of health authorities, about people
    if w in t.injury_nouns:
        return Noun(unit, t.injury_categories.get(unit, "wounded"), j + 1)
    if w in t.category_nouns:
        cat = t.category_nouns[w]
        unit = d.unit_for(si, cat) if unit == "soldiers" else unit
        if w in t.people_category_nouns:
            unit = "people"
        nxt = d.word(j + 1)
        other = strip(nxt, t.category_nouns) if nxt.startswith(morphology.letter("wa")) else None
        if other and {cat, t.category_nouns[other]} == {"killed", "wounded"}:
            return Noun(unit, "casualties", j + 2)
        return Noun(unit, cat, j + 1)
    if w == "بين" and d.word(j + 1) in t.category_nouns:
        second = strip(d.word(j + 2), t.category_nouns)
        if second and second != t.category_nouns[d.word(j + 1)]:
            return Noun(unit, "casualties", j + 3)
    return None


def _currency(d: Doc, j: int) -> Noun:
    """Money in the currency word at token j, its code from an adjective after it, else
    from the countries the article names, else the currency's default."""
    entry = d.t.currencies[d.t.currency_words[d.word(j)]]
    adj1 = morphology.strip(d.word(j + 1), "definite")
    adj2 = f"{adj1} {morphology.strip(d.word(j + 2), 'definite')}"
    for adj, n in ((adj2, 3), (adj1, 2)):
        if adj in entry["codes"]:
            return Noun("money", None, j + n, currency=entry["codes"][adj])
    code = entry["default"]
    if entry["all"]:
        counts = d.country_counts()
        best = max(entry["all"], key=lambda c: (counts.get(c, 0), c == code))
        if counts.get(best, 0) > 0:
            code = best
    return Noun("money", None, j + 1, currency=code)


def of_noun(d: Doc, word: str, si: int) -> Noun | None:
    """The noun of "من" + a definite or possessed noun: "من جنودها", "من المدنيين",
    "من القتلى", "من السكان" (the token after it is the caller's)."""
    t = d.t
    base = morphology.strip(word, "definite")
    for cand in dict.fromkeys([word, base] + [base[: -len(p)] for p in t.possessive if base.endswith(p)]):
        if cand in t.of_nouns:
            return Noun(t.of_nouns[cand], None, 0)
        if cand in t.people:
            g = t.people[cand]
            return Noun("people", t.group_categories.get(g), 0, group=g)
        unit = "soldiers" if d.forces(si) else "people"
        if cand in t.category_nouns:
            return Noun(d.unit_for(si, t.category_nouns[cand]), t.category_nouns[cand], 0)
        if cand in t.injury_nouns:
            return Noun(unit, t.injury_categories.get(unit, "wounded"), 0)
    return None


def noun_after(d: Doc, j: int, si: int) -> Noun | None:
    """What the count right before token j counts, from the noun at token j (same sentence)."""
    t = d.t
    hi = d.sentence_tokens(si)[1]
    if j >= hi:
        return None
    w = d.word(j)
    if w in t.nouns and not (w in t.weak and not d.military(si)):
        return Noun(t.nouns[w], None, j + 1)
    if w in t.people:
        g = t.people[w]
        return Noun("people", t.group_categories.get(g), j + 1, group=g)
    hit = _category_noun(d, j, si)
    if hit:
        return hit
    if w in t.currency_words:
        return _currency(d, j)
    if w in t.things:
        return Noun("other", None, j + 1, thing=t.things[w])
    if w == "من" and j + 1 < hi:
        hit = of_noun(d, d.word(j + 1), si)
        if hit:
            hit.after = j + 2
            return hit
    return None


def is_nisba(d: Doc, word: str) -> bool:
    """A word that may be a nisba adjective used as a noun ("سوداني", "فلسطينيين")."""
    return len(word) > 3 and word.isalpha() and any(word.endswith(e) for e in d.t.nisba_endings) \
        and word not in d.t.nouns and word not in d.t.people and word not in d.t.things


def _place_at(d: Doc, k: int) -> tuple[int, int] | None:
    """(first, last token) of a place named from token k: a place word and its name,
    or a country."""
    t = d.t
    w = d.word(k)
    if w in t.place_words and d.word(k + 1) and d.word(k + 1) not in PUNCT_STOP:
        return k + 1, k + 1
    for words in t.countries:
        if all(d.word(k + n) == words[n] for n in range(len(words))):
            return k, k + len(words) - 1
    return None


def place_after(d: Doc, j: int, hi: int, cards: set[int]) -> str | None:
    """The place the clause after a count ties it to ("قتيل في السودان", "بإقليم الحوز",
    "بالجانب اللبناني"), as written; None when the clause names none."""
    t = d.t
    bi, wa = morphology.letter("bi"), morphology.letter("wa")
    x = j
    while x < hi and x < j + 6:
        w = d.word(x)
        if not w or w in PUNCT_STOP or w[0].isdigit() or x in cards:
            return None
        span, skip = None, 0
        if w in t.place_preps:
            span = _place_at(d, x + 1)
        else:
            rest = w[1:] if w.startswith(wa) else w
            if rest.startswith(bi) and len(rest) > 2:
                # "بإقليم" / "بالسودان": the preposition glued to the place word or name
                glued = rest[1:]
                if glued in t.place_words:
                    span = (x + 1, x + 1)
                else:
                    for words in t.countries:
                        if words[0] == glued and all(d.word(x + n) == words[n] for n in range(1, len(words))):
                            span, skip = (x, x + len(words) - 1), len(w) - len(glued)
                            break
        if span:
            a, b = span
            start, end = d.ctx.norm.orig_span(d.toks[a].start + skip, d.toks[b].end)
            return d.ctx.text[start:end]
        x += 1
    return None
