"""Batch reports: every outlet's profile notebook and the comparison notebook, executed
with papermill, exported to self-contained HTML, linked from one ``index.html``.

Layout of the output folder (``reports/`` by default)::

    index.html                      links to everything, one summary line per outlet
    facts.csv, mentions.jsonl       the comparison's tables (copied from compare/)
    charts/*.png                    the comparison's charts
    compare/compare.ipynb|.html     the executed comparison notebook and its page
    compare/files/                  what the comparison notebook wrote (output_dir)
    outlets/<doc>.ipynb|.html       one executed profile notebook and page per article
    outlets/<doc>/                  what that notebook wrote (output_dir)
    */<name>.inputs.json            fingerprint of the inputs + hashes of the outputs

Incremental: a notebook runs again only when one of its inputs changed (notebook
bytes, article bytes, manifest, story, parameters, the package's code and version, the
export settings) or one of its recorded outputs is missing or altered.  The record is
removed before a notebook runs and written last, after every output is in place, so an
interrupted run never leaves outputs that a later run trusts.  Every file written here
goes through a temporary file in the same folder and ``os.replace``.

Failures are isolated: a notebook that raises gets its page anyway (the partially
executed notebook with the failing cell marked), the index marks it, the other reports
are still produced, and the command exits 1 with one line per failure on stderr.

Nothing heavy (papermill, nbconvert, pandas) is imported until something has to run:
a rerun with nothing to do only hashes files.

The parts: :mod:`helpers.plan` (jobs, fingerprints, records), :mod:`helpers.executor`
(running and exporting, the folder lock), :mod:`helpers.index` (the index page); this
module runs them in order and cleans up.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .atomic import write_atomic
from .executor import Outcome, ReportBusy, execute_all, folder_lock
from .index import render_index
from .plan import COMPARE_NOTEBOOK, OUTLET_NOTEBOOK, STATE_SUFFIX, Job, plan, relpath, up_to_date

DEFAULT_STORY = "stories/kursk.yaml"
DEFAULT_ARTICLES = "seeds"
DEFAULT_OUT = "reports"


@dataclass
class ReportConfig:
    story: Path
    articles: Path
    out: Path
    notebooks: Path
    jobs: int = 1
    force: bool = False
    lang: str = "ar"
    show_code: bool = False
    reuse_kernels: bool = True  # one kernel per worker for all its notebooks (nbrun)
    code_version: str | None = None  # fingerprint of the code; None: hash the package's files


def _project_root() -> Path:
    from .paths import project_root

    return project_root()


def _resolve_input(path: str) -> Path:
    from .paths import resolve

    return resolve(path).resolve()


def _resolve_out(path: str) -> Path:
    from .paths import resolve_output

    p = Path(path)
    if p.is_absolute() or p.exists():
        return p.resolve()
    if len(p.parts) == 1 and path == DEFAULT_OUT:
        return (_project_root() / p).resolve()
    return resolve_output(path).resolve()


# ---------------------------------------------------------------- cleanup


def remove_stale(cfg: ReportConfig, jobs: list[Job]) -> None:
    """Drop the outlet reports of articles no longer in the folder (only files this
    module made: those listed in a record, and the record itself)."""
    folder = cfg.out / "outlets"
    if not folder.is_dir():
        return
    current = {j.state.name for j in jobs}
    for state in folder.glob(f"*{STATE_SUFFIX}"):
        if state.name in current:
            continue
        try:
            record = json.loads(state.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            record = {}
        for rel in (record.get("outputs") or {}):
            p = (cfg.out / rel).resolve()
            if p.is_relative_to(folder.resolve()) and p.is_file():
                p.unlink()
        slug = state.name[: -len(STATE_SUFFIX)]
        sub = folder / slug
        if sub.is_dir() and not any(sub.iterdir()):
            sub.rmdir()
        state.unlink()


_TEMP_FILE = re.compile(r"^\..+\.tmp(\.ipynb)?$")


def remove_temp_files(out: Path) -> None:
    """Temporary files left by an interrupted run (they were never renamed into
    place, so nothing refers to them)."""
    for folder in (out, out / "outlets", out / "compare", out / "charts"):
        if folder.is_dir():
            for p in folder.iterdir():
                if p.is_file() and _TEMP_FILE.match(p.name):
                    p.unlink()


# ---------------------------------------------------------------- run


def run_report(cfg: ReportConfig, err: IO[str], root: Path | None = None) -> tuple[int, list[Outcome], list[Job]]:
    """Plan, run what is out of date, write the index.  Returns (exit code, outcomes
    of the notebooks that ran, all jobs)."""
    root = root or _project_root()
    cfg.out.mkdir(parents=True, exist_ok=True)
    with folder_lock(cfg.out):
        return _run_locked(cfg, err, root)


def _run_locked(cfg: ReportConfig, err: IO[str], root: Path) -> tuple[int, list[Outcome], list[Job]]:
    remove_temp_files(cfg.out)
    jobs = plan(cfg)
    todo = [j for j in jobs if cfg.force or not up_to_date(j, cfg.out)]
    outcomes = execute_all(todo, cfg, root, err)
    failures = {o.job.name: o for o in outcomes if o.status == "failed"}
    remove_stale(cfg, jobs)
    write_atomic(cfg.out / "index.html", render_index(cfg, jobs, failures, root))
    if failures:
        print(f"report: {len(failures)} of {len(jobs)} notebooks failed:", file=err)
        for o in sorted(failures.values(), key=lambda o: o.job.name):
            where = f" (cell In [{o.error_cell}])" if o.error_cell is not None else ""
            print(f"  {o.job.subject_display(root)}: {o.error}{where} -> {relpath(o.job.html, root)}", file=err)
        return 1, outcomes, jobs
    return 0, outcomes, jobs


# ---------------------------------------------------------------- command


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run_report_command(args: Any, out: IO[str], err: IO[str]) -> int:
    """``python -m helpers report``: see the module docstring."""
    try:
        story = _resolve_input(args.story or DEFAULT_STORY)
        articles = _resolve_input(args.articles or DEFAULT_ARTICLES)
    except FileNotFoundError as exc:
        print(f"report: {exc}", file=err)
        return 2
    if not story.is_file():
        print(f"report: {story}: the story must be a file", file=err)
        return 2
    if not articles.is_dir():
        print(f"report: {articles}: the articles must be a folder", file=err)
        return 2
    root = _project_root()
    notebooks = (root / "notebooks").resolve()
    for name in (OUTLET_NOTEBOOK, COMPARE_NOTEBOOK):
        if not (notebooks / name).is_file():
            print(f"report: {relpath(notebooks / name, root)}: notebook not found", file=err)
            return 2
    out_dir = _resolve_out(args.out or DEFAULT_OUT)
    jobs = args.jobs if args.jobs else _default_jobs()
    if jobs < 1:
        print(f"report: --jobs {args.jobs}: must be at least 1", file=err)
        return 2
    cfg = ReportConfig(story=story, articles=articles, out=out_dir, notebooks=notebooks, jobs=jobs,
                       force=bool(args.force), lang=args.lang or "ar", show_code=bool(args.show_code))
    try:
        code, _, _ = run_report(cfg, err, root)
    except ReportBusy as exc:
        print(f"report: {exc}", file=err)
        return 2
    except OSError as exc:
        print(f"report: {getattr(exc, 'filename', '') or out_dir}: {exc.strerror or exc}", file=err)
        return 2
    index = cfg.out / "index.html"
    shown = relpath(index, Path.cwd()) if not relpath(index, Path.cwd()).startswith("../..") else str(index)
    print(f"report: {shown}", file=out)
    return code
