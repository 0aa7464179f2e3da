"""Date vocabulary: the tables of ``data/dates.yaml`` and the one regular expression
built from them (see :mod:`helpers.extractors.dates` for what counts as a date).

Every word is folded with :func:`helpers.lang.arabic.fold`; which proclitics a word may carry
comes from ``data/morphology.yaml`` (kinds ``date``, ``date_number`` and ``month``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang import morphology
from ..lang.arabic import fold
from ..lang.numbers import ORDINAL_PATTERN
from ..lang.tables import load_data_table

__all__ = ["DateTables", "tables", "name_tables", "key", "GAP", "GAP1", "YEAR_MIN", "YEAR_MAX"]

GAP = r"[^\S\n]*"  # optional spaces inside one line
GAP1 = r"[^\S\n]+"
_B = r"(?<!\w)"  # word start
_E = r"(?!\w)"  # word end
# word start, also after the proclitics of a date word ("وفي", "بحلول", "وربيع")
_CLB = morphology.boundary("date")
YEAR_MIN, YEAR_MAX = 1900, 2100


def _words(items) -> list[str]:
    out = []
    for w in items or ():
        f = " ".join(fold(str(w)).split())
        if f and f not in out:
            out.append(f)
    return out


def _alt(words) -> str:
    """Alternation of folded words, longest first, any run of spaces between words."""
    ws = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(GAP1.join(re.escape(p) for p in w.split(" ")) for w in ws) + ")"


def key(s: str) -> str:
    """A matched phrase as a table key (runs of spaces made one)."""
    return " ".join(s.split())


@dataclass(frozen=True)
class DateTables:
    months: dict[str, int]
    hijri_months: dict[str, int]
    hijri_need_year: frozenset[str]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    rel_need_context: frozenset[str]
    modifiers: dict[str, str]  # word -> past | current | next
    relative_years: dict[str, int]
    relative_months: dict[str, int]
    bare_periods: dict[str, str]  # word -> year | month
    past_cues: frozenset[str]
    weekday_not_before: frozenset[str]
    weekday_not_after: frozenset[str]
    today_not_after: frozenset[str]
    today_not_before: frozenset[str]
    today_names: frozenset[str]
    today_after_ok: frozenset[str]
    today_name_places: frozenset[str]
    media_words: frozenset[str]
    regex: re.Pattern
    month_pattern: re.Pattern
    range_join: re.Pattern  # what may stand between the two dates of a range
    range_open: re.Pattern  # what precedes the first one


def _numbered(section) -> dict[str, int]:
    out: dict[str, int] = {}
    for num, words in section.items():
        for w in _words(words):
            out.setdefault(w, int(num))
    return out


def _vocabulary(raw: dict) -> dict:
    """The numbered and keyed word tables."""
    return {
        "months": _numbered(raw["months"]),
        "hijri": _numbered(raw["hijri_months"]),
        "weekdays": _numbered(raw["weekdays"]),
        "rel_days": _numbered(raw["relative_days"]),
        "modifiers": {w: kind for kind, ws in raw["relative_modifiers"].items() for w in _words(ws)},
        "rel_years": _numbered(raw["relative_years"]),
        "rel_months": _numbered(raw["relative_months"]),
        "bare": {w: kind for kind, ws in raw["bare_periods"].items() for w in _words(ws)},
    }


def _month_pattern(months: dict[str, int]) -> str:
    """A month name, optionally paired with another name of the same month."""
    pair_sep = rf"{GAP}(?:[/(\-،,]{GAP})?"
    by_num: dict[int, list[str]] = {}
    for w, n in months.items():
        by_num.setdefault(n, []).append(w)
    month_alts = []
    for n, ws in sorted(by_num.items()):
        a = _alt(ws)
        month_alts.append(rf"{a}(?:{pair_sep}{a}(?:{GAP}\))?{_E})?")
    # a month name carries only the proclitics of its kind (morphology.yaml, "month")
    return rf"{morphology.boundary('month')}(?:{'|'.join(month_alts)}){_E}"


def _pieces(raw: dict, v: dict) -> dict[str, str]:
    """The sub-patterns the alternatives are written with."""
    def cl(name: str) -> str:  # a word list that may carry date proclitics
        return rf"{_CLB}{_alt(_words(raw[name]))}{_E}"

    # a day number at a word start, not inside a number ("1.5", "10/3"), with the
    # article or one proclitic of a date number
    dnum = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:/]|[.,]\d)"
    one = morphology.boundary("date_number")
    not_in_number = morphology.boundary("date_number", not_after=r"[\w.,/:\-]")
    return {
        "month": _month_pattern(v["months"]),
        "hmonth": rf"{_B}{_alt(v['hijri'])}{_E}",
        "weekday": rf"{_B}{_alt(v['weekdays'])}{_E}",
        "reldays": rf"{_CLB}{_alt(v['rel_days'])}{_E}",
        "mods": _alt(v["modifiers"]),
        "relyears": _alt(v["rel_years"]),
        "relmonths": _alt(v["rel_months"]),
        "parts": cl("period_parts"),
        "seasons": cl("seasons"),
        "cues": cl("month_cues"),
        "ycues": cl("year_cues"),
        "ywords": cl("year_words"),
        "tod": cl("time_of_day"),
        "daywords": cl("day_words"),
        "ymark": rf"{_alt(_words(raw['year_markers']))}{_E}",
        "hmark": rf"{_alt(_words(raw['hijri_markers']))}{_E}",
        "count": _alt(_words(raw["count_nouns"])),
        "openers": cl("range_openers"),
        "joiners": _alt(_words(raw["range_joiners"])),
        "bare_alt": _alt(v["bare"]),
        "of": _alt(_words(raw["of_words"])),
        "month_word": rf"{_CLB}{_alt(_words(raw['month_words']))}",
        "daynum": r"(?:ال)?" + dnum,
        "daynum_start": rf"(?:{one}ال|{not_in_number}){dnum}",
        # a numeric date: not inside a number, or after one proclitic at a word start
        "num_start": morphology.boundary("date_number", not_after=r"[\w.,/:\-]", clitic_not_after=r"\w"),
    }


def _alternatives(P: dict[str, str]) -> list[str]:
    """One named alternative per form of date expression."""
    month, hmonth, weekday, reldays = P["month"], P["hmonth"], P["weekday"], P["reldays"]
    mods, relyears, relmonths, parts, seasons = P["mods"], P["relyears"], P["relmonths"], P["parts"], P["seasons"]
    cues, ycues, ywords, tod, daywords = P["cues"], P["ycues"], P["ywords"], P["tod"], P["daywords"]
    ymark, hmark, count, openers, joiners = P["ymark"], P["hmark"], P["count"], P["openers"], P["joiners"]
    bare_alt, of, month_word, daynum, daynum_start = P["bare_alt"], P["of"], P["month_word"], P["daynum"], P["daynum_start"]
    num_start = P["num_start"]
    ordinal = ORDINAL_PATTERN

    def year(p: str) -> str:
        return (
            rf"(?P<{p}y>19\d\d|20\d\d|2100)(?![\d])(?![.,]\d)(?!{GAP1}{count}{_E})"
            rf"(?:{GAP}{ymark})?"
        )

    def year_part(p: str) -> str:
        return rf"{GAP}(?:[\-/,،]{GAP})?(?:{of}{GAP1})?(?:{ywords}{GAP})?{year(p)}"

    def rel_after(p: str) -> str:
        return (
            rf"{GAP1}(?:(?P<{p}ry>(?:{of}{GAP1})?{relyears}){_E}"
            rf"|(?P<{p}r>{mods}){_E})"
        )

    def day(p: str, start: bool = True) -> str:
        dn = daynum_start if start else daynum
        return rf"(?:(?P<{p}d>{dn})|(?P<{p}o>{ordinal})(?={GAP1}{of}{_E}))"

    day_sep = rf"{GAP}(?:[\-/,،]{GAP})?(?:{of}{GAP1})?(?:{month_word}{GAP1})?"
    wd_prefix = rf"(?:{daywords}{GAP1})?(?:{weekday}{GAP}(?:[,،]{GAP})?(?:{daywords}{GAP1})?)?"

    alts = [
        # 2025-10-31
        rf"(?P<iso>{num_start}(?P<isoy>\d{{4}})(?P<isos>[\-/.])(?P<isom>\d{{1,2}})(?P=isos)(?P<isod>\d{{1,2}})(?:(?=t\d)|(?!\w|[.,:/\-]\d)))",
        # 30.04.2025, 14 / 11 / 2024
        rf"(?P<num>{num_start}(?P<numd>\d{{1,2}}){GAP}(?P<nums>[\-/.]){GAP}(?P<numm>\d{{1,2}}){GAP}(?P=nums){GAP}(?P<numy>\d{{4}})(?!\w|[.,/\-]\d))",
        # من 8 إلى 13 أكتوبر، يومي 18 و19 يونيو
        rf"(?P<rng>(?:{openers}{GAP1})?(?:{daywords}{GAP1})?{day('ra')}{GAP}{joiners}{GAP}{day('rb', False)}"
        rf"{day_sep}(?P<rngm>{month})(?:{year_part('rng')}|{rel_after('rng')})?)",
        # (الاثنين) 13 كانون الثاني 2025، السادس من أغسطس، 23 أكتوبر الماضي
        rf"(?P<dm>{wd_prefix}{day('dm')}{day_sep}(?P<dmm>{month})(?:{year_part('dm')}|{rel_after('dm')})?)",
        # الثالث من الشهر الجاري
        rf"(?P<drm>{wd_prefix}{day('drm')}{GAP1}{of}{GAP1}(?P<drmr>{relmonths}){_E})",
        # November 10, 2024
        rf"(?P<mdy>(?P<mdym>{month}){GAP1}(?P<mdyd>{daynum}){GAP}[,،]?{GAP}{year('mdy')})",
        # 26 صفر 1447 هـ
        rf"(?P<hd>{day('hd')}{day_sep}(?P<hdm>{hmonth})(?:{GAP}(?:{ywords}{GAP})?(?P<hdy>1[3-5]\d\d)(?!\d)(?:{GAP}{hmark})?)?)",
        # رمضان 1446 هـ
        rf"(?P<hm>(?P<hmm>{hmonth}){GAP}(?:{ywords}{GAP})?(?P<hmy>1[3-5]\d\d)(?!\d)(?:{GAP}{hmark})?)",
        # عام 1447 هـ
        rf"(?P<hy>(?:{ywords}{GAP})?(?<!\d)(?P<hyy>1[3-5]\d\d)(?!\d){GAP}{hmark})",
        # (في|منذ|أوائل|شهر ...) أغسطس (2024 | الماضي | من العام الماضي)
        rf"(?P<mo>(?:(?P<moc>{cues}){GAP1})?(?:(?P<mop>{parts}){GAP1})?(?:(?P<mos>{month_word}){GAP1})?"
        rf"(?P<mom>{month})(?:{year_part('mo')}|{rel_after('mo')})?)",
        # بين عامي 2014 و2022
        rf"(?P<yr>{openers}{GAP1}(?:{ywords}{GAP})?{year('yra')}{GAP}{joiners}{GAP}(?:{ywords}{GAP})?{year('yrb')})",
        # عام 2000، في 2000، أواخر 2024، ربيع 2025
        rf"(?P<yy>(?:(?:{ycues}|{parts}|{seasons}){GAP1}(?:{ywords}{GAP})?|{ywords}{GAP}){year('yy')})",
        # العام الماضي، نهاية الشهر الجاري، بحلول نهاية العام
        rf"(?P<ry>(?:(?P<ryp>{parts}){GAP1})?{_CLB}(?P<ryw>{relyears}|{relmonths}){_E})",
        rf"(?P<bp>(?P<bpp>{parts}){GAP1}(?P<bpw>{bare_alt}){_E}(?!{GAP1}(?:{mods}|\d)))",
        # صباح اليوم الاثنين، أمس الأحد، يوم الجمعة، فجر الاثنين، الاثنين المقبل
        rf"(?P<rd>(?:{daywords}{GAP1})?(?:(?P<rdt>{tod}){GAP1})?(?:{daywords}{GAP1})?"
        rf"(?:(?P<rdr>{reldays}){_E}(?:{GAP}(?:[,،]{GAP})?(?:{daywords}{GAP1})?(?P<rdw>{weekday}))?"
        rf"|(?P<rdw2>{weekday}))(?:{GAP1}(?P<rdm>{mods}){_E})?)",
    ]
    return alts


def _regex(raw: dict, v: dict, alts: list[str]) -> re.Pattern:
    """The alternatives behind a cheap look-ahead: every alternative starts at a word
    start (after the proclitics of a date word), so positions inside words are skipped
    before trying any alternative and, as cheaply, the words no date expression starts
    with."""
    starters = _words(
        list(raw["month_cues"]) + list(raw["period_parts"]) + list(raw["seasons"])
        + list(raw["year_words"]) + list(raw["year_cues"]) + list(raw["time_of_day"])
        + list(raw["day_words"]) + list(raw["range_openers"]) + list(raw["month_words"])
        + list(raw["of_words"])
    ) + [w for k in ("months", "hijri", "weekdays", "rel_days", "rel_years", "rel_months") for w in v[k]]
    first = sorted({w.split(" ")[0] for w in starters})
    starter = rf"(?=\d|ال\d|(?:{'|'.join(re.escape(w) for w in sorted(first, key=len, reverse=True))}))"
    starter = starter[:-1] + rf"|{ORDINAL_PATTERN})"
    return re.compile(_CLB + starter + "(?:" + "|".join(alts) + ")")


@lru_cache(maxsize=1)
def tables() -> DateTables:
    """The date vocabulary and its compiled expression (built once)."""
    raw = load_data_table("dates.yaml")
    v = _vocabulary(raw)
    P = _pieces(raw, v)
    months, hijri, weekdays, rel_days = v["months"], v["hijri"], v["weekdays"], v["rel_days"]
    modifiers, rel_years, rel_months, bare = v["modifiers"], v["rel_years"], v["rel_months"], v["bare"]
    joiners, openers = P["joiners"], P["openers"]
    regex = _regex(raw, v, _alternatives(P))
    return DateTables(
        months=months,
        hijri_months=hijri,
        hijri_need_year=frozenset(_words(raw["hijri_need_year"])),
        weekdays=weekdays,
        relative_days=rel_days,
        rel_need_context=frozenset(_words(raw["relative_days_need_context"])),
        modifiers=modifiers,
        relative_years=rel_years,
        relative_months=rel_months,
        bare_periods=bare,
        past_cues=frozenset(_words(raw["past_cues"])),
        weekday_not_before=frozenset(_words(raw["weekday_not_before"])),
        weekday_not_after=frozenset(_words(raw["weekday_not_after"])),
        today_not_after=frozenset(_words(raw["today_not_after"])),
        today_not_before=frozenset(_words(raw["today_not_before"])),
        today_names=frozenset(_words(raw["today_names"])),
        today_after_ok=frozenset(_words(raw["today_after_ok"])),
        today_name_places=frozenset(_words(raw["today_name_places"])),
        media_words=frozenset(_words(raw["media_words"])),
        regex=regex,
        month_pattern=re.compile(_alt(months)),
        range_join=re.compile(rf"{GAP}(?:[,،]{GAP})?{joiners}{GAP}"),
        range_open=re.compile(rf"{openers}{GAP1}$"),
    )



def name_tables() -> dict[str, dict[str, int]]:
    """The folded month, Hijri month and weekday names -> their number:
    ``{"months": ..., "hijri_months": ..., "weekdays": ...}``."""
    t = tables()
    return {"months": dict(t.months), "hijri_months": dict(t.hijri_months), "weekdays": dict(t.weekdays)}
