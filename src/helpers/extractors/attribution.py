"""Who the article says a claim comes from.

:func:`attribute` reads the sentence around an offset of ``Article.text`` and returns the
source as written in the text ("الرئيس الأوكراني فولوديمير زيلينسكي", "الاستخبارات
الأوكرانية"), or None when the article states the claim in its own voice.

Rules (the words are in ``data/attribution.yaml``):

* reporting verb + subject, either order: "قال X إن …", "X قال …", "كانت X قد ذكرت …";
* phrases whose object is the source: "بحسب X", "وفقا لـ X", "نقلا عن X", "حسبما ذكرت
  X", "وفق X" (also at the end of the sentence), "جاء في X";
* a reporting verb with no subject ("وأشارت إلى أن …", "وأضاف: …") takes the last source
  named in the previous sentences, preferring one whose gender agrees with the verb;
* a count inside a quotation belongs to the speaker of the quotation, named before the
  opening quote mark or after the closing one;
* "يذكر أن", "يشار إلى أن" are the article's own voice;
* a name goes on through "ل"/"لل" + a noun after the name of a body ("المنظمة الدولية
  للهجرة"), through "في" + a body or a country after a person of no name ("مسؤولون في
  الأمم المتحدة"), through an apposition between commas ("، فوزي لقجع،") and a bracketed
  acronym ("(ACLED)"); a body's document may open it ("حسب حصيلة لوزارة الداخلية");
* a headline "SOURCE: claim" names its source before the colon (not a label: "عاجل:");
* a vague source ("التقارير", "مصادر") gives way to a named one in the same sentence.

Within a sentence the nearest source before the claim wins; a source named only after the
claim ("…، وفق النائب") is used when there is none before.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lang import morphology
from ..lang.arabic import fold
from ..lang.morphology import Token
from ..lang.tables import load_data_table
from .text import TextContext

# --- tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tables:
    verbs: dict[str, str]  # form -> gender m|f|p
    verb_requires: dict[str, str]  # form -> a word that must follow in the sentence
    impersonal: tuple[tuple[str, ...], ...]
    according: tuple[tuple[str, ...], ...]
    glue: frozenset[str]
    stops: frozenset[str]
    lead_ins: frozenset[str]
    feminine_heads: frozenset[str]
    addressee_heads: frozenset[str]
    after_verb: frozenset[str]
    max_words: int
    impersonal_index: dict[str, list[tuple[str, ...]]]
    according_index: dict[str, list[tuple[str, ...]]]
    body_heads: frozenset[str]
    person_heads: frozenset[str]
    in_bodies: tuple[tuple[str, ...], ...]
    headline_labels: frozenset[str]
    vague: frozenset[str]
    documents: frozenset[str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = load_data_table("attribution.yaml")
    verbs: dict[str, str] = {}
    requires: dict[str, str] = {}
    for entry in raw["verbs"]:
        for gender in ("m", "f", "p"):
            for form in entry.get(gender, []):
                verbs[fold(form)] = gender
                if entry.get("requires_after"):
                    requires[fold(form)] = fold(entry["requires_after"])
    phrases = lambda key: tuple(sorted((tuple(fold(p).split()) for p in raw[key]), key=len, reverse=True))  # noqa: E731

    def index(key: str) -> dict[str, list[tuple[str, ...]]]:
        out: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases(key):
            out.setdefault(p[0], []).append(p)
        return out

    return _Tables(
        verbs=verbs,
        verb_requires=requires,
        impersonal=phrases("impersonal"),
        according=phrases("according_to"),
        glue=frozenset(fold(w) for w in raw["according_to_glue"]),
        stops=frozenset(fold(w) for w in raw["stops"]),
        lead_ins=frozenset(fold(w) for w in raw["lead_ins"]),
        feminine_heads=frozenset(fold(w) for w in raw["feminine_heads"]),
        addressee_heads=frozenset(fold(w) for w in raw["addressee_heads"]),
        after_verb=frozenset(fold(w) for w in raw["after_verb"]),
        max_words=int(raw["max_words"]),
        impersonal_index=index("impersonal"),
        according_index=index("according_to"),
        body_heads=frozenset(fold(w) for w in raw["body_heads"]),
        person_heads=frozenset(fold(w) for w in raw["person_heads"]),
        in_bodies=phrases("in_bodies"),
        headline_labels=frozenset(fold(w) for w in raw["headline_labels"]),
        vague=frozenset(fold(w) for w in raw["vague_sources"]),
        documents=frozenset(fold(w) for w in raw["document_heads"]),
    )


def _bare_verb(word: str) -> str | None:
    """The reporting verb a word is, its proclitic peeled off ("وقال" -> "قال")."""
    return morphology.strip(word, "verb", _tables().verbs)


def _verb_gender(word: str) -> str | None:
    bare = _bare_verb(word)
    return _tables().verbs[bare] if bare is not None else None


_OBJECT_PRONOUNS = ("ها", "هم", "هن", "ه")


def _object_verb(word: str) -> bool:
    """A reporting verb with its object attached ("أوردتها", "نشرها")."""
    return any(word.endswith(p) and len(word) > len(p) + 2 and _verb_gender(word[:-len(p)]) is not None
               for p in _OBJECT_PRONOUNS)


def _owner(toks: list[Token], np: tuple[int, int]) -> tuple[tuple[int, int], bool]:
    """The body a document belongs to, when the name is a document of it: "حصيلة محينة
    لوزارة الداخلية" -> "وزارة الداخلية" (the "ل" is glued: True), "بيان الوزارة" -> "الوزارة";
    else the name as it is."""
    t = _tables()
    li, al = morphology.letter("li"), morphology.letter("al")
    a, b = np
    head = toks[a].text.strip('"')
    if head not in t.documents or b - a < 2:
        return np, False
    if toks[a + 1].text.startswith(al):
        return (a + 1, b), False
    for k in range(a + 1, b):
        w = toks[k].text
        if w.startswith(li) and len(w) > len(li) + 2:
            return (k, b), True
        if w.startswith(al):
            break
    return np, False


# --- cues ----------------------------------------------------------------------------------


@dataclass
class Cue:
    pos: int  # normalized position of the cue word
    sentence: int
    source: tuple[int, int] | None  # normalized span of the source's name
    gender: str | None  # of the verb (m|f|p) when the source must be inherited
    own_voice: bool = False
    glued_l: bool = False  # source written with a glued "ل" (للاستخبارات)


def _is_word(tok: Token) -> bool:
    return tok.text[0].isalnum() or tok.text[0] == "_"


def _continues(toks: list[Token], i: int, j: int, end: int) -> int:
    """Tokens of a name's continuation at token j (the name began at token i): "لل"/"ل" + a
    noun after a body ("المنظمة الدولية للهجرة"), "في" + a body or a country after a
    person of no name ("مسؤولون في الأمم المتحدة"); 0 when the name ends at j."""
    t = _tables()
    li, lil = morphology.letter("li"), morphology.letter("lil")
    heads: set[str] = set()
    for tok in toks[i:j]:  # the name's words so far, with a glued "ل" ("لمصفوفة", "للمنظمة")
        word = tok.text.strip('"')
        heads.update({word, word[len(li):], "ا" + word[len(li):]} if word.startswith(li) else {word})
    w = toks[j].text
    if w.startswith(li) and heads & t.body_heads:
        rest = w[len(lil):] if w.startswith(lil) else w[len(li):]
        if rest not in t.addressee_heads and "ال" + rest not in t.addressee_heads and len(rest) > 2:
            return 1
    if w == "في" and heads & t.person_heads:
        for words in t.in_bodies:
            if all(j + 1 + n < end and toks[j + 1 + n].text == words[n] for n in range(len(words))):
                return 1 + len(words)
    return 0


def _apposition(toks: list[Token], j: int, end: int) -> int:
    """Tokens of an apposition between commas right after a name ("، فوزي لقجع،"): the
    comma and up to three words (not the closing comma); 0 when there is none."""
    if j >= end or toks[j].text not in ("،", ","):
        return 0
    t = _tables()
    k = j + 1
    while k < end and k <= j + 3 and _is_word(toks[k]) and not toks[k].text[0].isdigit() \
            and toks[k].text not in t.stops and _verb_gender(toks[k].text) is None:
        k += 1
    return k - j if k > j + 1 and k < end and toks[k].text in ("،", ",") else 0


def _np_after(toks: list[Token], i: int, end: int, allow_first_l: bool = False) -> tuple[int, int] | None:
    """Token range [i, j) of a name starting at token i (None if there is none)."""
    t = _tables()
    li, lil = morphology.letter("li"), morphology.letter("lil")
    j = i
    words = 0
    while j < end and words < t.max_words:
        tok = toks[j]
        if tok.text == '"':
            j += 1
            continue
        more = _continues(toks, i, j, end) if j > i else 0
        if more:
            j += more
            words += more
            continue
        if not _is_word(tok) or tok.text[0].isdigit():
            more = _apposition(toks, j, end) if words else 0
            if more:
                j += more
                words += more
                continue
            break
        w = tok.text
        if w in t.stops and not (j == i and w in t.body_heads) or j > i and (
                _verb_gender(w) is not None or _object_verb(w)):
            break  # ("حسب حصيلة لوزارة الداخلية": a document of a body may open the name)
        if j > i and (w.startswith(lil) or w.startswith(li) and w[len(li):] in t.addressee_heads):
            break  # "للصحافيين", "لوكالة رويترز": to whom, not who
        j += 1
        words += 1
    # an acronym in brackets after the name: "مشروع بيانات … (ACLED)"
    if words and j + 2 < end and toks[j].text == "(" and _is_word(toks[j + 1]) and toks[j + 2].text == ")":
        j += 3
    # drop quote marks at the edges
    while j > i and toks[j - 1].text == '"':
        j -= 1
    while i < j and toks[i].text == '"':
        i += 1
    if words == 0 or i >= j:
        return None
    return i, j


def _headline_source(toks: list[Token], i0: int, i1: int) -> tuple[int, int] | None:
    """"SOURCE: claim" at the start of a sentence (a headline's "الصحة العالمية: …"):
    the token range of SOURCE, or None."""
    t = _tables()
    for k in range(i0, min(i1, i0 + 7)):
        if toks[k].text == ":":
            words = [x for x in toks[i0:k] if x.text != '"']
            if not words or words[0].text in t.headline_labels:
                return None
            if all(_is_word(x) and not x.text[0].isdigit() and x.text not in t.stops
                   and _verb_gender(x.text) is None for x in words):
                a = i0 + (1 if toks[i0].text == '"' else 0)
                b = k - (1 if toks[k - 1].text == '"' else 0)
                return (a, b) if b > a else None
            return None
        if not _is_word(toks[k]) and toks[k].text != '"':
            return None
    return None


def _np_before(toks: list[Token], i: int, start: int) -> tuple[int, int] | None:
    """The subject written before the verb at token i ("زيلينسكي قال", "كانت الوكالة قد ذكرت")."""
    t = _tables()
    j = i
    while j > start and toks[j - 1].text in t.lead_ins:
        j -= 1
    k = j
    while k > start and _is_word(toks[k - 1]) and not toks[k - 1].text[0].isdigit() \
            and toks[k - 1].text not in t.stops and toks[k - 1].text not in t.lead_ins \
            and _verb_gender(toks[k - 1].text) is None:
        k -= 1
    while k < j and toks[k].text in t.lead_ins:
        k += 1
    if k == j or j - k > t.max_words:
        return None
    # only a clause-initial subject: sentence start, a comma, or a lead-in before it
    if k > start and toks[k - 1].text not in ("،", ",", ":", "-") and toks[k - 1].text not in t.lead_ins:
        return None
    return k, j


def _phrases_at(toks: list[Token], i: int, end: int, index: dict[str, list[tuple[str, ...]]]) -> tuple[str, ...] | None:
    """The longest phrase of ``index`` (keyed by first word) starting at token i."""
    best = None
    for form in morphology.unclitic(toks[i].text, "verb"):
        for phrase in index.get(form, ()):
            if (best is None or len(phrase) > len(best)) and _match_phrase(toks, i, end, phrase):
                best = phrase
    return best


def _match_phrase(toks: list[Token], i: int, end: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > end:
        return False
    for n, w in enumerate(phrase):
        tok = toks[i + n].text
        if n == 0:
            if tok != w and w not in morphology.unclitic(tok, "verb"):
                return False
        elif tok != w:
            return False
    return True


def _sentence_cues(ctx: TextContext, si: int, s: int, e: int) -> list[Cue]:
    t = _tables()
    toks = ctx.tokens
    i0 = ctx.token_index(s)
    i1 = ctx.token_index(e)
    words = {x.text for x in toks[i0:i1]}
    li = morphology.letter("li")
    glued_l = morphology.function_words("according_glued")
    cues: list[Cue] = []
    head = _headline_source(toks, i0, i1)
    if head is not None:
        cues.append(Cue(toks[i0].start, si, (toks[head[0]].start, toks[head[1] - 1].end), None))
    i = i0
    while i < i1:
        tok = toks[i]
        # the article's own voice
        if _phrases_at(toks, i, i1, t.impersonal_index):
            cues.append(Cue(tok.start, si, None, None, own_voice=True))
            i += 1
            continue
        # according to X
        phrase = _phrases_at(toks, i, i1, t.according_index)
        if phrase is not None:
            j = i + len(phrase)
            glued = False
            if j < i1 and toks[j].text in t.glue:
                j += 1
            elif j < i1 and toks[j].text.startswith(li) and phrase[-1] in glued_l and len(toks[j].text) > 2:
                glued = True
            if j < i1 and toks[j].text.startswith(li + "ما") and phrase[-1] in glued_l:
                j += 1
            # "حسبما ذكرت X": skip the verb
            if j < i1 and _verb_gender(toks[j].text) is not None:
                j += 1
                if j < i1 and toks[j].text in t.after_verb:
                    j += 1
            np = _np_after(toks, j, i1)
            if np is not None and np[1] < i1 and _object_verb(toks[np[1]].text):
                by = _np_after(toks, np[1] + 1, i1)  # "وفق حصيلة أوردتها وزارة الداخلية": who issued it
                if by is not None:
                    np, glued = by, False
            if np is not None:
                np, owned = _owner(toks, np)
                cues.append(Cue(tok.start, si, (toks[np[0]].start, toks[np[1] - 1].end), None, glued_l=glued or owned))
                i = np[1]
                continue
            i = j
            continue
        gender = _verb_gender(tok.text)
        if gender is not None:
            need = t.verb_requires.get(_bare_verb(tok.text) or tok.text)
            if need and need not in words:
                i += 1
                continue
            np = _np_after(toks, i + 1, i1)
            if np is None:
                np = _np_before(toks, i, i0)
            if np is not None:
                cues.append(Cue(tok.start, si, (toks[np[0]].start, toks[np[1] - 1].end), None))
            else:
                cues.append(Cue(tok.start, si, None, gender))
        i += 1
    return cues


def _feminine(ctx: TextContext, span: tuple[int, int]) -> bool:
    head = ctx.ntext[span[0]:span[1]].split()[0].strip('"')
    head = morphology.strip(head, "name_head")
    return head.endswith(("ه", "ات", "يا")) or head in _tables().feminine_heads


def _cues(ctx: TextContext, si: int, depth: int = 0) -> list[Cue]:
    """Cues of sentence ``si``, subject-less verbs resolved to the source they carry over.

    Computed only for the sentences a claim needs (and those before them that a carried-over
    subject needs), and cached on the context.
    """
    memo: dict[int, list[Cue]] = ctx.cache.setdefault("attribution_cues", {})
    if si in memo:
        return memo[si]
    s, e = ctx.nsentence_spans[si]
    cues = _sentence_cues(ctx, si, s, e)
    for c in cues:
        if c.source is None and not c.own_voice and depth < _MAX_CHAIN:
            previous = [_cues(ctx, k, depth + 1) for k in range(max(0, si - _BACK), si)]
            inherited = _inherit(ctx, previous, c)
            if inherited is not None:
                c.source, c.glued_l = inherited.source, inherited.glued_l
    memo[si] = cues
    return cues


_BACK = 3  # sentences a carried-over subject may reach back
_MAX_CHAIN = 12  # subject-less verbs in a row that may pass a source on


def _inherit(ctx: TextContext, previous: list[list[Cue]], cue: Cue) -> Cue | None:
    """The last named source of the previous sentences (gender agreement preferred)."""
    candidates = [c for cues in previous for c in cues if c.source is not None]
    if not candidates:
        return None
    if cue.gender in ("m", "f"):
        want_f = cue.gender == "f"
        for c in reversed(candidates):
            if _feminine(ctx, c.source) == want_f:
                return c
    return candidates[-1]


def _source_text(ctx: TextContext, cue: Cue) -> str:
    s, e = ctx.orig_span(*cue.source)
    text = ctx.text[s:e]
    li = morphology.letter("li")
    if cue.glued_l and text.startswith(li):
        text = text[len(li):]
        if text.startswith(li):  # ل + ال is written "لل": give the article its alef back
            text = "ا" + text
    return text.strip(" \"'“”«»،,:.-")


def attribute(ctx: TextContext, orig_start: int) -> str | None:
    """The source the article gives for the claim at ``orig_start`` of ``ctx.text``."""
    n = ctx.norm.norm_index(orig_start)
    if not ctx.nsentence_spans:
        return None
    inside = ctx.quote_at(n)

    def usable(c: Cue) -> bool:
        r = ctx.quote_at(c.pos)  # a cue quoted elsewhere is not the claim's
        return r is None or r == inside

    cue: Cue | None = None
    if inside is not None:
        # the speaker of the quotation: named before it opens, else after it closes
        a, b = inside
        before = [c for c in _cues(ctx, ctx.nsentence_index(a)) if c.pos < a and usable(c)]
        if before:
            cue = before[-1]
        else:
            after = [c for c in _cues(ctx, ctx.nsentence_index(b)) if c.pos > b and usable(c)]
            cue = after[0] if after else None
    if cue is None:
        cues = [c for c in _cues(ctx, ctx.nsentence_index(n)) if usable(c)]
        before = [c for c in cues if c.pos < n]
        after = [c for c in cues if c.pos > n]
        cue = before[-1] if before else (after[0] if after else None)
    if cue is not None and cue.source is not None and _vague(ctx, cue):
        named = [c for c in _cues(ctx, ctx.nsentence_index(n)) if c.source is not None and usable(c) and not _vague(ctx, c)]
        if named:
            cue = min(named, key=lambda c: abs(c.pos - n))  # "وأفادت التقارير ... وفقا للمنظمة"
    if cue is None or cue.own_voice or cue.source is None:
        return None
    text = _source_text(ctx, cue)
    return _antecedent(ctx, ctx.nsentence_index(n), cue) or text or None


_BACK_NAMES = 40  # sentences a bare definite name may look back for its full form


def _antecedent(ctx: TextContext, si: int, cue: Cue) -> str | None:
    """The fuller name an article gave before to a bare definite one ("الوزارة" after
    "وزارة الداخلية المغربية"); None when the source is not such a name or has none."""
    t = _tables()
    words = ctx.ntext[cue.source[0]:cue.source[1]].split()
    if len(words) != 1:
        return None
    word = morphology.strip(words[0].strip('"'), "cue")
    al = morphology.letter("al")
    if not word.startswith(al) or not ({word} & (t.body_heads | t.person_heads)):
        return None
    bare = word[len(al):]
    for k in range(si, max(-1, si - _BACK_NAMES), -1):
        for c in reversed(_cues(ctx, k)):
            if c.source is None or c.source == cue.source or c.pos >= cue.pos:
                continue
            name = ctx.ntext[c.source[0]:c.source[1]].split()
            forms = morphology.unclitic(name[0].strip('"'), "cue") if name else ()
            if len(name) > 1 and (word in forms or bare in forms):
                return _source_text(ctx, c)
    return None


def _vague(ctx: TextContext, cue: Cue) -> bool:
    """A source that says nothing of who ("التقارير", "مصادر")."""
    head = ctx.ntext[cue.source[0]:cue.source[1]].split()
    return bool(head) and morphology.strip(head[0].strip('"'), "cue") in _tables().vague
