"""The three comparison charts on the seeds' fact table: the right bars, cells and
markers, labels that are the prepared (shaped where needed) strings, real glyphs for
every character, and the files save() / write_charts() produce."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
import math

import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from helpers.present import charts
from test_charts_shaping import drawn

# warnings from the charts are errors (missing glyphs above all); resources other tests
# leave to the garbage collector are not the charts' business
pytestmark = pytest.mark.filterwarnings(
    "error", "ignore::pytest.PytestUnraisableExceptionWarning", "ignore::ResourceWarning")


def by_gid(fig, prefix: str, kind=None) -> dict[str, object]:
    return {a.get_gid(): a for a in fig.findobj(kind) if (a.get_gid() or "").startswith(prefix)}


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def assert_every_glyph_exists(fig):
    fig.canvas.draw()
    for s in texts(fig):
        for line in s.split("\n"):
            assert all(gid != 0 for _, gid in drawn(line)), f"missing glyph in {line!r}"


def outlet_names(facts, lang="ar"):
    col = "outlet" if lang == "ar" else "outlet_en"
    return list(dict.fromkeys(facts[col]))


# --------------------------------------------------------------- coverage matrix


def test_coverage_matrix_cells(seed_facts):
    fig = charts.coverage_matrix(seed_facts)
    cells = by_gid(fig, "cell:", Rectangle)
    docs = list(dict.fromkeys(seed_facts["doc"]))
    facts = list(dict.fromkeys(seed_facts["fact"]))
    assert len(cells) == len(docs) * len(facts)
    values = {k.removeprefix("value:"): t.get_text() for k, t in by_gid(fig, "value:", Text).items()}
    assert values["002:troops_deployed"] == charts.label("≈12,000")
    assert values["004:troops_deployed"] == charts.label("11,000")
    assert values["002:officers"] == "500"
    assert values["000:treaty_article_4"] == charts.label("رقم المادة مذكور")
    assert values["003:treaty_article_4"] == charts.label("البند دون رقم")
    assert values["000:treaty_signed"] == charts.label("19 يونيو 2024")
    assert values["002:treaty_signed"] == charts.label("يونيو 2024")
    # one value per reported fact, nothing where an outlet is silent
    assert len(values) == len(seed_facts)
    assert "001:troops_deployed" not in values
    colour = {k.removeprefix("cell:"): tuple(c.get_facecolor()) for k, c in cells.items()}
    assert colour["001:troops_deployed"] == (1.0, 1.0, 1.0, 1.0)
    assert colour["002:troops_deployed"] == colour["004:troops_deployed"]
    assert colour["002:troops_deployed"] != colour["000:treaty_signed"]
    assert colour["000:treaty_article_4"] != colour["002:treaty_article_4"]  # explicit vs clause
    assert_every_glyph_exists(fig)


def test_coverage_matrix_outlets_and_facts_labelled(seed_facts):
    fig = charts.coverage_matrix(seed_facts)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        charts.label(o) for o in outlet_names(seed_facts)]
    assert "001" in [t.get_text() for t in ax.get_yticklabels()]  # unnamed outlet: its id
    xlabels = [t.get_text() for t in ax.get_xticklabels()]
    assert xlabels[0] == charts.label("الجنود المنتشرون")  # counts first
    dates = [charts.label(x) for x in ("توقيع المعاهدة", "التوغل في كورسك", "وصول القوات الكورية",
                                        "أول اشتباك", "تأكيد روسيا")]
    assert [x for x in xlabels if x in dates] == dates  # date facts in time order
    assert ax.xaxis_inverted()  # Arabic reads from the right


def test_coverage_matrix_english(seed_facts):
    fig = charts.coverage_matrix(seed_facts, lang="en")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == outlet_names(seed_facts, "en")
    values = {k.removeprefix("value:"): t.get_text() for k, t in by_gid(fig, "value:", Text).items()}
    assert values["000:treaty_signed"] == "19 Jun 2024"
    assert values["000:treaty_article_4"] == "article number given"
    assert not ax.xaxis_inverted()
    assert_every_glyph_exists(fig)


def test_coverage_matrix_absent_and_valueless_rows(seed_facts):
    extra = pd.DataFrame([
        {"doc": "009", "outlet": "مصدر تجريبي", "fact": "treaty_article_4", "fact_kind": "presence",
         "value": "absent"},
        {"doc": "009", "outlet": "مصدر تجريبي", "fact": "troops_deployed", "fact_kind": "count",
         "value": None, "value_num": math.nan},
    ])
    fig = charts.coverage_matrix(pd.concat([seed_facts, extra], ignore_index=True))
    values = {k.removeprefix("value:"): t.get_text() for k, t in by_gid(fig, "value:", Text).items()}
    assert values["009:treaty_article_4"] == charts.label("غير مذكور")
    assert "009:troops_deployed" not in values
    assert "009:troops_deployed" in {k.removeprefix("cell:") for k in by_gid(fig, "cell:")}


# --------------------------------------------------------------- troop counts


def test_troop_counts_bars(seed_facts):
    fig = charts.troop_counts(seed_facts)
    bars = list(by_gid(fig, "bar:", Rectangle).values())
    assert [b.get_height() for b in bars] == [11000, 12000]  # in publication order
    assert [b.get_gid().split(":")[1] for b in bars] == ["004", "002"]
    values = [t.get_text() for t in by_gid(fig, "barvalue:", Text).values()]
    assert values == [charts.label("11,000"), charts.label("≈12,000")]
    ticks = [t.get_text().split("\n") for t in fig.axes[0].get_xticklabels()]
    assert [t[0] for t in ticks] == [charts.label("صدى البلد"), charts.label("اتحاد العالم الإسلامي")]
    assert charts.label("زيلينسكي") in ticks[0][1]
    assert charts.label("الأوكرانية") in ticks[1][1]
    assert charts.label("نوفمبر") in ticks[0][2] and "2024" in ticks[0][2]
    assert charts.label("أبريل") in ticks[1][2] and "2025" in ticks[1][2]
    assert_every_glyph_exists(fig)


def test_troop_counts_english_and_other_fact(seed_facts):
    fig = charts.troop_counts(seed_facts, lang="en", fact="officers")
    bars = list(by_gid(fig, "bar:", Rectangle).values())
    assert [b.get_height() for b in bars] == [500]
    (tick,) = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert tick.split("\n")[0] == "Islamic World Union"
    assert tick.split("\n")[2] == "published 28 Apr 2025"
    assert_every_glyph_exists(fig)


def test_troop_counts_without_any_count(seed_facts):
    fig = charts.troop_counts(seed_facts, fact="killed")
    assert not by_gid(fig, "bar:")
    assert by_gid(fig, "empty", Text)["empty"].get_text() == charts.label("لا يذكر أي مصدر هذا العدد")


def test_troop_counts_qualifier_signs():
    facts = pd.DataFrame([
        {"doc": d, "outlet": d, "fact": "troops_deployed", "fact_kind": "count", "value": str(v),
         "value_num": float(v), "qualifier": q, "published": "2024-11-0" + str(i + 1)}
        for i, (d, v, q) in enumerate([("a", 10000, "at_least"), ("b", 8000, "more_than"),
                                       ("c", 15000, "up_to"), ("d", 9000, None)])])
    values = [t.get_text() for t in by_gid(charts.troop_counts(facts), "barvalue:", Text).values()]
    assert values == ["≥10,000", ">8,000", "≤15,000", "9,000"]


# --------------------------------------------------------------- timeline


def test_timeline_markers(seed_facts):
    fig = charts.timeline(seed_facts)
    markers = by_gid(fig, "event:", Line2D)
    dated = seed_facts[seed_facts["fact_kind"] == "date"]
    assert len(markers) == len(dated)
    for r in dated.itertuples():
        m = markers[f"event:{r.doc}:{r.fact}:{r.precision}"]
        x = m.get_xdata()[0]
        if r.precision == "day":
            assert x == mdates.date2num(dt.date.fromisoformat(r.value))
            assert m.get_markerfacecolor() != "white"  # filled
        else:
            y, mo = map(int, r.value.split("-"))
            span = by_gid(fig, f"span:{r.doc}:{r.fact}:month", Rectangle)[f"span:{r.doc}:{r.fact}:month"]
            assert span.get_x() == mdates.date2num(dt.date(y, mo, 1))
            assert round(span.get_width()) == (dt.date(y + mo // 12, mo % 12 + 1, 1) - dt.date(y, mo, 1)).days
            assert span.get_facecolor()[3] == 0  # hollow bar spanning the month
            assert m.get_markerfacecolor() == "white"
    # one marker shape per event, the same in every outlet's row
    shape = {}
    for gid, m in markers.items():
        shape.setdefault(gid.split(":")[2], set()).add(m.get_marker())
    assert all(len(s) == 1 for s in shape.values())
    assert len({next(iter(s)) for s in shape.values()}) == len(shape)
    assert len(by_gid(fig, "published:", Line2D)) == seed_facts["doc"].nunique()
    assert_every_glyph_exists(fig)


def test_timeline_rows_and_legend(seed_facts):
    fig = charts.timeline(seed_facts)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        charts.label(o) for o in outlet_names(seed_facts)]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    events = [charts.label(x) for x in ("توقيع المعاهدة", "التوغل في كورسك", "وصول القوات الكورية",
                                         "أول اشتباك", "تأكيد روسيا")]
    assert legend[:len(events)] == events  # events in time order
    assert charts.label("تاريخ النشر") in legend
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all(any(charts.label(m) in t for m in (
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
        "نوفمبر", "ديسمبر")) for t in ticks)


def test_timeline_english(seed_facts):
    fig = charts.timeline(seed_facts, lang="en")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0] == "Treaty signed" and "publication date" in legend
    assert_every_glyph_exists(fig)


# --------------------------------------------------------------- input checks


def test_bad_arguments(seed_facts):
    with pytest.raises(ValueError, match="lang"):
        charts.coverage_matrix(seed_facts, lang="fr")
    with pytest.raises(ValueError, match="value"):
        charts.timeline(seed_facts.drop(columns=["value"]))


def test_minimal_table_needs_the_kind_of_each_fact():
    facts = pd.DataFrame({"doc": ["x", "x", "y"], "fact": ["troops_deployed", "kursk_incursion",
                                                          "troops_deployed"],
                          "fact_kind": ["count", "date", "count"], "value": ["5000", "2024-08", "6,000"]})
    fig = charts.troop_counts(facts)
    assert [b.get_height() for b in by_gid(fig, "bar:", Rectangle).values()] == [5000, 6000]
    assert "event:x:kursk_incursion:month" in by_gid(charts.timeline(facts), "event:")
    with pytest.raises(ValueError, match="fact_kind"):  # the charts do not guess it
        charts.troop_counts(facts.drop(columns=["fact_kind"]))


def test_charts_take_the_reported_facts_themselves(seed_facts):
    from helpers.model import ReportedFact

    facts = [ReportedFact.from_record(r) for r in seed_facts.to_dict("records")]
    for build in (charts.coverage_matrix, charts.troop_counts, charts.timeline):
        from_table, from_facts = build(seed_facts), build(facts)
        assert {k: t.get_text() for k, t in by_gid(from_facts, "", Text).items()} == \
            {k: t.get_text() for k, t in by_gid(from_table, "", Text).items()}
        assert set(by_gid(from_facts, "")) == set(by_gid(from_table, ""))


# --------------------------------------------------------------- files


def test_save_png_at_dpi_and_svg_as_paths(seed_facts, tmp_path):
    from PIL import Image

    fig = charts.troop_counts(seed_facts)
    png = charts.save(fig, tmp_path / "c.png", dpi=100)
    with Image.open(png) as im:
        w, h = im.size
        assert (w, h) == (round(fig.get_figwidth() * 100), round(fig.get_figheight() * 100))
        assert round(im.info["dpi"][0]) == 100
    svg = charts.save(fig, tmp_path / "sub" / "c.svg").read_text(encoding="utf-8")
    assert "<path" in svg and "<text" not in svg  # no SVG text for browsers to reorder
    assert not list(tmp_path.glob("**/.*.tmp"))  # no temporary file left behind


def test_save_refuses_unknown_format_and_keeps_good_file(seed_facts, tmp_path, monkeypatch):
    fig = charts.troop_counts(seed_facts)
    good = charts.save(fig, tmp_path / "c.png")
    before = good.read_bytes()
    with pytest.raises(ValueError, match="c.gif"):
        charts.save(fig, tmp_path / "c.gif")

    def fail_midway(fname, **kw):  # half a file written, then the disk is full
        Path(fname).write_bytes(before[:50])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fig, "savefig", fail_midway)
    with pytest.raises(OSError):
        charts.save(fig, good)
    assert good.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["c.png"]


def test_write_charts(seed_facts, tmp_path):
    out = charts.write_charts(seed_facts, tmp_path / "charts", lang="en", dpi=72)
    assert set(out) == set(charts.CHART_NAMES)
    for name, path in out.items():
        assert path.name == f"{name}.png" and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("build", [charts.coverage_matrix, charts.troop_counts, charts.timeline])
def test_every_text_uses_the_font_chain_even_when_drawn_later(seed_facts, build):
    # tick labels are created at draw time, outside the chart style's rc context
    fig = build(seed_facts)
    fig.canvas.draw()
    for t in fig.findobj(Text):
        if t.get_text():
            assert t.get_fontfamily()[:1] == ["Noto Sans Arabic"], t.get_text()


def _toll(doc: str, value: int, published: str | None, outlet: str, qualifier: str = "exact"):
    from helpers.model import ReportedFact

    return ReportedFact(doc=doc, fact="deaths", fact_kind="count", value=str(value), value_num=float(value),
                        outlet=outlet, outlet_en=outlet, published=published, fact_ar="الوفيات",
                        fact_en="Deaths", qualifier=qualifier, unit="people", source="الوزارة")


def test_counts_over_time_puts_each_report_at_its_publication_date(tmp_path):
    from matplotlib.collections import PathCollection

    facts = [_toll("b", 2012, "2023-09-10", "ب"), _toll("a", 296, "2023-09-09", "أ"),
             _toll("c", 2946, "2023-09-13", "ج", "approx"), _toll("d", 5000, None, "د")]
    fig = charts.counts_over_time(facts, lang="en", fact="deaths")
    points = by_gid(fig, "point:", PathCollection)
    assert [g.split(":")[1] for g in points] == ["a", "b", "c"]  # by date; the undated one left out
    trend = next(a for a in fig.findobj() if a.get_gid() == "trend")
    assert list(trend.get_ydata()) == [296, 2012, 2946]
    texts = [t.get_text() for t in fig.findobj(Text)]
    assert "≈2,946" in texts and "296" in texts
    assert charts.count_chart(facts, "deaths", "over_time", lang="en").findobj(
        lambda a: a.get_gid() == "trend")
    assert not charts.count_chart(facts, "deaths", "bars", lang="en").findobj(
        lambda a: a.get_gid() == "trend")
    written = charts.write_charts(facts, tmp_path, lang="en", count_facts=["deaths"], kinds={"deaths": "over_time"})
    assert written["counts_deaths"].stat().st_size > 0


def test_counts_over_time_without_dated_reports_says_so():
    fig = charts.counts_over_time([_toll("d", 5000, None, "د")], lang="ar", fact="deaths")
    assert fig.findobj(lambda a: a.get_gid() == "empty")
