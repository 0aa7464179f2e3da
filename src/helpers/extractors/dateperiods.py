"""Dates that name a period rather than a calendar day: holidays, spans back from the
publication day, relative weeks, parts of a year and decades (the vocabulary is the
"periods" part of ``data/dates.yaml``; :mod:`helpers.extractors.dates` merges them with
the other date expressions).

* Holidays — "عيد الفطر 2024", "عيد الأضحى عام 1445 هـ", "رأس السنة الميلادية 2025",
  "عيد الفطر الماضي" — resolve to their day (``precision`` day).  With a Gregorian year,
  a Hijri holiday is the one that falls in that year.  A Hijri month with a Gregorian year
  ("رمضان 2025") is the Hijri month that begins in that year (a day range).
* Spans back from the publication day — "قبل ثلاثة أيام", "منذ يومين", "قبل أسبوعين"
  (day), "قبل ثلاثة أشهر" (month), "قبل عامين" (year).
* Relative weeks — "الأسبوع الماضي", "هذا الأسبوع", "الأسبوع المقبل" — are the days from
  Monday to Sunday (``value`` .. ``value_max``, ``extra["span"]`` "week").
* Quarters, halves and thirds of a year — "الربع الأول من عام 2022", "النصف الثاني من
  العام" — are month ranges (``extra["span"]`` quarter / half / third).
* Decades — "الثمانينيات", "ستينات القرن الماضي" — are year ranges (``extra["span"]``
  "decade").  Without a century the decade is the latest one that began by the
  publication year; without a publication day the twenties are not resolved.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang.numbers import CARDINAL_PATTERN, parse_cardinal, parse_ordinal
from ..lang.tables import load_data_table
from .dateexpr import Expr, hijri_days, iso
from .datevocab import GAP, GAP1, alternation, folded_words, key, pieces, tables
from .text import TextContext

__all__ = ["find_periods", "resolve_period", "span_kind", "PERIOD_KINDS"]

PERIOD_KINDS = ("hol", "hmg", "sp", "rw", "qh", "yw", "dc")
_E = r"(?!\w)"


@dataclass(frozen=True)
class PeriodTables:
    holidays: dict[str, tuple[str, int, int]]  # name -> (calendar, month, day)
    span_cues: dict[str, str]  # word -> ago | since
    span_units: dict[str, tuple[str, int | None]]  # word -> (unit, count or None)
    since_units: frozenset[str]
    span_not_before: frozenset[str]
    weeks: dict[str, int]
    year_parts: dict[str, str]
    last_words: frozenset[str]
    decades: dict[str, int]
    centuries: dict[str, int]
    relative_centuries: dict[str, int]
    age_words: frozenset[str]
    regex: re.Pattern


def _keyed(section) -> dict[str, int]:
    return {w: int(k) for k, ws in section.items() for w in folded_words(ws)}


def _holidays(raw: dict) -> dict[str, tuple[str, int, int]]:
    out: dict[str, tuple[str, int, int]] = {}
    for cal, name in (("hijri", "hijri_holidays"), ("gregorian", "gregorian_holidays")):
        for entry in raw[name]:
            month, day = entry["day"]
            for w in folded_words(entry["names"]):
                out.setdefault(w, (cal, int(month), int(day)))
    return out


def _units(raw: dict) -> dict[str, tuple[str, int | None]]:
    counts = {"one": 1, "two": 2, "many": None}
    return {
        w: (unit, counts[form])
        for unit, forms in raw["span_units"].items()
        for form, ws in forms.items()
        for w in folded_words(ws)
    }


def _regex(raw: dict, T: dict) -> re.Pattern:
    P = pieces()
    clb, mods, of, ywords, hmark, relyears = P["clb"], P["mods"], P["of"], P["ywords"], P["hmark"], P["relyears"]
    gyear = r"(?:19\d\d|20\d\d|2100)(?![\d]|[.,/]\d)"
    hyear = rf"1[3-5]\d\d(?![\d])(?:{GAP}{hmark})?"
    year_after = rf"(?:{GAP1}(?:{of}{GAP1})?(?:{ywords}{GAP})?(?:(?P<{{p}}h>{hyear})|(?P<{{p}}g>{gyear})))"
    opener = rf"(?:{alternation(folded_words(raw['holiday_openers']))}{GAP1})?"
    units = alternation(T["span_units"])
    stems = alternation(T["decades"])
    suffix = alternation(folded_words(raw["decade_suffixes"]))
    century = alternation(list(T["centuries"]) + list(T["relative_centuries"]))
    ordinal = rf"(?:{alternation(T['last_words'])}|(?:ال)?\w+)"
    alts = [
        rf"(?P<hol>{clb}{opener}(?P<holn>{alternation(T['holidays'])}){_E}"
        rf"(?:{year_after.format(p='hol')}|{GAP1}(?P<holr>{mods}){_E})?)",
        rf"(?P<hmg>(?P<hmgm>{P['hmonth']}){GAP1}(?:{ywords}{GAP})?(?P<hmgy>{gyear}))",
        rf"(?P<sp>{clb}(?P<spc>{alternation(T['span_cues'])}){GAP1}"
        rf"(?:(?P<spn>{CARDINAL_PATTERN}){GAP1})?(?P<spu>{units}){_E})",
        rf"(?P<rw>{clb}(?:(?P<rwp>{P['parts']}){GAP1})?(?P<rww>{alternation(T['weeks'])}){_E})",
        rf"(?P<qh>{clb}(?P<qhw>{alternation(T['year_parts'])}){GAP1}(?P<qho>{ordinal}){GAP1}(?:{of}{GAP1})?"
        rf"(?:(?P<qhr>{relyears}){_E}|(?:{ywords}{GAP})?(?P<qhy>{gyear})|(?P<qhb>{P['bare_alt']}){_E}(?!{GAP1}(?:{mods}|\d))))",
        # a year in words ("عام ألفين وواحد وعشرين"), or before 1900 in figures ("عام 1798";
        # 1300-1599 is left out: without هـ such a year may be of either era)
        rf"(?P<yw>{clb}{ywords}{GAP}(?:(?P<ywd>1[0-2]\d\d|1[6-8]\d\d)(?![\d]|[.,/]\d)|(?P<ywn>{CARDINAL_PATTERN})))",
        rf"(?P<dc>{clb}(?P<dcw>(?:ال)?(?P<dcs>{stems}){suffix}){_E}"
        rf"(?:{GAP1}(?:{of}{GAP1})?(?P<dcc>{century}){_E})?)",
    ]
    # every alternative starts at a word start with one of these words: positions that
    # start with none of them are skipped before any alternative is tried
    firsts = {w.split(" ")[0] for w in (
        folded_words(raw["holiday_openers"]) + list(T["holidays"]) + list(tables().hijri_months)
        + list(T["span_cues"]) + folded_words(raw["period_parts"]) + list(T["weeks"])
        + list(T["year_parts"]) + folded_words(raw["year_words"]))}
    firsts |= {f"ال{d}" for d in T["decades"]} | set(T["decades"])
    starter = rf"{clb}(?={'|'.join(re.escape(w) for w in sorted(firsts, key=len, reverse=True))})"
    return re.compile(starter + "(?:" + "|".join(alts) + ")")


@lru_cache(maxsize=1)
def period_tables() -> PeriodTables:
    raw = load_data_table("dates.yaml")
    T = {
        "holidays": _holidays(raw),
        "span_cues": {w: kind for kind, ws in raw["span_cues"].items() for w in folded_words(ws)},
        "span_units": _units(raw),
        "weeks": _keyed(raw["relative_weeks"]),
        "year_parts": {w: kind for kind, ws in raw["year_parts"].items() for w in folded_words(ws)},
        "last_words": frozenset(folded_words(raw["last_words"])),
        "decades": _keyed(raw["decades"]),
        "centuries": _keyed(raw["centuries"]),
        "relative_centuries": _keyed(raw["relative_centuries"]),
    }
    return PeriodTables(
        **T,
        since_units=frozenset(raw["since_units"]),
        span_not_before=frozenset(folded_words(raw["span_not_before"])),
        age_words=frozenset(folded_words(raw["decade_age_words"])),
        regex=_regex(raw, T),
    )


# --- finding -----------------------------------------------------------------------------


def _next_word(ntext: str, pos: int) -> str:
    m = re.match(r"[^\S\n]*(\w+)", ntext[pos:pos + 40])
    return m.group(1) if m else ""


def _holiday(pt: PeriodTables, m: re.Match) -> Expr:
    e = Expr(m.start(), m.end(), "day")
    cal, month, day = pt.holidays[key(m.group("holn"))]
    e.flags["holiday"] = (cal, month, day)
    if m.group("holh"):
        e.flags["hijri_year"] = int(re.sub(r"\D", "", m.group("holh")))
    elif m.group("holg"):
        e.year = int(m.group("holg"))
    if m.group("holr"):
        e.month_rel = tables().modifiers[key(m.group("holr"))]
    return e


def _ends_span(word: str) -> bool:
    """Whether a bare "يوم"/"شهر"/"عام" ends before ``word`` (rather than naming which
    day, month or year it is: a definite word, a figure, a month or weekday name)."""
    t = tables()
    if not word:
        return True
    if word[0].isdigit() or word.startswith("ال") and word not in t.today_after_ok:
        return False
    return not any(word in names for names in (t.months, t.hijri_months, t.weekdays)) \
        and not any(w.split(" ")[0] == word for w in t.hijri_months)


def _span(pt: PeriodTables, m: re.Match, ntext: str) -> Expr | None:
    if _next_word(ntext, m.end()) in pt.span_not_before:
        return None  # "قبل ثلاثة أيام من ...": counted from another day
    unit, count = pt.span_units[key(m.group("spu"))]
    if count == 1 and not m.group("spn") and not _ends_span(_next_word(ntext, m.end())):
        return None  # "قبل يوم الجمعة", "قبل شهر رمضان", "منذ عام 2020": the unit names a day
    if m.group("spn"):
        if count is not None and count != 1:
            return None  # "ثلاثة يومين"
        count = parse_cardinal(key(m.group("spn")))
    if count is None or count < 1 or count > 1000:
        return None
    if pt.span_cues[key(m.group("spc"))] == "since" and unit not in pt.since_units:
        return None  # "منذ عامين": as often a duration as a date
    precision = unit if unit in ("month", "year") else "day"
    e = Expr(m.start(), m.end(), precision)
    e.flags["span"] = (unit, count)
    return e


def _year_part(pt: PeriodTables, m: re.Match) -> Expr | None:
    kind = pt.year_parts[key(m.group("qhw"))]
    size = {"quarter": 4, "half": 2, "third": 3}[kind]
    word = key(m.group("qho"))
    n = size if word in pt.last_words else parse_ordinal(word)
    if n is None or not 1 <= n <= size:
        return None
    e = Expr(m.start(), m.end(), "month")
    e.flags["year_part"] = (kind, n, 12 // size)
    if m.group("qhy"):
        e.year = int(m.group("qhy"))
    elif m.group("qhr"):
        w = key(m.group("qhr"))
        e.year_offset = tables().relative_years.get(w, tables().relative_years.get(w.split(" ", 1)[-1]))
    else:
        e.year_offset = 0
    return e


def _year_in_words(m: re.Match, ntext: str) -> Expr | None:
    if m.group("ywd"):
        y = int(m.group("ywd"))
    else:
        words = key(m.group("ywn"))
        if words[:1].isdigit():
            return None  # figures: the other date expressions read them
        y = parse_cardinal(words)
        if y is None or not 1000 <= y <= 2100:
            return None
    if _next_word(ntext, m.end()) in tables().count_nouns:
        return None  # "عام 1800 جندي"
    return Expr(m.start(), m.end(), "year", y)


def _decade(pt: PeriodTables, m: re.Match, ntext: str) -> Expr | None:
    after = ntext[m.end():m.end() + 30].split()
    if len(after) >= 2 and after[0] == "من" and re.sub(r"^[وبل]", "", after[1]) in pt.age_words:
        return None  # "في الستينات من عمره"
    e = Expr(m.start(), m.end(), "year")
    e.flags["decade"] = pt.decades[key(m.group("dcs"))]
    c = key(m.group("dcc") or "")
    if c in pt.centuries:
        e.flags["century"] = pt.centuries[c]
    elif c in pt.relative_centuries:
        e.flags["century_offset"] = pt.relative_centuries[c]
    return e


def find_periods(ctx: TextContext) -> list[Expr]:
    """The period expressions of a context's normalized text, left to right."""
    pt = period_tables()
    t = tables()
    ntext = ctx.ntext
    out: list[Expr] = []
    for m in pt.regex.finditer(ntext):
        kind = m.lastgroup
        if kind == "hol":
            e = _holiday(pt, m)
        elif kind == "hmg":
            e = Expr(m.start(), m.end(), "month", month=t.hijri_months[key(m.group("hmgm"))])
            e.flags["hijri_month_in"] = int(m.group("hmgy"))
        elif kind == "sp":
            e = _span(pt, m, ntext)
        elif kind == "rw":
            e = Expr(m.start(), m.end(), "day")
            e.flags["week_offset"] = pt.weeks[key(m.group("rww"))]
        elif kind == "qh":
            e = _year_part(pt, m)
        elif kind == "yw":
            e = _year_in_words(m, ntext)
        else:
            e = _decade(pt, m, ntext)
        if e is not None:
            e.flags["kind"] = kind
            out.append(e)
    return out


# --- resolution --------------------------------------------------------------------------


def _hijri_in_year(hmonth: int, hday: int | None, gyear: int) -> tuple[str | None, str | None]:
    """The first Hijri (month, day) — or the whole month — that begins in a Gregorian year."""
    from hijridate import Gregorian

    h0 = Gregorian(gyear, 1, 1).to_hijri().year
    for hy in (h0, h0 + 1):
        first, last, _ = hijri_days(Expr(0, 0, "day" if hday else "month", hy, hmonth, hday, hijri=True))
        if first and first.startswith(f"{gyear:04d}-"):
            return first, last
    return None, None


def _nearest_holiday(cal: str, month: int, day: int, anchor: dt.date, rel: str | None) -> str | None:
    from hijridate import Gregorian

    if cal == "hijri":
        hy = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri().year
        days = [hijri_days(Expr(0, 0, "day", y, month, day, hijri=True))[0] for y in (hy - 1, hy, hy + 1)]
    else:
        days = [iso(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    cands = [dt.date.fromisoformat(d) for d in days if d]
    if rel == "past":
        cands = [d for d in cands if d < anchor]
    elif rel == "next":
        cands = [d for d in cands if d > anchor]
    if not cands:
        return None
    return min(cands, key=lambda d: (abs((d - anchor).days), d > anchor)).isoformat()


def _resolve_holiday(e: Expr, anchor: dt.date | None) -> tuple:
    cal, month, day = e.flags["holiday"]
    if cal == "hijri" and "hijri_year" in e.flags:
        v, _, _ = hijri_days(Expr(0, 0, "day", e.flags["hijri_year"], month, day, hijri=True))
        return v, None, "day", "hijri"
    if e.year is not None:
        v = _hijri_in_year(month, day, e.year)[0] if cal == "hijri" else iso(e.year, month, day)
        return v, None, "day", "explicit"
    if anchor is None:
        return None, None, "day", "unresolved"
    return _nearest_holiday(cal, month, day, anchor, e.month_rel), None, "day", "relative" if e.month_rel else "nearest"


def _resolve_span(e: Expr, anchor: dt.date | None) -> tuple:
    unit, n = e.flags["span"]
    if anchor is None:
        return None, None, e.precision, "unresolved"
    if unit in ("day", "week"):
        return (anchor - dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat(), None, "day", "relative"
    if unit == "month":
        i = anchor.year * 12 + anchor.month - 1 - n
        return iso(i // 12, i % 12 + 1), None, "month", "relative"
    return iso(anchor.year - n), None, "year", "relative"


def _resolve_decade(e: Expr, anchor: dt.date | None) -> tuple:
    d = e.flags["decade"]
    if "century" in e.flags:
        start = (e.flags["century"] - 1) * 100 + d
    elif "century_offset" in e.flags:
        if anchor is None:
            return None, None, "year", "unresolved"
        start = (anchor.year // 100 + e.flags["century_offset"]) * 100 + d
    elif anchor is not None:
        start = 2000 + d if 2000 + d <= anchor.year else 1900 + d
    elif d >= 30:
        start = 1900 + d
    else:
        return None, None, "year", "unresolved"
    return iso(start), iso(start + 9), "year", "explicit" if "century" in e.flags else "relative"


def resolve_period(e: Expr, anchor: dt.date | None) -> tuple | None:
    """(value, value_max, precision, basis) of a period expression; None for any other."""
    f = e.flags
    if "holiday" in f:
        return _resolve_holiday(e, anchor)
    if "hijri_month_in" in f:
        first, last = _hijri_in_year(e.month, None, f["hijri_month_in"])
        return first, last, "day", "explicit"
    if "span" in f:
        return _resolve_span(e, anchor)
    if "week_offset" in f:
        if anchor is None:
            return None, None, "day", "unresolved"
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=f["week_offset"])
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "day", "relative"
    if "year_part" in f:
        _, n, months = f["year_part"]
        if e.year is None and anchor is None:
            return None, None, "month", "unresolved"
        y = e.year if e.year is not None else anchor.year + e.year_offset
        return iso(y, (n - 1) * months + 1), iso(y, n * months), "month", "explicit" if e.year else "relative"
    if "decade" in f:
        return _resolve_decade(e, anchor)
    return None


def span_kind(e: Expr) -> str | None:
    """What a period covers, for ``extra["span"]``: week, quarter, half, third, decade."""
    if "week_offset" in e.flags:
        return "week"
    if "year_part" in e.flags:
        return e.flags["year_part"][0]
    if "decade" in e.flags:
        return "decade"
    return None
