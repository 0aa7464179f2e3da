"""Batch report: incremental runs, failure isolation, interruption, HTML safety.

Most tests run small stand-in notebooks (the ``make_report`` fixture in conftest) on 2-3 invented
articles; the acceptance test at the end runs the project's notebooks on the seeds.
"""
from __future__ import annotations

import argparse
import html
import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.batch import executor, index, plan
from helpers.batch.htmlexport import dir_auto
from helpers.cli import run_report_command
from helpers.batch.report import DEFAULT_STORY, ReportConfig, run_report

ROOT = Path(__file__).resolve().parents[1]

# invented sentences, not taken from any captured article
GOOD_A = "وزارة الدفاع تعلن وصول قافلة\nأعلنت الوزارة اليوم أن 300 شاحنة عبرت الحدود صباح الأحد."
GOOD_B = "مسؤول: المفاوضات مستمرة\nقال المتحدث إن الجولة الثالثة من المحادثات ستعقد في 5 مايو."
HOSTILE = ("عنوان عادي\nنص الخبر <script>alert(1)</script> ثم صورة "
           "<img src=x onerror=\"alert(2)\"> وفقرة أخرى.")
EXTERNAL = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


# ------------------------------------------------------------------ pure functions


def test_dir_auto_adds_direction_to_blocks_without_one():
    out = dir_auto('<p>نص</p><td class="x">1</td><p dir="ltr">a</p><pre>x</pre><br/>')
    assert '<p dir="auto">نص</p>' in out
    assert '<td class="x" dir="auto">1</td>' in out
    assert '<p dir="ltr">a</p>' in out  # an explicit direction is kept
    assert "<pre>x</pre>" in out  # preformatted text is left to unicode-bidi
    assert "<br/>" in out


def test_dir_auto_leaves_escaped_text_alone():
    text = "&lt;p&gt;نص&lt;/p&gt;"
    assert dir_auto(text) == text


def test_list_articles_uses_manifest_ids_and_skips_hidden_files(tmp_path, write_articles):
    write_articles(tmp_path, {"x_1.txt": GOOD_A, "other.txt": GOOD_B, ".hidden.txt": "x", "notes.txt~": "x"})
    (tmp_path / "manifest.csv").write_text("id,file,outlet_ar\n017,x_1.txt,جريدة\n", encoding="utf-8")
    entries = plan.list_articles(tmp_path)
    assert [(e.doc, e.path.name) for e in entries] == [("other", "other.txt"), ("017", "x_1.txt")]
    assert entries[1].row["outlet_ar"] == "جريدة"


def test_slugs_stay_unique_when_stems_collide(tmp_path, write_articles):
    write_articles(tmp_path, {"a.txt": GOOD_A, "a.html": "<p>x</p>"})
    slugs = [e.slug for e in plan.list_articles(tmp_path)]
    assert len(set(slugs)) == 2


def test_outlet_summary_counts_kinds_and_names_facts():
    entry = plan.ArticleEntry(doc="d1", path=Path("d1.txt"), slug="d1",
                                row={"outlet_en": "Daily", "published": "2020-01-02"})
    facts = [{"doc": "d1", "fact": "trucks", "value": "300"}, {"doc": "d2", "fact": "trucks", "value": "9"},
             {"doc": "d1", "fact": "ships", "value": "absent"}]
    mentions = [{"doc": "d1", "kind": "quantity"}, {"doc": "d1", "kind": "date"},
                {"doc": "d1", "kind": "date"}, {"doc": "d2", "kind": "quantity"}]
    words = index.page_words("en")
    label, line = index.outlet_summary(entry, facts, mentions, words, "en", True, {"trucks": "Trucks sent"})
    assert label == "Daily"
    assert "published 2020-01-02" in line
    assert "counts: 1" in line and "dates: 2" in line
    assert "Trucks sent: 300" in line and ": 9" not in line
    assert "ships" not in line  # a fact the article does not mention is not listed


def test_fact_labels_in_the_interface_language(tmp_path):
    story = tmp_path / "s.yaml"
    story.write_text("facts:\n"
                     "  - {id: trucks, kind: count, label_ar: الشاحنات, label_en: Trucks, mentions: {kind: quantity}}\n"
                     "  - {id: ships, kind: count, label_en: Ships, mentions: {kind: quantity}}\n"
                     "  - {id: boats, kind: count, mentions: {kind: quantity}}\n", encoding="utf-8")
    assert index.fact_labels(story, "ar") == {"trucks": "الشاحنات", "ships": "Ships", "boats": "boats"}
    assert index.fact_labels(story, "en") == {"trucks": "Trucks", "ships": "Ships", "boats": "boats"}


def test_fact_labels_of_a_story_that_cannot_be_loaded_are_empty(tmp_path):
    story = tmp_path / "s.yaml"
    story.write_text("facts:\n  - {id: trucks, kind: nonsense, label_en: Trucks}\n", encoding="utf-8")
    assert index.fact_labels(story, "en") == {}
    assert index.fact_labels(tmp_path / "missing.yaml", "en") == {}


# ------------------------------------------------------------------ runs


def _run(cfg: ReportConfig, root: Path):
    err = io.StringIO()
    code, outcomes, jobs = run_report(cfg, err, root=root)
    return code, {o.job.name: o for o in outcomes}, err.getvalue()


@pytest.mark.notebook
def test_rerun_skips_unchanged_and_force_rebuilds(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A, "b.txt": GOOD_B})
    code, ran, _ = _run(cfg, tmp_path)
    assert code == 0
    assert set(ran) == {"compare/compare", "outlets/a", "outlets/b"}
    out = cfg.out
    for rel in ("index.html", "facts.csv", "mentions.jsonl", "charts/chart_counts.png",
                "compare/compare.html", "compare/compare.ipynb", "outlets/a.html", "outlets/b.ipynb"):
        assert (out / rel).is_file(), rel

    code, ran, _ = _run(cfg, tmp_path)
    assert code == 0 and ran == {}

    # one article changes: its profile and the comparison run again, nothing else
    (cfg.articles / "b.txt").write_text(GOOD_B + "\nسطر جديد.", encoding="utf-8")
    code, ran, _ = _run(cfg, tmp_path)
    assert set(ran) == {"compare/compare", "outlets/b"}

    # an output altered by hand is not trusted
    page = out / "outlets/a.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    code, ran, _ = _run(cfg, tmp_path)
    assert set(ran) == {"outlets/a"}

    cfg.force = True
    code, ran, _ = _run(cfg, tmp_path)
    assert set(ran) == {"compare/compare", "outlets/a", "outlets/b"}


@pytest.mark.notebook
def test_changed_parameters_or_story_rerun(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A})
    _run(cfg, tmp_path)
    cfg.lang = "en"
    _, ran, _ = _run(cfg, tmp_path)
    assert set(ran) == {"compare/compare", "outlets/a"}
    cfg.story.write_text("story: changed\nfacts: []\n", encoding="utf-8")
    _, ran, _ = _run(cfg, tmp_path)
    assert set(ran) == {"compare/compare", "outlets/a"}
    cfg.code_version = "tests, after an edit of the package"
    _, ran, _ = _run(cfg, tmp_path)
    assert set(ran) == {"compare/compare", "outlets/a"}


def test_code_digest_follows_code_and_data_files(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "data").mkdir(parents=True)
    (pkg / "mod.py").write_text("X = 1\n", encoding="utf-8")
    (pkg / "data" / "words.yaml").write_text("a: b\n", encoding="utf-8")
    first = plan.code_digest(pkg)
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "mod.cpython.pyc").write_bytes(b"\0")
    assert plan.code_digest(pkg) == first  # compiled files do not count
    (pkg / "data" / "words.yaml").write_text("a: c\n", encoding="utf-8")
    second = plan.code_digest(pkg)
    assert second != first
    (pkg / "mod.py").write_text("X = 2\n", encoding="utf-8")
    assert plan.code_digest(pkg) not in (first, second)


@pytest.mark.notebook
def test_failing_articles_get_error_pages_and_the_rest_is_built(tmp_path, make_report):
    cfg = make_report({
        "good.txt": GOOD_A,
        "binary.txt": bytes(range(256)) * 4,
        "empty.txt": b"",
        "raises.txt": "عنوان\nRAISE-IN-CELL",
    })
    code, ran, err = _run(cfg, tmp_path)
    assert code == 1
    assert ran["outlets/good"].status == "ok" and ran["compare/compare"].status == "ok"
    for name in ("binary", "empty", "raises"):
        outcome = ran[f"outlets/{name}"]
        assert outcome.status == "failed"
        page = (cfg.out / f"outlets/{name}.html").read_text(encoding="utf-8")
        assert 'class="report-failed"' in page
        assert 'id="papermill-error-cell"' in page  # the anchor above the failing cell
        assert "celltag_report-error-cell" in page  # the cell that raised, marked
        assert f"{name}.txt" in err
    assert "deliberate failure in a cell" in (cfg.out / "outlets/raises.html").read_text(encoding="utf-8")
    # the failing cell's code is shown although code is hidden elsewhere
    assert "RAISE-IN-CELL" in (cfg.out / "outlets/raises.html").read_text(encoding="utf-8")
    assert "3 of 5 notebooks failed" in err
    assert "Traceback" not in err
    index = (cfg.out / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'class="row-failed"', index)) == 3
    assert len(re.findall(r'class="row-ok"', index)) == 1
    assert (cfg.out / "outlets/good.html").is_file()
    # failures are not remembered as done: the next run tries them again
    _, ran, _ = _run(cfg, tmp_path)
    assert set(ran) == {"outlets/binary", "outlets/empty", "outlets/raises"}


@pytest.mark.notebook
def test_failed_comparison_leaves_no_stale_tables(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A})
    assert _run(cfg, tmp_path)[0] == 0
    assert (cfg.out / "facts.csv").is_file()
    nb = cfg.notebooks / plan.COMPARE_NOTEBOOK
    nb.write_text(nb.read_text(encoding="utf-8").replace("out = Path(output_dir)",
                                                         "raise KeyError('no such outlet')"),
                  encoding="utf-8")
    code, ran, err = _run(cfg, tmp_path)
    assert code == 1 and ran["compare/compare"].status == "failed"
    assert not (cfg.out / "facts.csv").exists()
    assert not list((cfg.out / "charts").glob("*.png"))
    assert "compare/compare: KeyError" in err


@pytest.mark.notebook
def test_hostile_article_text_is_escaped(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A, "evil.txt": HOSTILE})
    assert _run(cfg, tmp_path)[0] == 0
    page = (cfg.out / "outlets/evil.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    assert "<script" not in page.lower()
    assert "onerror=" not in page.replace("&lt;img src=x onerror=", "")


@pytest.mark.notebook
def test_pages_fetch_nothing_from_the_network(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A + "\nالمصدر: https://example.org/news"})
    assert _run(cfg, tmp_path)[0] == 0
    pages = list(cfg.out.rglob("*.html"))
    assert len(pages) == 3
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), page
        assert "<script src" not in text and "@import" not in text
        assert "https://example.org/news" in text or page.name != "a.html"


@pytest.mark.notebook
def test_show_code_keeps_code_cells(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A})
    _run(cfg, tmp_path)
    hidden = (cfg.out / "outlets/a.html").read_text(encoding="utf-8")
    cfg.show_code = True
    _, ran, _ = _run(cfg, tmp_path)
    assert "outlets/a" in ran
    shown = (cfg.out / "outlets/a.html").read_text(encoding="utf-8")
    assert "read_bytes" not in hidden and "read_bytes" in shown


@pytest.mark.notebook
def test_removed_article_disappears_from_the_index(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A, "b.txt": GOOD_B})
    _run(cfg, tmp_path)
    (cfg.articles / "b.txt").unlink()
    assert _run(cfg, tmp_path)[0] == 0
    assert not (cfg.out / "outlets/b.html").exists()
    assert 'data-doc="b"' not in (cfg.out / "index.html").read_text(encoding="utf-8")


_RUNNER = """
import sys
from pathlib import Path
from helpers.batch.report import ReportConfig, run_report
base = Path(sys.argv[1])
cfg = ReportConfig(story=base / "story.yaml", articles=base / "articles", out=base / "out",
                   notebooks=base / "notebooks", jobs=1, code_version="tests")
sys.exit(run_report(cfg, sys.stderr, root=base)[0])
"""


@pytest.mark.notebook
def test_killed_run_is_completed_by_the_next_run(tmp_path, make_report, sidecars):
    # each profile sleeps, so the kill lands while the second or third one runs
    cfg = make_report({"a.txt": GOOD_A, "b.txt": GOOD_B, "c.txt": GOOD_A + "\nإضافة."}, delay=1.5)
    proc = subprocess.Popen([sys.executable, "-c", _RUNNER, str(tmp_path)], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(sidecars(cfg.out) if cfg.out.exists() else {}) < 2:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    done = {k for k, v in sidecars(cfg.out).items() if v["status"] == "ok"}
    assert 2 <= len(done) < 4, done  # killed midway
    # the index (rewritten as each notebook ends) marks what had not finished as stale
    index = (cfg.out / "index.html").read_text(encoding="utf-8")
    for name in ("a", "b", "c"):
        row = re.search(rf'<tr class="([\w-]+)" data-doc="{name}">', index)
        assert row, name
        if f"outlets/{name}.inputs.json" not in done:
            assert row.group(1) == "row-stale", name
    if "compare/compare.inputs.json" not in done:
        assert 'class="stale"' in index.split("<table>")[0]

    code, ran, _ = _run(cfg, tmp_path)
    assert code == 0
    finished_before = {k.removesuffix(".inputs.json") for k in done}
    assert set(ran) == {"compare/compare", "outlets/a", "outlets/b", "outlets/c"} - finished_before
    # everything is there, and every record matches its files
    for rel, record in sidecars(cfg.out).items():
        assert record["status"] == "ok"
        for out_rel, sha in record["outputs"].items():
            assert plan.sha256_file(cfg.out / out_rel) == sha
    assert not [p for p in cfg.out.rglob("*") if p.name.endswith((".tmp", ".tmp.ipynb"))]
    for name in ("a", "b", "c"):
        assert (cfg.out / f"outlets/{name}.html").is_file()
    assert 'class="row-stale"' not in (cfg.out / "index.html").read_text(encoding="utf-8")
    # and the run after that has nothing to do
    assert _run(cfg, tmp_path)[1] == {}


@pytest.mark.notebook
def test_interrupted_outputs_are_not_trusted(tmp_path, make_report):
    """A record is removed before its notebook runs: outputs of an interrupted rerun
    (simulated: record gone, page cut short) are rebuilt, not reused."""
    cfg = make_report({"a.txt": GOOD_A})
    _run(cfg, tmp_path)
    (cfg.out / "outlets/a.inputs.json").unlink()
    page = cfg.out / "outlets/a.html"
    page.write_bytes(page.read_bytes()[:100])
    _, ran, _ = _run(cfg, tmp_path)
    assert set(ran) == {"outlets/a"}
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")


# ------------------------------------------------------------------ command line


def _args(**kw) -> argparse.Namespace:
    base = dict(story=None, articles="seeds", out="reports", jobs=None, force=False, lang="ar",
                show_code=False)
    base.update(kw)
    return argparse.Namespace(**base)


def test_missing_story_is_one_line_and_exit_2(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    code = run_report_command(_args(story=str(tmp_path / "nope.yaml"), out=str(tmp_path / "o")),
                                     out, err)
    assert code == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "nope.yaml" in lines[0] and "not found" in lines[0]
    assert not (tmp_path / "o").exists()


def test_articles_must_be_a_folder(tmp_path, write_story):
    story = write_story(tmp_path / "s.yaml")
    out, err = io.StringIO(), io.StringIO()
    code = run_report_command(_args(story=str(story), articles=str(story), out=str(tmp_path / "o")),
                                     out, err)
    assert code == 2 and "must be a folder" in err.getvalue()


def test_rerun_with_nothing_to_do_imports_nothing_heavy(tmp_path, make_report):
    """The planner alone (hashing, records, index) must not load papermill, nbconvert
    or pandas: a no-op rerun has to be quick."""
    cfg = make_report({"a.txt": GOOD_A})
    code = (
        "import sys, io\n"
        "from pathlib import Path\n"
        "from helpers.batch.report import ReportConfig\n"
        "from helpers.batch.plan import plan, up_to_date\n"
        "from helpers.batch.index import render_index\n"
        f"base = Path({str(tmp_path)!r})\n"
        "cfg = ReportConfig(story=base/'story.yaml', articles=base/'articles', out=base/'out', notebooks=base/'notebooks')\n"
        "jobs = plan(cfg); [up_to_date(j, cfg.out) for j in jobs]; render_index(cfg, jobs, {}, base)\n"
        "heavy = [m for m in ('papermill', 'nbconvert', 'pandas', 'matplotlib', 'nbformat', 'jupyter_client') if m in sys.modules]\n"
        "print(','.join(heavy))\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == ""


# ------------------------------------------------------------------ acceptance on the seeds


@pytest.mark.notebook
def test_report_on_the_seeds(seed_report):
    assert (ROOT / DEFAULT_STORY).is_file()  # the story is part of the project
    assert seed_report.code == 0, seed_report.err
    assert seed_report.out.strip().endswith("index.html")
    r = seed_report.folder
    manifest_ids = [line.split(",")[0] for line in (ROOT / "seeds/manifest.csv").read_text(encoding="utf-8").splitlines()[1:]]
    index = (r / "index.html").read_text(encoding="utf-8")
    for doc in manifest_ids:
        assert f'data-doc="{doc}"' in index
        assert (r / "outlets" / f"{doc}.html").is_file()
        assert (r / "outlets" / doc / "facts.csv").is_file()
    assert "روسيا اليوم" in index and "صدى البلد" in index
    assert (r / "facts.csv").stat().st_size > 0 and (r / "mentions.jsonl").stat().st_size > 0
    assert len(list((r / "charts").glob("*.png"))) == 3
    assert 'class="row-failed"' not in index and index.count('class="row-ok"') == len(manifest_ids)
    for page in r.rglob("*.html"):
        assert not EXTERNAL.search(page.read_text(encoding="utf-8")), page
    # nothing to do the second time
    err2 = io.StringIO()
    assert run_report_command(_args(articles=str(ROOT / "seeds"), out=str(r), jobs=2), io.StringIO(), err2) == 0
    assert "notebook" not in err2.getvalue()  # no progress bar: nothing ran


def test_second_run_on_the_same_folder_is_refused_while_one_is_running(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A})
    cfg.out.mkdir()
    with executor.folder_lock(cfg.out):
        with pytest.raises(executor.ReportBusy):
            run_report(cfg, io.StringIO(), root=tmp_path)
    assert not (cfg.out / "index.html").exists()


# ------------------------------------------------------------------ kernel reuse


_FIRST = """
import os, sys, warnings
import matplotlib, pandas as pd
secret = 42
matplotlib.rcParams["font.size"] = 31
pd.set_option("display.max_rows", 3)
os.environ["REPORT_TEST_LEAK"] = "1"
sys.path.append("leaked-path")
warnings.simplefilter("ignore")
os.chdir("..")
print(os.getpid())
"""

_SECOND = """
import os, sys, warnings
import matplotlib, pandas as pd
seen = {
    "variable": "secret" in globals(),
    "rc": matplotlib.rcParams["font.size"] == 31,
    "pandas": pd.get_option("display.max_rows") == 3,
    "env": "REPORT_TEST_LEAK" in os.environ,
    "sys.path": "leaked-path" in sys.path,
    "warnings": any(f[0] == "ignore" and f[2] is Warning and f[1] is None for f in warnings.filters),
    "cwd": os.getcwd() != START,
}
print(os.getpid(), [k for k, v in seen.items() if v])
"""


@pytest.mark.notebook
def test_reused_kernel_hides_what_the_previous_notebook_changed(tmp_path):
    import nbformat

    from helpers.batch import nbrun

    def notebook(name: str, source: str) -> str:
        nb = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell("START = None")
        params.metadata["tags"] = ["parameters"]
        nb.cells = [params, nbformat.v4.new_code_cell(source)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        path = tmp_path / name
        nbformat.write(nb, str(path))
        return str(path)

    cwd = tmp_path / "work"
    cwd.mkdir()
    pool = nbrun.KernelPool(str(cwd))
    try:
        outputs = []
        for name, source in (("first.ipynb", _FIRST), ("second.ipynb", _SECOND), ("third.ipynb", _SECOND)):
            nb = nbrun.execute(notebook(name, source), str(tmp_path / f"out-{name}"), {"START": str(cwd)},
                               warm=pool.kernel(), cwd=str(cwd), timeout=120)
            outputs.append(nb.cells[-1].outputs[0]["text"].split(None, 1))
    finally:
        pool.close()
    (pid1,), (pid2, leaked2), (pid3, leaked3) = outputs
    assert pid1 == pid2 == pid3  # one kernel for all three
    assert leaked2.strip() == "[]"
    assert leaked3.strip() == "[]"


def test_index_escapes_what_a_failure_says(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A})
    cfg.out.mkdir()
    jobs = plan.plan(cfg)
    outlet = next(j for j in jobs if j.kind == "outlet")
    said = "ValueError: <script>alert('x')</script> & \"co\""
    failures = {outlet.name: executor.Outcome(outlet, "failed", said)}
    page = index.render_index(cfg, jobs, failures, tmp_path)
    assert "<script" not in page
    shown = re.search(r'<div class="error" dir="auto">([^<]*)</div>', page)
    assert shown and html.unescape(shown.group(1)) == said
    assert page.count('class="row-failed"') == 1 and 'data-doc="a"' in page
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")


def test_a_shared_report_names_no_folder_of_the_machine_that_made_it(tampered_report):
    """Error lists, files-written lists and failed pages show paths relative to the
    report or articles folder: neither the temporary folder the report was made from, nor
    the project, nor the home folder, nor where Python lives appear in any page or in the
    executed notebooks beside them."""
    import sys

    from conftest import ROOT

    rep = tampered_report
    pages = sorted([*rep.folder.rglob("*.html"), *rep.folder.rglob("*.ipynb")])  # the notebooks are shared too
    assert rep.folder / "index.html" in pages and len(pages) >= 16
    machine = {str(rep.base), str(rep.base.resolve()), str(ROOT), str(Path.home()), sys.prefix}
    leaks = {p.relative_to(rep.folder).as_posix(): sorted(m for m in machine if m in p.read_text(encoding="utf-8"))
             for p in pages}
    assert not {k: v for k, v in leaks.items() if v}, leaks
    # the broken file failed; its page, the index and the comparison's error list name
    # it from the articles folder, without climbing out of the notebooks' folder either
    broken = (rep.folder / "outlets" / "bro_ken.html").read_text(encoding="utf-8")
    assert "InputError: articles/bro⟨RLO⟩ken.txt: cannot decode" in broken
    index = (rep.folder / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="error"[^>]*>InputError: articles/bro⟨RLO⟩ken\.txt: cannot decode', index)
    compare = (rep.folder / "compare" / "compare.html").read_text(encoding="utf-8")
    assert re.search(r"<code>bro<span[^>]*>⟨RLO⟩</span>ken.txt: cannot decode", compare)
    assert not re.search(r"\.\./[\w.]*\.\./", broken + index + compare)


def test_a_shared_report_obeys_no_direction_control(tampered_report):
    """The tampered article, outlet name and story labels: every page shows the controls
    as markers, none hands one to the browser."""
    from conftest import PDF, RLI, RLO

    from helpers.present.safetext import BIDI_CONTROLS

    rep = tampered_report
    raw = {p.relative_to(rep.folder).as_posix(): sorted({f"U+{ord(c):04X}" for c in p.read_text(encoding="utf-8")
                                                         if c in BIDI_CONTROLS})
           for p in rep.folder.rglob("*.html")}
    assert not {k: v for k, v in raw.items() if v}, raw
    index = (rep.folder / "index.html").read_text(encoding="utf-8")
    assert "المغرب اليوم ⟨RLO⟩(003)⟨PDF⟩" in index
    tampered = (rep.folder / "outlets" / "005.html").read_text(encoding="utf-8")
    # in reading order: the override's marker, the number (maybe in its highlight), the end's marker
    assert re.search(r"⟨RLO⟩</span>(<mark[^>]*>)?12<span[^>]*>⟨PDF⟩", tampered)
    compare = (rep.folder / "compare" / "compare.html").read_text(encoding="utf-8")
    assert f"⟨{BIDI_CONTROLS[RLI]}⟩" in compare and f"⟨{BIDI_CONTROLS[RLO]}⟩" in compare
    assert f"⟨{BIDI_CONTROLS[PDF]}⟩" in compare


def test_a_too_large_article_fails_its_page_alone(tampered_report):
    """A 20 MB article is refused from its size, in one line; its page says why, the
    comparison lists it as not read and every other page is produced."""
    from conftest import HUGE_FILE

    rep = tampered_report
    message = f"articles/{HUGE_FILE}: larger than 5 MB (20 MB); raise the limit with --max-article-size"
    failures = [line for line in rep.err.splitlines() if line.startswith("  ")]
    assert len(failures) == 2, rep.err  # the undecodable file and the huge one
    assert any(HUGE_FILE in line and message in line for line in failures), rep.err
    assert "Traceback" not in rep.err
    page = (rep.folder / "outlets" / "006_huge.html").read_text(encoding="utf-8")
    assert 'class="report-failed"' in page and message in page
    compare = (rep.folder / "compare" / "compare.html").read_text(encoding="utf-8")
    assert 'class="report-failed"' not in compare
    assert f"<code>{HUGE_FILE}: larger than 5 MB (20 MB)" in compare
    assert (rep.folder / "facts.csv").is_file()
    index = (rep.folder / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'class="row-failed"', index)) == 2
    assert len(re.findall(r'class="row-ok"', index)) == 6  # the five seeds and the tampered article
