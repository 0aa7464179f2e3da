"""Counts a story compares: people, soldiers, officers and generals, money and named
things — "لقي 300 شخص حتفهم", "ما يقارب 12 ألف جندي", "820 حالة وفاة", "900 مليون أورو",
"59 ألف منزل".

:func:`find_quantities` returns one ``Mention`` (kind "quantity") per count in the text,
with ``value`` (and ``value_max`` for a range), ``unit`` (people | soldiers | officers |
generals | money | other), ``category`` (killed | wounded | casualties | missing |
captured | detained | displaced | rescued | evacuated | affected | deployed | pledged |
needed | spent | other), ``qualifier`` (exact | approx | at_least | more_than | up_to),
``attribution``, and in ``extra``: ``group`` (people: children, women, civilians,
journalists, refugees ...), ``currency`` (money: ISO code), ``thing`` (other: houses,
tents ...) and ``place`` (the country or region the clause ties the count to).

A number is a count when (rules in order; words in ``data/quantities.yaml``, nouns in
:mod:`helpers.extractors.quantnoun`):

1. a noun of what it counts follows it ("500 ضابط", "50 شخصا", "28 طفلا", "مليار درهم",
   "32 خيمة"), or "من" + such a noun ("5000 من جنودها", "3 ملايين من السكان");
2. a category noun follows it ("300 قتيل", "820 حالة وفاة", "672 إصابة", "570 ألف
   لاجئ"): soldiers when the sentence speaks of armed forces and not of civilians or a
   disaster, else people;
3. its noun is left implicit but clear: "وأصيب 2700 آخرون" (the noun counted just before),
   "عدد القتلى ... بـ 600" (a count word and its noun before it), "بينها 110 ملايين" (a
   list after a count), "نزوح أكثر من 10 ملايين" (a cue of what happened to people);
4. it opens a range whose other end is such a count ("بين 11 و15 ألف جندي");
5. a dual personnel noun counts 2 ("الجنديين الكوريين").

Everything else — years, days, durations, distances, ages, percentages, article and
regiment numbers, vague plurals ("آلاف الجنود"), things not in the table — yields nothing.

The category comes from the noun itself, else a cue just before the count ("أرسلت",
"قتل", "تعهدت"), else a word right after the noun phrase ("قتلوا أو جرحوا": casualties;
"مصابا"), else the count it enumerates ("بينهم 500 ضابط"), else the unit's default; a
cue naming a category the unit cannot have (money "killed") is passed over.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..lang import morphology
from .attribution import attribute
from ..model import Mention
from ..lang.numbers import Cardinal, find_cardinals, scale_of
from .quantnoun import PUNCT_STOP, Doc, Noun, is_nisba, noun_after, of_noun, place_after
from .quantvocab import PEOPLE_CATEGORIES, strip, with_proclitics
from .text import TextContext

__all__ = ["find_quantities"]


@dataclass
class _Found:
    card: Cardinal
    nstart: int  # mention span (normalized)
    nend: int
    value: int
    noun: Noun
    category: str | None
    qualifier: str
    value_max: int | None = None
    end_token: int = 0  # index of the first token after the mention
    place: str | None = None

    @property
    def unit(self) -> str:
        return self.noun.unit


def _fit(d: Doc, unit: str, cat: str | None) -> str | None:
    """``cat`` as a category of ``unit`` (soldiers detained are captured), None when the
    unit cannot have it."""
    if cat is None:
        return None
    cat = d.t.unit_aliases.get(unit, {}).get(cat, cat)
    return cat if cat in d.t.unit_categories.get(unit, ()) else None


def _qualifier_before(d: Doc, i: int, lo: int) -> tuple[str, int] | None:
    """(qualifier, first token of the phrase) for a phrase ending at token i - 1."""
    index = d.t.qual_before_index
    last = d.word(i - 1)
    # the last word, or a one-word phrase carrying a proclitic ("وحوالي")
    found = {c for form in morphology.unclitic(last, "noun") for c in index.get(form, ())}
    for phrase, qual in (c for c in d.t.qual_before if c in found):  # longest first, as the table
        k = len(phrase)
        a = i - k
        if a < lo:
            continue
        words = [d.word(x) for x in range(a, i)]
        if words[1:] != list(phrase[1:]):
            continue
        first = words[0]
        if phrase[0] in morphology.unclitic(first, "noun"):
            return qual, a
    return None


def _qualifier_after(d: Doc, j: int, hi: int) -> tuple[str, int] | None:
    for phrase, qual in d.t.qual_after:
        if j + len(phrase) <= hi and [d.word(x) for x in range(j, j + len(phrase))] == list(phrase):
            return qual, j + len(phrase)
    return None


def _cue_at(d: Doc, i: int) -> tuple[str, int] | None:
    """(category, length in tokens) of a category cue starting at token i (longest first)."""
    for form in morphology.unclitic(d.word(i), "cue"):
        for phrase, cat in d.t.cue_index.get(form, ()):
            if all(d.word(i + k) == phrase[k] for k in range(1, len(phrase))):
                return cat, len(phrase)
    return None


def _category_before(d: Doc, i: int, lo: int, cards: set[int], reach: int = 3) -> str | None:
    """A cue in the (up to) ``reach`` words before token i, not past punctuation or a number."""
    x = i - 1
    steps = 0
    while x >= lo and steps < reach:
        w = d.word(x)
        if w in PUNCT_STOP or w[0].isdigit() or x in cards:
            return None
        c = _cue_at(d, x)
        if c:
            # "قتل أو أصيب نحو 4 آلاف جندي": both together are casualties
            y = x - 1
            if d.word(y) == "او":
                y -= 1
            elif not d.word(x).startswith(morphology.letter("wa")):
                y = lo - 1
            c0 = _cue_at(d, y) if y >= lo else None
            # ... unless that first verb belongs to a count before it ("قتلوا وأصيب 2700")
            z = y - 1
            while c0 and z >= lo and d.word(z) not in PUNCT_STOP:
                if z in cards or d.word(z)[0].isdigit():
                    c0 = None
                z -= 1
            if c0 and {c0[0], c[0]} == {"killed", "wounded"}:
                return "casualties"
            return c[0]
        x -= 1
        steps += 1
    return None


def _category_after(d: Doc, j: int, hi: int, cards: set[int]) -> str | None:
    """A verb right after the noun phrase ("جندي كوري شمالي قتلوا أو جرحوا")."""
    x = j
    stops = morphology.function_words("phrase_breaks")
    if d.word(j) == "بين" and strip(d.word(j + 1), d.t.category_nouns) and strip(d.word(j + 2), d.t.category_nouns):
        return "casualties"  # "1000 جندي بين قتيل وجريح"
    while x < hi and x < j + 5:
        w = d.word(x)
        if w in ("،", ",") and x == j and _cue_at(d, x + 1) and not d.word(x + 1).startswith(morphology.letter("wa")):
            x += 1  # "25 مليون شخص، يحتاجون ...": an apposition (not "، وإصابة ...": another count)
            continue
        if w in PUNCT_STOP or w == "-" or w[0].isdigit() or x in cards:
            return None
        c = _cue_at(d, x)
        if c is None and w in stops:
            return None
        if c:
            cat, n = c
            # "قتلوا أو جرحوا" / "قتلوا وجرحوا": both together are casualties, unless the
            # second verb opens a clause of its own count ("قتلوا وأصيب 2700 آخرون")
            y = x + n
            if d.word(y) in morphology.function_words("coordinators"):
                y += 1
            c2 = _cue_at(d, y)
            if c2 and {cat, c2[0]} == {"killed", "wounded"}:
                nxt = [d.word(z) for z in range(y + c2[1], y + c2[1] + 2)]
                if not any(z and z[0].isdigit() for z in nxt) and not any(
                        (y + c2[1] + k) in cards for k in range(2)):
                    return "casualties"
            return cat
        x += 1
    return None


def _same(p: _Found, after: int, inherit: bool = False) -> Noun:
    """A noun like the one of an earlier count (with its category when the count
    continues a list of them)."""
    n = p.noun
    return Noun(n.unit, p.category if inherit else None, after, group=n.group, currency=n.currency, thing=n.thing)


def _in_list(d: Doc, prev: _Found, i: int, prefix: str) -> bool:
    """Whether the figure at token i continues a list after ``prev`` ("، بينها 110 ملايين",
    "و244 مليونا", "و18 بعمالة مراكش")."""
    start = prev.end_token
    if prev.place:  # "1351 وفاة بإقليم الحوز، و492 ..."
        while start < i and d.word(start) not in ("،", ","):
            start += 1
    gap = [d.word(x) for x in range(start, i)]
    if not gap:
        return prefix == morphology.letter("wa")
    return all(g in ("و", "-", "،", ",") or strip(g, d.t.enumeration) for g in gap)


def _follows_implicit(d: Doc, j: int, hi: int, cards: set[int]) -> bool:
    """Whether what follows a bare figure lets it stand for a count: the end of the
    sentence, punctuation, a word joined by و, a follower word or a place ("بإقليم")."""
    w = d.word(j)
    if j >= hi or w in PUNCT_STOP or w == "-" or w in d.t.followers or w.startswith(morphology.letter("wa")):
        return True
    return place_after(d, j, j + 3, cards) is not None


def _implicit(d: Doc, i: int, j: int, si: int, lo: int, hi: int,
              cards: set[int], found: list[_Found], prefix: str, scaled: bool = False) -> Noun | None:
    """What a count whose noun is left implicit counts (see the module doc, rule 3)."""
    t = d.t
    w = d.word(j)
    prev_same = [f for f in found[-8:] if d.sentence(f.nstart) == si]
    if w in t.others and j < hi:
        if prev_same:
            return _same(prev_same[-1], j + 1)
        return Noun("soldiers" if d.military(si) else "people", None, j + 1)
    if w in t.case_words and prev_same and _in_list(d, prev_same[-1], i, prefix):
        return _same(prev_same[-1], j + 1, inherit=True)  # "و492 حالة بإقليم تارودانت"
    if is_nisba(d, w):  # "714 ألف سوداني لجأوا"
        cat = _category_after(d, j + 1, hi, cards)
        return Noun("people", cat, j + 1) if cat in PEOPLE_CATEGORIES else None
    listed = bool(prev_same) and _in_list(d, prev_same[-1], i, prefix)
    if listed and scaled:  # "بينها 110 ملايين تعهدت بها فرنسا"
        return _same(prev_same[-1], j, inherit=True)
    if w == "%" or not _follows_implicit(d, j, hi, cards):
        return None
    if listed:
        return _same(prev_same[-1], j, inherit=True)
    return _implicit_before(d, i, j, si, lo, hi, cards)


def _implicit_before(d: Doc, i: int, j: int, si: int, lo: int, hi: int, cards: set[int]) -> Noun | None:
    """A bare figure named by what comes before it: a count word and its noun ("عدد
    الوفيات بلغ 1643"), a category noun right before it ("والإصابات 5674"), a cue of what
    happened to people ("نزوح أكثر من 10 ملايين") or after it ("أجبرت 100 ألف على الفرار")."""
    prev = morphology.strip(d.word(i - 1), "cue") if i > lo else ""
    before = of_noun(d, prev, si) if prev.startswith(morphology.letter("al")) else None
    if before is not None and before.category:
        before.after = j  # "والإصابات 5674"
        return before
    qual = _qualifier_before(d, i, lo)
    cat = _category_before(d, qual[1] if qual else i, lo, cards - {i})
    if cat not in PEOPLE_CATEGORIES:
        cat = _category_after(d, j, hi, cards)
    hit = _count_word_noun(d, i, lo, si, cards)
    if hit is not None:
        hit.after = j
        return hit
    if cat in PEOPLE_CATEGORIES:
        return Noun(d.unit_for(si, cat), cat, j)
    return None


def _count_word_noun(d: Doc, i: int, lo: int, si: int, cards: set[int]) -> Noun | None:
    """The noun of a count word before token i in its clause ("عدد الوفيات بلغ", "عدد
    القتلى ... بـ"), not past another number."""
    t = d.t
    x = i - 1
    while x >= lo and x >= i - 12:
        if x in cards:
            return None
        cw = d.word(x)
        if cw in t.count_words or strip(cw, t.count_words):
            nxt = d.word(x + 1)
            hit = of_noun(d, nxt, si)
            base = morphology.strip(nxt, "definite")
            if hit is None and (nxt in t.nouns or base in t.nouns):
                hit = Noun(t.nouns.get(nxt) or t.nouns[base], None, i)
            if hit is None and d.military(si):
                hit = Noun("soldiers", None, i)
            return hit
        x -= 1
    return None


def _range_to_next(d: Doc, cards: list[Cardinal], n: int, c: Cardinal, j: int, si: int,
                   tok_of: dict[int, int]) -> tuple[Noun, int, Cardinal, Cardinal] | None:
    """A range whose second end carries the noun: "بين 11 و15 ألف جندي", "من 10 إلى 12
    ألفا" -> (noun, upper value, the second number, the first with its scale)."""
    nxt = cards[n + 1] if n + 1 < len(cards) else None
    if nxt is None:
        return None
    between = d.ctx.ntext[c.end:nxt.start].strip()
    joined = between in d.t.range_joiners or (
        between == "" and d.ctx.ntext[nxt.start - 1:nxt.start] == morphology.letter("wa"))
    if not joined or tok_of[id(nxt)] > j + 1:
        return None
    noun2 = noun_after(d, d.ctx.token_index(nxt.end), si)
    lo_v = c.value
    scale = scale_of(nxt.text)
    if scale_of(c.text) == 1 and scale > 1 and lo_v * scale <= nxt.value:
        lo_v *= scale
    if noun2 is None or lo_v >= nxt.value:
        return None
    return noun2, nxt.value, nxt, Cardinal(c.start, c.end, lo_v, c.text)


def _token_of(d: Doc, cards: list[Cardinal]) -> dict[int, int]:
    """The token holding each number (a number glued to a proclitic, "و2700", "ب600", or
    to another number, "11-12", starts inside a token)."""
    tok_of: dict[int, int] = {}
    for c in cards:
        k = d.ctx.token_index(c.start)
        if k >= len(d.toks) or d.toks[k].start != c.start:
            k -= 1
        tok_of[id(c)] = k
    return tok_of


def _qualify(d: Doc, i: int, lo: int, hi: int, after: int, glued: bool, prefix: str,
             c: Cardinal, ranged: bool) -> tuple[str, int, tuple[str, int] | None]:
    """(qualifier, normalized start of the mention, the qualifier after the noun)."""
    t = d.t
    wa, bi = morphology.letter("wa"), morphology.letter("bi")
    qual_hit = _qualifier_before(d, i, lo) if not glued or prefix == wa else None
    nstart, qualifier = c.start, "exact"
    if qual_hit:
        qualifier, qa = qual_hit
        nstart = d.toks[qa].start
    elif (glued and prefix.endswith(bi) or d.word(i - 1) in (bi, wa + bi)) and any(
            strip(d.word(x), t.estimate) for x in range(max(lo, i - 8), i)):
        qualifier = "approx"  # "قدر عدد القتلى بـ 600"
    after_q = _qualifier_after(d, after, hi)
    if after_q and qualifier == "exact":
        qualifier = after_q[0]
    if ranged and qualifier == "exact":
        qualifier = "approx"  # a range is an estimate
    return qualifier, nstart, after_q


def _categorize(d: Doc, noun: Noun, first_tok: int, after: int, lo: int, hi: int, i: int,
                si: int, cards: set[int], found: list[_Found], glued: bool, prefix: str) -> str:
    """The count's category: its noun's, a cue before, a word after, the count it
    enumerates, else the unit's default (cues the unit cannot have are passed over)."""
    unit = noun.unit
    reach = 8 if unit == "money" else 3  # "مساعدة مالية مستعجلة بقيمة 30 ألف درهم"
    counted = _count_word_noun(d, first_tok, lo, si, cards - {i})  # "عدد وفيات ... إلى 2497 شخصا"
    for cat in (noun.category, _category_before(d, first_tok, lo, cards - {i}, reach),
                _category_after(d, after, hi, cards), counted.category if counted else None):
        fit = _fit(d, unit, cat)
        if fit:
            return fit
    prev = [f for f in found[-8:] if d.sentence(f.nstart) == si]
    if prev:
        gap = [d.word(x) for x in range(prev[-1].end_token, first_tok)]
        wa = glued and prefix == morphology.letter("wa")
        if any(strip(g, d.t.enumeration) for g in gap) or (gap and all(g in ("و", "-", "،") for g in gap)) \
                or (wa and (not gap or prev[-1].unit == unit and gap[-1] in ("،", ","))):
            fit = _fit(d, unit, prev[-1].category)
            if fit:
                return fit
    return d.t.group_defaults.get(noun.group or "") or d.t.unit_defaults.get(unit, d.t.default_category)


def _resolve(d: Doc, cards: list[Cardinal]) -> list[_Found]:
    t = d.t
    tok_of = _token_of(d, cards)
    card_starts = set(tok_of.values())
    found: list[_Found] = []
    skip: set[int] = set()
    for n, c in enumerate(cards):
        if id(c) in skip:
            continue
        i = tok_of[id(c)]
        glued = d.toks[i].start < c.start if i < len(d.toks) else False
        prefix = d.ctx.ntext[d.toks[i].start:c.start] if glued else ""
        j = d.ctx.token_index(c.end)
        si = d.sentence(c.start)
        lo, hi = d.sentence_tokens(si)
        if d.word(i - 1) in t.not_after and not glued:
            continue
        noun = noun_after(d, j, si)
        value_max = None
        end_card = c
        if noun is None:
            rng = _range_to_next(d, cards, n, c, j, si, tok_of)
            if rng is not None:
                noun, value_max, end_card, c = rng
                skip.add(id(end_card))
        if noun is None:
            noun = _implicit(d, i, j, si, lo, hi, card_starts, found, prefix, scale_of(c.text) > 1)
            if noun is None:
                continue
        qualifier, nstart, after_q = _qualify(d, i, lo, hi, noun.after, glued, prefix, c, value_max is not None)
        first_tok = i if nstart == c.start else d.ctx.token_index(nstart)
        category = _categorize(d, noun, first_tok, noun.after, lo, hi, i, si, card_starts, found, glued, prefix)
        nend_tok = after_q[1] if after_q else noun.after
        nend = d.toks[nend_tok - 1].end if nend_tok > 0 else c.end
        nend = max(nend, end_card.end)
        place = place_after(d, nend_tok, hi, card_starts)
        found.append(_Found(c, nstart, nend, c.value, noun, category, qualifier, value_max,
                            end_token=nend_tok, place=place))
    return found


def _duals(d: Doc, taken: list[tuple[int, int]]) -> list[_Found]:
    """Dual personnel nouns: "الجنديين الكوريين" counts 2."""
    out = []
    forms = with_proclitics(d.t.dual_nouns)
    for k, tok in enumerate(d.toks):
        base = forms.get(tok.text)
        if base is None or any(a <= tok.start < b for a, b in taken):
            continue
        unit = d.t.dual_nouns[base]
        si = d.sentence(tok.start)
        lo, hi = d.sentence_tokens(si)
        category = _category_after(d, k + 1, hi, set()) or _category_before(d, k, lo, set())
        if category is None:
            # "اللذين وقعا في الأسر": look through a relative clause to the end of the sentence
            for x in range(k + 1, min(hi, k + 8)):
                c = _cue_at(d, x)
                if c:
                    category = c[0]
                    break
        c = Cardinal(tok.start, tok.end, 2, tok.text)
        out.append(_Found(c, tok.start, tok.end, 2, Noun(unit, None, k + 1),
                          _fit(d, unit, category) or d.t.default_category, "exact", end_token=k + 1))
    return out


def find_quantities(ctx: TextContext) -> list[Mention]:
    """Every count in ``ctx.text``, in text order."""
    d = Doc(ctx)
    found = _resolve(d, find_cardinals(ctx.ntext))
    found += _duals(d, [(f.nstart, f.nend) for f in found])
    found.sort(key=lambda f: f.nstart)
    out = []
    for f in found:
        m = ctx.mention(
            "quantity", f.nstart, f.nend,
            value=f.value, value_max=f.value_max, unit=f.unit, category=f.category,
            qualifier=f.qualifier,
        )
        for name, v in (("group", f.noun.group), ("currency", f.noun.currency),
                        ("thing", f.noun.thing), ("place", f.place)):
            if v:
                m.extra[name] = v
        m.attribution = attribute(ctx, m.start)
        out.append(m)
    return out
