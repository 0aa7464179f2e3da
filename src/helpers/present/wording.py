"""How values are worded, for the comparison pages and the charts alike.

Two tables of words: ``data/compare_display.yaml`` (month names, number grouping,
qualifier signs, presence levels, units, sentence templates) and ``data/charts.yaml``
(what the charts print).  Everything that turns a fact value into text goes through
this module, so a date or a qualified count reads the same in a table, a sentence and
a chart.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..model import is_blank
from ..lang.tables import load_data_table

LANGS = ("ar", "en")
ABSENT = "absent"  # a presence fact's value when the article does not report it


@lru_cache(maxsize=1)
def display_table() -> dict[str, Any]:
    """The wording table (``data/compare_display.yaml``)."""
    return load_data_table("compare_display.yaml")


@lru_cache(maxsize=1)
def chart_words() -> dict[str, Any]:
    """What the charts print (``data/charts.yaml``)."""
    return load_data_table("charts.yaml")


def check_lang(lang: str) -> str:
    """``lang`` if it is a display language, else ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def word(key: str, lang: str) -> str:
    return display_table()["words"][check_lang(lang)][key]


def chart_text(key: str, lang: str, **fields: Any) -> str:
    """A chart's wording for ``key``, ``fields`` filled in."""
    return chart_words()["text"][key][lang].format(**fields)


def text_of(v: Any) -> str:
    """A cell's text: "" for None / NaN / NA, else ``str(v)``."""
    return "" if is_blank(v) else str(v)


def format_number(n: Any, lang: str = "ar") -> str:
    """12000 -> "12,000" (grouping per language)."""
    if is_blank(n):
        return ""
    x = float(n)
    sep = display_table()["thousands_sep"][check_lang(lang)]
    s = f"{int(x):,}" if x.is_integer() else f"{x:,}"
    return s.replace(",", sep)


def format_count(n: Any, qualifier: Any = None, lang: str = "ar") -> str:
    """12000 said to be approximate -> "≈12,000"; "" for no number."""
    if is_blank(n):
        return ""
    return display_table()["qualifier_signs"].get(text_of(qualifier), "") + format_number(n, lang)


_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_LEVELS = ("year", "month", "day")


def date_span(value: Any) -> tuple[dt.date, dt.date, str] | None:
    """(first day, last day, precision) of an ISO date, month or year ("2024-06" is
    June 2024, precision "month"); None for anything else.  A timestamp counts as its
    day."""
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()[:10]
    v = text_of(value).strip()
    m = _ISO.match(v[:10] if re.match(r"\d{4}-\d{2}-\d{2}", v) else v)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = dt.date(y, int(mo), int(d))
            return day, day, "day"
        if mo:
            first = dt.date(y, int(mo), 1)
            nxt = dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1), "month"
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    except ValueError:
        return None


def format_date(value: Any, lang: str = "ar", precision: str | None = None) -> str:
    """ISO ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` (or a date) in words of ``lang``, no
    more precise than ``precision``; text that is no date comes back as it is."""
    if is_blank(value):
        return ""
    span = date_span(value)
    if span is None:
        return str(value).strip()
    first, _, found = span
    depth = _LEVELS.index(found) + 1
    if precision in _LEVELS:
        depth = min(depth, _LEVELS.index(precision) + 1)
    table = display_table()
    fmt = table["date_formats"][check_lang(lang)][_LEVELS[depth - 1]]
    return fmt.format(d=first.day, month=table["months"][lang][first.month - 1], y=first.year)


def plural_category(n: int, lang: str) -> str:
    """CLDR plural category of an integer (Arabic: zero/one/two/few/many/other)."""
    n = abs(int(n))
    if lang == "en":
        return "one" if n == 1 else "other"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def counted(n: int, unit: str | None, lang: str) -> str:
    """"500 officers" / "500 ضابط", "3 generals" / "3 جنرالات"; a money count's unit is its
    currency code ("1,000,000 USD")."""
    if unit and re.fullmatch(r"[A-Z]{3}", unit):
        return f"{format_number(n, lang)} {unit}"
    forms = display_table()["units"][check_lang(lang)].get(unit or "other") or display_table()["units"][lang]["other"]
    noun = forms.get(plural_category(n, lang)) or forms["other"]
    return f"{format_number(n, lang)} {noun}"


def format_value(kind: str, value: Any, lang: str = "ar", qualifier: Any = None,
                 precision: Any = None, value_num: Any = None, short: bool = True) -> str:
    """How one fact value is shown in a table cell or a sentence."""
    table = display_table()
    lang = check_lang(lang)
    if is_blank(value) or value == ABSENT:
        return table["absent_cell"] if short else table["presence"][lang][ABSENT]
    if kind == "count":
        num = value_num if not is_blank(value_num) else value
        try:
            shown = format_number(num, lang)
        except (TypeError, ValueError):
            shown = str(value)
        return table["qualifier_signs"].get(text_of(qualifier), "") + shown
    if kind == "date":
        return format_date(value, lang, text_of(precision) or None)
    if kind == "presence":
        key = "presence_short" if short else "presence"
        return table[key][lang].get(str(value), str(value))
    return str(value)


def presence_words(lang: str) -> dict[str, str]:
    """Presence level -> its words, strongest level first (explicit, clause, absent)."""
    return display_table()["presence"][check_lang(lang)]
