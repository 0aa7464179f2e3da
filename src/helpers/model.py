"""The data the pipeline passes between its steps.

Offsets: every ``start``/``end`` in a :class:`Mention` indexes ``Article.text`` (the
cleaned article: title line, newline, body lines).  ``Article.text_to_raw`` maps such an
offset back to the decoded file (``Article.raw``), so every fact can be traced to the
exact characters it came from.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import sys
from dataclasses import asdict, dataclass, field
from typing import Any


class InputError(Exception):
    """A file the tool refuses to read. ``str(err)`` is the one line shown to users."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass
class ArticleMeta:
    outlet_ar: str | None = None
    outlet_en: str | None = None
    site: str | None = None
    published: dt.date | None = None
    published_basis: str | None = None  # "manifest", "dateline: <text>", "override", ...
    credited_source: str | None = None  # agency credited ("المصدر: نوفوستي", "نقلته وكالة تاس")
    byline: str | None = None
    dateline_place: str | None = None  # "موسكو" in "موسكو - حسن عمارة"
    notes: str | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass
class Article:
    doc: str  # manifest id, or the file's stem when the file has no manifest row
    path: str
    raw: str  # decoded file text, newlines normalized to "\n"
    title: str
    text: str  # title + "\n" + body; what the extractors read and what `body` prints
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    # one entry per line of ``text``: (offset in text, offset in raw); raw offset -1 when
    # the line does not come verbatim from raw (e.g. HTML reduced to text)
    line_map: list[tuple[int, int]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)  # chrome: {"kind", "text"}

    @property
    def label(self) -> str:
        """How the outlet is shown: Arabic name, else English name, else the doc id."""
        return self.meta.outlet_ar or self.meta.outlet_en or self.doc

    @property
    def label_en(self) -> str:
        return self.meta.outlet_en or self.meta.outlet_ar or self.doc

    @property
    def body(self) -> str:
        return self.text.partition("\n")[2]

    def text_to_raw(self, offset: int) -> int | None:
        """Offset in ``raw`` of the character at ``offset`` in ``text`` (None if unknown)."""
        if not self.line_map:
            return None
        starts = [t for t, _ in self.line_map]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return None
        t0, r0 = self.line_map[i]
        return None if r0 < 0 else r0 + (offset - t0)


@dataclass
class Mention:
    doc: str
    kind: str  # "quantity" | "date" | "article_ref" | "clause"
    text: str  # exactly Article.text[start:end]
    start: int
    end: int
    sentence: str  # the sentence the mention sits in (from the original text)
    value: Any = None  # quantity: int; date: ISO str or None; article_ref: int
    value_max: Any = None  # quantity range upper bound; date range end (ISO)
    unit: str | None = None  # quantity: soldiers | officers | generals | other
    category: str | None = None  # deployed | killed | wounded | casualties | captured
    qualifier: str | None = None  # exact | approx | at_least | more_than | up_to
    attribution: str | None = None  # who the article says it comes from
    precision: str | None = None  # date: day | month | year
    number: int | None = None  # article_ref
    instrument: str | None = None  # article_ref: treaty | un_charter | other
    extra: dict[str, Any] = field(default_factory=dict)

    FIELDS_BY_KIND = {
        "quantity": ("value", "value_max", "unit", "category", "qualifier", "attribution"),
        "date": ("value", "value_max", "precision", "attribution"),
        "article_ref": ("number", "instrument", "value"),
        "clause": ("instrument",),
    }

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc": self.doc,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }
        for name in self.FIELDS_BY_KIND.get(self.kind, ()):
            out[name] = getattr(self, name)
        if self.extra:
            out.update(self.extra)
        return out


def as_date(value: Any) -> dt.date | None:
    """A date from a date, a datetime or a ``YYYY-MM-DD`` string; None for blank.

    Raises ValueError for anything else; callers turn that into their own message."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def is_blank(value: Any) -> bool:
    """None, NaN, pandas' NA/NaT or a whitespace-only string."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    pd = sys.modules.get("pandas")  # only loaded values can be pandas' missing markers
    if pd is not None and (value is pd.NA or value is pd.NaT):
        return True
    return isinstance(value, str) and not value.strip()
