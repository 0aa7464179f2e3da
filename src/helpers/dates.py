"""Dates in Arabic news text, resolved to ISO values with their precision.

:func:`find_dates` returns one ``Mention`` (kind ``"date"``) per date expression of the
text: ``value`` is ``"YYYY-MM-DD"``, ``"YYYY-MM"`` or ``"YYYY"`` (``precision`` day, month
or year), ``value_max`` the last day/month/year of a range, ``extra["basis"]`` how the
value was obtained.  :func:`parse_dateline` reads a page's publication line.

All vocabulary (month names of the three Arabic naming systems and English, Hijri months,
weekdays, relative words, cues, count nouns) is in ``data/dates.yaml``; it is folded
with :func:`helpers.arabic.fold` and compiled into one regular expression, run once over
the normalized text.

What is a date
--------------
* A day and a month name, with or without a year: "19 يونيو 2024", "الـ4 من ديسمبر",
  "السادس من أغسطس 2024", "10 – يونيو – 2025", "١٤ / نوفمبر / ٢٠٢٤", "10th, November 2024",
  "November 10, 2024"; paired month names count once ("آب/أغسطس", "أغسطس (آب)",
  "يونيو حزيران", "كانون الأول/ ديسمبر").  A weekday or "يوم" before such a date belongs
  to it ("الاثنين 13 كانون الثاني 2025").
* Numeric dates, day first as Arabic writes them (30.04.2025, 14/11/2024; when the
  second number cannot be a month and the first can, month first) and ISO 2025-10-31.
* A month name with a year ("أغسطس 2024", "يونيو عام 2024"), with a relative word
  ("أغسطس الماضي", "أغسطس من العام الماضي"), or after a cue (في، منذ، بحلول، شهر ...,
  or a period word أوائل/منتصف/أواخر ...).  A month word alone is never a date ("مارس"
  is also a verb).
* A year after عام/سنة, after a cue (في، منذ، خلال ...), a period word ("أواخر 2024") or a
  season ("ربيع 2025"), within 1900–2100 and not followed by a count noun ("في 2000
  جندي" is a count).  Bare numbers are never years.  "بين عامي 2014 و2022" is one range.
* Hijri dates ("26 صفر 1447 هـ", "رمضان 1446", "عام 1447 هـ"), converted to Gregorian
  with ``hijridate`` (Umm al-Qura).  A Hijri month or year spans several Gregorian days:
  it is reported as a day range (value = first day, value_max = last day).
* Relative days: اليوم، أمس، أول أمس/أمس الأول (two days before)، غدًا، بعد غد, weekday
  names with or without "يوم", a time-of-day word before either ("صباح اليوم", "فجر
  الاثنين", "مساء أمس" all resolve to the day).
* Relative months and years: "الشهر الماضي", "العام الماضي"/"السنة الماضية",
  "هذا العام"/"العام الجاري", "العام المقبل", a period word before them ("نهاية العام
  الماضي"); a period word before a bare "العام"/"الشهر" means the current one.
* Ranges: "من 8 إلى 13 أكتوبر", "بين 8 و13 أكتوبر", "يومي 18 و19 يونيو" (value = first
  day, value_max = last); two full dates joined the same way ("من 28 سبتمبر إلى 3 أكتوبر
  2025") become one range, the first taking the second's year when it has none.
* Not dates: durations ("منذ أكثر من عامين", "منذ عام", "9 أشهر"), counts, ages.

How a value is resolved (``basis``)
-----------------------------------
Relative expressions are resolved against an *anchor* day: the publication date
(``ctx.published``), except inside a quotation (below).  Without an anchor no year is
invented: the mention is reported with ``value`` None.

* ``explicit``: the text gives the year (or the whole date).
* اليوم = the anchor; أمس = anchor − 1; أول أمس / أمس الأول = anchor − 2; غدًا = + 1.
  When a relative word and a weekday are both given ("أمس الأحد"), the relative word
  decides.
* A weekday alone is the most recent such day on or before the anchor; with الماضي the
  most recent one strictly before it; with المقبل/القادم the next one strictly after it.
* A month with الماضي (or المنصرم ...) is the most recent such month strictly before the
  anchor's month ("أغسطس الماضي" written in April 2025 = 2024-08; "نوفمبر الماضي" written in
  November 2024 = 2023-11); with الجاري/الحالي it is in the anchor's year; with
  المقبل/القادم it is the next such month strictly after the anchor's month.  A day with
  the month follows the month's rule ("23 أكتوبر الماضي").  "من العام الماضي" after a
  month sets the year to the anchor's year − 1 (likewise هذا العام / العام المقبل).
* A month (with or without a day) with no year and no relative word takes the year that
  puts it nearest the anchor (``nearest``); on a tie, the past one.  "بحلول ديسمبر"
  written in October is the coming December; "يوم 26 أبريل" written on 28 April is two
  days ago.
* A period word (أوائل، منتصف، أواخر، نهاية، مطلع ...) keeps the precision of what follows
  (month or year); a season before a year gives the year.

"اليوم" and quotations
----------------------
"اليوم" is a date when a weekday follows it, a time-of-day word precedes it, or it stands
on its own as an adverb ("قالت الوزارة، اليوم، إن ...").  It is not a date in "حتى اليوم"
(to this day), "ذلك اليوم", "اليوم التالي/الأول/العالمي" (a definite word after it names
another day), or in outlet names: "المصري اليوم" always; "روسيا اليوم" only with a
preposition attached ("لروسيا اليوم"), after a media word ("قناة روسيا اليوم") or in
quotation marks, since "أعلنت روسيا اليوم" is "Russia announced today".

Inside a quotation a relative word is the speaker's: "اليوم" means the day the statement
was made.  That day is the day-precision relative date (weekday, اليوم، أمس ...) that the
quotation's own sentence gives outside the quotation marks ("قال ... يوم الجمعة: "...
اليوم""); failing that, the nearest such date stated earlier in the article outside
quotations (the news day of the lead, "أكد ... يوم الجمعة" ... "قال: "... اليوم""); failing
that, the publication date.  Every relative expression inside the quotation is resolved
against that day (``basis`` ends in ``-quoted``).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any


from .arabic import fold, normalize
from .model import Mention
from .text import TextContext, load_data_table

try:  # ordinal day words ("الثالث من أغسطس")
    from .numbers import ORDINAL_PATTERN, parse_ordinal
except ImportError:  # pragma: no cover - the numbers module ships with the package
    ORDINAL_PATTERN = None
    parse_ordinal = None

__all__ = ["find_dates", "parse_dateline", "resolve_text"]

_GAP = r"[^\S\n]*"  # optional spaces inside one line
_GAP1 = r"[^\S\n]+"
_B = r"(?<!\w)"  # word start
_E = r"(?!\w)"  # word end
# word start, also after the clitics و ف ب ل ("وفي", "بحلول", "وربيع")
_CLB = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل])|(?<=(?<!\w)[وف][بل]))"
_YEAR_MIN, _YEAR_MAX = 1900, 2100


# --- tables ------------------------------------------------------------------------------


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
    return "(?:" + "|".join(_GAP1.join(re.escape(p) for p in w.split(" ")) for w in ws) + ")"


def _key(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True)
class _Tables:
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


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = load_data_table("dates.yaml")

    def numbered(section) -> dict[str, int]:
        out: dict[str, int] = {}
        for num, words in section.items():
            for w in _words(words):
                out.setdefault(w, int(num))
        return out

    months = numbered(raw["months"])
    hijri = numbered(raw["hijri_months"])
    weekdays = numbered(raw["weekdays"])
    rel_days = numbered(raw["relative_days"])
    modifiers = {w: kind for kind, ws in raw["relative_modifiers"].items() for w in _words(ws)}
    rel_years = numbered(raw["relative_years"])
    rel_months = numbered(raw["relative_months"])
    bare = {w: kind for kind, ws in raw["bare_periods"].items() for w in _words(ws)}

    # a month name, optionally paired with another name of the same month
    pair_sep = rf"{_GAP}(?:[/(\-،,]{_GAP})?"
    by_num: dict[int, list[str]] = {}
    for w, n in months.items():
        by_num.setdefault(n, []).append(w)
    month_alts = []
    for n, ws in sorted(by_num.items()):
        a = _alt(ws)
        month_alts.append(rf"{a}(?:{pair_sep}{a}(?:{_GAP}\))?{_E})?")
    # a month name may carry the conjunction و ("يوليو وأغسطس") but no other clitic
    # ("باب" is a door, not "ب" + "آب")
    month = rf"(?:(?<!\w)|(?<=(?<!\w)و))(?:{'|'.join(month_alts)}){_E}"
    hmonth = rf"{_B}{_alt(hijri)}{_E}"
    weekday = rf"{_B}{_alt(weekdays)}{_E}"
    reldays = rf"{_CLB}{_alt(rel_days)}{_E}"
    mods = _alt(modifiers)
    relyears = _alt(rel_years)
    relmonths = _alt(rel_months)
    parts = rf"{_CLB}{_alt(_words(raw['period_parts']))}{_E}"
    seasons = rf"{_CLB}{_alt(_words(raw['seasons']))}{_E}"
    cues = rf"{_CLB}{_alt(_words(raw['month_cues']))}{_E}"
    ycues = rf"{_CLB}{_alt(_words(raw['year_cues']))}{_E}"
    ywords = rf"{_CLB}{_alt(_words(raw['year_words']))}{_E}"
    tod = rf"{_CLB}{_alt(_words(raw['time_of_day']))}{_E}"
    daywords = rf"{_CLB}{_alt(_words(raw['day_words']))}{_E}"
    ymark = rf"{_alt(_words(raw['year_markers']))}{_E}"
    hmark = rf"{_alt(_words(raw['hijri_markers']))}{_E}"
    count = _alt(_words(raw["count_nouns"]))
    openers = rf"{_CLB}{_alt(_words(raw['range_openers']))}{_E}"
    joiners = _alt(_words(raw["range_joiners"]))
    bare_alt = _alt(bare)
    of = _alt(_words(raw["of_words"]))
    month_word = rf"{_CLB}{_alt(_words(raw['month_words']))}"

    def year(p: str) -> str:
        return (
            rf"(?P<{p}y>19\d\d|20\d\d|2100)(?![\d])(?![.,]\d)(?!{_GAP1}{count}{_E})"
            rf"(?:{_GAP}{ymark})?"
        )

    def year_part(p: str) -> str:
        return rf"{_GAP}(?:[\-/,،]{_GAP})?(?:{of}{_GAP1})?(?:{ywords}{_GAP})?{year(p)}"

    def rel_after(p: str) -> str:
        return (
            rf"{_GAP1}(?:(?P<{p}ry>(?:{of}{_GAP1})?{relyears}){_E}"
            rf"|(?P<{p}r>{mods}){_E})"
        )

    daynum = r"(?:ال)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:/]|[.,]\d)"
    daynum_start = rf"(?:(?<!\w)ال|(?<=(?<!\w)[وفبل])ال|(?<![\w.,/:\-])|(?<=(?<![\w.,/:\-])[وفبل]))(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:/]|[.,]\d)"
    ordinal = ORDINAL_PATTERN

    def day(p: str, start: bool = True) -> str:
        dn = daynum_start if start else daynum
        if ordinal is None:
            return rf"(?P<{p}d>{dn})"
        return rf"(?:(?P<{p}d>{dn})|(?P<{p}o>{ordinal})(?={_GAP1}{of}{_E}))"

    day_sep = rf"{_GAP}(?:[\-/,،]{_GAP})?(?:{of}{_GAP1})?(?:{month_word}{_GAP1})?"
    wd_prefix = rf"(?:{daywords}{_GAP1})?(?:{weekday}{_GAP}(?:[,،]{_GAP})?(?:{daywords}{_GAP1})?)?"

    alts = [
        # 2025-10-31
        rf"(?P<iso>(?:(?<![\w.,/:\-])|(?<=(?<!\w)[وفبل]))(?P<isoy>\d{{4}})(?P<isos>[\-/.])(?P<isom>\d{{1,2}})(?P=isos)(?P<isod>\d{{1,2}})(?:(?=t\d)|(?!\w|[.,:/\-]\d)))",
        # 30.04.2025, 14 / 11 / 2024
        rf"(?P<num>(?:(?<![\w.,/:\-])|(?<=(?<!\w)[وفبل]))(?P<numd>\d{{1,2}}){_GAP}(?P<nums>[\-/.]){_GAP}(?P<numm>\d{{1,2}}){_GAP}(?P=nums){_GAP}(?P<numy>\d{{4}})(?!\w|[.,/\-]\d))",
        # من 8 إلى 13 أكتوبر، يومي 18 و19 يونيو
        rf"(?P<rng>(?:{openers}{_GAP1})?(?:{daywords}{_GAP1})?{day('ra')}{_GAP}{joiners}{_GAP}{day('rb', False)}"
        rf"{day_sep}(?P<rngm>{month})(?:{year_part('rng')}|{rel_after('rng')})?)",
        # (الاثنين) 13 كانون الثاني 2025، السادس من أغسطس، 23 أكتوبر الماضي
        rf"(?P<dm>{wd_prefix}{day('dm')}{day_sep}(?P<dmm>{month})(?:{year_part('dm')}|{rel_after('dm')})?)",
        # الثالث من الشهر الجاري
        rf"(?P<drm>{wd_prefix}{day('drm')}{_GAP1}{of}{_GAP1}(?P<drmr>{relmonths}){_E})",
        # November 10, 2024
        rf"(?P<mdy>(?P<mdym>{month}){_GAP1}(?P<mdyd>{daynum}){_GAP}[,،]?{_GAP}{year('mdy')})",
        # 26 صفر 1447 هـ
        rf"(?P<hd>{day('hd')}{day_sep}(?P<hdm>{hmonth})(?:{_GAP}(?:{ywords}{_GAP})?(?P<hdy>1[3-5]\d\d)(?!\d)(?:{_GAP}{hmark})?)?)",
        # رمضان 1446 هـ
        rf"(?P<hm>(?P<hmm>{hmonth}){_GAP}(?:{ywords}{_GAP})?(?P<hmy>1[3-5]\d\d)(?!\d)(?:{_GAP}{hmark})?)",
        # عام 1447 هـ
        rf"(?P<hy>(?:{ywords}{_GAP})?(?<!\d)(?P<hyy>1[3-5]\d\d)(?!\d){_GAP}{hmark})",
        # (في|منذ|أوائل|شهر ...) أغسطس (2024 | الماضي | من العام الماضي)
        rf"(?P<mo>(?:(?P<moc>{cues}){_GAP1})?(?:(?P<mop>{parts}){_GAP1})?(?:(?P<mos>{month_word}){_GAP1})?"
        rf"(?P<mom>{month})(?:{year_part('mo')}|{rel_after('mo')})?)",
        # بين عامي 2014 و2022
        rf"(?P<yr>{openers}{_GAP1}(?:{ywords}{_GAP})?{year('yra')}{_GAP}{joiners}{_GAP}(?:{ywords}{_GAP})?{year('yrb')})",
        # عام 2000، في 2000، أواخر 2024، ربيع 2025
        rf"(?P<yy>(?:(?:{ycues}|{parts}|{seasons}){_GAP1}(?:{ywords}{_GAP})?|{ywords}{_GAP}){year('yy')})",
        # العام الماضي، نهاية الشهر الجاري، بحلول نهاية العام
        rf"(?P<ry>(?:(?P<ryp>{parts}){_GAP1})?{_CLB}(?P<ryw>{relyears}|{relmonths}){_E})",
        rf"(?P<bp>(?P<bpp>{parts}){_GAP1}(?P<bpw>{bare_alt}){_E}(?!{_GAP1}(?:{mods}|\d)))",
        # صباح اليوم الاثنين، أمس الأحد، يوم الجمعة، فجر الاثنين، الاثنين المقبل
        rf"(?P<rd>(?:{daywords}{_GAP1})?(?:(?P<rdt>{tod}){_GAP1})?(?:{daywords}{_GAP1})?"
        rf"(?:(?P<rdr>{reldays}){_E}(?:{_GAP}(?:[,،]{_GAP})?(?:{daywords}{_GAP1})?(?P<rdw>{weekday}))?"
        rf"|(?P<rdw2>{weekday}))(?:{_GAP1}(?P<rdm>{mods}){_E})?)",
    ]
    # every alternative starts at a word start (after at most two clitic letters): a
    # cheap test that skips the positions inside words before trying any alternative
    # and, as cheaply, the words no date expression starts with
    starters = _words(
        list(raw["month_cues"]) + list(raw["period_parts"]) + list(raw["seasons"])
        + list(raw["year_words"]) + list(raw["year_cues"]) + list(raw["time_of_day"])
        + list(raw["day_words"]) + list(raw["range_openers"]) + list(raw["month_words"])
        + list(raw["of_words"])
    ) + list(months) + list(hijri) + list(weekdays) + list(rel_days) + list(rel_years) + list(rel_months)
    first = sorted({w.split(" ")[0] for w in starters})
    starter = rf"(?=\d|ال\d|(?:{'|'.join(re.escape(w) for w in sorted(first, key=len, reverse=True))}))"
    if ordinal is not None:
        starter = starter[:-1] + rf"|{ordinal})"
    regex = re.compile(_CLB + starter + "(?:" + "|".join(alts) + ")")
    return _Tables(
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
        range_join=re.compile(rf"{_GAP}(?:[,،]{_GAP})?{joiners}{_GAP}"),
        range_open=re.compile(rf"{openers}{_GAP1}$"),
    )


# --- parsed expressions -----------------------------------------------------------------


@dataclass
class _Expr:
    """One date expression as written, before resolution."""

    nstart: int
    nend: int
    precision: str  # day | month | year
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day_max: int | None = None  # day range in one month
    year_max: int | None = None  # year range
    month_rel: str | None = None  # past | current | next (after a month name)
    year_offset: int | None = None  # العام الماضي -> -1
    month_offset: int | None = None  # الشهر الماضي -> -1
    day_offset: int | None = None  # أمس -> -1
    weekday: int | None = None
    weekday_rel: str | None = None
    hijri: bool = False
    flags: dict[str, Any] = field(default_factory=dict)

    @property
    def relative(self) -> bool:
        """Needs an anchor day to be resolved."""
        if self.hijri:
            return self.year is None
        return self.year is None or self.year_offset is not None

    @property
    def news_day(self) -> bool:
        """A day given relative to the day of writing (اليوم، أمس، a weekday)."""
        return self.day_offset is not None or self.weekday is not None and self.day is None


def _month_num(t: _Tables, s: str) -> int | None:
    m = t.month_pattern.match(_key(s))
    return t.months.get(_key(m.group())) if m else None


def _day_num(s: str | None, o: str | None) -> int | None:
    if s:
        return int(re.sub(r"\D", "", s))
    if o and parse_ordinal is not None:
        return parse_ordinal(_key(o))
    return None


def _rel_after(t: _Tables, m: re.Match, p: str, e: _Expr) -> None:
    ry = m.group(p + "ry")
    if ry:
        w = _key(ry)
        if w not in t.relative_years:  # "من العام الماضي"
            w = w.split(" ", 1)[1]
        e.year_offset = t.relative_years[w]
    r = m.group(p + "r")
    if r:
        e.month_rel = t.modifiers[_key(r)]


def _year(m: re.Match, name: str) -> int | None:
    y = m.group(name)
    return int(y) if y else None


def _parse_match(t: _Tables, m: re.Match, ntext: str) -> _Expr | None:
    kind = m.lastgroup
    s, e_ = m.span()
    g = m.group
    if kind == "iso":
        return _Expr(s, e_, "day", int(g("isoy")), int(g("isom")), int(g("isod")))
    if kind == "num":
        d, mo = int(g("numd")), int(g("numm"))
        if mo > 12 and d <= 12:
            d, mo = mo, d
        return _Expr(s, e_, "day", int(g("numy")), mo, d)
    if kind == "rng":
        e = _Expr(s, e_, "day", _year(m, "rngy"), _month_num(t, g("rngm")),
                  _day_num(g("rad"), g("rao")), _day_num(g("rbd"), g("rbo")))
        _rel_after(t, m, "rng", e)
        if e.day is None or e.day_max is None or e.day_max <= e.day:
            return None
        return e
    if kind == "dm":
        e = _Expr(s, e_, "day", _year(m, "dmy"), _month_num(t, g("dmm")), _day_num(g("dmd"), g("dmo")))
        _rel_after(t, m, "dm", e)
        return e
    if kind == "drm":
        e = _Expr(s, e_, "day", day=_day_num(g("drmd"), g("drmo")))
        e.month_offset = t.relative_months[_key(g("drmr"))]
        return e
    if kind == "mdy":
        return _Expr(s, e_, "day", int(g("mdyy")), _month_num(t, g("mdym")), int(re.sub(r"\D", "", g("mdyd"))))
    if kind == "hd":
        hm = t.hijri_months[_key(g("hdm"))]
        hy = _year(m, "hdy")
        if hy is None and _key(g("hdm")) in t.hijri_need_year:
            return None
        return _Expr(s, e_, "day", hy, hm, _day_num(g("hdd"), g("hdo")), hijri=True)
    if kind == "hm":
        return _Expr(s, e_, "month", int(g("hmy")), t.hijri_months[_key(g("hmm"))], hijri=True)
    if kind == "hy":
        return _Expr(s, e_, "year", int(g("hyy")), hijri=True)
    if kind == "mo":
        e = _Expr(s, e_, "month", _year(m, "moy"), _month_num(t, g("mom")))
        _rel_after(t, m, "mo", e)
        if e.year is None and e.year_offset is None and e.month_rel is None:
            if not (g("moc") or g("mop") or g("mos")):
                return None  # a month word alone is not a date
        return e
    if kind == "yr":
        a, b = int(g("yray")), int(g("yrby"))
        if b <= a:
            return None
        return _Expr(s, e_, "year", a, year_max=b)
    if kind == "yy":
        return _Expr(s, e_, "year", int(g("yyy")))
    if kind == "ry":
        w = _key(g("ryw"))
        if w in t.relative_years:
            return _Expr(s, e_, "year", year_offset=t.relative_years[w])
        return _Expr(s, e_, "month", month_offset=t.relative_months[w])
    if kind == "bp":
        which = t.bare_periods[_key(g("bpw"))]
        if which == "year":
            return _Expr(s, e_, "year", year_offset=0)
        return _Expr(s, e_, "month", month_offset=0)
    if kind == "rd":
        return _parse_relday(t, m, ntext)
    return None


def _word_before(ntext: str, pos: int) -> str:
    m = re.search(r"(\w+)[^\S\n]*$", ntext[max(0, pos - 40):pos])
    return m.group(1) if m else ""


def _word_after(ntext: str, pos: int) -> str:
    m = re.match(r"[^\S\n]*(\w+)", ntext[pos:pos + 40])
    return m.group(1) if m else ""


def _parse_relday(t: _Tables, m: re.Match, ntext: str) -> _Expr | None:
    s, e_ = m.span()
    rel = m.group("rdr")
    wd = m.group("rdw") or m.group("rdw2")
    tod = m.group("rdt")
    mod = m.group("rdm")
    e = _Expr(s, e_, "day")
    if wd:
        e.weekday = t.weekdays[_key(wd)]
        wstart, wend = m.span("rdw") if m.group("rdw") else m.span("rdw2")
        if _word_after(ntext, wend) in t.weekday_not_before and not mod:
            return None
        if not rel and not tod and _word_before(ntext, wstart) in t.weekday_not_after:
            return None
        if mod:
            e.weekday_rel = t.modifiers[_key(mod)]
    elif mod:
        # "اليوم التالي": a modifier after a relative day word names another day
        return None
    if rel:
        w = _key(rel)
        # strip a clitic the boundary let through ("بالامس" is listed itself)
        key = w if w in t.relative_days else w[1:] if w[1:] in t.relative_days else w
        e.day_offset = t.relative_days.get(key)
        if e.day_offset is None:
            return None
        if key in t.rel_need_context and not (tod or wd):
            return None
        if e.day_offset == 0 and not (tod or wd) and not _today_is_date(t, ntext, *m.span("rdr")):
            return None
    return e


def _unclitic(word: str) -> tuple[str, ...]:
    """A word and, when it starts with a clitic (و ف ب ل), the word without it."""
    forms = [word]
    while len(word) > 2 and word[0] in "وفبل":
        word = word[1:]
        forms.append(word)
    return tuple(forms)


def _today_is_date(t: _Tables, ntext: str, s: int, e: int) -> bool:
    """Whether a bare "اليوم" at ntext[s:e] means the day of writing (see module doc)."""
    before = _word_before(ntext, s)
    after = _word_after(ntext, e)
    if ntext[s - 1:s].isalpha():  # with a clitic: "لليوم", "واليوم" (and today)
        if ntext[s - 1] != "و":
            return False
        before = ""
    befores = _unclitic(before)
    if any(b in t.today_not_after for b in befores):
        return False
    if after in t.today_not_before or after.startswith("ال") and after not in t.today_after_ok:
        return False
    if f"{before} {ntext[s:e]}" in t.today_names:
        return False
    if any(b in t.today_name_places for b in befores[1:]):
        return False  # "لروسيا اليوم"
    if before in t.today_name_places and _word_before(ntext, s - len(before) - 1) in t.media_words:
        return False  # "قناة روسيا اليوم"
    # a quoted title: "...اليوم"
    if ntext[e:e + 1] == '"' and '"' in ntext[max(0, s - 30):s]:
        line_start = ntext.rfind("\n", 0, s) + 1
        if ntext.count('"', line_start, s) % 2 == 1 and len(ntext[ntext.rfind('"', 0, s) + 1:s].split()) == 1:
            return False
    return True


# --- resolution --------------------------------------------------------------------------


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _nearest_year(month: int, day: int | None, anchor: dt.date) -> int:
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is not None:
            try:
                d = dt.date(y, month, day)
            except ValueError:
                continue
            dist = abs((d - anchor).days)
        else:
            dist = abs((y * 12 + month) - (anchor.year * 12 + anchor.month)) * 31
            d = dt.date(y, month, 1)
        past = d <= anchor
        key = (dist, 0 if past else 1)
        if best is None or key < best[0]:
            best = (key, y)
    return best[1] if best else anchor.year


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if not _YEAR_MIN - 1000 <= y <= _YEAR_MAX + 1000:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _hijri(e: _Expr) -> tuple[str | None, str | None, str]:
    from hijridate import Hijri

    try:
        if e.day is not None:
            g = Hijri(e.year, e.month, e.day).to_gregorian()
            return g.isoformat(), None, "day"
        if e.month is not None:
            first = Hijri(e.year, e.month, 1)
            last = Hijri(e.year, e.month, first.month_length())
            return first.to_gregorian().isoformat(), last.to_gregorian().isoformat(), "day"
        first = Hijri(e.year, 1, 1).to_gregorian()
        last_m = Hijri(e.year, 12, 1)
        last = Hijri(e.year, 12, last_m.month_length()).to_gregorian()
        return first.isoformat(), last.isoformat(), "day"
    except (ValueError, OverflowError):
        return None, None, e.precision


def _resolve(e: _Expr, anchor: dt.date | None) -> tuple[str | None, str | None, str, str]:
    """(value, value_max, precision, basis) of an expression against an anchor day."""
    if e.hijri:
        if e.year is None:
            if anchor is None:
                return None, None, e.precision, "unresolved"
            from hijridate import Gregorian

            hy = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri().year
            best = None
            for y in (hy - 1, hy, hy + 1):
                v, _, _ = _hijri(replace(e, year=y))
                if v is None:
                    continue
                dist = abs((dt.date.fromisoformat(v) - anchor).days)
                if best is None or dist < best[0]:
                    best = (dist, v)
            return (best[1] if best else None), None, "day", "hijri-nearest"
        v, vmax, prec = _hijri(e)
        return v, vmax, prec, "hijri"

    if e.day_offset is not None or (e.weekday is not None and e.day is None and e.month is None):
        if anchor is None:
            return None, None, "day", "unresolved"
        if e.day_offset is not None:
            return (anchor + dt.timedelta(days=e.day_offset)).isoformat(), None, "day", "relative"
        back = (anchor.weekday() - e.weekday) % 7
        if e.weekday_rel == "past":
            back = back or 7
            d = anchor - dt.timedelta(days=back)
        elif e.weekday_rel == "next":
            ahead = (e.weekday - anchor.weekday()) % 7 or 7
            d = anchor + dt.timedelta(days=ahead)
        else:
            d = anchor - dt.timedelta(days=back)
        return d.isoformat(), None, "day", "weekday"

    if e.month_offset is not None:
        if anchor is None:
            return None, None, e.precision, "unresolved"
        y, mo = _shift_month(anchor.year, anchor.month, e.month_offset)
        if e.day is not None:
            return _iso(y, mo, e.day), None, "day", "relative"
        return _iso(y, mo), None, "month", "relative"

    y = e.year
    basis = "explicit"
    if y is None:
        if anchor is None:
            return None, None, e.precision, "unresolved"
        if e.year_offset is not None:
            y, basis = anchor.year + e.year_offset, "relative"
        elif e.month is None:
            return None, None, e.precision, "unresolved"
        elif e.month_rel == "past":
            y = anchor.year if e.month < anchor.month else anchor.year - 1
            basis = "relative"
        elif e.month_rel == "next":
            y = anchor.year if e.month > anchor.month else anchor.year + 1
            basis = "relative"
        elif e.month_rel == "since":  # "منذ أغسطس": on or before the anchor
            y = anchor.year if (e.month, e.day or 1) <= (anchor.month, anchor.day) else anchor.year - 1
            basis = "since"
        elif e.month_rel == "current":
            y, basis = anchor.year, "relative"
        else:
            y, basis = _nearest_year(e.month, e.day, anchor), "nearest"
    if e.precision == "year" or e.month is None:
        vmax = _iso(e.year_max) if e.year_max else None
        return _iso(y), vmax, "year", basis
    if e.precision == "month" or e.day is None:
        return _iso(y, e.month), None, "month", basis
    vmax = _iso(y, e.month, e.day_max) if e.day_max else None
    return _iso(y, e.month, e.day), vmax, "day", basis


# --- finding -----------------------------------------------------------------------------


def _raw_exprs(ntext: str) -> list[_Expr]:
    t = _tables()
    out: list[_Expr] = []
    for m in t.regex.finditer(ntext):
        e = _parse_match(t, m, ntext)
        if e is None:
            continue
        if e.month is not None and not 1 <= e.month <= 12:
            continue
        if e.day is not None and not 1 <= e.day <= 31:
            continue
        e.flags["kind"] = m.lastgroup
        if e.month is not None and e.year is None and e.year_offset is None and e.month_rel is None:
            cue = m.group("moc") if m.lastgroup == "mo" else None
            cue = _key(cue) if cue else _word_before(ntext, m.start())
            if cue in t.past_cues or cue[1:] in t.past_cues:
                e.month_rel = "since"
        out.append(e)
    return _merge(ntext, out)


_ADJACENT = re.compile(rf"{_GAP}(?:[,،\-]{_GAP})?")


def _merge(ntext: str, exprs: list[_Expr]) -> list[_Expr]:
    """Join a relative day with the explicit date right after it, and two dates joined
    as a range ("من 28 سبتمبر إلى 3 أكتوبر 2025")."""
    t = _tables()
    out: list[_Expr] = []
    i = 0
    while i < len(exprs):
        e = exprs[i]
        nxt = exprs[i + 1] if i + 1 < len(exprs) else None
        between = ntext[e.nend:nxt.nstart] if nxt else None
        if nxt and e.flags["kind"] == "rd" and nxt.precision == "day" and nxt.month is not None \
                and _ADJACENT.fullmatch(between):
            nxt.nstart = e.nstart  # "صباح الاثنين 13 يناير": the explicit date decides
            i += 1
            continue
        if nxt and between is not None and "\n" not in between:
            joined = t.range_join.fullmatch(between)
            opener = t.range_open.search(ntext, max(0, e.nstart - 30), e.nstart)
            if joined and opener and _range_ok(e, nxt):
                if e.year is None and e.year_offset is None and e.month_rel is None:
                    e.year, e.month_rel, e.year_offset = nxt.year, nxt.month_rel, nxt.year_offset
                e.flags["range_end"] = nxt
                e.nend = nxt.nend
                out.append(e)
                i += 2
                continue
        out.append(e)
        i += 1
    return out


def _range_ok(a: _Expr, b: _Expr) -> bool:
    return (a.precision == b.precision and not a.hijri and not b.hijri
            and a.month is not None and b.month is not None
            and a.day_offset is None and b.day_offset is None)


_QUOTE_OR_LINE = re.compile('["\n]')


def _quote_state(ntext: str) -> list[int]:
    """Offsets of the quotation marks of each line, to tell whether a position is quoted."""
    return [m.start() for m in _QUOTE_OR_LINE.finditer(ntext)]


def _in_quote(marks: list[int], ntext: str, pos: int) -> bool:
    i = bisect.bisect_left(marks, pos)
    n = 0
    j = i - 1
    while j >= 0 and ntext[marks[j]] != "\n":
        n += 1
        j -= 1
    return n % 2 == 1


def resolve_text(ntext: str, published: dt.date | None) -> list[tuple[_Expr, tuple]]:
    """Expressions of a normalized text with their resolution (value, value_max,
    precision, basis), quotations resolved against the statement's day."""
    exprs = _raw_exprs(ntext)
    marks = _quote_state(ntext)
    spans = _sentence_bounds(ntext)
    quoted = [_in_quote(marks, ntext, e.nstart) for e in exprs]
    results: list[tuple | None] = [None] * len(exprs)
    news_days: list[tuple[int, int, str]] = []  # (nstart, sentence, iso) outside quotes
    for i, e in enumerate(exprs):
        if quoted[i]:
            continue
        results[i] = _resolve_full(e, published)
        if e.news_day and results[i][0]:
            news_days.append((e.nstart, _sent_index(spans, e.nstart), results[i][0]))
    news_starts = [d[0] for d in news_days]
    news_by_sentence: dict[int, str] = {}
    for _, si, iso in news_days:
        news_by_sentence.setdefault(si, iso)
    for i, e in enumerate(exprs):
        if not quoted[i]:
            continue
        if not e.relative:
            results[i] = _resolve_full(e, published)
            continue
        si = _sent_index(spans, e.nstart)
        k = bisect.bisect_left(news_starts, e.nstart)
        anchor, how = published, "quoted"
        if si in news_by_sentence:  # the statement's day, named in its own sentence
            anchor = dt.date.fromisoformat(news_by_sentence[si])
        elif k > 0:  # the news day stated before it
            anchor = dt.date.fromisoformat(news_days[k - 1][2])
        v = _resolve_full(e, anchor)
        results[i] = (v[0], v[1], v[2], f"{v[3]}-{how}")
    return [(e, r) for e, r in zip(exprs, results)]


def _resolve_full(e: _Expr, anchor: dt.date | None) -> tuple:
    end = e.flags.get("range_end")
    v = _resolve(e, anchor)
    if end is None:
        return v
    w = _resolve(end, anchor)
    return v[0], w[0], v[2], v[3]


def _sentence_bounds(ntext: str) -> list[int]:
    from .arabic import sentences

    return [s for s, _ in sentences(ntext)]


def _sent_index(starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _attribute():
    try:
        from .attribution import attribute
    except ImportError:
        return None
    return attribute


def find_dates(ctx: TextContext) -> list[Mention]:
    """Every date the text refers to (see the module docstring for the rules)."""
    attribute = _attribute()
    out: list[Mention] = []
    for e, (value, vmax, precision, basis) in resolve_text(ctx.ntext, ctx.published):
        if value is None and not basis.startswith("unresolved"):
            continue  # no such day (31 February): not a date
        mention = ctx.mention("date", e.nstart, e.nend, value=value, value_max=vmax, precision=precision)
        mention.extra["basis"] = basis
        if attribute is not None:
            try:
                mention.attribution = attribute(ctx, mention.start)
            except Exception:  # attribution is an annotation: never lose the date over it
                mention.attribution = None
        out.append(mention)
    return out


def parse_dateline(line: str) -> dt.date | None:
    """The publication date of a page's date line, or None.

    Only a complete date written out in the line counts (day, month and year: "تاريخ
    النشر: 10th, November 2024 GMT", "الاثنين 13 كانون الثاني 2025 - 7:15", "30.04.2025
    10:20", "الخميس ١٤ / نوفمبر / ٢٠٢٤", "26 صفر 1447 هـ"); relative words ("اليوم") and
    partial dates give None.  A Gregorian date is preferred to a Hijri one on the same line.
    """
    if not isinstance(line, str) or not line.strip():
        return None
    ntext = normalize(line).text
    hijri = None
    for e in _raw_exprs(ntext):
        if e.precision != "day" or e.year is None or e.month is None or e.day is None:
            continue
        if e.day_max is not None or e.flags.get("range_end") is not None:
            continue
        if e.hijri:
            v, _, _ = _hijri(e)
            if v and hijri is None:
                hijri = dt.date.fromisoformat(v)
            continue
        iso = _iso(e.year, e.month, e.day)
        if iso and _YEAR_MIN <= e.year <= _YEAR_MAX:
            return dt.date.fromisoformat(iso)
    return hijri
