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

The parts: :mod:`helpers.batch.plan` (jobs, fingerprints, records), :mod:`helpers.batch.executor`
(running and exporting, the folder lock), :mod:`helpers.batch.index` (the index page); this
module runs them in order and cleans up.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..atomic import write_atomic
from .executor import Outcome, execute_all, folder_lock
from .index import render_index
from ..paths import project_root
from .plan import STATE_SUFFIX, Job, plan, relpath, up_to_date

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
    root = root or project_root()
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
