"""The batch report against a careless or hostile user: ids and file names that try to
leave the output folder, output folders that overlap the articles or hold other files,
links out of the articles folder, a notebook that never ends, a disk that fills up.

The batch runs use the stand-in notebooks of conftest (``make_report``)."""
from __future__ import annotations

import argparse
import csv
import errno
import io
import os
import re
from pathlib import Path

import pytest

from helpers.batch import executor, plan
from helpers.batch.owned import OWNED_NAME
from helpers.batch.report import run_report
from helpers.cli import run_report_command

GOOD_A = "وزارة الدفاع تعلن وصول قافلة\nأعلنت الوزارة اليوم أن 300 شاحنة عبرت الحدود صباح الأحد."
GOOD_B = "مسؤول: المفاوضات مستمرة\nقال المتحدث إن الجولة الثالثة من المحادثات ستعقد في 5 مايو."

HOSTILE_IDS = ["..", ".", "/some/dir", "../../escaped", "a b", "a\nb", 'say "hi"', "it's",
               "a.html", "x/../..", "", "   ", "\t\n", "/", "facts.csv", "اسم عربي/..", "a" * 300]


def _run(cfg):
    err = io.StringIO()
    code, outcomes, jobs = run_report(cfg, err)
    return code, {o.job.name: o for o in outcomes}, err.getvalue()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# ---------------------------------------------------------------- names


@pytest.mark.parametrize("doc", HOSTILE_IDS)
def test_safe_name_cannot_leave_its_folder_or_name_two_things(tmp_path, doc):
    name = plan.safe_name(doc)
    assert name and len(name) <= plan.NAME_LIMIT
    assert re.fullmatch(r"[\w-]+", name), name  # no '/', '.', space, newline or quote
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()
    assert plan.safe_name(name) == name


def _hostile_folder(folder: Path, write_articles) -> Path:
    names = ["x y.txt", 'q"uote.txt', "new\nline.txt", "it's.txt", "dots..txt"]
    write_articles(folder, {n: GOOD_A + f"\n{i}" for i, n in enumerate(names)})
    ids = ["..", "/some/dir", "a b", "a\nb", 'a"b']
    files = [f"m{i}.txt" for i in range(len(ids))]
    write_articles(folder, {f: GOOD_B + f"\n{i}" for i, f in enumerate(files)})
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "file"])
        w.writerows(zip(ids, files))
    return folder


def test_hostile_ids_and_file_names_get_distinct_paths_inside_the_report(tmp_path, make_report,
                                                                         write_articles):
    cfg = make_report({})
    _hostile_folder(cfg.articles, write_articles)
    jobs = plan.plan(cfg)
    assert len(jobs) == 11
    seen: set[str] = set()
    for job in jobs:
        for p in job.paths():
            assert p.resolve().is_relative_to(cfg.out.resolve()), p
            key = p.as_posix().lower()
            assert key not in seen, p
            seen.add(key)
        if job.kind == "outlet":
            name = job.parameters["output_name"]
            assert name == job.entry.slug and "/" not in name and "\n" not in name


@pytest.mark.notebook
def test_hostile_ids_write_nothing_outside_the_report(tmp_path, make_report, write_articles):
    cfg = make_report({})
    _hostile_folder(cfg.articles, write_articles)
    before = {p for p in tmp_path.rglob("*") if not p.is_relative_to(cfg.out)}
    code, ran, err = _run(cfg)
    assert code == 0, err
    after = {p for p in tmp_path.rglob("*") if not p.is_relative_to(cfg.out)}
    assert after == before  # nothing new next to the report
    assert not Path("/some/dir").exists()
    # every outlet's folder holds only its own file, and the top-level table is the comparison's
    profiles = sorted((cfg.out / "outlets").glob("*/profile.txt"))
    assert len(profiles) == 10
    with open(cfg.out / "facts.csv", encoding="utf-8-sig", newline="") as fh:
        assert list(csv.DictReader(fh))[0].keys() >= {"doc", "fact", "value"}
    index = (cfg.out / "index.html").read_text(encoding="utf-8")
    assert index.count('class="row-ok"') == 10


@pytest.mark.notebook
def test_project_outlet_notebook_keeps_a_hostile_id_inside(tmp_path):
    import papermill as pm

    root = Path(__file__).resolve().parents[1]
    arts = tmp_path / "deep" / "arts"
    arts.mkdir(parents=True)
    src = root / "seeds" / "004_5b4fb7313eaaba86.txt"
    (arts / "story.txt").write_bytes(src.read_bytes())
    (arts / "manifest.csv").write_text("id,file\n../../escaped,story.txt\n", encoding="utf-8")
    out = tmp_path / "deep" / "prof"
    pm.execute_notebook(str(root / "notebooks" / "outlet_profile.ipynb"), str(tmp_path / "nb.ipynb"),
                        parameters={"article": str(arts / "story.txt"), "articles_dir": str(arts),
                                    "output_dir": str(out)},
                        kernel_name="python3", cwd=str(tmp_path), progress_bar=False, log_output=False)
    assert not (tmp_path / "escaped").exists() and not (tmp_path / "deep" / "escaped").exists()
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.csv"))
    assert written == [f"{plan.safe_name('../../escaped')}/facts.csv"]


# ---------------------------------------------------------------- the user's files


USER_FILES = ["mine.txt", "charts/mine.png", "compare/mine.txt", "compare/files/mine.txt",
              "outlets/mine.txt", "outlets/a/mine.txt", ".notes.tmp", "outlets/.draft.tmp",
              "charts/.x.tmp.ipynb"]


@pytest.mark.notebook
def test_user_files_in_every_subfolder_survive_report_and_force(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A, "b.txt": GOOD_B})
    assert _run(cfg)[0] == 0
    for i, rel in enumerate(USER_FILES):
        (cfg.out / rel).write_bytes(f"user {i}".encode())
    # a temporary file of the report's own writer, left by a killed run, does go
    own_tmp = cfg.out / ".index.html.abcd_123.atomic.tmp"
    own_tmp.write_bytes(b"half")
    own_tmp_inside = cfg.out / "outlets/b/.profile.txt.x1y2z3w4.atomic.tmp"
    own_tmp_inside.write_bytes(b"half")

    (cfg.articles / "a.txt").write_text(GOOD_A + "\nتغيير.", encoding="utf-8")
    assert _run(cfg)[0] == 0
    assert not own_tmp.exists() and not own_tmp_inside.exists()
    cfg.force = True
    assert _run(cfg)[0] == 0
    cfg.force = False
    (cfg.articles / "a.txt").unlink()  # its report goes, the user's file in its folder stays
    assert _run(cfg)[0] == 0
    assert not (cfg.out / "outlets/a.html").exists()
    for i, rel in enumerate(USER_FILES):
        assert (cfg.out / rel).read_bytes() == f"user {i}".encode(), rel
    index = (cfg.out / "index.html").read_text(encoding="utf-8")
    assert "charts/chart_counts.png" in index and "charts/mine.png" not in index


@pytest.mark.notebook
def test_a_failed_comparison_removes_its_own_charts_only(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A})
    assert _run(cfg)[0] == 0
    (cfg.out / "charts/mine.png").write_bytes(b"user")
    nb = cfg.notebooks / plan.COMPARE_NOTEBOOK
    nb.write_text(nb.read_text(encoding="utf-8").replace("out = Path(output_dir)", "raise KeyError('x')"),
                  encoding="utf-8")
    assert _run(cfg)[0] == 1
    assert not (cfg.out / "charts/chart_counts.png").exists()
    assert (cfg.out / "charts/mine.png").read_bytes() == b"user"


# ---------------------------------------------------------------- the output folder


def _args(articles, out, **kw) -> argparse.Namespace:
    base = dict(story=None, articles=str(articles), out=str(out), jobs=1, force=False, lang="ar",
                show_code=False, timeout=None, force_folder=False)
    base.update(kw)
    return argparse.Namespace(**base)


def _refused(args) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = run_report_command(args, out, err)
    lines = err.getvalue().strip().splitlines()
    assert code == 2 and len(lines) == 1, err.getvalue()
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture
def articles(tmp_path, write_articles, write_story):
    write_story(tmp_path / "story.yaml")
    return write_articles(tmp_path / "arts", {"a.txt": GOOD_A})


def test_out_equal_to_inside_or_containing_the_articles_is_refused(tmp_path, articles):
    story = str(tmp_path / "story.yaml")
    before = _tree(tmp_path)
    assert "is the articles folder" in _refused(_args(articles, articles, story=story))
    assert "inside the articles folder" in _refused(_args(articles, articles / "rep", story=story))
    assert "contains the articles folder" in _refused(_args(articles, tmp_path, story=story))
    assert _tree(tmp_path) == before and not (articles / "rep").exists()


def test_out_at_the_root_the_home_or_the_project_is_refused(tmp_path, articles, monkeypatch):
    story = str(tmp_path / "story.yaml")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    assert "root of the file system" in _refused(_args(articles, "/", story=story))
    assert "home folder" in _refused(_args(articles, home, story=story))
    assert "home folder" in _refused(_args(articles, "~", story=story))
    root = Path(__file__).resolve().parents[1]
    assert "project folder" in _refused(_args(articles, root, story=story))
    assert not list(home.iterdir())


def test_a_folder_of_other_files_needs_force_folder(tmp_path, articles):
    story = str(tmp_path / "story.yaml")
    other = tmp_path / "docs"
    other.mkdir()
    (other / "facts.csv").write_text("mine\n", encoding="utf-8")
    line = _refused(_args(articles, other, story=story))
    assert str(other) in line and "not a report folder" in line and "--force-folder" in line
    assert sorted(p.name for p in other.iterdir()) == ["facts.csv"]


@pytest.mark.notebook
def test_force_folder_writes_beside_the_users_files(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A})
    cfg.out.mkdir()
    (cfg.out / "notes.txt").write_text("mine", encoding="utf-8")
    from helpers.batch.guard import RefusedOutput

    with pytest.raises(RefusedOutput):
        _run(cfg)
    cfg.force_folder = True
    assert _run(cfg)[0] == 0
    assert (cfg.out / OWNED_NAME).is_file() and (cfg.out / "notes.txt").read_text() == "mine"
    cfg.force_folder, cfg.force = False, True  # now a report folder: no flag needed
    assert _run(cfg)[0] == 0
    assert (cfg.out / "notes.txt").read_text() == "mine"


def test_a_report_subfolder_replaced_by_a_link_is_refused(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A})
    cfg.out.mkdir()
    (cfg.out / OWNED_NAME).write_text('{"version": 1, "files": []}', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (cfg.out / "outlets").symlink_to(elsewhere)
    with pytest.raises(plan.OutsideOutput, match="outside the output folder"):
        _run(cfg)
    assert not list(elsewhere.iterdir())


def test_timeout_must_be_positive(tmp_path, articles):
    line = _refused(_args(articles, tmp_path / "o", story=str(tmp_path / "story.yaml"), timeout=0))
    assert "--timeout" in line and not (tmp_path / "o").exists()


# ---------------------------------------------------------------- inputs


def test_link_out_of_the_articles_folder_is_skipped_with_a_notice(tmp_path, write_articles):
    from helpers.read.corpus import article_files

    arts = write_articles(tmp_path / "arts", {"a.txt": GOOD_A})
    private = tmp_path / "private" / "note.txt"
    private.parent.mkdir()
    private.write_text("سر خاص", encoding="utf-8")
    (arts / "leak.txt").symlink_to(private)
    (arts / "alias.txt").symlink_to(arts / "a.txt")  # a link that stays inside is an article
    notice = io.StringIO()
    names = [p.name for p in article_files(arts, notice=notice)]
    assert names == ["a.txt", "alias.txt"]
    assert notice.getvalue() == (f"notice: {arts / 'leak.txt'}: symbolic link to outside the "
                                 "articles folder, skipped\n")


@pytest.mark.notebook
def test_report_never_shows_a_linked_private_file(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A})
    private = tmp_path / "private.txt"
    private.write_text("PRIVATE-NOTE سر", encoding="utf-8")
    (cfg.articles / "leak.txt").symlink_to(private)
    code, ran, err = _run(cfg)
    assert code == 0 and set(ran) == {"compare/compare", "outlets/a"}
    assert "notice:" in err and "leak.txt: symbolic link to outside the articles folder, skipped" in err
    assert not any(b"PRIVATE-NOTE" in data for data in _tree(cfg.out).values())


# ---------------------------------------------------------------- failures


@pytest.mark.notebook
def test_a_notebook_that_times_out_fails_alone(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A, "slow.txt": GOOD_B + "\nSLEEP-IN-CELL"})
    cfg.timeout = 2
    code, ran, err = _run(cfg)
    assert code == 1
    assert ran["outlets/slow"].status == "failed" and "timed out" in ran["outlets/slow"].error
    assert ran["outlets/a"].status == "ok" and ran["compare/compare"].status == "ok"
    assert (cfg.out / "facts.csv").is_file()
    assert "slow.txt: timed out" in err
    index = (cfg.out / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<tr class="row-failed" data-doc="slow">.*?timed out', index, re.S)
    assert "timed out" in (cfg.out / "outlets/slow.html").read_text(encoding="utf-8")


@pytest.mark.notebook
def test_disk_full_while_copying_leaves_no_partial_tables(tmp_path, make_report, monkeypatch):
    cfg = make_report({"a.txt": GOOD_A})
    assert _run(cfg)[0] == 0
    (cfg.articles / "a.txt").write_text(GOOD_A + "\nتغيير.", encoding="utf-8")
    real = executor.copy_atomic
    calls = []

    def full_disk(src, dest):
        calls.append(dest)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dest))
        return real(src, dest)

    monkeypatch.setattr(executor, "copy_atomic", full_disk)
    code, ran, err = _run(cfg)
    assert code == 1 and len(calls) == 2
    assert ran["compare/compare"].status == "failed" and "No space left" in ran["compare/compare"].error
    for rel in ("facts.csv", "mentions.jsonl"):
        assert not (cfg.out / rel).exists(), rel
    assert not list((cfg.out / "charts").glob("*.png"))
    index = (cfg.out / "index.html").read_text(encoding="utf-8")
    assert "No space left" in index.split("<table>")[0]
    monkeypatch.setattr(executor, "copy_atomic", real)
    code, ran, _ = _run(cfg)
    assert code == 0 and set(ran) == {"compare/compare"}
    assert (cfg.out / "facts.csv").is_file() and (cfg.out / "charts/chart_counts.png").is_file()


@pytest.mark.notebook
def test_a_run_killed_after_an_article_changed_marks_its_pages_stale(tmp_path, make_report,
                                                                    monkeypatch):
    from helpers.batch import report

    cfg = make_report({"a.txt": GOOD_A, "b.txt": GOOD_B})
    assert _run(cfg)[0] == 0
    (cfg.articles / "b.txt").write_text(GOOD_B + "\nتغيير.", encoding="utf-8")

    def killed(*args, **kwargs):  # the process dies before any notebook ends
        raise SystemExit(137)

    monkeypatch.setattr(report, "execute_all", killed)
    with pytest.raises(SystemExit):
        _run(cfg)
    index = (cfg.out / "index.html").read_text(encoding="utf-8")
    assert '<tr class="row-stale" data-doc="b">' in index
    assert '<tr class="row-ok" data-doc="a">' in index
    assert 'class="stale"' in index.split("<table>")[0]  # the comparison's tables too
    monkeypatch.undo()
    assert _run(cfg)[0] == 0
    assert 'class="row-stale"' not in (cfg.out / "index.html").read_text(encoding="utf-8")


@pytest.mark.notebook
def test_a_report_folder_from_before_the_file_list_is_adopted(tmp_path, make_report):
    cfg = make_report({"a.txt": GOOD_A, "b.txt": GOOD_B})
    assert _run(cfg)[0] == 0
    (cfg.out / OWNED_NAME).unlink()  # as a report of an earlier version left it
    (cfg.out / "compare/files/mine.txt").write_text("mine", encoding="utf-8")
    (cfg.articles / "a.txt").unlink()
    code, ran, _ = _run(cfg)  # not refused: its records make it a report folder
    assert code == 0 and set(ran) == {"compare/compare"}
    # what its records listed was the report's: the removed article's page goes
    assert not (cfg.out / "outlets/a.html").exists() and not (cfg.out / "outlets/a.ipynb").exists()
    assert (cfg.out / "compare/files/mine.txt").read_text() == "mine"
    owned = (cfg.out / OWNED_NAME).read_text(encoding="utf-8")
    assert "outlets/b.html" in owned and "mine.txt" not in owned
