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
    url: str | None = None  # the article's web address (manifest column ``url``)

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
    unit: str | None = None  # quantity: people | soldiers | officers | generals | money | other
    # killed | wounded | casualties | missing | captured | detained | displaced | rescued |
    # evacuated | affected | deployed | pledged | needed | spent | other
    category: str | None = None
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


# ------------------------------------------------------------------ facts a story reports


@dataclass(frozen=True)
class Alternative:
    """Another value an article gives for a fact (not the one chosen)."""

    value: str
    source: str = ""
    text: str = ""
    start: int | None = None
    end: int | None = None
    qualifier: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Alternative":
        return cls(value=_text(d.get("value")), source=_text(d.get("source")), text=_text(d.get("text")),
                   start=_int(d.get("start")), end=_int(d.get("end")), qualifier=_opt(d.get("qualifier")))


# the columns of a facts record (one DataFrame / CSV row), in order
RECORD_COLUMNS = ("doc", "outlet", "outlet_en", "published", "fact", "fact_ar", "fact_en", "fact_kind",
                  "value", "value_num", "qualifier", "precision", "source", "evidence", "text", "start",
                  "end", "alternatives", "value_max", "unit")


@dataclass(frozen=True)
class ReportedFact:
    """One fact of the story as one article reports it: the value shown, how it is
    qualified, who the article credits, and the characters it was read from
    (``start``/``end`` in ``Article.text``, ``evidence`` the sentence)."""

    doc: str
    fact: str
    fact_kind: str  # count | presence | date
    value: str  # count: the number as digits; presence: the level; date: ISO
    outlet: str = ""
    outlet_en: str = ""
    published: str | None = None  # ISO date of the article
    fact_ar: str = ""
    fact_en: str = ""
    value_num: float | None = None  # count: the number
    value_max: str | None = None  # upper bound of a range (count) or end of a date range
    qualifier: str | None = None  # count: exact | approx | at_least | more_than | up_to
    precision: str | None = None  # date: day | month | year
    unit: str | None = None  # count: soldiers | officers | generals | other
    source: str = ""
    evidence: str = ""
    text: str = ""
    start: int | None = None
    end: int | None = None
    alternatives: tuple[Alternative, ...] = ()
    mentions: tuple[Mention, ...] = field(default=(), compare=False, repr=False)

    @property
    def reported(self) -> bool:
        """False for a presence fact's "absent" row (and a blank value)."""
        return not is_blank(self.value) and self.value != "absent"

    def to_record(self) -> dict[str, Any]:
        """The fact as one row of the facts table (:data:`RECORD_COLUMNS`): blanks are
        None (NaN for ``value_num``), ``alternatives`` a JSON list."""
        import json

        rec: dict[str, Any] = {name: getattr(self, name) for name in RECORD_COLUMNS}
        rec["value_num"] = math.nan if self.value_num is None else float(self.value_num)
        rec["alternatives"] = json.dumps([asdict(a) for a in self.alternatives], ensure_ascii=False)
        return rec

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "ReportedFact":
        """The fact back from a row of the facts table (a DataFrame row as a dict, or a CSV
        row); missing columns take their defaults."""
        return cls(
            doc=_text(rec.get("doc")), fact=_text(rec.get("fact")), fact_kind=_text(rec.get("fact_kind")),
            value=_text(rec.get("value")), outlet=_text(rec.get("outlet")),
            outlet_en=_text(rec.get("outlet_en")), published=_opt(rec.get("published")),
            fact_ar=_text(rec.get("fact_ar")), fact_en=_text(rec.get("fact_en")),
            value_num=_float(rec.get("value_num")), value_max=_opt(rec.get("value_max")),
            qualifier=_opt(rec.get("qualifier")), precision=_opt(rec.get("precision")),
            unit=_opt(rec.get("unit")), source=_text(rec.get("source")),
            evidence=_text(rec.get("evidence")), text=_text(rec.get("text")),
            start=_int(rec.get("start")), end=_int(rec.get("end")),
            alternatives=_alternatives(rec.get("alternatives")),
        )

    def to_json(self) -> dict[str, Any]:
        """The fact as a JSON object (``extract --story`` prints one per line): the fields
        of :data:`RECORD_COLUMNS`, alternatives as objects, a missing number null."""
        rec: dict[str, Any] = {name: getattr(self, name) for name in RECORD_COLUMNS}
        rec["alternatives"] = [asdict(a) for a in self.alternatives]
        return rec


def _text(v: Any) -> str:
    return "" if is_blank(v) else str(v)


def _opt(v: Any) -> str | None:
    return None if is_blank(v) else str(v)


def _int(v: Any) -> int | None:
    return None if is_blank(v) else int(v)


def _float(v: Any) -> float | None:
    return None if is_blank(v) else float(v)


def _alternatives(v: Any) -> tuple[Alternative, ...]:
    if isinstance(v, str):
        import json

        try:
            v = json.loads(v) if v.strip() else []
        except ValueError:
            return ()
    if not isinstance(v, (list, tuple)):
        return ()
    return tuple(a if isinstance(a, Alternative) else Alternative.from_dict(a)
                 for a in v if isinstance(a, (dict, Alternative)))
