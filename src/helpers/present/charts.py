"""Comparison charts for the facts, with Arabic labels that render correctly.

Every text the charts draw goes through :func:`helpers.present.textlayout.label` (re-exported
here with :func:`probe` and :func:`visual_order`), which prepares it for the running
matplotlib; the wording is :mod:`helpers.present.wording`'s, so a date or a count reads as in
the comparison's tables.

Charts take the facts (the facts table, one row per outlet x fact, or the
:class:`~helpers.model.ReportedFact` themselves) and return a
:class:`matplotlib.figure.Figure`:

* :func:`coverage_matrix` -- outlets x facts, the reported value in each cell;
* :func:`troop_counts` -- one bar per reported count, with qualifier, source and date;
* :func:`timeline` -- dated events per outlet, day precision vs month/year spans.

:func:`save` writes PNG (chosen dpi), SVG (text as paths) or PDF;
:func:`write_charts` writes the three PNGs for the batch report.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.ticker
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from . import fonts
from ..atomic import atomic_path
from ..model import ReportedFact
from .textlayout import LayoutProbe, label, probe, visual_order
from .wording import check_lang, chart_text, chart_words, date_span, format_count, format_date, presence_words

fonts.register()

__all__ = [
    "LayoutProbe",
    "probe",
    "label",
    "visual_order",
    "coverage_matrix",
    "troop_counts",
    "counts",
    "first_count",
    "timeline",
    "save",
    "write_charts",
    "CHART_NAMES",
]

CHART_NAMES = ("coverage_matrix", "troop_counts", "timeline")

# --------------------------------------------------------------------------- table

_KINDS = ("count", "presence", "date")
_REQUIRED = ("doc", "fact", "value", "fact_kind")


def _stripped(rec: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in rec.items()}


def _shown(f: ReportedFact) -> ReportedFact | None:
    """``f`` with the names the charts fall back on (no outlet name: the doc id; no fact
    label: the fact id) and a count's number read from its value when it has none."""
    if not f.doc or not f.fact:
        return None
    num = f.value_num
    if num is None and f.fact_kind == "count" and f.value:
        try:
            num = float(f.value.replace(",", ""))
        except ValueError:
            num = None
    return replace(f, outlet=f.outlet or f.outlet_en or f.doc, outlet_en=f.outlet_en or f.outlet or f.doc,
                   fact_ar=f.fact_ar or f.fact, fact_en=f.fact_en or f.fact, value_num=num)


def _rows(facts: Any) -> list[ReportedFact]:
    """The facts to draw: a facts table (a DataFrame with at least doc, fact, value and
    fact_kind) or the :class:`ReportedFact` themselves."""
    if hasattr(facts, "columns"):
        missing = [c for c in _REQUIRED if c not in set(facts.columns)]
        if missing:
            raise ValueError(f"facts table lacks column(s): {', '.join(missing)}")
        facts = [ReportedFact.from_record(_stripped(rec)) for rec in facts.to_dict("records")]
    return [r for r in map(_shown, facts) if r is not None]


def _outlets(rows: list[ReportedFact]) -> list[str]:
    return list(dict.fromkeys(r.doc for r in rows))


def _outlet_name(rows: list[ReportedFact], doc: str, lang: str) -> str:
    r = next(r for r in rows if r.doc == doc)
    return r.outlet if lang == "ar" else r.outlet_en


def _fact_name(rows: list[ReportedFact], fact: str, lang: str) -> str:
    r = next((r for r in rows if r.fact == fact), None)
    if r is None:
        return fact
    return r.fact_ar if lang == "ar" else r.fact_en


def _date_key(rows: list[ReportedFact], fact: str) -> dt.date:
    dates = [p[0] for r in rows if r.fact == fact and (p := date_span(r.value))]
    return min(dates) if dates else dt.date.max


def _fact_order(rows: list[ReportedFact]) -> list[str]:
    seen = list(dict.fromkeys(r.fact for r in rows))
    kind = {}
    for r in rows:
        if r.fact_kind and r.fact not in kind:
            kind[r.fact] = r.fact_kind
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
    check_lang(lang)
    rows = _rows(facts)
    docs = _outlets(rows)
    fact_ids = _fact_order(rows)
    fig = _figure(max(6.5, 1.25 * len(fact_ids) + 3.0), max(3.2, 0.62 * len(docs) + 2.4))
    ax = fig.add_subplot()
    presence = presence_words(lang)
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
    ax.set_title(label(chart_text("coverage_title", lang)))
    handles = []
    for category in [c for c in ("count", "date", "explicit", "clause", "absent") if c in used]:
        if category in presence:
            name = presence[category]
        else:
            name = chart_text(f"coverage_legend_{category}", lang)
        handles.append(Patch(facecolor=_CELL_COLOURS[category], label=label(name)))
    if handles:
        fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 5),
                   frameon=False, fontsize=8)
    return fig


def _cell(cell: list[ReportedFact], lang: str) -> tuple[str, str]:
    """(category, text) shown for one outlet's rows of one fact."""
    counts = [r for r in cell if r.value_num is not None and r.fact_kind in ("count", "")]
    if counts:
        texts = list(dict.fromkeys(format_count(r.value_num, r.qualifier, lang) for r in counts))
        return "count", " / ".join(texts)
    presence = presence_words(lang)
    marks = [r.value for r in cell if r.value in presence]
    if marks:
        best = next(k for k in presence if k in marks)  # explicit > clause > absent
        return best, presence[best]
    dates = [r for r in cell if r.fact_kind == "date" and date_span(r.value)]
    if dates:
        texts = list(dict.fromkeys(format_date(r.value, lang, r.precision) for r in dates))
        return "date", " / ".join(texts)
    return "", ""


def _published_key(r: ReportedFact) -> tuple[int, dt.date]:
    p = date_span(r.published)
    return (0, p[0]) if p else (1, dt.date.max)


def first_count(rows: list[ReportedFact]) -> str:
    """The first count fact with a number among the rows ("" when there is none)."""
    return next((r.fact for r in rows if r.fact_kind == "count" and r.value_num is not None), "")


def _no_counts(fig: Figure, ax, lang: str) -> Figure:
    """A counts chart with nothing to draw says so, with no axes."""
    ax.text(0.5, 0.5, label(chart_text("counts_empty", lang)), ha="center", va="center",
            transform=ax.transAxes, gid="empty")
    ax.set_xticks([])
    ax.set_yticks([])
    return fig


@_styled
def troop_counts(facts, lang: str = "ar", fact: str | None = None) -> Figure:
    """One bar per outlet reporting the count ``fact`` (default: the first count fact
    reported), in publication order: value with its qualifier on top, the credited
    source and the publication date under the bar -- so 11,000 and ≈12,000 read as two
    sources at two times."""
    check_lang(lang)
    rows = _rows(facts)
    fact = fact or first_count(rows)
    bars: list[ReportedFact] = []
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
    ax.set_title(label(chart_text("counts_title", lang, fact=fact_name)))
    docs = _outlets(rows)
    colour = {d: _PALETTE[i % len(_PALETTE)] for i, d in enumerate(docs)}
    if not bars:
        return _no_counts(fig, ax, lang)
    top = max(r.value_num for r in bars)
    ticks = []
    for i, r in enumerate(bars):
        ax.bar(i, r.value_num, width=0.6, color=colour[r.doc], gid=f"bar:{r.doc}:{i}")
        ax.text(i, r.value_num + top * 0.015, label(format_count(r.value_num, r.qualifier, lang)),
                ha="center", va="bottom", fontsize=10, gid=f"barvalue:{r.doc}:{i}")
        name = r.outlet if lang == "ar" else r.outlet_en
        source = chart_text("counts_source", lang, source=r.source) if r.source else chart_text("counts_no_source", lang)
        when = (chart_text("counts_published", lang, date=format_date(r.published, lang))
                if date_span(r.published) else chart_text("unknown_date", lang))
        ticks.append(label("\n".join((name, source, when))))
    ax.set_xticks(range(len(bars)), ticks, fontsize=9)
    ax.set_xlim(-0.7, len(bars) - 0.3)
    ax.set_ylim(0, top * 1.15)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
    ax.set_ylabel(label(chart_text("counts_ylabel", lang)))
    _rtl_axes(ax, lang)
    ax.spines[["top", "left" if lang == "ar" else "right"]].set_visible(False)
    return fig


@_styled
def counts_over_time(facts, lang: str = "ar", fact: str | None = None) -> Figure:
    """A count as outlets reported it over time (a toll that rises day after day): one
    point per report at its publication date, in the outlet's colour, with the value and
    its qualifier; reports without a publication date are left out (the bars show them)."""
    import matplotlib.dates as mdates

    check_lang(lang)
    rows = _rows(facts)
    fact = fact or first_count(rows)
    pts = sorted(((date_span(r.published)[0], r) for r in rows
                  if r.fact == fact and r.value_num is not None and date_span(r.published)),
                 key=lambda p: (p[0], p[1].value_num))
    fig = _figure(7.5, 4.8)
    ax = fig.add_subplot()
    ax.set_title(label(chart_text("counts_title", lang, fact=_fact_name(rows, fact, lang))))
    if not pts:
        return _no_counts(fig, ax, lang)
    docs = _outlets(rows)
    colour = {d: _PALETTE[i % len(_PALETTE)] for i, d in enumerate(docs)}
    ax.plot([d for d, _ in pts], [r.value_num for _, r in pts], color="#9e9e9e", lw=1, zorder=1, gid="trend")
    named: set[str] = set()
    for i, (day, r) in enumerate(pts):
        name = label(r.outlet if lang == "ar" else r.outlet_en)
        ax.scatter([day], [r.value_num], s=46, color=colour[r.doc], zorder=2, gid=f"point:{r.doc}:{i}",
                   label=None if r.doc in named else name)
        named.add(r.doc)
        ax.annotate(label(format_count(r.value_num, r.qualifier, lang)), (day, r.value_num),
                    textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8)
    top = max(r.value_num for _, r in pts)
    ax.set_ylim(0, top * 1.2)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda v, _p: label(_tick_date(mdates.num2date(v).date(), lang))))
    ax.set_ylabel(label(chart_text("counts_ylabel", lang)))
    ax.legend(loc="upper left" if lang == "en" else "upper right", fontsize=7, frameon=False)
    _rtl_axes(ax, lang)
    return fig


def count_chart(facts, fact: str, kind: str = "bars", lang: str = "ar") -> Figure:
    """The chart the story asks for a count fact: ``over_time`` or bars (the default)."""
    return (counts_over_time if kind == "over_time" else troop_counts)(facts, lang=lang, fact=fact)


@_styled
def timeline(facts, lang: str = "ar") -> Figure:
    """The dated events each outlet mentions: one row per outlet, one colour and marker
    per event.  A date known to the day is a filled marker; a date known only to the
    month (or year) is a hollow marker on an open bar spanning that month (year).  A
    grey tick marks each outlet's publication date."""
    import matplotlib.dates as mdates

    check_lang(lang)
    rows = _rows(facts)
    docs = _outlets(rows)
    dated = [r for r in rows if r.fact_kind == "date" and date_span(r.value)]
    events = sorted(dict.fromkeys(r.fact for r in dated), key=lambda f: _date_key(dated, f))
    style = {f: (_PALETTE[i % len(_PALETTE)], _MARKERS[i % len(_MARKERS)])
             for i, f in enumerate(events)}
    fig = _figure(9.5, max(3.4, 0.7 * len(docs) + 2.6))
    ax = fig.add_subplot()
    ax.set_title(label(chart_text("timeline_title", lang)))
    if not dated:
        ax.text(0.5, 0.5, label(chart_text("timeline_empty", lang)), ha="center", va="center",
                transform=ax.transAxes, gid="empty")
    spread = 0.5 / max(len(events), 1)
    for i, doc in enumerate(docs):
        for r in (r for r in dated if r.doc == doc):
            first, last, found = date_span(r.value)
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
        pub = date_span(next(r.published for r in rows if r.doc == doc))
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
    words = chart_words()
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
                          label=label(chart_text("timeline_published", lang))))
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 4),
               frameon=False, fontsize=8)
    return fig


def _tick_date(day: dt.date, lang: str) -> str:
    return format_date(day, lang, "month" if day.day == 1 else "day")


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


def write_charts(facts, out_dir: str | os.PathLike, lang: str = "ar", dpi: int = 150,
                 count_facts: list[str] | None = None, kinds: dict[str, str] | None = None) -> dict[str, Path]:
    """Write coverage_matrix.png, the counts chart(s) and timeline.png into ``out_dir``:
    troop_counts.png for the first count fact, or with ``count_facts`` (the story's
    charted counts) one counts_<fact>.png each, drawn as ``kinds`` asks (fact → chart)."""
    check_lang(lang)
    out = Path(out_dir)
    written: dict[str, Path] = {}
    builds = [("coverage_matrix", coverage_matrix, {})]
    if count_facts is None:
        builds.append(("troop_counts", troop_counts, {}))
    else:
        builds += [(f"counts_{f}", count_chart, {"fact": f, "kind": (kinds or {}).get(f, "bars")})
                   for f in count_facts]
    for name, build, kw in builds + [("timeline", timeline, {})]:
        fig = build(facts, lang=lang, **kw)
        written[name] = save(fig, out / f"{name}.png", dpi=dpi)
        fig.clear()
    return written


counts = troop_counts  # the counts chart of any story; the old name stays for callers
