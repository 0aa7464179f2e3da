"""Personnel counts: "ما يقارب 12 ألف جندي", "أكثر من ثلاثة آلاف جندي قتلوا أو جرحوا".

:func:`find_quantities` returns one ``Mention`` (kind "quantity") per count of troops in
the text, with ``value`` (and ``value_max`` for a range), ``unit`` (soldiers | officers |
generals), ``category`` (deployed | killed | wounded | casualties | captured),
``qualifier`` (exact | approx | at_least | more_than | up_to) and ``attribution``.

A number is a personnel count when (rules in order; words in ``data/quantities.yaml``):

1. a personnel noun follows it ("500 ضابط", "11 ألف جندي"), or "من" + a force noun
   ("5000 من جنودها", "1500 من قوات");
2. a casualty noun follows it ("300 قتيل", "2700 جريح") and the sentence or the one
   before speaks of armed forces;
3. its noun is left implicit but clear: "وأصيب 2700 آخرون" (the noun counted just before),
   "عدد القتلى ... بـ 600", "العدد الإجمالي إلى ثلاثة آلاف" (a count word before it in the
   sentence, about armed forces);
4. it opens a range whose other end is such a count ("بين 11 و15 ألف جندي");
5. a dual personnel noun counts 2 ("الجنديين الكوريين").

Everything else — years, days, durations, distances, article and regiment numbers,
vague plurals ("آلاف الجنود"), other things ("5 قواعد"), civilians — yields nothing.

The category comes from the noun itself, else a cue just before the count ("أرسلت",
"قتل", "أسر"), else a verb right after the noun phrase ("قتلوا أو جرحوا": casualties),
else the count it enumerates ("بينهم 500 ضابط"), else ``default_category``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lang import morphology
from ..lang.arabic import fold
from .attribution import attribute
from ..model import Mention
from ..lang.numbers import Cardinal, find_cardinals, scale_of
from ..lang.tables import load_data_table
from .text import TextContext

_PUNCT_STOP = set("،,.;:!?؟()[]{}\"'«»")


@dataclass(frozen=True)
class _Tables:
    nouns: dict[str, str]
    of_nouns: dict[str, str]
    possessive: tuple[str, ...]
    category_nouns: dict[str, str]
    dual_nouns: dict[str, str]
    military: frozenset[str]
    count_words: frozenset[str]
    others: frozenset[str]
    followers: frozenset[str]
    range_joiners: frozenset[str]
    qual_before: tuple[tuple[tuple[str, ...], str], ...]
    qual_after: tuple[tuple[tuple[str, ...], str], ...]
    estimate: frozenset[str]
    cue_index: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> (phrase, category)
    enumeration: frozenset[str]
    default_category: str
    weak: frozenset[str]
    not_after: frozenset[str]


def _index_cues(cues: dict) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for cat, phrases in cues.items():
        for p in phrases:
            words = tuple(fold(p).split())
            out.setdefault(words[0], []).append((words, cat))
    for v in out.values():
        v.sort(key=lambda x: -len(x[0]))
    return out


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = load_data_table("quantities.yaml")

    def by_key(d: dict) -> dict[str, str]:
        return {fold(w): k for k, ws in d.items() for w in ws}

    def phrases(d: dict) -> tuple:
        items = [(tuple(fold(p).split()), k) for k, ps in d.items() for p in ps]
        return tuple(sorted(items, key=lambda x: -len(x[0])))

    fw = lambda key: frozenset(fold(w) for w in raw[key])  # noqa: E731
    return _Tables(
        nouns=by_key(raw["nouns"]),
        of_nouns=by_key(raw["of_nouns"]),
        possessive=morphology.suffixes("possessive"),
        category_nouns=by_key(raw["category_nouns"]),
        dual_nouns=by_key(raw["dual_nouns"]),
        military=fw("military_words") | (frozenset(by_key(raw["nouns"])) - fw("weak_nouns")),
        count_words=fw("count_words"),
        others=fw("others_words"),
        followers=fw("implicit_followers"),
        range_joiners=fw("range_joiners"),
        qual_before=phrases(raw["qualifiers_before"]),
        qual_after=phrases(raw["qualifiers_after"]),
        estimate=fw("estimate_words"),
        cue_index=_index_cues(raw["category_cues"]),
        enumeration=fw("enumeration_words"),
        default_category=raw["default_category"],
        weak=fw("weak_nouns"),
        not_after=fw("not_after"),
    )


def _strip(word: str, known) -> str | None:
    """``word`` or ``word`` without a proclitic, whichever is in ``known``."""
    return _with_proclitics(known).get(word)


_FORMS: dict[int, tuple[object, dict[str, str]]] = {}


def _with_proclitics(known) -> dict[str, str]:
    """Every form of the words of ``known`` with and without a proclitic -> the word
    (the word itself first, then the proclitics in their order), built once per table."""
    hit = _FORMS.get(id(known))
    if hit is not None and hit[0] is known:
        return hit[1]
    forms = {w: w for w in known}
    for p in morphology.proclitics("noun"):
        for w in known:
            forms.setdefault(p + w, w)
    _FORMS[id(known)] = (known, forms)
    return forms


@dataclass
class _Found:
    card: Cardinal
    nstart: int  # mention span (normalized)
    nend: int
    value: int
    unit: str
    category: str | None
    qualifier: str
    value_max: int | None = None
    end_token: int = 0  # index of the first token after the mention


class _Doc:
    """Per-text state: the context's tokens and sentences, military-context lookups."""

    def __init__(self, ctx: TextContext):
        self.ctx = ctx
        self.t = _tables()
        self.toks = ctx.tokens
        self.sentence = ctx.nsentence_index
        self._military: dict[int, bool] = {}

    def sentence_tokens(self, si: int) -> tuple[int, int]:
        if not self.ctx.nsentence_spans:
            return 0, len(self.toks)
        s, e = self.ctx.nsentence_spans[si]
        return self.ctx.token_index(s), self.ctx.token_index(e)

    def military(self, si: int) -> bool:
        """Whether sentence ``si`` or the one before it speaks of armed forces."""
        def one(k: int) -> bool:
            if k not in self._military:
                a, b = self.sentence_tokens(k)
                self._military[k] = any(_strip(x.text, self.t.military) for x in self.toks[a:b])
            return self._military[k]
        return one(si) or (si > 0 and one(si - 1))

    def word(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < len(self.toks) else ""


def _noun_after(d: _Doc, j: int, si: int) -> tuple[str, str | None, int] | None:
    """(unit, category, first token after the noun) for the noun at token j (same sentence)."""
    t = d.t
    hi = d.sentence_tokens(si)[1]
    if j >= hi:
        return None
    w = d.word(j)
    if w in t.nouns:
        if w in t.weak and not d.military(si):
            return None
        return t.nouns[w], None, j + 1
    if w in t.category_nouns:
        if not d.military(si):
            return None
        cat = t.category_nouns[w]
        # "3000 قتيل وجريح": killed and wounded together
        other = _strip(d.word(j + 1), t.category_nouns) if d.word(j + 1).startswith(morphology.letter("wa")) else None
        if other and {cat, t.category_nouns[other]} == {"killed", "wounded"}:
            return "soldiers", "casualties", j + 2
        return "soldiers", cat, j + 1
    if w == "بين" and d.word(j + 1) in t.category_nouns:
        # "3 آلاف بين قتيل وجريح"
        second = _strip(d.word(j + 2), t.category_nouns)
        if second and second != t.category_nouns[d.word(j + 1)] and d.military(si):
            return "soldiers", "casualties", j + 3
    if w == "من" and j + 1 < hi:
        nxt = d.word(j + 1)
        base = morphology.strip(nxt, "definite")
        for cand in [base] + [base[: -len(p)] for p in t.possessive if base.endswith(p)]:
            if cand in t.of_nouns:
                return t.of_nouns[cand], None, j + 2
    return None


def _qualifier_before(d: _Doc, i: int, lo: int) -> tuple[str, int] | None:
    """(qualifier, first token of the phrase) for a phrase ending at token i - 1."""
    for phrase, qual in d.t.qual_before:
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


def _qualifier_after(d: _Doc, j: int, hi: int) -> tuple[str, int] | None:
    for phrase, qual in d.t.qual_after:
        if j + len(phrase) <= hi and [d.word(x) for x in range(j, j + len(phrase))] == list(phrase):
            return qual, j + len(phrase)
    return None


def _cue_at(d: _Doc, i: int) -> tuple[str, int] | None:
    """(category, length in tokens) of a category cue starting at token i (longest first)."""
    for form in morphology.unclitic(d.word(i), "cue"):
        for phrase, cat in d.t.cue_index.get(form, ()):
            if all(d.word(i + k) == phrase[k] for k in range(1, len(phrase))):
                return cat, len(phrase)
    return None


def _category_before(d: _Doc, i: int, lo: int, cards: set[int]) -> str | None:
    """A cue in the (up to) three words before token i, not past punctuation or a number."""
    x = i - 1
    steps = 0
    while x >= lo and steps < 3:
        w = d.word(x)
        if w in _PUNCT_STOP or w[0].isdigit() or x in cards:
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
            while c0 and z >= lo and d.word(z) not in _PUNCT_STOP:
                if z in cards or d.word(z)[0].isdigit():
                    c0 = None
                z -= 1
            if c0 and {c0[0], c[0]} == {"killed", "wounded"}:
                return "casualties"
            return c[0]
        x -= 1
        steps += 1
    return None


def _category_after(d: _Doc, j: int, hi: int, cards: set[int]) -> str | None:
    """A verb right after the noun phrase ("جندي كوري شمالي قتلوا أو جرحوا")."""
    x = j
    stops = morphology.function_words("phrase_breaks")
    if d.word(j) == "بين" and _strip(d.word(j + 1), d.t.category_nouns) and _strip(d.word(j + 2), d.t.category_nouns):
        return "casualties"  # "1000 جندي بين قتيل وجريح"
    while x < hi and x < j + 5:
        w = d.word(x)
        if w in _PUNCT_STOP or w == "-" or w[0].isdigit() or x in cards or w in stops:
            return None
        c = _cue_at(d, x)
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


def _implicit(d: _Doc, card: Cardinal, i: int, j: int, si: int, lo: int, hi: int,
              cards: set[int], found: list[_Found]) -> tuple[str, str | None, int] | None:
    """(unit, category, first token after) for a count whose noun is left implicit."""
    t = d.t
    w = d.word(j)
    prev_same = [f for f in found[-8:] if d.sentence(f.nstart) == si]
    if w in t.others and j < hi:
        if prev_same:
            return prev_same[-1].unit, None, j + 1
        return ("soldiers", None, j + 1) if d.military(si) else None
    # what follows must not be the noun of some other measure
    if j < hi and w not in _PUNCT_STOP and w != "-" and w not in t.followers \
            and not w.startswith(morphology.letter("wa")):
        return None
    if w == "%":
        return None
    x = i - 1
    while x >= lo and x >= i - 12:
        if x in cards:
            return None
        cw = d.word(x)
        if cw in t.count_words or _strip(cw, t.count_words):
            nxt = d.word(x + 1)
            base = morphology.strip(nxt, "definite")
            if not d.military(si):
                return None
            if nxt in t.category_nouns or base in t.category_nouns:
                return "soldiers", t.category_nouns.get(nxt) or t.category_nouns[base], j
            if nxt in t.nouns or base in t.nouns:
                return t.nouns.get(nxt) or t.nouns[base], None, j
            if base in t.of_nouns:
                return t.of_nouns[base], None, j
            return "soldiers", None, j
        x -= 1
    return None


def _range_to_next(d: _Doc, cards: list[Cardinal], n: int, c: Cardinal, j: int, si: int,
                   tok_of: dict[int, int]) -> tuple[tuple[str, str | None, int], int, Cardinal, Cardinal] | None:
    """A range whose second end carries the noun: "بين 11 و15 ألف جندي", "من 10 إلى 12
    ألفا" -> (noun, upper value, the second number, the first with its scale)."""
    t = d.t
    nxt = cards[n + 1] if n + 1 < len(cards) else None
    if nxt is None:
        return None
    between = d.ctx.ntext[c.end:nxt.start].strip()
    joined = between in t.range_joiners or (
        between == "" and d.ctx.ntext[nxt.start - 1:nxt.start] == morphology.letter("wa"))
    if not joined or tok_of[id(nxt)] > j + 1:
        return None
    noun2 = _noun_after(d, d.ctx.token_index(nxt.end), si)
    lo_v = c.value
    scale = scale_of(nxt.text)
    if scale_of(c.text) == 1 and scale > 1 and lo_v * scale <= nxt.value:
        lo_v *= scale
    if noun2 is None or lo_v >= nxt.value:
        return None
    return noun2, nxt.value, nxt, Cardinal(c.start, c.end, lo_v, c.text)


def _resolve(d: _Doc, cards: list[Cardinal]) -> list[_Found]:
    t = d.t
    # the token holding each number (a number glued to a proclitic, "و2700", "ب600", or to
    # another number, "11-12", starts inside a token)
    tok_of: dict[int, int] = {}
    for c in cards:
        k = d.ctx.token_index(c.start)
        if k >= len(d.toks) or d.toks[k].start != c.start:
            k -= 1
        tok_of[id(c)] = k
    card_starts = set(tok_of.values())
    wa, bi = morphology.letter("wa"), morphology.letter("bi")
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
        noun = _noun_after(d, j, si)
        value_max = None
        end_card = c
        if noun is None:
            rng = _range_to_next(d, cards, n, c, j, si, tok_of)
            if rng is not None:
                noun, value_max, end_card, c = rng
                skip.add(id(end_card))
        if noun is None:
            noun = _implicit(d, c, i, j, si, lo, hi, card_starts, found)
            if noun is None:
                continue
        unit, category, after = noun
        # qualifier
        qual_hit = _qualifier_before(d, i, lo) if not glued or prefix == wa else None
        nstart = c.start
        qualifier = "exact"
        if qual_hit:
            qualifier, qa = qual_hit
            nstart = d.toks[qa].start
        elif (glued and prefix.endswith(bi) or d.word(i - 1) in (bi, wa + bi)) and any(
                _strip(d.word(x), t.estimate) for x in range(max(lo, i - 8), i)):
            qualifier = "approx"  # "قدر عدد القتلى بـ 600"
        after_q = _qualifier_after(d, after, hi)
        if after_q and qualifier == "exact":
            qualifier = after_q[0]
        if value_max is not None and qualifier == "exact":
            qualifier = "approx"  # a range is an estimate
        # category
        first_tok = d.ctx.token_index(nstart)
        if category is None:
            category = _category_before(d, first_tok, lo, card_starts - {i})
        if category is None:
            category = _category_after(d, after, hi, card_starts)
        if category is None:
            prev = [f for f in found[-8:] if d.sentence(f.nstart) == si]
            if prev:
                gap = [d.word(x) for x in range(prev[-1].end_token, first_tok)]
                if any(_strip(g, t.enumeration) for g in gap) or (gap and all(g in ("و", "-", "،") for g in gap)) \
                        or (not gap and glued and prefix == wa):
                    category = prev[-1].category
        nend_tok = after
        if after_q:
            nend_tok = after_q[1]
        nend = d.toks[nend_tok - 1].end if nend_tok > 0 else c.end
        nend = max(nend, end_card.end)
        found.append(_Found(c, nstart, nend, c.value, unit, category or t.default_category, qualifier,
                            value_max, end_token=nend_tok))
    return found


def _duals(d: _Doc, taken: list[tuple[int, int]]) -> list[_Found]:
    """Dual personnel nouns: "الجنديين الكوريين" counts 2."""
    out = []
    forms = _with_proclitics(d.t.dual_nouns)
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
        out.append(_Found(c, tok.start, tok.end, 2, unit, category or d.t.default_category, "exact",
                          end_token=k + 1))
    return out


def find_quantities(ctx: TextContext) -> list[Mention]:
    """Every personnel count in ``ctx.text``, in text order."""
    d = _Doc(ctx)
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
        m.attribution = attribute(ctx, m.start)
        out.append(m)
    return out
