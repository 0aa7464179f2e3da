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

__all__ = ["DateTables", "tables", "pieces", "name_tables", "key", "folded_words", "alternation", "GAP", "GAP1", "YEAR_MIN", "YEAR_MAX", "HIJRI_YEARS"]

GAP = r"[^\S\n]*"  # optional spaces inside one line
GAP1 = r"[^\S\n]+"
_B = r"(?<!\w)"  # word start
_E = r"(?!\w)"  # word end
# word start, also after the proclitics of a date word ("وفي", "بحلول", "وربيع")
_CLB = morphology.boundary("date")
YEAR_MIN, YEAR_MAX = 1900, 2100
# a four-digit year in this range written in figures without an era marker is a year of
# the Hijri era (1300-1599 AH = 1882-2174 AD); no Gregorian date of news is written so
HIJRI_YEARS = (1300, 1599)


def folded_words(items) -> list[str]:
    out = []
    for w in items or ():
        f = " ".join(fold(str(w)).split())
        if f and f not in out:
            out.append(f)
    return out


def alternation(words) -> str:
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
    day_words: frozenset[str]
    weekday_joiners: frozenset[str]
    numbered_before: frozenset[str]
    count_nouns: frozenset[str]
    regex: re.Pattern
    month_pattern: re.Pattern
    range_join: re.Pattern  # what may stand between the two dates of a range
    range_open: re.Pattern  # what precedes the first one


def _numbered(section) -> dict[str, int]:
    out: dict[str, int] = {}
    for num, words in section.items():
        for w in folded_words(words):
            out.setdefault(w, int(num))
    return out


def _vocabulary(raw: dict) -> dict:
    """The numbered and keyed word tables."""
    return {
        "months": _numbered(raw["months"]),
        "hijri": _numbered(raw["hijri_months"]),
        "weekdays": _numbered(raw["weekdays"]),
        "rel_days": _numbered(raw["relative_days"]),
        "modifiers": {w: kind for kind, ws in raw["relative_modifiers"].items() for w in folded_words(ws)},
        "rel_years": _numbered(raw["relative_years"]),
        "rel_months": _numbered(raw["relative_months"]),
        "bare": {w: kind for kind, ws in raw["bare_periods"].items() for w in folded_words(ws)},
    }


def _month_pattern(months: dict[str, int]) -> str:
    """A month name, optionally paired with another name of the same month."""
    pair_sep = rf"{GAP}(?:[/(\-،,]{GAP})?"
    by_num: dict[int, list[str]] = {}
    for w, n in months.items():
        by_num.setdefault(n, []).append(w)
    month_alts = []
    for n, ws in sorted(by_num.items()):
        a = alternation(ws)
        month_alts.append(rf"{a}(?:{pair_sep}{a}(?:{GAP}\))?{_E})?")
    # a month name carries only the proclitics of its kind (morphology.yaml, "month")
    return rf"{morphology.boundary('month')}(?:{'|'.join(month_alts)}){_E}"


def _pieces(raw: dict, v: dict) -> dict[str, str]:
    """The sub-patterns the alternatives are written with."""
    def cl(name: str) -> str:  # a word list that may carry date proclitics
        return rf"{_CLB}{alternation(folded_words(raw[name]))}{_E}"

    # a day number at a word start, not inside a number ("1.5", "10/3"), with the
    # article or one proclitic of a date number
    dnum = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:]|/\d|[.,]\d)"
    one = morphology.boundary("date_number")
    not_in_number = morphology.boundary("date_number", not_after=r"[\w.,/:\-]")
    return {
        "clb": _CLB,
        "month": _month_pattern(v["months"]),
        "hmonth": rf"{_B}{alternation(v['hijri'])}{_E}",
        "weekday": rf"{_B}{alternation(v['weekdays'])}{_E}",
        "reldays": rf"{_CLB}{alternation(v['rel_days'])}{_E}",
        "mods": alternation(v["modifiers"]),
        "relyears": alternation(v["rel_years"]),
        "relmonths": alternation(v["rel_months"]),
        "parts": cl("period_parts"),
        "seasons": cl("seasons"),
        "cues": cl("month_cues"),
        "ycues": cl("year_cues"),
        "ywords": cl("year_words"),
        "tod": cl("time_of_day"),
        "daywords": cl("day_words"),
        "ymark": rf"{alternation(folded_words(raw['year_markers']))}{_E}",
        "hmark": rf"{alternation(folded_words(raw['hijri_markers']))}{_E}",
        "count": alternation(folded_words(raw["count_nouns"])),
        "openers": cl("range_openers"),
        "joiners": alternation(folded_words(raw["range_joiners"])),
        "bare_alt": alternation(v["bare"]),
        "of": alternation(folded_words(raw["of_words"])),
        "month_word": rf"{_CLB}{alternation(folded_words(raw['month_words']))}",
        "daynum": r"(?:ال)?" + dnum,
        "daynum_start": rf"(?:{one}ال|{not_in_number}){dnum}",
        # a numeric date: not inside a number, or after one proclitic at a word start
        "num_start": morphology.boundary("date_number", not_after=r"[\w.,/:\-]", clitic_not_after=r"\w"),
    }


class _Forms:
    """Builders of the named sub-patterns shared by several alternatives (``p`` is the
    alternative's group prefix)."""

    def __init__(self, P: dict[str, str]):
        self.P = P

    def year(self, p: str) -> str:
        P = self.P
        return (
            rf"(?P<{p}y>19\d\d|20\d\d|2100)(?![\d])(?![.,/]\d)(?!{GAP1}{P['count']}{_E})"
            rf"(?:{GAP}{P['ymark']})?"
        )

    def year_part(self, p: str) -> str:
        P = self.P
        return rf"{GAP}(?:[\-/,،]{GAP})?(?:{P['of']}{GAP1})?(?:{P['ywords']}{GAP})?{self.year(p)}"

    def rel_after(self, p: str) -> str:
        P = self.P
        return (
            rf"{GAP1}(?:(?P<{p}ry>(?:{P['of']}{GAP1})?{P['relyears']}){_E}"
            rf"|(?P<{p}r>{P['mods']}){_E})"
        )

    def day(self, p: str, start: bool = True, then: str | None = None) -> str:
        """A day number or an ordinal day; the ordinal only before "من" (or ``then``)."""
        P = self.P
        dn = P["daynum_start"] if start else P["daynum"]
        after = P["of"] if then is None else rf"(?:{P['of']}|{then})"
        return rf"(?:(?P<{p}d>{dn})|(?P<{p}o>{ORDINAL_PATTERN})(?={GAP1}{after}{_E}))"

    def wd_prefix(self, p: str) -> str:
        """A day word and a weekday before a date; the weekday is kept (group ``<p>w``)."""
        P = self.P
        return (
            rf"(?:{P['daywords']}{GAP1})?(?:(?P<{p}w>{P['weekday']}){GAP}(?:[,،]{GAP})?"
            rf"(?:{P['daywords']}{GAP1})?)?"
        )

    def day_sep(self) -> str:
        P = self.P
        return rf"{GAP}(?:[\-/,،.]{GAP})?(?:{P['of']}{GAP1})?(?:{P['month_word']}{GAP1})?"

    def year_or_rel(self, p: str) -> str:
        return rf"(?:{self.year_part(p)}|{self.rel_after(p)})?"


def _numeric_alternatives(P: dict[str, str]) -> list[str]:
    """Dates written in figures: ISO, day/month/year, day/month, month/year (Hijri with
    a marker or a year of the Hijri era)."""
    num_start, hmark, ymark, daywords = P["num_start"], P["hmark"], P["ymark"], P["daywords"]
    era = rf"(?:(?P<{{p}}h>{GAP}{hmark})|{GAP}{ymark})?"
    return [
        # 2025-10-31, 1446/2/7هـ
        rf"(?P<iso>{num_start}(?P<isoy>\d{{4}})(?P<isos>[\-/.])(?P<isom>\d{{1,2}})(?P=isos)(?P<isod>\d{{1,2}})"
        rf"{era.format(p='iso')}(?:(?=t\d)|(?!\w|[.,:/\-]\d)))",
        # 30.04.2025, 14 / 11 / 2024, 3-11-1445 هـ
        rf"(?P<num>{num_start}(?P<numd>\d{{1,2}}){GAP}(?P<nums>[\-/.]){GAP}(?P<numm>\d{{1,2}}){GAP}(?P=nums){GAP}"
        rf"(?P<numy>\d{{4}}){era.format(p='num')}(?!\w|[.,/\-]\d))",
        # يوم 17/09, بتاريخ 5.11 (a day word first: "12/40" alone is a fraction)
        rf"(?P<dmn>{daywords}{GAP1}(?P<dmnd>[12]\d|3[01]|0?[1-9]){GAP}[\-/.]{GAP}(?P<dmnm>1[0-2]|0?[1-9])(?![\d]|[.,/\-]\d))",
        # 2021/7, 7/2021
        rf"(?P<ym>{num_start}(?:(?P<ymy>(?:19|20)\d\d)/(?P<ymm>1[0-2]|0?[1-9])|(?P<ymm2>1[0-2]|0?[1-9])/(?P<ymy2>(?:19|20)\d\d))"
        rf"(?![\d]|[.,/\-]\d))",
    ]


def _day_alternatives(P: dict[str, str], f: _Forms) -> list[str]:
    """A day with a month name (and its ranges), a day of a relative month, Hijri days."""
    month, hmonth, of, joiners = P["month"], P["hmonth"], P["of"], P["joiners"]
    openers, daywords, relmonths, daynum = P["openers"], P["daywords"], P["relmonths"], P["daynum"]
    ywords, hmark = P["ywords"], P["hmark"]
    day_sep = f.day_sep()
    return [
        # من 8 إلى 13 أكتوبر، يومي 18 و19 يونيو، من الخامس وحتى الثامن من يونيو
        rf"(?P<rng>(?:{openers}{GAP1})?(?:{daywords}{GAP1})?{f.day('ra', then=joiners)}{GAP}{joiners}{GAP}"
        rf"{f.day('rb', False)}{day_sep}(?P<rngm>{month}){f.year_or_rel('rng')})",
        # من 3 إلى 17 من الشهر الجاري
        rf"(?P<rgm>(?:{openers}{GAP1})?{f.day('rgma', then=joiners)}{GAP}{joiners}{GAP}{f.day('rgmb', False)}"
        rf"{GAP1}{of}{GAP1}(?P<rgmm>{relmonths}){_E})",
        # آب 4 الى 9، مارس 20-22
        rf"(?P<mrng>(?P<mrngm>{month}){GAP1}(?P<mrnga>{daynum}){GAP}{joiners}{GAP}(?P<mrngb>{daynum})(?![\d])"
        rf"(?:{f.year_part('mrng')})?)",
        # (الاثنين) 13 كانون الثاني 2025، السادس من أغسطس، 23 أكتوبر الماضي
        rf"(?P<dm>{f.wd_prefix('dm')}{f.day('dm')}{day_sep}(?P<dmm>{month}){f.year_or_rel('dm')})",
        # الثالث من الشهر الجاري
        rf"(?P<drm>{f.wd_prefix('drm')}{f.day('drm')}{GAP1}{of}{GAP1}(?P<drmr>{relmonths}){_E})",
        # مايو-3 (a month, a dash and a day, glued)
        rf"(?P<mg>(?P<mgm>{month})-(?P<mgd>[12]\d|3[01]|0?[1-9])(?![\d]|[.,/\-]\d)(?:{f.year_part('mg')})?)",
        # November 10, 2024
        rf"(?P<mdy>(?P<mdym>{month}){GAP1}(?P<mdyd>{daynum}){GAP}[,،]?{GAP}{f.year('mdy')})",
        # 26 صفر 1447 هـ
        rf"(?P<hd>{f.day('hd')}{day_sep}(?P<hdm>{hmonth})(?:{GAP}(?:{ywords}{GAP})?(?P<hdy>1[3-5]\d\d)(?!\d)(?:{GAP}{hmark})?)?)",
    ]


def _month_year_alternatives(P: dict[str, str], f: _Forms) -> list[str]:
    """Months, years and days relative to the publication day."""
    month, hmonth, weekday, reldays, mods = P["month"], P["hmonth"], P["weekday"], P["reldays"], P["mods"]
    relyears, relmonths, parts, seasons = P["relyears"], P["relmonths"], P["parts"], P["seasons"]
    cues, ycues, ywords, tod, daywords = P["cues"], P["ycues"], P["ywords"], P["tod"], P["daywords"]
    hmark, openers, joiners, bare_alt, month_word = P["hmark"], P["openers"], P["joiners"], P["bare_alt"], P["month_word"]
    return [
        # رمضان 1446 هـ
        rf"(?P<hm>(?P<hmm>{hmonth}){GAP}(?:{ywords}{GAP})?(?P<hmy>1[3-5]\d\d)(?!\d)(?:{GAP}{hmark})?)",
        # عام 1447 هـ
        rf"(?P<hy>(?:{ywords}{GAP})?(?<!\d)(?P<hyy>1[3-5]\d\d)(?!\d){GAP}{hmark})",
        # من يونيو إلى سبتمبر 2024، بين مارس ومايو الماضيين
        rf"(?P<mr>(?:{openers}){GAP1}(?:{month_word}{GAP1})?(?P<mra>{month}){GAP}{joiners}{GAP}"
        rf"(?:{month_word}{GAP1})?(?P<mrb>{month}){f.year_or_rel('mr')})",
        # (في|منذ|أوائل|شهر ...) أغسطس (2024 | الماضي | من العام الماضي)
        rf"(?P<mo>(?:(?P<moc>{cues}){GAP1})?(?:(?P<mop>{parts}){GAP1})?(?:(?P<mos>{month_word}){GAP1})?"
        rf"(?P<mom>{month}){f.year_or_rel('mo')})",
        # بين عامي 2014 و2022
        rf"(?P<yr>{openers}{GAP1}(?:{ywords}{GAP})?{f.year('yra')}{GAP}{joiners}{GAP}(?:{ywords}{GAP})?{f.year('yrb')})",
        # عام 2000، في 2000، أواخر 2024، ربيع 2025
        # (not "بين 2000 إلى 3000 لاجئ": a range of counts)
        rf"(?P<yy>(?:(?:{ycues}|{parts}|{seasons}){GAP1}(?:{ywords}{GAP})?|{ywords}{GAP}){f.year('yy')}"
        rf"(?!{GAP}{joiners}{GAP}(?!(?:19|20)\d\d(?!\d)|2100(?!\d))\d))",
        # العام الماضي، نهاية الشهر الجاري، بحلول نهاية العام
        rf"(?P<ry>(?:(?P<ryp>{parts}){GAP1})?{_CLB}(?P<ryw>{relyears}|{relmonths}){_E})",
        rf"(?P<bp>(?P<bpp>{parts}){GAP1}(?P<bpw>{bare_alt}){_E}(?!{GAP1}(?:{mods}|\d)))",
        # صباح اليوم الاثنين، أمس الأحد، يوم الجمعة، يوم غد، فجر الاثنين، الاثنين المقبل
        rf"(?P<rd>(?:(?P<rdy>{daywords}){GAP1})?(?:(?P<rdt>{tod}){GAP1})?(?:{daywords}{GAP1})?"
        rf"(?:(?P<rdr>{reldays}){_E}(?:{GAP}(?:[,،]{GAP})?(?:{daywords}{GAP1})?(?P<rdw>{weekday}))?"
        rf"|(?P<rdw2>{weekday}))(?:{GAP1}(?P<rdm>{mods}){_E})?)",
    ]


def _alternatives(P: dict[str, str]) -> list[str]:
    """One named alternative per form of date expression, the longest forms first."""
    f = _Forms(P)
    return _numeric_alternatives(P) + _day_alternatives(P, f) + _month_year_alternatives(P, f)


def _regex(raw: dict, v: dict, alts: list[str]) -> re.Pattern:
    """The alternatives behind a cheap look-ahead: every alternative starts at a word
    start (after the proclitics of a date word), so positions inside words are skipped
    before trying any alternative and, as cheaply, the words no date expression starts
    with."""
    starters = folded_words(
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
def pieces() -> dict[str, str]:
    """The named sub-patterns of the date expression (month, weekday, year words ...),
    for the period expressions built beside it."""
    raw = load_data_table("dates.yaml")
    return _pieces(raw, _vocabulary(raw))


@lru_cache(maxsize=1)
def tables() -> DateTables:
    """The date vocabulary and its compiled expression (built once)."""
    raw = load_data_table("dates.yaml")
    v = _vocabulary(raw)
    P = pieces()
    months, hijri, weekdays, rel_days = v["months"], v["hijri"], v["weekdays"], v["rel_days"]
    modifiers, rel_years, rel_months, bare = v["modifiers"], v["rel_years"], v["rel_months"], v["bare"]
    joiners, openers = P["joiners"], P["openers"]
    regex = _regex(raw, v, _alternatives(P))
    return DateTables(
        months=months,
        hijri_months=hijri,
        hijri_need_year=frozenset(folded_words(raw["hijri_need_year"])),
        weekdays=weekdays,
        relative_days=rel_days,
        rel_need_context=frozenset(folded_words(raw["relative_days_need_context"])),
        modifiers=modifiers,
        relative_years=rel_years,
        relative_months=rel_months,
        bare_periods=bare,
        past_cues=frozenset(folded_words(raw["past_cues"])),
        weekday_not_before=frozenset(folded_words(raw["weekday_not_before"])),
        weekday_not_after=frozenset(folded_words(raw["weekday_not_after"])),
        today_not_after=frozenset(folded_words(raw["today_not_after"])),
        today_not_before=frozenset(folded_words(raw["today_not_before"])),
        today_names=frozenset(folded_words(raw["today_names"])),
        today_after_ok=frozenset(folded_words(raw["today_after_ok"])),
        today_name_places=frozenset(folded_words(raw["today_name_places"])),
        media_words=frozenset(folded_words(raw["media_words"])),
        day_words=frozenset(folded_words(raw["day_words"])),
        weekday_joiners=frozenset(folded_words(raw["weekday_date_joiners"])),
        numbered_before=frozenset(folded_words(raw["numbered_before"])),
        count_nouns=frozenset(folded_words(raw["count_nouns"])),
        regex=regex,
        month_pattern=re.compile(alternation(months)),
        range_join=re.compile(rf"{GAP}(?:[,،]{GAP})?{joiners}{GAP}"),
        range_open=re.compile(rf"{openers}{GAP1}$"),
    )



def name_tables() -> dict[str, dict[str, int]]:
    """The folded month, Hijri month and weekday names -> their number:
    ``{"months": ..., "hijri_months": ..., "weekdays": ...}``."""
    t = tables()
    return {"months": dict(t.months), "hijri_months": dict(t.hijri_months), "weekdays": dict(t.weekdays)}
