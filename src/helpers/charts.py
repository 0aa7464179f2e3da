"""Comparison charts for the fact table, with Arabic labels that render correctly.

Arabic in matplotlib depends on the version.  Up to 3.10 text is laid out glyph by
glyph, left to right: Arabic must be reshaped (contextual letter forms, with
arabic-reshaper) and put in visual order (python-bidi) before matplotlib sees it.
From 3.11 matplotlib shapes text itself (libraqm: HarfBuzz + FriBiDi), and the same
pre-processing would be reversed a second time.  :func:`label` decides which recipe the
*running* matplotlib needs by laying out a probe string once (:func:`probe`), never by
version number alone; every text the charts draw goes through it.

Charts take the facts table (one row per outlet x fact, see ``helpers.facts``) and
return a :class:`matplotlib.figure.Figure`:

* :func:`coverage_matrix` -- outlets x facts, the reported value in each cell;
* :func:`troop_counts` -- one bar per reported count, with qualifier, source and date;
* :func:`timeline` -- dated events per outlet, day precision vs month/year spans.

:func:`save` writes PNG (chosen dpi), SVG (text as paths) or PDF;
:func:`write_charts` writes the three PNGs for the batch report.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.ticker
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from . import fonts
from .atomic import atomic_path
from .model import is_blank

fonts.register()

__all__ = [
    "LayoutProbe",
    "probe",
    "label",
    "coverage_matrix",
    "troop_counts",
    "timeline",
    "save",
    "write_charts",
    "CHART_NAMES",
]

LANGS = ("ar", "en")
CHART_NAMES = ("coverage_matrix", "troop_counts", "timeline")

# --------------------------------------------------------------------------- probe

# Three dual-joining letters: a shaping engine gives each a contextual form (a glyph
# other than the letter's nominal one), and a bidi engine puts the first letter last.
_PROBE_TEXT = "\u0628\u064a\u062a"


@dataclass(frozen=True)
class LayoutProbe:
    """What the running matplotlib does with Arabic on its own."""

    shapes: bool  # applies contextual (joining) forms
    reorders: bool  # puts right-to-left runs in visual order
    matplotlib_version: str
    basis: str  # "layout" (measured) or "version" (layout helpers unavailable)

    @property
    def native(self) -> bool:
        return self.shapes and self.reorders

    @property
    def recipe(self) -> str:
        """What :func:`label` does: "native", "reshape" or "reshape+bidi"."""
        if self.native:
            return "native"
        return "reshape" if self.reorders else "reshape+bidi"


def _glyph_index(item: Any) -> int:
    # matplotlib >= 3.11 calls it glyph_index, 3.6-3.10 glyph_idx
    for name in ("glyph_index", "glyph_idx"):
        if hasattr(item, name):
            return int(getattr(item, name))
    raise AttributeError("layout item without a glyph index")


def _measure_layout() -> LayoutProbe:
    from matplotlib import _text_helpers, font_manager

    font = font_manager.get_font([str(fonts.arabic_font_path())])
    font.clear()
    font.set_size(12, 72)
    items = list(_text_helpers.layout(_PROBE_TEXT, font))
    nominal = {font.get_char_index(ord(c)) for c in _PROBE_TEXT}
    shapes = any(_glyph_index(it) not in nominal for it in items)
    first = [it.x for it in items if it.char == _PROBE_TEXT[0]]
    last = [it.x for it in items if it.char == _PROBE_TEXT[-1]]
    if not first or not last:
        raise ValueError("probe glyphs not attributable to characters")
    reorders = min(first) > max(last)
    return LayoutProbe(shapes, reorders, matplotlib.__version__, "layout")


@functools.cache
def probe() -> LayoutProbe:
    """Lay out a short Arabic string with matplotlib's own text layout (once) and report
    whether it applies joining forms and right-to-left order itself."""
    try:
        return _measure_layout()
    except (ImportError, AttributeError, TypeError, ValueError):
        # The layout helpers are private; if a future release moves them, fall back
        # to the release notes: libraqm shaping arrived in 3.11.
        major, minor = (int(p) for p in re.findall(r"\d+", matplotlib.__version__)[:2])
        native = (major, minor) >= (3, 11)
        return LayoutProbe(native, native, matplotlib.__version__, "version")


@functools.cache
def _reshaper():
    import arabic_reshaper

    # Ligatures: only the ones Arabic typography requires (lam-alef, applied by every
    # OpenType shaper through 'rlig'), and only if the font has them -- the optional
    # ones are font-specific and the native path would not draw them either.
    config = arabic_reshaper.config_for_true_type_font(
        str(fonts.arabic_font_path()), arabic_reshaper.ENABLE_ALL_LIGATURES
    )
    mandatory = set(_words()["mandatory_ligatures"])
    for name in list(config):
        if name.isupper():  # a ligature switch
            config[name] = bool(config[name]) and name in mandatory
    return arabic_reshaper.ArabicReshaper(configuration=config)


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def label(text: Any) -> str:
    """The string to hand matplotlib so that ``text`` (logical order, as stored) renders
    correctly on the running matplotlib: unchanged where matplotlib shapes Arabic
    itself, reshaped and put in visual order where it does not -- never both.

    Lines are prepared one by one (matplotlib lays out each line on its own).
    ``None`` and NaN give "".
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    text = str(text)
    if not _has_rtl(text):
        return text
    p = probe()
    if p.native:
        return text
    lines = []
    for line in text.split("\n"):
        if _has_rtl(line):
            line = _reshaper().reshape(line)
            if not p.reorders:
                line = visual_order(line)
        lines.append(line)
    return "\n".join(lines)


def visual_order(line: str) -> str:
    """One line of logical text in display order (Unicode bidi algorithm, UAX #9).

    python-bidi's pure-Python implementation of the algorithm, with the paired-bracket
    rule N0 added: its Rust ``get_display`` skips rule L4, so brackets around Latin
    text in an Arabic sentence come out facing the wrong way, and the pure-Python one
    predates N0, which keeps "(Sada El Balad): 11" from being read as one
    left-to-right run.
    """
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    base = uba.get_base_level(line)
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    uba.get_embedding_levels(line, storage)
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    _resolve_paired_brackets(storage["chars"], base, uba.MIRRORED)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    return "".join(c["ch"] for c in storage["chars"])


def _strong_type(bidi_type: str) -> str | None:
    # N0 treats European and Arabic numbers as strong right-to-left
    return {"L": "L", "R": "R", "AL": "R", "EN": "R", "AN": "R"}.get(bidi_type)


def _resolve_paired_brackets(chars: list[dict], base: int, mirror: dict[str, str]) -> None:
    """UAX #9 rules BD16 and N0 for a paragraph without explicit embeddings."""
    embedding = "LR"[base % 2]
    stack: list[tuple[str, int]] = []  # (expected closing bracket, position)
    pairs = []
    for i, c in enumerate(chars):
        ch = c["ch"]
        if c["type"] != "ON":
            continue
        cat = unicodedata.category(ch)
        if cat == "Ps" and ch in mirror:
            if len(stack) == 63:  # BD16: stop pairing on overflow
                break
            stack.append((mirror[ch], i))
        elif cat == "Pe":
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    for a, b in sorted(pairs):
        inside = {_strong_type(c["type"]) for c in chars[a + 1:b]} - {None}
        if embedding in inside:
            direction = embedding
        elif inside:
            direction = next((d for c in reversed(chars[:a]) if (d := _strong_type(c["type"]))),
                             embedding)
        else:
            continue
        chars[a]["type"] = chars[b]["type"] = direction


# --------------------------------------------------------------------------- wording


@functools.cache
def _words() -> dict[str, Any]:
    with resources.files("helpers").joinpath("data/charts.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.cache
def _display() -> dict[str, Any]:
    """Month names and qualifier signs: the comparison's wording table, so charts and
    tables write a date or a qualified count the same way."""
    with resources.files("helpers").joinpath("data/compare_display.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def _t(key: str, lang: str, **fields: Any) -> str:
    return _words()["text"][key][lang].format(**fields)


_blank = is_blank


def _str(v: Any) -> str:
    return "" if _blank(v) else str(v).strip()


_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _parse_date(value: Any) -> tuple[dt.date, dt.date, str] | None:
    """(first day, last day, precision) of an ISO date/month/year value."""
    v = _str(value)
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


def _format_date(value: Any, lang: str, precision: Any = None) -> str:
    parsed = _parse_date(value)
    if parsed is None:
        return _str(value)
    first, _, found = parsed
    precision = _str(precision) or found
    month = _display()["months"][lang][first.month - 1]
    if precision == "day" and found == "day":
        return f"{first.day} {month} {first.year}"
    if precision in ("day", "month") and found in ("day", "month"):
        return f"{month} {first.year}"
    return str(first.year)


def _format_count(value_num: Any, qualifier: Any) -> str:
    if _blank(value_num):
        return ""
    v = float(value_num)
    number = f"{int(round(v)):,}" if v.is_integer() else f"{v:,.1f}"
    return _display()["qualifier_signs"].get(_str(qualifier), "") + number


# --------------------------------------------------------------------------- table

_KINDS = ("count", "presence", "date")


def _infer_kind(value: str) -> str:
    if value in _words()["presence"]:
        return "presence"
    if _parse_date(value) is not None and "-" in value:
        return "date"
    try:
        float(value.replace(",", ""))
        return "count"
    except ValueError:
        return "date" if _parse_date(value) else "presence"


@dataclass
class _Row:
    doc: str
    outlet: str
    outlet_en: str
    published: str
    fact: str
    fact_ar: str
    fact_en: str
    kind: str
    value: str
    value_num: float | None
    qualifier: str
    precision: str
    source: str


def _rows(facts) -> list[_Row]:
    """The facts table as rows, with defaults for optional columns."""
    cols = set(getattr(facts, "columns", ()))
    missing = [c for c in ("doc", "fact", "value") if c not in cols]
    if missing:
        raise ValueError(f"facts table lacks column(s): {', '.join(missing)}")
    rows: list[_Row] = []
    for rec in facts.to_dict("records"):
        doc = _str(rec.get("doc"))
        fact = _str(rec.get("fact"))
        if not doc or not fact:
            continue
        value = _str(rec.get("value"))
        kind = _str(rec.get("fact_kind")) or (_infer_kind(value) if value else "")
        num = rec.get("value_num")
        if _blank(num) and kind == "count" and value:
            try:
                num = float(value.replace(",", ""))
            except ValueError:
                num = None
        outlet = _str(rec.get("outlet"))
        outlet_en = _str(rec.get("outlet_en"))
        rows.append(
            _Row(
                doc=doc,
                outlet=outlet or outlet_en or doc,
                outlet_en=outlet_en or outlet or doc,
                published=_str(rec.get("published")),
                fact=fact,
                fact_ar=_str(rec.get("fact_ar")) or fact,
                fact_en=_str(rec.get("fact_en")) or fact,
                kind=kind,
                value=value,
                value_num=None if _blank(num) else float(num),
                qualifier=_str(rec.get("qualifier")),
                precision=_str(rec.get("precision")),
                source=_str(rec.get("source")),
            )
        )
    return rows


def _outlets(rows: list[_Row]) -> list[str]:
    return list(dict.fromkeys(r.doc for r in rows))


def _outlet_name(rows: list[_Row], doc: str, lang: str) -> str:
    r = next(r for r in rows if r.doc == doc)
    return r.outlet if lang == "ar" else r.outlet_en


def _fact_name(rows: list[_Row], fact: str, lang: str) -> str:
    r = next((r for r in rows if r.fact == fact), None)
    if r is None:
        return fact
    return r.fact_ar if lang == "ar" else r.fact_en


def _date_key(rows: list[_Row], fact: str) -> dt.date:
    dates = [p[0] for r in rows if r.fact == fact and (p := _parse_date(r.value))]
    return min(dates) if dates else dt.date.max


def _fact_order(rows: list[_Row]) -> list[str]:
    seen = list(dict.fromkeys(r.fact for r in rows))
    kind = {}
    for r in rows:
        if r.kind and r.fact not in kind:
            kind[r.fact] = r.kind
    rank = {k: i for i, k in enumerate(_KINDS)}
    return sorted(
        seen,
        key=lambda f: (
            rank.get(kind.get(f, ""), len(_KINDS)),
            _date_key(rows, f) if kind.get(f) == "date" else dt.date.min,
            seen.index(f),
        ),
    )


# --------------------------------------------------------------------------- drawing

_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
            "#17becf", "#bcbd22", "#7f7f7f"]
_MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*", "h", "<", ">", "p"]
_CELL_COLOURS = {
    "count": "#9ecae1",
    "date": "#c7e9c0",
    "explicit": "#fd8d3c",
    "clause": "#fdd0a2",
    "absent": "#d9d9d9",
}


def _styled(func):
    """Build the figure under the chart style, so every text gets the font chain."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(fonts.rc_params()):
            return func(*args, **kwargs)

    return wrapper


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _rtl_axes(ax, lang: str) -> None:
    """Arabic charts read from the right: outlet names on the right-hand side."""
    if lang == "ar":
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")


@_styled
def coverage_matrix(facts, lang: str = "ar") -> Figure:
    """Outlets x facts: each cell shows what the outlet reports (a count such as
    "≈12,000", a date, or for clause facts explicit / clause / absent), colour-coded by
    kind; an empty cell means the outlet does not report the fact."""
    _check_lang(lang)
    rows = _rows(facts)
    docs = _outlets(rows)
    fact_ids = _fact_order(rows)
    fig = _figure(max(6.5, 1.25 * len(fact_ids) + 3.0), max(3.2, 0.62 * len(docs) + 2.4))
    ax = fig.add_subplot()
    words = _words()
    used: list[str] = []
    for i, doc in enumerate(docs):
        for j, fact in enumerate(fact_ids):
            cell = [r for r in rows if r.doc == doc and r.fact == fact]
            category, text = _cell(cell, lang)
            if category and category not in used:
                used.append(category)
            ax.add_patch(
                Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=_CELL_COLOURS.get(category, "white"),
                          edgecolor="white", linewidth=2, gid=f"cell:{doc}:{fact}")
            )
            if text:
                ax.text(j, i, label(text), ha="center", va="center", fontsize=8,
                        gid=f"value:{doc}:{fact}")
    ax.set_xlim(-0.5, len(fact_ids) - 0.5)
    ax.set_ylim(len(docs) - 0.5, -0.5)  # first outlet on top
    if lang == "ar":
        ax.invert_xaxis()  # first fact on the right
    ax.set_xticks(range(len(fact_ids)),
                  [label(_fact_name(rows, f, lang)) for f in fact_ids], rotation=30,
                  ha="left" if lang == "ar" else "right", rotation_mode="anchor")
    if lang == "ar":
        for t in ax.get_xticklabels():
            t.set_rotation(-30)
    ax.set_yticks(range(len(docs)), [label(_outlet_name(rows, d, lang)) for d in docs])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    _rtl_axes(ax, lang)
    ax.set_title(label(_t("coverage_title", lang)))
    handles = []
    for category in [c for c in ("count", "date", "explicit", "clause", "absent") if c in used]:
        if category in words["presence"]:
            name = words["presence"][category][lang]
        else:
            name = _t(f"coverage_legend_{category}", lang)
        handles.append(Patch(facecolor=_CELL_COLOURS[category], label=label(name)))
    if handles:
        fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 5),
                   frameon=False, fontsize=8)
    return fig


def _cell(cell: list[_Row], lang: str) -> tuple[str, str]:
    """(category, text) shown for one outlet's rows of one fact."""
    counts = [r for r in cell if r.value_num is not None and r.kind in ("count", "")]
    if counts:
        texts = list(dict.fromkeys(_format_count(r.value_num, r.qualifier) for r in counts))
        return "count", " / ".join(texts)
    presence = _words()["presence"]
    marks = [r.value for r in cell if r.value in presence]
    if marks:
        best = next(k for k in presence if k in marks)  # explicit > clause > absent
        return best, presence[best][lang]
    dates = [r for r in cell if r.kind == "date" and _parse_date(r.value)]
    if dates:
        texts = list(dict.fromkeys(_format_date(r.value, lang, r.precision) for r in dates))
        return "date", " / ".join(texts)
    return "", ""


def _published_key(r: _Row) -> tuple[int, dt.date]:
    p = _parse_date(r.published)
    return (0, p[0]) if p else (1, dt.date.max)


@_styled
def troop_counts(facts, lang: str = "ar", fact: str = "troops_deployed") -> Figure:
    """One bar per outlet reporting the count ``fact``, in publication order: value
    with its qualifier on top, the credited source and the publication date under the
    bar -- so 11,000 and ≈12,000 read as two sources at two times."""
    _check_lang(lang)
    rows = _rows(facts)
    bars: list[_Row] = []
    seen = set()
    for r in sorted((r for r in rows if r.fact == fact and r.value_num is not None),
                    key=_published_key):
        key = (r.doc, r.value_num, r.qualifier, r.source)
        if key not in seen:
            seen.add(key)
            bars.append(r)
    fig = _figure(max(5.5, 2.1 * len(bars) + 2.0), 4.8)
    ax = fig.add_subplot()
    fact_name = _fact_name(rows, fact, lang)
    ax.set_title(label(_t("counts_title", lang, fact=fact_name)))
    docs = _outlets(rows)
    colour = {d: _PALETTE[i % len(_PALETTE)] for i, d in enumerate(docs)}
    if not bars:
        ax.text(0.5, 0.5, label(_t("counts_empty", lang)), ha="center", va="center",
                transform=ax.transAxes, gid="empty")
        ax.set_xticks([])
        ax.set_yticks([])
        return fig
    top = max(r.value_num for r in bars)
    ticks = []
    for i, r in enumerate(bars):
        ax.bar(i, r.value_num, width=0.6, color=colour[r.doc], gid=f"bar:{r.doc}:{i}")
        ax.text(i, r.value_num + top * 0.015, label(_format_count(r.value_num, r.qualifier)),
                ha="center", va="bottom", fontsize=10, gid=f"barvalue:{r.doc}:{i}")
        name = r.outlet if lang == "ar" else r.outlet_en
        source = _t("counts_source", lang, source=r.source) if r.source else _t("counts_no_source", lang)
        when = (_t("counts_published", lang, date=_format_date(r.published, lang))
                if _parse_date(r.published) else _t("unknown_date", lang))
        ticks.append(label("\n".join((name, source, when))))
    ax.set_xticks(range(len(bars)), ticks, fontsize=9)
    ax.set_xlim(-0.7, len(bars) - 0.3)
    ax.set_ylim(0, top * 1.15)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
    ax.set_ylabel(label(_t("counts_ylabel", lang)))
    _rtl_axes(ax, lang)
    ax.spines[["top", "left" if lang == "ar" else "right"]].set_visible(False)
    return fig


@_styled
def timeline(facts, lang: str = "ar") -> Figure:
    """The dated events each outlet mentions: one row per outlet, one colour and marker
    per event.  A date known to the day is a filled marker; a date known only to the
    month (or year) is a hollow marker on an open bar spanning that month (year).  A
    grey tick marks each outlet's publication date."""
    import matplotlib.dates as mdates

    _check_lang(lang)
    rows = _rows(facts)
    docs = _outlets(rows)
    dated = [r for r in rows if r.kind == "date" and _parse_date(r.value)]
    events = sorted(dict.fromkeys(r.fact for r in dated), key=lambda f: _date_key(dated, f))
    style = {f: (_PALETTE[i % len(_PALETTE)], _MARKERS[i % len(_MARKERS)])
             for i, f in enumerate(events)}
    fig = _figure(9.5, max(3.4, 0.7 * len(docs) + 2.6))
    ax = fig.add_subplot()
    ax.set_title(label(_t("timeline_title", lang)))
    if not dated:
        ax.text(0.5, 0.5, label(_t("timeline_empty", lang)), ha="center", va="center",
                transform=ax.transAxes, gid="empty")
    spread = 0.5 / max(len(events), 1)
    for i, doc in enumerate(docs):
        for r in (r for r in dated if r.doc == doc):
            first, last, found = _parse_date(r.value)
            precision = r.precision if r.precision in ("day", "month", "year") else found
            if found != "day" and precision == "day":
                precision = found
            c, m = style[r.fact]
            y = i + (events.index(r.fact) - (len(events) - 1) / 2) * spread
            if precision == "day":
                ax.plot([mdates.date2num(first)], [y], linestyle="none", marker=m, markersize=8,
                        color=c, markeredgecolor="black", markeredgewidth=0.5,
                        gid=f"event:{doc}:{r.fact}:day")
            else:
                x0 = mdates.date2num(first)
                x1 = mdates.date2num(last + dt.timedelta(days=1))
                ax.add_patch(Rectangle((x0, y - spread * 0.35), x1 - x0, spread * 0.7,
                                       facecolor="none", edgecolor=c, linewidth=1.6,
                                       gid=f"span:{doc}:{r.fact}:{precision}"))
                ax.plot([(x0 + x1) / 2], [y], linestyle="none", marker=m, markersize=8,
                        markerfacecolor="white", markeredgecolor=c, markeredgewidth=1.6,
                        gid=f"event:{doc}:{r.fact}:{precision}")
        pub = _parse_date(next(r.published for r in rows if r.doc == doc))
        if pub:
            ax.plot([mdates.date2num(pub[0])], [i], linestyle="none", marker="|",
                    markersize=22, markeredgewidth=2, color="#555555", gid=f"published:{doc}")
    ax.set_ylim(len(docs) - 0.5, -0.5)
    ax.set_yticks(range(len(docs)), [label(_outlet_name(rows, d, lang)) for d in docs])
    ax.xaxis_date()
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda x, _p: label(_tick_date(mdates.num2date(x).date(), lang))))
    ax.autoscale_view(scalex=True, scaley=False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    _rtl_axes(ax, lang)
    words = _words()
    handles = [Line2D([], [], linestyle="none", marker=style[f][1], color=style[f][0],
                      markeredgecolor="black", markeredgewidth=0.5, markersize=8,
                      label=label(_fact_name(rows, f, lang))) for f in events]
    handles.append(Line2D([], [], linestyle="none", marker="o", color="#777777", markersize=8,
                          label=label(words["precision"]["day"][lang])))
    handles.append(Line2D([], [], linestyle="-", linewidth=1.6, marker="o", color="#777777",
                          markerfacecolor="white", markersize=8,
                          label=label(words["precision"]["month"][lang])))
    handles.append(Line2D([], [], linestyle="none", marker="|", markersize=14,
                          markeredgewidth=2, color="#555555",
                          label=label(_t("timeline_published", lang))))
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 4),
               frameon=False, fontsize=8)
    return fig


def _tick_date(day: dt.date, lang: str) -> str:
    month = _display()["months"][lang][day.month - 1]
    return f"{month} {day.year}" if day.day == 1 else f"{day.day} {month} {day.year}"


# --------------------------------------------------------------------------- output

_FORMATS = {"png", "svg", "pdf"}


def save(fig: Figure, path: str | os.PathLike, dpi: int = 150) -> Path:
    """Write ``fig`` to ``path``; the suffix picks the format.

    PNG at ``dpi``; SVG with text converted to paths (SVG text in visual order would be
    reordered again by browsers); PDF with embedded TrueType.  The file is written
    next to its destination and moved into place, so a failure never leaves a broken
    file where a good one was.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in _FORMATS:
        raise ValueError(f"{path}: unsupported chart format {path.suffix or '(none)'!r}; "
                         f"use one of {', '.join(sorted(_FORMATS))}")
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt)
    with atomic_path(path) as tmp, matplotlib.rc_context(
            {"svg.fonttype": "path", "pdf.fonttype": 42, "svg.hashsalt": "helpers-charts"}):
        fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata)
    return path


def write_charts(facts, out_dir: str | os.PathLike, lang: str = "ar", dpi: int = 150) -> dict[str, Path]:
    """Write coverage_matrix.png, troop_counts.png and timeline.png into ``out_dir``."""
    _check_lang(lang)
    out = Path(out_dir)
    written: dict[str, Path] = {}
    for name, build in (("coverage_matrix", coverage_matrix), ("troop_counts", troop_counts),
                        ("timeline", timeline)):
        fig = build(facts, lang=lang)
        written[name] = save(fig, out / f"{name}.png", dpi=dpi)
        fig.clear()
    return written
