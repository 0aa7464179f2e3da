"""extract(): all extractors together; mentions_frame; the `extract` command."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import build_parser, run_extract_command
from helpers.extractors.pipeline import MENTION_COLUMNS, extract, mentions_frame
from helpers.model import Article, ArticleMeta

ROOT = Path(__file__).resolve().parents[1]

BODY = ("قال وزير الدفاع يوم الثلاثاء إن نحو 6 آلاف جندي انتشروا على الحدود.\n"
        "وأكد أن الانتشار تم وفقا للمادة الخامسة من معاهدة الشراكة الموقعة في 2 مارس 2024.")


def run(argv):
    args = build_parser().parse_args(["extract", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = run_extract_command(args, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text("انتشار على الحدود\n" + BODY + "\n", encoding="utf-8")
    return tmp_path


def test_extract_text_finds_every_kind_sorted():
    ms = extract(BODY, published="2025-01-16", doc="t")
    kinds = [m.kind for m in ms]
    assert set(kinds) >= {"quantity", "date", "article_ref"}
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for m in ms:
        assert BODY[m.start:m.end] == m.text and m.doc == "t"
    q = next(m for m in ms if m.kind == "quantity")
    assert (q.value, q.qualifier) == (6000, "approx")
    r = next(m for m in ms if m.kind == "article_ref")
    assert (r.number, r.instrument) == (5, "treaty")
    assert {m.value for m in ms if m.kind == "date"} >= {"2025-01-14", "2024-03-02"}


def test_publication_date_resolves_weekdays():
    no_date = extract(BODY, doc="t")
    with_date = extract(BODY, published=dt.date(2025, 1, 16), doc="t")
    tuesday = [m for m in with_date if m.kind == "date" and "الثلاثاء" in m.text]
    assert tuesday and tuesday[0].value == "2025-01-14"
    assert not [m for m in no_date if m.kind == "date" and "الثلاثاء" in m.text and m.value]


def test_extract_article_uses_its_date_and_doc():
    text = "عنوان\n" + BODY
    a = Article(doc="z9", path="z9.txt", raw=text, title="عنوان", text=text,
                meta=ArticleMeta(published=dt.date(2025, 1, 16)))
    ms = extract(a)
    assert all(m.doc == "z9" for m in ms)
    assert any(m.value == "2025-01-14" for m in ms if m.kind == "date")


def test_extract_path(folder):
    ms = extract(folder / "a.txt", published="2025-01-16")
    assert any(m.kind == "article_ref" for m in ms) and ms[0].doc == "a"


def test_mentions_frame():
    ms = extract(BODY, published="2025-01-16", doc="t")
    f = mentions_frame(ms)
    assert list(f.columns[:len(MENTION_COLUMNS)]) == MENTION_COLUMNS
    assert len(f) == len(ms)
    assert f[f.kind == "article_ref"].iloc[0].number == 5
    assert "instrument_basis" in f.columns


# --- the command --------------------------------------------------------------------------


def test_cli_jsonl_fields_by_kind(folder):
    code, out, err = run(["--published", "2025-01-16", str(folder / "a.txt")])
    assert code == 0 and err == ""
    recs = [json.loads(line) for line in out.splitlines()]
    for r in recs:
        assert {"doc", "kind", "text", "start", "end", "sentence"} <= set(r)
    q = next(r for r in recs if r["kind"] == "quantity")
    assert {"value", "value_max", "unit", "category", "qualifier", "attribution"} <= set(q)
    assert isinstance(q["value"], int)
    d = next(r for r in recs if r["kind"] == "date")
    assert {"value", "precision"} <= set(d)
    a = next(r for r in recs if r["kind"] == "article_ref")
    assert (a["number"], a["instrument"]) == (5, "treaty")


def test_cli_story_adds_fact_lines(folder):
    code, out, _ = run(["--published", "2025-01-16", "--story", str(ROOT / "stories" / "kursk.yaml"),
                        str(folder / "a.txt")])
    facts = [json.loads(x) for x in out.splitlines() if json.loads(x)["kind"] == "fact"]
    by = {f["fact"]: f for f in facts}
    assert code == 0
    assert by["troops_deployed"]["value"] == "6000"
    assert by["treaty_article_4"]["value"] == "absent"  # article 5, not 4
    assert by["treaty_signed"]["value"] == "2024-03-02"


def test_cli_csv_and_table(folder):
    code, out, _ = run(["--format", "csv", "--published", "2025-01-16", str(folder / "a.txt")])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["kind"] for r in rows} >= {"quantity", "date", "article_ref"}
    assert next(r for r in rows if r["kind"] == "article_ref")["number"] == "5"
    code, out, _ = run(["--format", "table", "--story", str(ROOT / "stories" / "kursk.yaml"),
                        "--published", "2025-01-16", str(folder / "a.txt")])
    assert code == 0
    assert out.splitlines()[0].split()[:2] == ["doc", "kind"]
    assert any(line.startswith("a ") and "troops_deployed" in line for line in out.splitlines())


def test_cli_bad_files_are_one_line_each_and_others_still_run(folder):
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    code, out, err = run(["--published", "2025-01-16", str(folder / "missing.txt"), str(folder / "bin.txt"),
                          str(folder / "a.txt")])
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {folder / 'missing.txt'}:")
    assert lines[1].startswith(f"error: {folder / 'bin.txt'}:")
    assert "Traceback" not in err
    assert any(json.loads(x)["kind"] == "article_ref" for x in out.splitlines())


def test_cli_bad_published_and_bad_story(folder, tmp_path):
    code, out, err = run(["--published", "16/01/2025", str(folder / "a.txt")])
    assert code == 2 and out == "" and err.startswith("error: --published:")
    bad = tmp_path / "s.yaml"
    bad.write_text("facts: [", encoding="utf-8")
    code, out, err = run(["--story", str(bad), str(folder / "a.txt")])
    assert code == 2 and out == "" and err.count("\n") == 1 and str(bad) in err


def test_cli_uses_manifest_date(tmp_path):
    (tmp_path / "n1.txt").write_text("خبر\nوأعلن الجيش يوم الأحد وصول القوات.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("id,file,outlet_ar,published\nn1,n1.txt,جريدة,2025-02-12\n",
                                           encoding="utf-8")
    code, out, _ = run([str(tmp_path / "n1.txt")])
    d = [json.loads(x) for x in out.splitlines() if json.loads(x)["kind"] == "date"]
    assert code == 0 and d[0]["doc"] == "n1" and d[0]["value"] == "2025-02-09"


def test_module_entry_point(folder):
    p = subprocess.run([sys.executable, "-m", "helpers", "extract", "--published", "2025-01-16",
                        str(folder / "a.txt"), str(folder / "nope.txt")],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 2
    assert p.stderr.strip().splitlines() == [f"error: {folder / 'nope.txt'}: no such file"] or \
        p.stderr.strip().startswith(f"error: {folder / 'nope.txt'}")
    assert len(p.stdout.splitlines()) >= 3


def test_package_extract_is_callable_again_after_other_modules_load():
    """``helpers.extract`` stays the function: importing the extraction module (as the
    comparison does) must not replace it with a submodule."""
    import helpers
    import helpers.compare.build  # noqa: F401  (imports the extraction module)

    first = helpers.extract("وصل 500 جندي")
    second = helpers.extract("وصل 500 جندي")
    assert callable(helpers.extract)
    assert [m.value for m in first] == [m.value for m in second] == [500]
