"""A report someone else can open: file modes, the spreadsheet-safe facts table, the
index that works alone, the provenance line on every page, the bundle, ``make lab``."""
from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import os
import re
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

from helpers.compare import build as cmp
from helpers.compare.csvsafe import CSV_ENCODING, neutralise, restore

ROOT = Path(__file__).resolve().parents[1]

# invented values that a spreadsheet would evaluate
HOSTILE_OUTLET = '=HYPERLINK("http://example.invalid/?leak","انقر هنا")'
HOSTILE_SOURCE = "+1-2 مصدر"
HOSTILE_EVIDENCE = "@SUM(1,2) قال المتحدث"
TAB_EVIDENCE = "\tقال مسؤول"


# ------------------------------------------------------------------ facts.csv


@pytest.mark.parametrize("cell, safe", [
    ("=1+1", "'=1+1"), ("+33 6", "'+33 6"), ("-2+3", "'-2+3"), ("@A1", "'@A1"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("'=1", "''=1"), ("-5", "-5"), ("+3.5", "+3.5"), ("-1,200", "-1,200"),
    ("قوات", "قوات"), ("", ""), ("a=b", "a=b"), ("'quoted'", "'quoted'"),
])
def test_formula_cells_get_an_apostrophe_and_numbers_do_not(cell, safe):
    assert neutralise(cell) == safe
    assert restore(neutralise(cell)) == cell


def test_non_text_is_left_alone():
    assert neutralise(-5) == -5 and neutralise(None) is None


def _hostile(comparison):
    rows = []
    for f in comparison.reported:
        if f.doc == "c3":
            f = dataclasses.replace(f, outlet=HOSTILE_OUTLET)
        elif f.doc == "a1" and f.fact == "troops":
            f = dataclasses.replace(f, source=HOSTILE_SOURCE, evidence=HOSTILE_EVIDENCE)
        elif f.doc == "a1" and f.fact == "officers":
            f = dataclasses.replace(f, evidence=TAB_EVIDENCE, value="-5")
        rows.append(f)
    return dataclasses.replace(comparison, reported=rows)


def test_facts_csv_has_a_bom_and_no_live_formula(tmp_path, comparison):
    out = cmp.write_outputs(_hostile(comparison), tmp_path)
    raw = out["facts"].read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and not raw.startswith(codecs.BOM_UTF8 * 2)
    with open(out["facts"], encoding=CSV_ENCODING, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[0] == "doc"
    c3 = [r for r in rows if r["doc"] == "c3"]
    assert c3 and all(r["outlet"] == "'" + HOSTILE_OUTLET for r in c3)
    troops = next(r for r in rows if r["doc"] == "a1" and r["fact"] == "troops")
    assert troops["source"] == "'" + HOSTILE_SOURCE and troops["evidence"] == "'" + HOSTILE_EVIDENCE
    assert troops["start"].isdigit() and troops["end"].isdigit()  # offsets stay numbers
    officers = next(r for r in rows if r["doc"] == "a1" and r["fact"] == "officers")
    assert officers["value"] == "-5" and officers["evidence"] == "'" + TAB_EVIDENCE
    for r in rows:
        for col, v in r.items():
            assert not v.startswith(("=", "+", "@", "\t", "\r")), (col, v)
            assert not v.startswith("-") or re.fullmatch(r"-\d+", v), (col, v)


def test_the_index_reads_the_outlet_name_back_as_written(tmp_path, comparison):
    from helpers.batch.index import read_compare_tables

    cmp.write_outputs(_hostile(comparison), tmp_path)
    facts, mentions = read_compare_tables(tmp_path)
    assert facts and list(facts[0])[0] == "doc"  # the mark is not part of the first name
    assert {f["outlet"] for f in facts if f["doc"] == "c3"} == {HOSTILE_OUTLET}
    assert mentions


def test_hostile_manifest_outlet_through_the_real_build(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "n1.txt").write_text("خبر تجريبي\nقال مسؤول إن 300 جندي وصلوا إلى المنطقة.\n", encoding="utf-8")
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "file", "outlet_ar", "published"])
        w.writerow(["@n1", "n1.txt", HOSTILE_OUTLET, "2025-01-02"])
    c = cmp.build_comparison(ROOT / "stories" / "kursk.yaml", folder)
    out = cmp.write_outputs(c, tmp_path / "out")
    with open(out["facts"], encoding=CSV_ENCODING, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["doc"] for r in rows} == {"'@n1"}
    assert {r["outlet"] for r in rows} == {"'" + HOSTILE_OUTLET}


def _soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        pytest.skip("LibreOffice (soffice) is not installed: the spreadsheet round trip of facts.csv "
                    "is not checked (Debian: apt-get install libreoffice-calc-nogui)")
    return path


def _calc_cells(soffice: str, csv_path: Path, work: Path) -> list[tuple[str, str]]:
    """(formula or "", text) of every cell LibreOffice Calc makes of ``csv_path`` (read
    as UTF-8: a headless conversion does not look for the byte-order mark)."""
    outdir = work / f"ods-{csv_path.stem}"
    subprocess.run([soffice, f"-env:UserInstallation={(work / 'lo-profile').as_uri()}", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "ods", "--outdir", str(outdir), str(csv_path)],
                   check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(outdir / f"{csv_path.stem}.ods") as z:
        content = z.read("content.xml").decode("utf-8")
    import html

    cells = re.findall(r"<table:table-cell([^>]*)>\s*<text:p>(.*?)</text:p>", content, flags=re.S)
    out = []
    for attrs, text in cells:
        m = re.search(r'table:formula="([^"]*)"', attrs)
        out.append((html.unescape(m.group(1)) if m else "", html.unescape(re.sub(r"<[^>]+>", "", text))))
    return out


def test_facts_csv_round_trip_through_libreoffice(tmp_path, comparison):
    soffice = _soffice()
    hostile = _hostile(comparison)
    out = cmp.write_outputs(hostile, tmp_path / "safe")
    cells = _calc_cells(soffice, out["facts"], tmp_path)
    assert [f for f, _ in cells if f] == []  # no formula in the sheet
    texts = [t for _, t in cells]
    assert texts[0] == "doc"  # the byte-order mark is not in the first cell
    assert "صحيفة الشرق" in texts  # Arabic read as written
    assert "'" + HOSTILE_OUTLET in texts and "-5" in texts
    # the check can fail: the same table without neutralising has live formulas
    plain = tmp_path / "plain.csv"
    plain.write_bytes(cmp.facts_csv_frame(hostile).to_csv(index=False).encode(CSV_ENCODING))
    formulas = [f for f, _ in _calc_cells(soffice, plain, tmp_path) if f]
    assert formulas and any("HYPERLINK" in f for f in formulas)


# ------------------------------------------------------------------ file modes

# invented articles
GOOD_A = "وزارة الدفاع تعلن وصول قافلة\nأعلنت الوزارة اليوم أن 300 شاحنة عبرت الحدود صباح الأحد."
GOOD_B = "مسؤول: المفاوضات مستمرة\nقال المتحدث إن الجولة الثالثة من المحادثات ستعقد في 5 مايو."


def _modes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode)
            for p in out.rglob("*") if p.is_file()}


@pytest.mark.notebook
def test_report_files_follow_the_umask(tmp_path, make_report, umask):
    from helpers.batch.report import run_report

    umask(0o022)
    cfg = make_report({"a.txt": GOOD_A, "b.txt": GOOD_B})
    code, _, _ = run_report(cfg, io.StringIO(), root=tmp_path)
    assert code == 0
    modes = _modes(cfg.out)
    assert "index.html" in modes and "facts.csv" in modes and "outlets/a.html" in modes
    assert {rel: m for rel, m in modes.items() if m != 0o644} == {}
    dirs = {stat.S_IMODE(p.stat().st_mode) for p in cfg.out.rglob("*") if p.is_dir()}
    assert dirs == {0o755}
    # a page left private by an older run is opened up on the next run, even when
    # nothing has to run again; a file someone else put there keeps its mode
    (cfg.out / "outlets/a.html").chmod(0o600)
    (cfg.out / "note.txt").write_text("ملاحظة", encoding="utf-8")
    (cfg.out / "note.txt").chmod(0o600)
    code, outcomes, _ = run_report(cfg, io.StringIO(), root=tmp_path)
    assert code == 0 and outcomes == []
    assert stat.S_IMODE((cfg.out / "outlets/a.html").stat().st_mode) == 0o644
    assert stat.S_IMODE((cfg.out / "note.txt").stat().st_mode) == 0o600


@pytest.mark.notebook
def test_report_files_stay_private_under_a_private_umask(tmp_path, make_report, umask):
    from helpers.batch.report import run_report

    umask(0o077)
    cfg = make_report({"a.txt": GOOD_A})
    code, _, _ = run_report(cfg, io.StringIO(), root=tmp_path)
    assert code == 0
    assert set(_modes(cfg.out).values()) == {0o600}


# ------------------------------------------------------------------ index alone, provenance

FOOTER = re.compile(r'<footer class="report-provenance" ([^>]*)>(.*?)</footer>', re.S)


def _footer(page: Path) -> dict[str, str]:
    """The provenance line's values (its data- attributes) and text; fails when the
    page has none or more than one."""
    import html

    found = FOOTER.findall(page.read_text(encoding="utf-8"))
    assert len(found) == 1, (page, len(found))
    attrs, body = found[0]
    values = {k: html.unescape(v) for k, v in re.findall(r'data-([a-z]+)="([^"]*)"', attrs)}
    values["text"] = html.unescape(re.sub(r"<[^>]+>", "", body))
    return values


def _expected_fingerprint(story: Path, *articles: Path, manifest: Path | None = None) -> str:
    import hashlib

    from helpers.batch.plan import inputs_fingerprint

    def sha(p: Path) -> str:
        return hashlib.sha256(p.read_bytes()).hexdigest()

    inputs = {"story": sha(story), "manifest": sha(manifest) if manifest else None}
    if len(articles) == 1:
        inputs["article"] = sha(articles[0])
    else:
        inputs["articles"] = {p.name: sha(p) for p in articles}
    return inputs_fingerprint(inputs)


@pytest.mark.notebook
def test_every_page_carries_its_provenance(tmp_path, make_report):
    import datetime as dt

    import helpers
    from helpers.batch.report import run_report

    cfg = make_report({"a.txt": GOOD_A, "b.txt": GOOD_B, "c.txt": "عنوان\nRAISE-IN-CELL"})
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    code, _, _ = run_report(cfg, io.StringIO(), root=tmp_path)
    after = dt.datetime.now(dt.timezone.utc)
    assert code == 1  # c.txt fails on purpose: its page carries the line too
    arts = cfg.articles
    every = [arts / "a.txt", arts / "b.txt", arts / "c.txt"]
    pages = {"index.html": _expected_fingerprint(cfg.story, *every),
             "compare/compare.html": _expected_fingerprint(cfg.story, *every),
             "outlets/a.html": _expected_fingerprint(cfg.story, arts / "a.txt"),
             "outlets/b.html": _expected_fingerprint(cfg.story, arts / "b.txt"),
             "outlets/c.html": _expected_fingerprint(cfg.story, arts / "c.txt")}
    footers = {rel: _footer(cfg.out / rel) for rel in pages}
    for rel, fp in pages.items():
        f = footers[rel]
        assert f["fingerprint"] == fp, rel
        assert re.fullmatch(r"[0-9a-f]{12}", f["fingerprint"])
        assert f["version"] == helpers.__version__ and f["story"] == "story.yaml"
        stamp = dt.datetime.strptime(f["generated"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
        assert before <= stamp <= after, (rel, f["generated"])
        for value in (f["generated"], fp, helpers.__version__, "story.yaml"):
            assert value in f["text"], (rel, value, f["text"])
        assert str(tmp_path) not in f["text"] and "/" not in f["story"]
    # an article changes: the pages made from it say so, the other outlet's does not
    (arts / "b.txt").write_text(GOOD_B + "\nسطر جديد.", encoding="utf-8")
    code, _, _ = run_report(cfg, io.StringIO(), root=tmp_path)
    assert code == 1
    assert _footer(cfg.out / "outlets/a.html") == footers["outlets/a.html"]  # not run again
    assert _footer(cfg.out / "outlets/b.html")["fingerprint"] == _expected_fingerprint(cfg.story, arts / "b.txt")
    assert _footer(cfg.out / "outlets/b.html")["fingerprint"] != pages["outlets/b.html"]
    assert _footer(cfg.out / "index.html")["fingerprint"] != pages["index.html"]
    assert _footer(cfg.out / "index.html")["fingerprint"] == _footer(cfg.out / "compare/compare.html")["fingerprint"]


def test_the_fingerprint_covers_the_manifest_and_not_the_folder(tmp_path, make_report):
    from helpers.batch.plan import plan
    from helpers.batch.report import ReportConfig

    cfg = make_report({"a.txt": GOOD_A, "b.txt": GOOD_B})
    (cfg.articles / "manifest.csv").write_text("id,file,outlet_ar\na,a.txt,جريدة\nb,b.txt,\n", encoding="utf-8")
    first = {j.name: j.fingerprint for j in plan(cfg)}
    assert len(set(first.values())) == 3  # the comparison, a, b
    # the same files in another folder: the same fingerprints
    moved = tmp_path / "elsewhere"
    shutil.copytree(cfg.articles, moved / "arts")
    shutil.copy(cfg.story, moved / "story.yaml")
    other = ReportConfig(story=moved / "story.yaml", articles=moved / "arts", out=moved / "out",
                         notebooks=cfg.notebooks, code_version="other code")
    assert {j.name: j.fingerprint for j in plan(other)} == first
    # a manifest edit changes every page's fingerprint; an article edit only its pages'
    (cfg.articles / "manifest.csv").write_text("id,file,outlet_ar\na,a.txt,صحيفة\nb,b.txt,\n", encoding="utf-8")
    second = {j.name: j.fingerprint for j in plan(cfg)}
    assert all(second[k] != first[k] for k in first)
    (cfg.articles / "b.txt").write_text(GOOD_B + "!", encoding="utf-8")
    third = {j.name: j.fingerprint for j in plan(cfg)}
    assert third["outlets/a"] == second["outlets/a"]
    assert third["outlets/b"] != second["outlets/b"] and third["compare/compare"] != second["compare/compare"]


@pytest.mark.notebook
def test_index_embeds_its_charts(tmp_path, make_report):
    import base64

    from helpers.batch.report import run_report

    cfg = make_report({"a.txt": GOOD_A})
    code, _, _ = run_report(cfg, io.StringIO(), root=tmp_path)
    assert code == 0
    page = (cfg.out / "index.html").read_text(encoding="utf-8")
    srcs = re.findall(r'<img[^>]*\ssrc="([^"]*)"', page)
    assert srcs
    chart = (cfg.out / "charts" / "chart_counts.png").read_bytes()
    for src in srcs:
        assert src.startswith("data:image/png;base64,"), src[:40]
    assert base64.b64decode(srcs[0].split(",", 1)[1]) == chart
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert "charts/chart_counts.png" in hrefs and "compare/compare.html" in hrefs
    assert all(not h.startswith(("/", "file:", "http")) and ".." not in h for h in hrefs), hrefs


# ------------------------------------------------------------------ the bundle


@pytest.fixture
def stand_in_cli(monkeypatch):
    """The report command running the stand-in notebooks of ``make_report`` instead of
    the project's (everything else as on the command line)."""
    import helpers.batch.report as report

    real = report.run_report

    def run(cfg, err, root=None):
        cfg.notebooks = cfg.story.parent / "notebooks"
        cfg.code_version = "tests"
        return real(cfg, err, root=cfg.story.parent)

    monkeypatch.setattr(report, "run_report", run)

    def cli(*argv: str) -> tuple[int, str, str]:
        from helpers.cli import main

        out, err = io.StringIO(), io.StringIO()
        code = main(["report", "--jobs", "2", *argv], out, err)
        return code, out.getvalue(), err.getvalue()

    return cli


def _args(cfg) -> list[str]:
    return ["--story", str(cfg.story), "--articles", str(cfg.articles), "--out", str(cfg.out)]


@pytest.mark.notebook
def test_bundle_holds_the_report_and_nothing_foreign(tmp_path, make_report, stand_in_cli):
    cfg = make_report({"a.txt": GOOD_A, "b.txt": GOOD_B})
    code, _, err = stand_in_cli(*_args(cfg))
    assert code == 0, err
    # a user's own files in the report folder
    (cfg.out / "my-notes.txt").write_text("ملاحظاتي", encoding="utf-8")
    (cfg.out / "outlets" / "my-chart.png").write_bytes(b"png")
    (cfg.out / "outlets" / "a" / "extra.csv").write_text("x\n", encoding="utf-8")
    bundle = tmp_path / "mail" / "report.zip"
    code, out, err = stand_in_cli(*_args(cfg), "--bundle", str(bundle))
    assert code == 0, err
    assert "bundle" in out and err.count("\n") <= 1
    with zipfile.ZipFile(bundle) as z:
        names = z.namelist()
        assert z.testzip() is None
    for rel in ("index.html", "facts.csv", "mentions.jsonl", "charts/chart_counts.png", "compare/compare.html",
                "compare/compare.ipynb", "outlets/a.html", "outlets/b.ipynb", "outlets/a/profile.txt"):
        assert rel in names, rel
    for foreign in ("my-notes.txt", "outlets/my-chart.png", "outlets/a/extra.csv"):
        assert foreign not in names
    assert not [n for n in names if n.startswith(("/", ".")) or "/." in n or ".." in n or "inputs.json" in n]
    assert len(names) == len(set(names))
    # unpacked elsewhere, every link of the index finds its file
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(bundle) as z:
        z.extractall(unpacked)
    hrefs = re.findall(r'href="([^"#]+)"', (unpacked / "index.html").read_text(encoding="utf-8"))
    assert hrefs and all((unpacked / h).is_file() for h in hrefs), hrefs
    assert [p.name for p in bundle.parent.iterdir()] == ["report.zip"]  # no temporary file left


@pytest.mark.parametrize("where", ["inside", "top", "folder"])
def test_bundle_inside_the_report_or_a_folder_is_refused_before_anything_runs(tmp_path, make_report,
                                                                              stand_in_cli, where):
    cfg = make_report({"a.txt": GOOD_A})
    cfg.out.mkdir()
    bundle = {"inside": cfg.out / "sub" / "r.zip", "top": cfg.out, "folder": tmp_path}[where]
    code, out, err = stand_in_cli(*_args(cfg), "--bundle", str(bundle))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert ("outside the report folder" if where != "folder" else "is a folder") in err
    assert list(cfg.out.iterdir()) == []  # the report did not run


def test_bundle_below_a_file_is_refused(tmp_path, make_report, stand_in_cli):
    cfg = make_report({"a.txt": GOOD_A})
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    code, out, err = stand_in_cli(*_args(cfg), "--bundle", str(tmp_path / "afile" / "r.zip"))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("error: ") and "afile" in err and "is a file" in err, err
    assert not cfg.out.exists()


@pytest.mark.notebook
def test_bundle_that_cannot_be_written_is_one_line(tmp_path, make_report, stand_in_cli, monkeypatch):
    import errno

    cfg = make_report({"a.txt": GOOD_A})
    bundle = tmp_path / "mail" / "r.zip"

    def full(self, filename, arcname=None, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device", str(bundle))

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    code, out, err = stand_in_cli(*_args(cfg), "--bundle", str(bundle))
    assert code == 2 and "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("error")]
    assert lines == [f"error: {bundle}: No space left on device"], err
    assert (cfg.out / "index.html").is_file()  # the report itself was made
    assert list(bundle.parent.iterdir()) == []  # no half zip, no temporary file


def test_bundle_of_a_folder_that_is_not_a_report(tmp_path):
    from helpers.batch.bundle import BundleRefused, write_bundle

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(BundleRefused, match="not a report folder"):
        write_bundle(tmp_path / "out", tmp_path / "b.zip")
    assert not (tmp_path / "b.zip").exists()


# ------------------------------------------------------------------ make lab


def _lab_command(*overrides: str) -> str:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    done = subprocess.run(["make", "-n", "-s", "-C", str(ROOT), "lab", *overrides],
                          capture_output=True, text=True, timeout=60, check=True)
    lines = [line for line in done.stdout.splitlines() if "jupyter lab" in line]
    assert len(lines) == 1, done.stdout
    return lines[0]


def test_make_lab_allows_root_only_for_root():
    assert "--allow-root" in _lab_command("USER_ID=0").split()
    assert "--allow-root" not in _lab_command("USER_ID=1000").split()
    assert ("--allow-root" in _lab_command().split()) == (os.getuid() == 0)


@pytest.mark.parametrize("lang, opening", [("en", "Page generated"), ("ar", "أُنشئت هذه الصفحة")])
def test_provenance_line_escapes_the_story_name(lang, opening):
    from helpers.batch.index import page_words
    from helpers.batch.provenance import footer_html

    values = {"generated": "2025-01-02T03:04:05Z", "tool": "helpers", "version": "9.9",
              "story": "<b>قصة\u202e.yaml", "fingerprint": "0123456789ab"}
    html_text = footer_html(values, page_words(lang))
    assert "<b>" not in html_text and "\u202e" not in html_text
    assert "&lt;b&gt;" in html_text and "⟨RLO⟩" in html_text
    assert '<bdi dir="ltr">helpers 9.9</bdi>' in html_text
    assert 'datetime="2025-01-02T03:04:05Z"' in html_text and 'data-fingerprint="0123456789ab"' in html_text
    text = re.sub(r"<[^>]+>", "", html_text)
    assert text.startswith(opening) and "0123456789ab" in text
