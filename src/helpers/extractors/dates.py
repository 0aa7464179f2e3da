"""Dates in Arabic news text, resolved to ISO values with their precision.

:func:`find_dates` returns one ``Mention`` (kind ``"date"``) per date expression of the
text: ``value`` is ``"YYYY-MM-DD"``, ``"YYYY-MM"`` or ``"YYYY"`` (``precision`` day, month
or year), ``value_max`` the last day/month/year of a range, ``extra["basis"]`` how the
value was obtained.  :func:`parse_dateline` reads a page's publication line.

All vocabulary (month names of the three Arabic naming systems and English, Hijri months,
weekdays, relative words, cues, count nouns) is in ``data/dates.yaml``; it is folded
with :func:`helpers.lang.arabic.fold` and compiled into one regular expression, run once over
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

The work is shared by three modules: :mod:`helpers.extractors.datevocab` (the vocabulary and the
expression built from it), :mod:`helpers.extractors.dateexpr` (an expression as written and its
resolution) and this one (finding, quotations, the public API).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from ..lang import morphology
from .attribution import attribute
from .dateexpr import Expr, hijri_days, iso, parse_match, resolve, word_before
from .dateperiods import find_periods, resolve_period, span_kind
from .datevocab import GAP, YEAR_MAX, YEAR_MIN, key, name_tables, tables
from ..model import Mention
from .text import TextContext

__all__ = ["find_dates", "parse_dateline", "first_full_date", "resolve_text", "name_tables"]


# --- finding -----------------------------------------------------------------------------


def _raw_exprs(ctx: TextContext) -> list[Expr]:
    t = tables()
    ntext = ctx.ntext
    out: list[Expr] = []
    for m in t.regex.finditer(ntext):
        e = parse_match(t, m, ctx)
        if e is None:
            continue
        if e.month is not None and not 1 <= e.month <= 12:
            continue
        if e.day is not None and not 1 <= e.day <= 31:
            continue
        e.flags["kind"] = m.lastgroup
        if e.month is not None and e.year is None and e.year_offset is None and e.month_rel is None:
            cue = m.group("moc") if m.lastgroup == "mo" else None
            cue = key(cue) if cue else word_before(ntext, m.start())
            if morphology.strip(cue, "date", t.past_cues):
                e.month_rel = "since"
        out.append(e)
    return _merge(ntext, _overlay(out, find_periods(ctx)))


def _overlay(exprs: list[Expr], periods: list[Expr]) -> list[Expr]:
    """The period expressions in place of the date expressions they contain or overlap
    with less text ("عيد الأضحى عام 2023" is the holiday, not the year), in text order."""
    if not periods:
        return exprs
    keep = []
    for e in exprs:
        clash = [p for p in periods if p.nstart < e.nend and e.nstart < p.nend]
        if clash and all(p.nend - p.nstart >= e.nend - e.nstart for p in clash):
            continue
        keep.append(e)
    kept = [p for p in periods if not any(
        p.nstart < e.nend and e.nstart < p.nend and e.nend - e.nstart > p.nend - p.nstart for e in keep)]
    return sorted(keep + kept, key=lambda x: x.nstart)


_ADJACENT = re.compile(rf"{GAP}(?:[,،\-]{GAP})?")


def _merge(ntext: str, exprs: list[Expr]) -> list[Expr]:
    """Join a relative day with the explicit date right after it, and two dates joined
    as a range ("من 28 سبتمبر إلى 3 أكتوبر 2025")."""
    t = tables()
    out: list[Expr] = []
    i = 0
    while i < len(exprs):
        e = exprs[i]
        nxt = exprs[i + 1] if i + 1 < len(exprs) else None
        between = ntext[e.nend:nxt.nstart] if nxt else None
        if nxt and e.flags["kind"] == "rd" and nxt.precision == "day" and nxt.month is not None \
                and _adjacent(t, between):
            nxt.nstart = e.nstart  # "صباح الاثنين 13 يناير": the explicit date decides
            if e.weekday is not None and e.day_offset is None and nxt.weekday is None:
                nxt.weekday = e.weekday  # ... and must fall on the weekday
                nxt.flags["weekday_given"] = True
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


def _adjacent(t, between: str) -> bool:
    """Nothing but a comma, a dash or a joining word ("في", "الموافق") between a weekday
    and the date after it."""
    if _ADJACENT.fullmatch(between):
        return True
    words = between.strip(" \t,،-").split()
    return len(words) == 1 and words[0] in t.weekday_joiners


def _range_ok(a: Expr, b: Expr) -> bool:
    return (a.precision == b.precision and not a.hijri and not b.hijri
            and a.month is not None and b.month is not None
            and a.day_offset is None and b.day_offset is None)


def resolve_text(ntext: str, published: dt.date | None) -> list[tuple[Expr, tuple]]:
    """Expressions of a normalized text with their resolution (value, value_max,
    precision, basis), quotations resolved against the statement's day."""
    return _resolve_in(TextContext(ntext, published=published))


def _resolve_in(ctx: TextContext) -> list[tuple[Expr, tuple]]:
    """:func:`resolve_text` on a context's normalized text, its sentences and quotations."""
    published = ctx.published
    exprs = _raw_exprs(ctx)
    quoted = [ctx.quote_at(e.nstart) is not None for e in exprs]
    results: list[tuple | None] = [None] * len(exprs)
    news_days: list[tuple[int, int, str]] = []  # (nstart, sentence, iso) outside quotes
    for i, e in enumerate(exprs):
        if quoted[i]:
            continue
        results[i] = _resolve_full(e, published)
        if e.news_day and results[i][0]:
            news_days.append((e.nstart, ctx.nsentence_index(e.nstart), results[i][0]))
    news_starts = [d[0] for d in news_days]
    news_by_sentence: dict[int, str] = {}
    for _, si, day in news_days:
        news_by_sentence.setdefault(si, day)
    for i, e in enumerate(exprs):
        if not quoted[i]:
            continue
        if not e.relative:
            results[i] = _resolve_full(e, published)
            continue
        si = ctx.nsentence_index(e.nstart)
        k = bisect.bisect_left(news_starts, e.nstart)
        anchor, how = published, "quoted"
        if si in news_by_sentence:  # the statement's day, named in its own sentence
            anchor = dt.date.fromisoformat(news_by_sentence[si])
        elif k > 0:  # the news day stated before it
            anchor = dt.date.fromisoformat(news_days[k - 1][2])
        v = _resolve_full(e, anchor)
        results[i] = (v[0], v[1], v[2], f"{v[3]}-{how}")
    return [(e, r) for e, r in zip(exprs, results)]


def _resolve_full(e: Expr, anchor: dt.date | None) -> tuple:
    period = resolve_period(e, anchor)
    if period is not None:
        return period
    end = e.flags.get("range_end")
    v = resolve(e, anchor)
    if end is None:
        return v
    if e.flags.get("end_follows") and v[0]:
        y = int(v[0][:4]) + (1 if e.flags.get("wraps_year") else 0)
        return v[0], iso(y, end.month), v[2], v[3]
    w = resolve(end, anchor)
    return v[0], w[0], v[2], v[3]


def find_dates(ctx: TextContext) -> list[Mention]:
    """Every date the text refers to (see the module docstring for the rules)."""
    out: list[Mention] = []
    for e, (value, vmax, precision, basis) in _resolve_in(ctx):
        if value is None and not basis.startswith("unresolved"):
            continue  # no such day (31 February): not a date
        mention = ctx.mention("date", e.nstart, e.nend, value=value, value_max=vmax, precision=precision)
        mention.extra["basis"] = basis
        if span_kind(e):
            mention.extra["span"] = span_kind(e)
        if e.flags.get("weekday_conflict"):
            mention.extra["weekday_conflict"] = True  # the weekday written does not fall on the day
        mention.attribution = attribute(ctx, mention.start)
        out.append(mention)
    return out


def _full_day(e: Expr) -> dt.date | None:
    """The Gregorian day of a complete, single-day expression (day, month and year
    written out), else None."""
    if e.precision != "day" or e.year is None or e.month is None or e.day is None:
        return None
    if e.day_max is not None or e.flags.get("range_end") is not None:
        return None
    if e.hijri:
        v, _, _ = hijri_days(e)
        return dt.date.fromisoformat(v) if v else None
    day = iso(e.year, e.month, e.day)
    return dt.date.fromisoformat(day) if day and YEAR_MIN <= e.year <= YEAR_MAX else None


def first_full_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first date expression of ``text`` when it is a complete day (day, month and
    year written out): ``(day, start, end)`` with offsets in ``text``; else None."""
    if not isinstance(text, str) or not text.strip():
        return None
    ctx = TextContext(text)
    exprs = _raw_exprs(ctx)
    if not exprs:
        return None
    day = _full_day(exprs[0])
    if day is None:
        return None
    start, end = ctx.norm.orig_span(exprs[0].nstart, exprs[0].nend)
    return day, start, end


def parse_dateline(line: str) -> dt.date | None:
    """The publication date of a page's date line, or None.

    Only a complete date written out in the line counts (day, month and year: "تاريخ
    النشر: 10th, November 2024 GMT", "الاثنين 13 كانون الثاني 2025 - 7:15", "30.04.2025
    10:20", "الخميس ١٤ / نوفمبر / ٢٠٢٤", "26 صفر 1447 هـ"); relative words ("اليوم") and
    partial dates give None.  A Gregorian date is preferred to a Hijri one on the same line.
    """
    if not isinstance(line, str) or not line.strip():
        return None
    hijri = None
    # "العدد 2210 /3-11-2024": a slash after a space opens the date, it is not inside a number
    line = re.sub(r"(?<=\s)/(?=\d)", " ", line)
    for e in _raw_exprs(TextContext(line)):
        day = _full_day(e)
        if day is None:
            continue
        if not e.hijri:
            return day
        hijri = hijri or day
    return hijri

