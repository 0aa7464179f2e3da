"""The publication day an article's web address gives, when it gives one.

News sites often file articles by day: ``/2023/05/02/title``, ``/news/2023/9/20/title``,
``/2024-04-16/title``, or a query value named after a date (``?cdate=09092023``,
``?date=2024-04-16``).  Only a complete day is read, and only where the address itself
says it is a date (year, month and day as separate path steps; an ISO day; a parameter
whose name contains "date"); an 8-digit value is read only when one order alone makes a
day.  Ids, timestamps and numbers of other shapes are never read as days.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = ["url_date"]

YEAR_MIN, YEAR_MAX = 1990, 2100

_YMD_STEPS = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?=/|$)")
_ISO_STEP = re.compile(r"(?<![\d])((?:19|20)\d\d)[-_]([01]?\d)[-_]([0-3]?\d)(?![\d])")


def _day(y: str | int, m: str | int, d: str | int) -> dt.date | None:
    try:
        day = dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
    return day if YEAR_MIN <= day.year <= YEAR_MAX else None


def _eight_digits(v: str) -> dt.date | None:
    """``YYYYMMDD``, ``DDMMYYYY`` or ``MMDDYYYY``: the day when every order that makes a
    valid day gives the same one."""
    if not re.fullmatch(r"\d{8}", v):
        return None
    days = {
        _day(v[:4], v[4:6], v[6:]),
        _day(v[4:], v[2:4], v[:2]),
        _day(v[4:], v[:2], v[2:4]),
    } - {None}
    return days.pop() if len(days) == 1 else None


def url_date(url: str | None) -> dt.date | None:
    """The day an article's address files it under (see the module doc), or None."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    path = unquote(parts.path)
    m = _YMD_STEPS.search(path)
    if m:
        day = _day(*m.groups())
        if day:
            return day
    for step in path.split("/"):
        m = _ISO_STEP.search(step)
        if m:
            day = _day(*m.groups())
            if day:
                return day
    for name, value in parse_qsl(parts.query, keep_blank_values=False):
        if "date" not in name.lower():
            continue
        m = _ISO_STEP.fullmatch(value.strip())
        day = _day(*m.groups()) if m else _eight_digits(value.strip())
        if day:
            return day
    return None
