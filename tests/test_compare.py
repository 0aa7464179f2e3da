"""The comparison logic on hand-built fixtures, the output files, path resolution, and
(once the loader, extractors and story catalogue are there) the seeds against gold."""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from helpers.compare import build as cmp
from helpers import paths
from helpers.model import Alternative, Mention

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- wording rules


@pytest.mark.parametrize("n,cat", [(1, "one"), (2, "two"), (3, "few"), (10, "few"), (11, "many"),
                                   (99, "many"), (100, "other"), (500, "other"), (103, "few"),
                                   (1000, "other"), (12000, "other")])
def test_arabic_plural_categories(n, cat):
    assert cmp.plural_category(n, "ar") == cat


def test_counted_nouns_follow_arabic_number_agreement():
    assert cmp.counted(3, "generals", "ar") == "3 جنرالات"
    assert cmp.counted(500, "officers", "ar") == "500 ضابط"
    assert cmp.counted(20, "soldiers", "ar") == "20 جنديا"
    assert cmp.counted(1, "officers", "en") == "1 officer"
    assert cmp.counted(7000, "soldiers", "en") == "7,000 soldiers"


@pytest.mark.parametrize("value,lang,precision,shown", [
    ("2023-09-05", "ar", None, "5 سبتمبر 2023"),
    ("2023-09-05", "en", None, "5 Sep 2023"),
    ("2023-09", "ar", None, "سبتمبر 2023"),
    ("2023-09-05", "en", "month", "Sep 2023"),
    ("2023", "en", None, "2023"),
    (dt.date(2021, 1, 31), "en", None, "31 Jan 2021"),
    ("2023-09-05 00:00:00", "en", None, "5 Sep 2023"),  # a timestamp read back from a table
    ("2023-02-30", "en", None, "2023-02-30"),  # no such day: shown as given
    ("soon", "en", None, "soon"),
])
def test_format_date(value, lang, precision, shown):
    assert cmp.format_date(value, lang, precision) == shown


def test_date_spans_and_counts_read_the_same_in_charts_and_tables():
    from helpers.present import wording

    assert wording.date_span("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")
    assert wording.date_span("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year")
    assert wording.date_span("2024-13") is None and wording.date_span(None) is None
    assert cmp.format_count(12000.0, "approx", "en") == "≈12,000" == cmp.format_value("count", "12000", "en", "approx")
    assert cmp.format_count(None, "approx") == ""


def test_format_value_signs_and_presence_words():
    assert cmp.format_value("count", "4500", "en", "approx", value_num=4500.0) == "≈4,500"
    assert cmp.format_value("count", "90", "ar", "more_than") == ">90"
    assert cmp.format_value("presence", "clause", "en", short=False) == "clause, no number"
    assert cmp.format_value("presence", "absent", "ar") == "—"
    with pytest.raises(ValueError):
        cmp.format_value("count", "5", "fr")


# ---------------------------------------------------------------- compatibility rules


@pytest.mark.parametrize("a,qa,b,qb,ok", [
    (7000, "exact", 7000, "approx", True),
    (7000, "exact", 7500, "exact", False),
    (7000, "approx", 7500, "approx", False),
    (5000, "more_than", 7500, "exact", True),
    (5000, "more_than", 5000, "exact", False),
    (5000, "at_least", 5000, "exact", True),
    (5000, "up_to", 7500, "exact", False),
    (5000, "up_to", 4000, "approx", True),
    (5000, "up_to", 6000, "at_least", False),
    (5000, "at_least", 5000, "up_to", True),
    (3000, "more_than", 9000, "more_than", True),
])
def test_counts_compatible(a, qa, b, qb, ok):
    assert cmp.counts_compatible(a, qa, b, qb) is ok
    assert cmp.counts_compatible(b, qb, a, qa) is ok


@pytest.mark.parametrize("a,b,ok", [
    ("2023-05", "2023-05-17", True), ("2023", "2023-05-17", True), ("2023-05-17", "2023-05-17", True),
    ("2023-05-17", "2023-05-18", False), ("2023-05", "2023-06", False), ("2023-1", "2023-11", False),
])
def test_dates_compatible(a, b, ok):
    assert cmp.dates_compatible(a, b) is ok


# ---------------------------------------------------------------- comparison on fixtures


def test_outlets_table_uses_labels_and_metadata(comparison):
    c = comparison
    o = c.outlets.set_index("doc")
    assert list(c.outlets.columns) == cmp.OUTLET_COLUMNS
    assert o.loc["a1", "outlet"] == "صحيفة الشرق" and o.loc["a1", "outlet_en"] == "Al Sharq"
    assert o.loc["c3", "outlet"] == "c3"  # no masthead: labelled by id
    assert o.loc["b2", "published"] == "2024-12-01"
    assert o.loc["b2", "credited_source"] == "وكالة الأنباء الوطنية"


def test_matrix_pivots_outlets_by_facts_in_both_languages(comparison):
    c = comparison
    en = c.matrix("en")
    assert list(en.index) == ["Al Sharq", "Al Gharb", "c3"]
    assert list(en.columns) == ["Troops deployed", "Officers", "Generals", "Mutual-defence clause", "Pact signed"]
    assert en.at["Al Sharq", "Troops deployed"] == "≈8,000"
    assert en.at["Al Gharb", "Pact signed"] == "Mar 2024"
    assert en.at["c3", "Officers"] == "—"
    ar = c.matrix("ar")
    assert ar.at["صحيفة الشرق", "توقيع الاتفاق"] == "3 مارس 2024"
    assert ar.at["موقع الغرب", "بند الدفاع المشترك"] == "◐ بند"


def test_cells_carry_evidence_offsets_into_article_text(comparison):
    c = comparison
    cell = c.cells("en").at["Al Sharq", "Officers"]
    a = c.article("a1")
    assert a.text[cell["start"]:cell["end"]] == "200 ضابط"
    assert "200 ضابط" in cell["evidence"]


def test_disagreement_found_with_sources_dates_and_subcounts(comparison):
    c = comparison
    details = c.disagreement_details()
    assert [d["fact"] for d in details] == ["troops"]  # the dates 2024-03 / 2024-03-03 agree
    values = details[0]["values"]
    assert [v["value"] for v in values] == [6500.0, 8000.0]  # oldest report first
    b, a = values[0]["reports"][0], values[1]["reports"][0]
    assert (b["source"], b["source_basis"]) == ("وكالة الأنباء الوطنية", "credited")
    assert (a["source"], a["source_basis"]) == ("وزير الدفاع", "attribution")
    assert [(r["unit"], r["value"]) for r in a["related"]] == [("officers", 200.0), ("generals", 4.0)]
    assert b["related"] == []
    flat = c.disagreements("en")
    assert list(flat["doc"]) == ["b2", "a1"]
    assert flat.loc[flat["doc"] == "a1", "related"].item() == "200 officers, 4 generals"


def test_disagreement_paragraph_is_computed_from_the_data(comparison, make_comparison):
    c = comparison
    en = c.explain("en")
    assert en.startswith("Troops deployed: 6,500 (وكالة الأنباء الوطنية, in Al Gharb, an article of 1 Dec 2024)"
                         " against ≈8,000 including 200 officers and 4 generals (وزير الدفاع, in Al Sharq,"
                         " an article of 1 Mar 2025).")
    assert "90 days apart" in en
    ar = c.explain("ar")
    assert "6,500 (وكالة الأنباء الوطنية، في موقع الغرب، مقال بتاريخ 1 ديسمبر 2024)" in ar
    assert "مقابل ≈8,000 بينهم 200 ضابط و4 جنرالات" in ar
    # other data, other words
    changed = make_comparison(troops_b=9100).explain("en")
    assert "9,100" in changed and "6,500" not in changed
    assert changed.startswith("Troops deployed: 9,100 (")


def test_compatible_reports_are_not_a_disagreement(make_comparison):
    c = make_comparison(troops_b=5000, qualifier_b="more_than")  # "more than 5,000" vs ≈8,000
    assert c.disagreement_details() == []
    assert c.disagreements().empty
    assert c.explain("en") == "The outlets do not disagree on any compared number or date."


def test_conflicting_dates_are_a_disagreement(comparison):
    c = comparison
    c.reported = [replace(f, value="2024-04") if (f.doc, f.fact) == ("b2", "pact_signed") else f
                  for f in c.reported]
    d = c.disagreement_details()
    assert [x["fact"] for x in d] == ["troops", "pact_signed"]
    assert "Pact signed: Apr 2024 (وكالة الأنباء الوطنية, in Al Gharb" in c.explain("en")
    assert "against 3 Mar 2024 (unattributed, in Al Sharq, an article of 1 Mar 2025)" in c.explain("en")


def test_article4_picture_per_outlet_with_evidence(comparison):
    c = comparison
    p = c.article4(lang="en").set_index("doc")
    assert list(p["status"]) == ["explicit", "clause", "absent"]
    assert p.loc["b2", "status_label"] == "clause, no number"
    s, e = p.loc["a1", "start"], p.loc["a1", "end"]
    assert c.article("a1").text[s:e] == "المادة 7"
    assert p.loc["c3", "evidence"] == "" and pd.isna(p.loc["c3", "start"])


# ---------------------------------------------------------------- outputs


def test_write_outputs_columns_values_and_jsonl(tmp_path, comparison):
    c = comparison
    out = cmp.write_outputs(c, tmp_path / "out")
    with open(out["facts"], encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
        fh.seek(0)
        header = next(csv.reader(fh))
    assert header[:4] == ["doc", "fact", "value", "source"]
    assert header == cmp.FACT_COLUMNS
    assert header[-2:] == ["fact_kind", "unit"]  # after the columns facts.csv always had
    troops = {r["doc"]: r for r in rows if r["fact"] == "troops"}
    assert (troops["a1"]["fact_kind"], troops["a1"]["unit"], troops["c3"]["unit"]) == ("count", "soldiers", "")
    assert troops["a1"]["value"] == "8000" and troops["a1"]["source"] == "وزير الدفاع"
    a = c.article("a1")
    assert a.text[int(troops["a1"]["start"]):int(troops["a1"]["end"])] == "نحو 8 آلاف جندي"
    assert troops["c3"]["start"] == ""
    lines = out["mentions"].read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(len(v) for v in c.mentions_by_doc.values())
    first = json.loads(lines[0])
    assert first["doc"] == "a1" and first["kind"] == "quantity" and first["value"] == 8000


def test_failed_write_keeps_previous_output(tmp_path, monkeypatch, comparison):
    c = comparison
    out = cmp.write_outputs(c, tmp_path)
    before = out["mentions"].read_bytes()

    def boom(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Mention, "to_json", boom)
    with pytest.raises(RuntimeError):
        cmp.write_outputs(c, tmp_path)
    assert out["mentions"].read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv", "mentions.jsonl"]


# ---------------------------------------------------------------- paths


def test_resolve_prefers_cwd_then_project_root(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT / "tests")
    assert paths.resolve("gold/story_facts.csv") == ROOT / "tests" / "gold" / "story_facts.csv"
    assert paths.resolve("seeds").resolve() == (ROOT / "seeds").resolve()
    # a folder of that name in the current directory wins over the project's
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    assert paths.resolve("seeds") == tmp_path / "seeds"
    with pytest.raises(FileNotFoundError, match="no_such_folder") as e:
        paths.resolve("no_such_folder")
    assert str(tmp_path / "no_such_folder") in str(e.value)  # every place tried is named


def test_resolve_output_goes_where_the_top_folder_exists(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT / "tests")
    assert paths.resolve_output("reports/compare") == ROOT / "reports" / "compare"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    assert paths.resolve_output("reports/compare") == tmp_path / "reports" / "compare"
    assert paths.resolve_output("fresh") == tmp_path / "fresh"
    assert paths.resolve_output(tmp_path / "x" / "y") == tmp_path / "x" / "y"


def test_project_root_found_from_a_subfolder():
    assert paths.project_root(ROOT / "notebooks") == ROOT


# ---------------------------------------------------------------- finding one article


def _folder_with_manifest(tmp_path):
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "017_abc.txt").write_text("عنوان تجريبي للمقال\nنص قصير عن زيارة رسمية.\n", encoding="utf-8")
    (folder / "note.txt").write_text("عنوان ثان\nنص آخر قصير.\n", encoding="utf-8")
    (folder / "manifest.csv").write_text("id,file,outlet_ar,published\n"
                                         "k17,017_abc.txt,جريدة المثال,2023-02-01\n", encoding="utf-8")
    return folder


def test_find_article_by_manifest_id_prefix_and_path(tmp_path, monkeypatch):
    folder = _folder_with_manifest(tmp_path)
    monkeypatch.chdir(tmp_path)
    path, row = cmp.find_article("k17", folder)
    assert path.name == "017_abc.txt" and row["outlet_ar"] == "جريدة المثال"
    path, row = cmp.find_article("note", folder)
    assert path.name == "note.txt" and row is None
    path, row = cmp.find_article("arts/017_abc.txt", "arts")
    assert row["id"] == "k17"
    path, row = cmp.find_article("017_abc.txt", folder)  # a file name inside articles_dir
    assert row["id"] == "k17"
    with pytest.raises(FileNotFoundError, match="k99"):
        cmp.find_article("k99", folder)


# ---------------------------------------------------------------- acceptance on the seeds


def test_seed_comparison_matches_gold_facts(gold_story_facts):
    c = cmp.build_comparison("stories/kursk.yaml", ROOT / "seeds")
    rows = cmp.facts_csv_frame(c).to_dict("records")
    missing = []
    for g in gold_story_facts:
        got = [r for r in rows if r["doc"] == g["doc"] and r["fact"] == g["fact"]]
        if not any(r["value"] == g["value"] and g["source"] in r["source"] for r in got):
            missing.append((g["doc"], g["fact"], g["value"], [(r["value"], r["source"]) for r in got]))
    assert not missing
    # every reported value has offsets, and they point into the article text
    reported = [r for r in rows if r["value"] not in ("", "absent")]
    assert reported
    for r in reported:
        assert not pd.isna(r["start"]), (r["doc"], r["fact"])
        text = c.article(r["doc"]).text
        assert 0 <= r["start"] < r["end"] <= len(text)


def test_seed_troop_disagreement_is_explained_from_both_outlets():
    c = cmp.build_comparison("stories/kursk.yaml", ROOT / "seeds", outlets=["004", "002"])
    troops = [d for d in c.disagreement_details() if any(
        rep["doc"] == "004" for v in d["values"] for rep in v["reports"])]
    assert troops, c.explain("en")
    d = troops[0]
    assert [v["value"] for v in d["values"]] == [11000, 12000]
    later = d["values"][1]["reports"][0]
    assert {r["unit"]: r["value"] for r in later["related"]} == {"officers": 500, "generals": 3}
    en = c.explain("en")
    assert re.search(r"11,000 \([^()]*زيلينسكي", en) and "≈12,000 including 500 officers and 3 generals (" in en
    assert "an article of 10 Nov 2024" in en and "an article of 28 Apr 2025" in en
    pic = c.article4().set_index("doc")
    assert dict(pic["status"]) == {"004": "clause", "002": "clause"}


def test_unknown_outlet_id_is_named(tmp_path):
    with pytest.raises(KeyError, match="no article with id 777"):
        cmp.build_comparison("stories/kursk.yaml", ROOT / "seeds", outlets=["000", "777"])


def test_refused_file_is_kept_as_error_and_the_rest_compared(tmp_path):
    folder = tmp_path / "arts"
    shutil.copytree(ROOT / "seeds", folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe\x00" * 20)
    c = cmp.build_comparison("stories/kursk.yaml", folder)
    assert [Path(e.path).name for e in c.errors] == ["broken.txt"]
    assert c.docs == ["000", "001", "002", "003", "004"]


def test_two_articles_of_one_outlet_keep_separate_rows(comparison):
    c = comparison
    c.articles[2].meta.outlet_en = "Al Sharq"
    c.articles[2].meta.outlet_ar = "صحيفة الشرق"
    m = c.matrix("en")
    assert list(m.index) == ["Al Sharq (a1)", "Al Gharb", "Al Sharq (c3)"]
    assert m.at["Al Sharq (a1)", "Troops deployed"] == "≈8,000"
    assert m.at["Al Sharq (c3)", "Troops deployed"] == "—"


def test_find_article_accepts_a_numeric_id_as_papermill_parses_it(tmp_path):
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "007_x.txt").write_text("عنوان\nنص.\n", encoding="utf-8")
    (folder / "manifest.csv").write_text("id,file\n007,007_x.txt\n", encoding="utf-8")
    path, row = cmp.find_article(7, folder)
    assert path.name == "007_x.txt" and row["id"] == "007"


def test_outlet_ids_from_a_command_line_find_their_article():
    known = {"000", "002", "k7"}
    assert cmp._known_id(2, known) == "002"
    assert cmp._known_id(" 002", known) == "002"
    assert cmp._known_id("k7", known) == "k7"
    assert cmp._known_id(9, known) == "9"  # unknown stays as given, to be named in the error


def test_other_values_in_one_article_count_as_reports(comparison):
    c = comparison
    a = c.article("a1")
    at = a.text.index("200 ضابط")
    alt = Alternative(value="150", source="مصدر عسكري", qualifier="exact", text=a.text[at:at + 3],
                      start=at, end=at + 3)
    c.reported = [replace(f, alternatives=(alt,)) if (f.doc, f.fact) == ("a1", "officers") else f
                  for f in c.reported]
    d = {x["fact"]: x for x in c.disagreement_details()}
    officers = d["officers"]
    assert sorted(v["value"] for v in officers["values"]) == [150.0, 200.0]
    alt = next(rep for v in officers["values"] for rep in v["reports"] if rep["alternative"])
    assert (alt["doc"], alt["source"], alt["start"]) == ("a1", "مصدر عسكري", at)
    assert "150 (مصدر عسكري" in c.explain("en")
    cell = c.cells("en").at["Al Sharq", "Officers"]
    assert cell["alternatives"] == ["150 (مصدر عسكري)"]


def test_catalogue_order_and_labels_include_facts_nobody_reports(comparison):
    from types import SimpleNamespace as NS

    c = comparison
    c.story = NS(facts=[NS(id="pact_signed", kind="date", label_ar="التوقيع", label_en="Signed"),
                        NS(id="casualties", kind="count", label_ar="الخسائر", label_en="Casualties"),
                        NS(id="troops", kind="count", label_ar="القوات", label_en="Troops")])
    m = c.matrix("en")
    assert list(m.columns)[:3] == ["Signed", "Casualties", "Troops"]
    assert set(m["Casualties"]) == {"—"}


def test_the_facts_table_follows_the_reported_facts(comparison):
    c = comparison
    assert len(c.facts) == len(c.reported) == 15
    c.reported = [f for f in c.reported if f.doc != "c3"]
    assert set(c.facts["doc"]) == {"a1", "b2"}
    assert cmp.facts_of_frame(c.facts) == c.reported


def test_runner_up_dates_do_not_make_a_disagreement(comparison):
    c = comparison
    alt = Alternative(value="2021-02", source="", qualifier=None, text="x", start=1, end=2)
    c.reported = [replace(f, alternatives=(alt,)) if (f.doc, f.fact) == ("a1", "pact_signed") else f
                  for f in c.reported]
    assert [d["fact"] for d in c.disagreement_details()] == ["troops"]
