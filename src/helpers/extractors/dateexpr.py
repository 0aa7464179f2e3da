"""Date expressions as written, and their resolution to calendar values (the rules are
in :mod:`helpers.extractors.dates`).

:func:`parse_match` turns one match of the date expression
(:func:`helpers.extractors.datevocab.tables`) into an :class:`Expr`; :func:`resolve` gives its
value against an anchor day.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..lang import morphology
from .datevocab import HIJRI_YEARS, YEAR_MAX, YEAR_MIN, DateTables, key
from ..lang.numbers import parse_ordinal
from .text import TextContext

__all__ = ["Expr", "parse_match", "resolve", "hijri_days", "iso", "word_before"]


@dataclass
class Expr:
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


def _month_num(t: DateTables, s: str) -> int | None:
    m = t.month_pattern.match(key(s))
    return t.months.get(key(m.group())) if m else None


def _day_num(s: str | None, o: str | None) -> int | None:
    if s:
        return int(re.sub(r"\D", "", s))
    if o:
        return parse_ordinal(key(o))
    return None


def _rel_after(t: DateTables, m: re.Match, p: str, e: Expr) -> None:
    ry = m.group(p + "ry")
    if ry:
        w = key(ry)
        if w not in t.relative_years:  # "من العام الماضي"
            w = w.split(" ", 1)[1]
        e.year_offset = t.relative_years[w]
    r = m.group(p + "r")
    if r:
        e.month_rel = t.modifiers[key(r)]


def _year(m: re.Match, name: str) -> int | None:
    y = m.group(name)
    return int(y) if y else None


def _hijri_year(m: re.Match, p: str, year: int) -> bool:
    """A numeric date of the Hijri era: written with its marker, or with a year of it."""
    return bool(m.group(p + "h")) or HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1]


def _weekday(t: DateTables, m: re.Match, name: str, e: Expr) -> Expr:
    w = m.group(name)
    if w:
        e.weekday = t.weekdays[key(w)]
        e.flags["weekday_given"] = True
    return e


def _numeric(t: DateTables, m: re.Match, kind: str, ctx: TextContext) -> Expr | None:
    s, e_ = m.span()
    g = m.group
    if kind == "iso":
        y = int(g("isoy"))
        return Expr(s, e_, "day", y, int(g("isom")), int(g("isod")), hijri=_hijri_year(m, "iso", y))
    if kind == "num":
        d, mo, y = int(g("numd")), int(g("numm")), int(g("numy"))
        if mo > 12 and d <= 12:
            d, mo = mo, d
        return Expr(s, e_, "day", y, mo, d, hijri=_hijri_year(m, "num", y))
    if kind == "dmn":
        return Expr(s, e_, "day", None, int(g("dmnm")), int(g("dmnd")))
    if kind == "ym":
        if word_before(ctx.ntext, s) in t.numbered_before:
            return None  # "القرار رقم 2021/7"
        y, mo = (g("ymy"), g("ymm")) if g("ymy") else (g("ymy2"), g("ymm2"))
        return Expr(s, e_, "month", int(y), int(mo))
    return None


def _ranges(t: DateTables, m: re.Match, kind: str) -> Expr | None:
    s, e_ = m.span()
    g = m.group
    if kind == "rng":
        e = Expr(s, e_, "day", _year(m, "rngy"), _month_num(t, g("rngm")),
                  _day_num(g("rad"), g("rao")), _day_num(g("rbd"), g("rbo")))
        _rel_after(t, m, "rng", e)
    elif kind == "rgm":
        e = Expr(s, e_, "day", day=_day_num(g("rgmad"), g("rgmao")), day_max=_day_num(g("rgmbd"), g("rgmbo")))
        e.month_offset = t.relative_months[key(g("rgmm"))]
    else:  # mrng
        e = Expr(s, e_, "day", _year(m, "mrngy"), _month_num(t, g("mrngm")),
                  _day_num(g("mrnga"), None), _day_num(g("mrngb"), None))
    if e.day is None or e.day_max is None or e.day_max <= e.day:
        return None
    return e


def _day_month(t: DateTables, m: re.Match, kind: str, ctx: TextContext) -> Expr | None:
    s, e_ = m.span()
    g = m.group
    if kind == "dm":
        if g("dmd") and "." in ctx.ntext[m.end("dmd"):m.start("dmm")] \
                and not any(m.group().startswith(w) for w in t.day_words):
            return None  # "5. نوفمبر" is a date after a day word only
        e = Expr(s, e_, "day", _year(m, "dmy"), _month_num(t, g("dmm")), _day_num(g("dmd"), g("dmo")))
        _rel_after(t, m, "dm", e)
        e.flags["ordinal_day"] = bool(g("dmo"))
        return _weekday(t, m, "dmw", e)
    if kind == "drm":
        e = Expr(s, e_, "day", day=_day_num(g("drmd"), g("drmo")))
        e.month_offset = t.relative_months[key(g("drmr"))]
        return _weekday(t, m, "drmw", e)
    if kind == "mg":
        return Expr(s, e_, "day", _year(m, "mgy"), _month_num(t, g("mgm")), int(g("mgd")))
    if kind == "mdy":
        return Expr(s, e_, "day", int(g("mdyy")), _month_num(t, g("mdym")), int(re.sub(r"\D", "", g("mdyd"))))
    if kind == "hd":
        hm = t.hijri_months[key(g("hdm"))]
        hy = _year(m, "hdy")
        if hy is None and key(g("hdm")) in t.hijri_need_year:
            return None
        return Expr(s, e_, "day", hy, hm, _day_num(g("hdd"), g("hdo")), hijri=True)
    return None


def _months_years(t: DateTables, m: re.Match, kind: str) -> Expr | None:
    s, e_ = m.span()
    g = m.group
    if kind == "hm":
        return Expr(s, e_, "month", int(g("hmy")), t.hijri_months[key(g("hmm"))], hijri=True)
    if kind == "hy":
        return Expr(s, e_, "year", int(g("hyy")), hijri=True)
    if kind == "mr":
        a, b = _month_num(t, g("mra")), _month_num(t, g("mrb"))
        if a is None or b is None or a == b:
            return None
        end = Expr(m.start("mrb"), e_, "month", _year(m, "mry"), b)
        _rel_after(t, m, "mr", end)
        e = Expr(s, e_, "month", end.year, a, year_offset=end.year_offset, month_rel=end.month_rel)
        if b < a:  # "من نوفمبر إلى فبراير 2024": the range begins the year before
            e.year = e.year - 1 if e.year is not None else None
            e.flags["wraps_year"] = True
        if end.year is None and end.year_offset is None and end.month_rel is None:
            e.flags["end_follows"] = True  # "من سبتمبر إلى ديسمبر": the end in the start's year
        e.flags["range_end"] = end
        return e
    if kind == "mo":
        e = Expr(s, e_, "month", _year(m, "moy"), _month_num(t, g("mom")))
        _rel_after(t, m, "mo", e)
        if e.year is None and e.year_offset is None and e.month_rel is None:
            if not (g("moc") or g("mop") or g("mos")):
                return None  # a month word alone is not a date
        return e
    if kind == "yr":
        a, b = int(g("yray")), int(g("yrby"))
        return Expr(s, e_, "year", a, year_max=b) if b > a else None
    if kind == "yy":
        return Expr(s, e_, "year", int(g("yyy")))
    if kind == "ry":
        w = key(g("ryw"))
        if w in t.relative_years:
            return Expr(s, e_, "year", year_offset=t.relative_years[w])
        return Expr(s, e_, "month", month_offset=t.relative_months[w])
    if kind == "bp":
        which = t.bare_periods[key(g("bpw"))]
        if which == "year":
            return Expr(s, e_, "year", year_offset=0)
        return Expr(s, e_, "month", month_offset=0)
    return None


def parse_match(t: DateTables, m: re.Match, ctx: TextContext) -> Expr | None:
    """The expression one match of the date regex (run on ``ctx.ntext``) stands for."""
    kind = m.lastgroup
    if kind in ("iso", "num", "dmn", "ym"):
        return _numeric(t, m, kind, ctx)
    if kind in ("rng", "rgm", "mrng"):
        return _ranges(t, m, kind)
    if kind in ("dm", "drm", "mg", "mdy", "hd"):
        return _day_month(t, m, kind, ctx)
    if kind == "rd":
        return _parse_relday(t, m, ctx)
    return _months_years(t, m, kind)


def word_before(ntext: str, pos: int) -> str:
    """The word ending right before ``pos`` on the same line ("" if none)."""
    m = re.search(r"(\w+)[^\S\n]*$", ntext[max(0, pos - 40):pos])
    return m.group(1) if m else ""


def _word_after(ntext: str, pos: int) -> str:
    m = re.match(r"[^\S\n]*(\w+)", ntext[pos:pos + 40])
    return m.group(1) if m else ""


def _parse_relday(t: DateTables, m: re.Match, ctx: TextContext) -> Expr | None:
    ntext = ctx.ntext
    s, e_ = m.span()
    rel = m.group("rdr")
    wd = m.group("rdw") or m.group("rdw2")
    tod = m.group("rdt")
    mod = m.group("rdm")
    e = Expr(s, e_, "day")
    if wd:
        e.weekday = t.weekdays[key(wd)]
        wstart, wend = m.span("rdw") if m.group("rdw") else m.span("rdw2")
        if _word_after(ntext, wend) in t.weekday_not_before and not mod:
            return None
        if not rel and not tod and word_before(ntext, wstart) in t.weekday_not_after:
            return None
        if mod:
            e.weekday_rel = t.modifiers[key(mod)]
    elif mod:
        # "اليوم التالي": a modifier after a relative day word names another day
        return None
    if rel:
        w = key(rel)
        # strip a clitic the boundary let through ("بالامس" is listed itself)
        word = w if w in t.relative_days else w[1:] if w[1:] in t.relative_days else w
        e.day_offset = t.relative_days.get(word)
        if e.day_offset is None:
            return None
        if word in t.rel_need_context and not (tod or wd or m.group("rdy")):
            return None
        if e.day_offset == 0 and not (tod or wd) and not _today_is_date(t, ctx, *m.span("rdr")):
            return None
    return e


def _today_is_date(t: DateTables, ctx: TextContext, s: int, e: int) -> bool:
    """Whether a bare "اليوم" at ntext[s:e] means the day of writing (see module doc)."""
    ntext = ctx.ntext
    before = word_before(ntext, s)
    after = _word_after(ntext, e)
    if ntext[s - 1:s].isalpha():  # with a clitic: "لليوم", "واليوم" (and today)
        if ntext[s - 1] != morphology.letter("wa"):
            return False
        before = ""
    befores = morphology.unclitic(before, "date_context")
    if any(b in t.today_not_after for b in befores):
        return False
    if after in t.today_not_before or after.startswith(morphology.letter("al")) and after not in t.today_after_ok:
        return False
    if f"{before} {ntext[s:e]}" in t.today_names:
        return False
    if any(b in t.today_name_places for b in befores[1:]):
        return False  # "لروسيا اليوم"
    if before in t.today_name_places and word_before(ntext, s - len(before) - 1) in t.media_words:
        return False  # "قناة روسيا اليوم"
    # a quoted name ending in it: "روسيا اليوم"
    quote = ctx.quote_at(s)
    if quote is not None and quote[1] == e and ntext[e:e + 1] == '"' and s - quote[0] <= 30 \
            and len(ntext[quote[0] + 1:s].split()) == 1:
        return False
    return True


# --- resolution --------------------------------------------------------------------------


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _nearest_year(month: int, day: int | None, anchor: dt.date, weekday: int | None = None) -> int:
    """The year that puts the month (and day) nearest the anchor, the past one on a tie;
    with a weekday, the nearest year in which the day falls on it, when there is one."""
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
        disagrees = weekday is not None and day is not None and d.weekday() != weekday
        rank = (disagrees, dist, 0 if past else 1)
        if best is None or rank < best[0]:
            best = (rank, y)
    return best[1] if best else anchor.year


def iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if not YEAR_MIN - 1000 <= y <= YEAR_MAX + 1000:
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


def hijri_days(e: Expr) -> tuple[str | None, str | None, str]:
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


def resolve(e: Expr, anchor: dt.date | None) -> tuple[str | None, str | None, str, str]:
    """(value, value_max, precision, basis) of an expression against an anchor day."""
    if e.hijri:
        if e.year is None:
            if anchor is None:
                return None, None, e.precision, "unresolved"
            from hijridate import Gregorian

            hy = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri().year
            best = None
            for y in (hy - 1, hy, hy + 1):
                v, _, _ = hijri_days(replace(e, year=y))
                if v is None:
                    continue
                dist = abs((dt.date.fromisoformat(v) - anchor).days)
                if best is None or dist < best[0]:
                    best = (dist, v)
            return (best[1] if best else None), None, "day", "hijri-nearest"
        v, vmax, prec = hijri_days(e)
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
            vmax = iso(y, mo, e.day_max) if e.day_max else None
            return iso(y, mo, _agreeing_day(e, y, mo)), vmax, "day", "relative"
        return iso(y, mo), None, "month", "relative"

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
            y, basis = _nearest_year(e.month, e.day, anchor, e.weekday), "nearest"
    if e.precision == "year" or e.month is None:
        vmax = iso(e.year_max) if e.year_max else None
        return iso(y), vmax, "year", basis
    if e.precision == "month" or e.day is None:
        return iso(y, e.month), None, "month", basis
    vmax = iso(y, e.month, e.day_max) if e.day_max else None
    return iso(y, e.month, _agreeing_day(e, y, e.month)), vmax, "day", basis


def _agreeing_day(e: Expr, y: int, month: int) -> int | None:
    """The day of the month, checked against the weekday written with it.

    "الاثنين الثالث من مارس" is the third Monday when the 3rd is not a Monday; any other
    disagreement is kept as written and flagged (``flags["weekday_conflict"]``)."""
    e.flags.pop("weekday_conflict", None)
    if e.weekday is None or e.day is None or e.day_max is not None:
        return e.day
    try:
        d = dt.date(y, month, e.day)
    except ValueError:
        return e.day
    if d.weekday() == e.weekday:
        return e.day
    if e.flags.get("ordinal_day") and e.day <= 5:
        first = dt.date(y, month, 1)
        nth = 1 + (e.weekday - first.weekday()) % 7 + 7 * (e.day - 1)
        if iso(y, month, nth):
            return nth
    e.flags["weekday_conflict"] = True
    return e.day

