"""Legal references: numbered articles of a legal text and the mutual-defence clause.

Two extractors over a :class:`~helpers.extractors.text.TextContext`:

* :func:`find_article_refs` — "المادة 4", "المادة (4)", "المادة رقم 4", "المادة الرابعة",
  "البند الرابع", "وفقا للمادة 22", "المادتين 4 و5" (two references).  Each mention has
  ``number`` (also in ``value``) and ``instrument``: ``treaty`` (the partnership treaty the
  story is about), ``un_charter`` or ``other``.  The instrument is read from what follows
  the reference ("... من ميثاق الأمم المتحدة"); when nothing follows, from the nearest
  instrument named in the same sentence, then in the previous one, then the last one named
  earlier in the article (an article cited bare refers back to the text under discussion).
  ``extra`` records how it was decided: ``instrument_basis`` (follows | sentence |
  previous_sentence | earlier | none) and ``instrument_text``.
* :func:`find_clauses` — the clause named without a number: a provision noun ("بندا",
  "البند", "شرط"), a treaty noun in construct ("معاهدة الدفاع المشترك") or a verb of
  providing ("تنص الاتفاقية على ...") followed, in the same sentence, by a mutual-defence
  topic ("الدفاع المشترك", "المساعدة العسكرية المتبادلة").  A negated head ("لا تتضمن
  بندا ...") is not a mention.

All words and phrases live in ``data/legal.yaml``; matching runs on the normalized text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


from ..lang import morphology
from ..lang.arabic import fold
from ..model import Mention
from ..lang.numbers import ORDINAL_PATTERN, parse_ordinal
from ..lang.tables import load_data_table
from .text import TextContext

# a word's proclitics (conjunction, preposition) with and without the article
_PRE_DEF = morphology.prefix_pattern("legal_definite")
_PRE_INDEF = morphology.prefix_pattern("legal_indefinite", optional=True)


def _bare(word: str) -> str:
    return morphology.strip(word, "definite")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _phrase(phrase: str) -> str:
    """Regex for a folded phrase, its first word with proclitics, spaces flexible."""
    words = phrase.split()
    first = words[0]
    bare = _bare(first)
    if bare != first:
        head = _PRE_DEF + re.escape(bare)
    else:
        head = _PRE_INDEF + re.escape(first)
    rest = "".join(r"[^\S\n]+" + re.escape(w) for w in words[1:])
    return head + rest


def _phrases(phrases) -> str:
    ps = sorted({fold(p) for p in phrases}, key=lambda p: (len(p.split()), len(p)), reverse=True)
    return r"(?<!\w)(?:" + "|".join(_phrase(p) for p in ps) + r")(?!\w)"


class _Scanner:
    """A word-anchored regex run only where one of its key words occurs.

    ``rx`` starts at a word boundary (proclitics included); ``keys`` are literal
    substrings every match contains in its first word.  A literal search finds the
    candidates; the full pattern is tried at the start of each candidate's word.  Same
    matches as ``rx.finditer``, many times faster on text where the words are rare."""

    def __init__(self, rx: str, keys) -> None:
        self.rx = re.compile(rx)
        self.quick = re.compile(_alt(k for k in keys if k))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        at = pos
        while True:
            q = self.quick.search(text, at, endpos)
            if q is None:
                return
            ws = q.start()
            while ws > pos and (text[ws - 1].isalnum() or text[ws - 1] == "_"):
                ws -= 1
            m = self.rx.match(text, ws, endpos)
            if m is not None and m.end() > q.start():
                yield m
                at = max(m.end(), q.end())
            else:
                at = q.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return next(self.finditer(text, pos, endpos), None)


def _keys(phrases) -> list[str]:
    return [_bare(fold(p).split()[0]) for p in phrases]


@dataclass(frozen=True)
class _Tables:
    head_re: _Scanner
    head_kind: dict[str, str]
    number_re: re.Pattern
    marker_re: re.Pattern
    sep_re: re.Pattern
    part_of_re: re.Pattern
    link_re: re.Pattern
    instr_re: _Scanner
    group_kind: dict[str, str]
    anaphora: frozenset[str]
    qualifier_heads: frozenset[str]
    context_sentences: int
    topic_re: _Scanner
    clause_head_re: _Scanner
    clause_instr_re: _Scanner
    provision_re: _Scanner
    max_gap: int
    negators: frozenset[str]
    negation_window: int


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = load_data_table("legal.yaml")
    heads: dict[str, str] = {}
    for kind, words in raw["article_heads"].items():
        for w in words:
            heads[_bare(fold(w))] = kind
    head_re = _Scanner(rf"(?<!\w)(?P<pre>{_PRE_DEF}|{_PRE_INDEF})(?P<head>{_alt(heads)})(?!\w)", heads)
    digits = r"\(?[^\S\n]*(?P<d>[0-9]{1,4})(?![0-9]|[.,][0-9])[^\S\n]*\)?(?!\w)"
    number_re = re.compile(rf"[^\S\n]*(?:{digits}|(?P<o>{ORDINAL_PATTERN}))")
    markers = [fold(w) for w in raw["number_markers"]]
    marker_re = re.compile(rf"[^\S\n]*(?:{_alt(markers)})(?!\w)")
    seps = [fold(s) for s in raw["list_separators"]]
    word_seps = [s for s in seps if s.isalpha()]
    punct_seps = [s for s in seps if not s.isalpha()]
    sep_re = re.compile(
        rf"[^\S\n]*(?:(?:{_alt(punct_seps)})[^\S\n]*(?:(?:{_alt(word_seps)})(?:[^\S\n]+|(?=[0-9\w])))?"
        rf"|(?:{_alt(word_seps)})(?:[^\S\n]+|(?=[0-9\w])))"
    )
    link_words = [fold(w) for w in raw["instrument_links"]]
    link_re = re.compile(rf"[^\S\n]*(?:(?:{_alt([w for w in link_words if len(w) > 1])})[^\S\n]+)?")
    part_of_re = re.compile(rf"[^\S\n]*(?:{_alt(link_words)})[^\S\n]*" + _phrases(raw["part_of"]))

    ins = raw["instruments"]
    groups = {
        "un": (_phrases(ins["un_charter"]), "un_charter"),
        "named": (_phrases(ins["other_named"]), "other"),
        "tq": (
            r"(?<!\w)" + _PRE_INDEF + rf"(?:{_alt([fold(w) for w in ins['treaty_nouns']])})"
            r"[^\S\n]+(?:" + "|".join(_phrase(fold(q)) for q in ins["treaty_qualifiers"]) + r")(?!\w)",
            "treaty",
        ),
        "tdef": (
            r"(?<!\w)" + _PRE_DEF + rf"(?:{_alt([_bare(fold(w)) for w in ins['treaty_nouns']])})(?!\w)"
            r"(?P<tdef_next>[^\S\n]+ال\w{3,})?",
            "treaty",
        ),
        "tcon": (
            r"(?<!\w)" + _PRE_INDEF + rf"(?:{_alt([fold(w) for w in ins['treaty_nouns']])})[^\S\n]+\w+",
            "other",
        ),
        "oth": (_phrases(ins["other_nouns"]), "other"),
    }
    instr_re = _Scanner("|".join(f"(?P<{k}>{p})" for k, (p, _) in groups.items()),
                        _keys(ins["un_charter"] + ins["other_named"] + ins["treaty_nouns"] + ins["other_nouns"]))

    cl = raw["clause"]
    return _Tables(
        head_re=head_re,
        head_kind=heads,
        number_re=number_re,
        marker_re=marker_re,
        sep_re=sep_re,
        part_of_re=part_of_re,
        link_re=link_re,
        instr_re=instr_re,
        group_kind={k: kind for k, (_, kind) in groups.items()},
        anaphora=frozenset(fold(w) for w in ins["treaty_anaphora_adjectives"]),
        qualifier_heads=frozenset(fold(q).split()[0] for q in ins["treaty_qualifiers"]),
        context_sentences=int(raw.get("context_sentences", 1)),
        topic_re=_Scanner(_phrases(cl["topics"]), _keys(cl["topics"])),
        clause_head_re=_Scanner(_phrases(cl["heads"]), _keys(cl["heads"])),
        clause_instr_re=_Scanner(_phrases(cl["instrument_heads"]), _keys(cl["instrument_heads"])),
        provision_re=_Scanner(_phrases(cl["provision_verbs"]), _keys(cl["provision_verbs"])),
        max_gap=int(cl["max_gap_words"]),
        negators=frozenset(fold(w) for w in cl["negators"]),
        negation_window=int(cl["negation_window_words"]),
    )


# ------------------------------------------------------------------ instruments


@dataclass(frozen=True)
class _Instrument:
    start: int
    end: int
    kind: str  # treaty | un_charter | other
    text: str


def _instruments(ctx: TextContext) -> list[_Instrument]:
    """Every instrument named in the text (normalized offsets), left to right."""
    key = "legal.instruments"
    if key in ctx.cache:
        return ctx.cache[key]
    t = _tables()
    out: list[_Instrument] = []
    for m in t.instr_re.finditer(ctx.ntext):
        group = next(g for g in ("un", "named", "tq", "tdef", "tcon", "oth") if m.group(g) is not None)
        kind = t.group_kind[group]
        end = m.end()
        if group == "tdef" and m.group("tdef_next") is not None:
            word = m.group("tdef_next").strip()
            if word in t.anaphora or word in t.qualifier_heads:
                # "المعاهدة الجديدة": still the treaty under discussion
                end = m.end() if word in t.qualifier_heads else m.start("tdef_next")
            else:
                # "الاتفاقية الأوروبية", "الاتفاق النووي": a different, named instrument
                kind = "other"
        out.append(_Instrument(m.start(), end, kind, ctx.ntext[m.start():end]))
    ctx.cache[key] = out
    return out


def instruments(ctx: TextContext) -> list[_Instrument]:
    """Every legal instrument named in the text: ``start``/``end`` (normalized offsets),
    ``kind`` (treaty | un_charter | other) and ``text``."""
    return _instruments(ctx)


def _instrument_after(ctx: TextContext, pos: int) -> _Instrument | None:
    """The instrument named right after a reference ("... من ميثاق الأمم المتحدة")."""
    t = _tables()
    m = t.link_re.match(ctx.ntext, pos)
    at = m.end() if m else pos
    while at < len(ctx.ntext) and ctx.ntext[at] in " \t":
        at += 1
    for ins in _instruments(ctx):
        if ins.start == at or (ins.start > at and ins.start - at <= 1 and ctx.ntext[at] == "ب"):
            return ins
        if ins.start > at + 1:
            break
    return None


def _instrument_in_context(ctx: TextContext, nstart: int, nend: int) -> tuple[_Instrument | None, str]:
    """Nearest instrument in the same sentence, else the previous sentence(s), else the
    last one named earlier in the text."""
    spans = ctx.nsentence_spans
    if not spans:
        return None, "none"
    si = ctx.nsentence_index(nstart)
    ins = [i for i in _instruments(ctx) if i.end <= nstart or i.start >= nend]
    s0, s1 = spans[si]
    same = [i for i in ins if s0 <= i.start < s1]
    if same:
        best = min(same, key=lambda i: nstart - i.end if i.end <= nstart else i.start - nend)
        return best, "sentence"
    t = _tables()
    for k in range(1, t.context_sentences + 1):
        if si - k < 0:
            break
        p0, p1 = spans[si - k]
        prev = [i for i in ins if p0 <= i.start < p1]
        if prev:
            return prev[-1], "previous_sentence"
    earlier = [i for i in ins if i.end <= nstart]
    if earlier:
        return earlier[-1], "earlier"
    return None, "none"


def _resolve_instrument(ctx: TextContext, nstart: int, nend: int) -> tuple[_Instrument | None, str]:
    after = _instrument_after(ctx, nend)
    if after is not None:
        return after, "follows"
    return _instrument_in_context(ctx, nstart, nend)


# ------------------------------------------------------------------ article references


def _numbers_after(ctx: TextContext, pos: int, definite: bool, many: bool):
    """[(start, end, value)] of the number(s) after a head at ``pos`` (normalized)."""
    t = _tables()
    text = ctx.ntext
    m = t.marker_re.match(text, pos)
    if m:
        pos = m.end()
    out: list[tuple[int, int, int]] = []
    while True:
        m = t.number_re.match(text, pos)
        if not m:
            break
        if m.group("d") is not None:
            value = int(m.group("d"))
            s = m.start("d")
            e = m.end()
            while e > s and text[e - 1] in " \t":
                e -= 1
        else:
            phrase = m.group("o").strip()
            value = parse_ordinal(phrase)
            s = m.start("o")
            e = m.end("o")
            # "مادة رابعة" (a fourth article) is not a reference to article 4
            if value is None or not (definite and phrase.startswith("ال")):
                break
        if not value:
            break
        out.append((s, e, value))
        if not many:
            break
        sm = t.sep_re.match(text, e)
        if not sm:
            break
        pos = sm.end()
    return out


def find_article_refs(ctx: TextContext) -> list[Mention]:
    """Numbered articles of a legal text (kind ``article_ref``), left to right."""
    t = _tables()
    text = ctx.ntext
    mentions: list[Mention] = []
    for m in t.head_re.finditer(text):
        pre = m.group("pre")
        definite = pre.endswith("ال") or pre.endswith("لل")
        kind = t.head_kind[m.group("head")]
        nums = _numbers_after(ctx, m.end(), definite, many=kind != "singular")
        if not nums:
            continue
        last_end = nums[-1][1]
        if t.part_of_re.match(text, last_end):
            continue  # "البند 2 من المادة 4": only the article is a reference
        head_start = m.start("head") - (2 if pre.endswith("ال") else 0)
        ins, basis = _resolve_instrument(ctx, head_start, last_end)
        instrument = ins.kind if ins else "other"
        for i, (s, e, value) in enumerate(nums):
            nstart = head_start if i == 0 else s
            nend = e
            if basis == "follows" and i == len(nums) - 1 and len(nums) == 1:
                nend = ins.end
            extra = {"instrument_basis": basis}
            if ins is not None:
                o0, o1 = ctx.orig_span(ins.start, ins.end)
                extra["instrument_text"] = ctx.text[o0:o1]
            mentions.append(ctx.mention("article_ref", nstart, nend, number=value, value=value,
                                        instrument=instrument, extra=extra))
    return mentions


# ------------------------------------------------------------------ the clause


def _negated(ctx: TextContext, npos: int, sent_start: int) -> bool:
    t = _tables()
    before = ctx.words_between(sent_start, npos)[-t.negation_window:]
    return any(morphology.strip(w.text, "negator", t.negators) for w in before)


def find_clauses(ctx: TextContext, refs: list[Mention] | None = None) -> list[Mention]:
    """The mutual-defence clause named without a number (kind ``clause``).

    ``refs``: the article references already found (a head that is part of a numbered
    reference is not a clause of its own); found here when not given."""
    t = _tables()
    text = ctx.ntext
    if refs is None:
        refs = find_article_refs(ctx)
    ref_spans = [(r.start, r.end) for r in refs]
    mentions: list[Mention] = []
    used_heads: set[int] = set()
    for tm in t.topic_re.finditer(text):
        si = ctx.nsentence_index(tm.start())
        s0, _ = ctx.nsentence_spans[si] if ctx.nsentence_spans else (0, len(text))
        window_start = s0
        best: tuple[int, int] | None = None  # (head start, head end)
        # preferred: a provision noun a few words before the topic ("بندا ينص على ...");
        # then a treaty noun in construct with it ("معاهدة الدفاع المشترك"); then a verb
        # of providing ("تنص الاتفاقية على تقديم ...")
        for rx, adjacent in ((t.clause_head_re, False), (t.clause_instr_re, True), (t.provision_re, False)):
            for hm in rx.finditer(text, window_start, tm.start()):
                between = text[hm.end():tm.start()]
                ok = not between.strip() if adjacent else len(ctx.words_between(hm.end(), tm.start())) <= t.max_gap
                if ok and (best is None or hm.start() > best[0]):
                    best = (hm.start(), hm.end())
            if best is not None:
                break
        if best is None or best[0] in used_heads:
            continue
        head_orig = ctx.orig_span(best[0], best[1])[0]
        topic_orig = ctx.orig_span(tm.start(), tm.end())[0]
        if any(a <= head_orig < b or head_orig <= a < topic_orig for a, b in ref_spans):
            continue  # a numbered article provides it ("تنص المادة 4 على ..."): a reference
        if _negated(ctx, best[0], s0):
            continue
        used_heads.add(best[0])
        ins, basis = _instrument_in_context(ctx, best[0], tm.end())
        # "معاهدة الدفاع المشترك", "تنص الاتفاقية على ...": the instrument is named inside
        own = next((i for i in _instruments(ctx)
                    if best[0] <= i.start < tm.start() or i.start <= best[0] < i.end), None)
        if own is not None:
            ins, basis = own, "inside"
        extra = {"instrument_basis": basis, "topic": ctx.text[slice(*ctx.orig_span(tm.start(), tm.end()))]}
        mentions.append(ctx.mention("clause", best[0], tm.end(),
                                    instrument=ins.kind if ins else None, extra=extra))
    return mentions
