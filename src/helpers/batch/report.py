"""Batch reports: every outlet's profile notebook and the comparison notebook, executed
with papermill, exported to self-contained HTML, linked from one ``index.html``.

Layout of the output folder (``reports/`` by default)::

    index.html                      links to everything, one summary line per outlet
    facts.csv, mentions.jsonl       the comparison's tables (copied from compare/)
    charts/*.png                    the comparison's charts
    compare/compare.ipynb|.html     the executed comparison notebook and its page
    compare/files/                  what the comparison notebook wrote (output_dir)
    outlets/<name>.ipynb|.html      one executed profile notebook and page per article
    outlets/<name>/                 what that notebook wrote (output_dir/output_name)
    */<name>.inputs.json            fingerprint of the inputs + hashes of the outputs
    .report-files.json              every file the report wrote (the only ones it deletes)

``<name>`` is :func:`helpers.batch.plan.safe_name` of the doc id, distinct per article;
every path is checked to lie inside the folder before anything is written.  The folder
is refused when it overlaps the articles folder, is ``/``, the home folder or the
project, or already holds files without being a report folder
(:mod:`helpers.batch.guard`).  Files someone else put in it are never deleted, not even
with ``force``; a temporary file is removed only when named the way this package's
writers name them.

Incremental: a notebook runs again only when one of its inputs changed (notebook
bytes, article bytes, manifest, story, parameters, the package's code and version, the
export settings) or one of its recorded outputs is missing or altered.  The record is
removed before a notebook runs and written last, after every output is in place, so an
interrupted run never leaves outputs that a later run trusts.  Every file written here
goes through a temporary file in the same folder and ``os.replace``.

Failures are isolated: a notebook that raises or runs out of time (``timeout`` seconds
for one cell) gets its page anyway (the partially executed notebook with the failing
cell marked), the index marks it, the other reports are still produced, and the
command exits 1 with one line per failure on stderr.  A comparison that fails, even
while copying its tables, leaves none of them at the top.  While notebooks run, the
index marks each one not yet run again as stale, so a killed run shows no old value as
current.

Nothing heavy (papermill, nbconvert, pandas) is imported until something has to run:
a rerun with nothing to do only hashes files.

The parts: :mod:`helpers.batch.plan` (jobs, fingerprints, records), :mod:`helpers.batch.executor`
(running and exporting, the folder lock), :mod:`helpers.batch.index` (the index page); this
module runs them in order and cleans up.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..atomic import current_umask, is_temp_name, write_atomic
from .executor import CELL_TIMEOUT, Outcome, execute_all, folder_lock
from .guard import check_output_folder
from .index import render_index
from .owned import OWNED_NAME, OwnedFiles
from ..paths import project_root
from ..read.limits import DEFAULT_MAX_ARTICLE_BYTES
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
    timeout: float = CELL_TIMEOUT  # seconds a cell may run before its notebook fails
    force_folder: bool = False  # write into a non-empty folder that is not a report's
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES  # larger articles are refused unread


# ---------------------------------------------------------------- cleanup


def remove_stale(cfg: ReportConfig, jobs: list[Job], owned: OwnedFiles) -> None:
    """Drop the outlet reports of articles no longer in the folder (only files this
    module made: those listed in a record and in the list of written files, and the
    record itself)."""
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
        owned.remove(*(cfg.out / rel for rel in (record.get("outputs") or {})
                       if isinstance(rel, str) and (cfg.out / rel).resolve().is_relative_to(folder.resolve())))
        sub = folder / state.name[: -len(STATE_SUFFIX)]
        if sub.is_dir() and not any(sub.iterdir()):
            sub.rmdir()
        owned.remove(state)


def adopt_records(owned: OwnedFiles, out: Path) -> None:
    """A folder written before the list of written files existed: what its records list
    (and the records and the index) were the report's."""
    if (out / OWNED_NAME).exists():
        return
    found: list[Path] = []
    for state in out.rglob(f"*{STATE_SUFFIX}"):
        try:
            outputs = json.loads(state.read_text(encoding="utf-8")).get("outputs") or {}
        except (ValueError, OSError, AttributeError):
            continue
        found.append(state)
        found += [out / rel for rel in outputs if isinstance(rel, str)]
    if found:
        found.append(out / "index.html")
    for p in found:
        try:
            owned.claim(p)
        except ValueError:  # a record naming a path outside the folder
            continue


def loosen_modes(owned: OwnedFiles, out: Path) -> None:
    """Files of the report left at 0600 by an older version of this package (its
    temporary files were created so) get the mode a new file gets under the current
    umask; a mode someone chose otherwise is left alone.  Call it before any worker
    thread starts (reading the umask sets it for an instant)."""
    import stat

    mode = 0o666 & ~current_umask()
    if mode == 0o600:
        return
    for rel in sorted(owned.files):
        p = out / rel
        try:
            st = p.lstat()
            if stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o600:
                p.chmod(mode)
        except OSError:
            continue


def remove_temp_files(out: Path) -> None:
    """Temporary files left by an interrupted run (they were never renamed into
    place, so nothing refers to them): only those named the way this package's writers
    name them (:func:`helpers.atomic.is_temp_name`), never another program's."""
    folders = [out, out / "outlets", out / "compare", out / "charts", out / "compare" / "files"]
    if (out / "outlets").is_dir():  # the profile notebooks' own folders
        folders += [d for d in (out / "outlets").iterdir() if d.is_dir() and not d.is_symlink()]
    for folder in folders:
        if folder.is_dir() and not folder.is_symlink():
            for p in folder.iterdir():
                if p.is_file() and not p.is_symlink() and is_temp_name(p.name):
                    p.unlink()


# ---------------------------------------------------------------- run


def run_report(cfg: ReportConfig, err: IO[str], root: Path | None = None) -> tuple[int, list[Outcome], list[Job]]:
    """Plan, run what is out of date, write the index.  Returns (exit code, outcomes
    of the notebooks that ran, all jobs).  Raises
    :class:`~helpers.batch.guard.RefusedOutput` for an output folder it may not use,
    before writing anything."""
    root = root or project_root()
    check_output_folder(cfg.out, cfg.articles, root, cfg.force_folder)
    cfg.out.mkdir(parents=True, exist_ok=True)
    with folder_lock(cfg.out):
        return _run_locked(cfg, err, root)


def _run_locked(cfg: ReportConfig, err: IO[str], root: Path) -> tuple[int, list[Outcome], list[Job]]:
    jobs = plan(cfg, notice=err)
    owned = OwnedFiles(cfg.out)
    adopt_records(owned, cfg.out)
    owned.claim(cfg.out / "index.html")
    loosen_modes(owned, cfg.out)
    remove_temp_files(cfg.out)
    todo = [j for j in jobs if cfg.force or not up_to_date(j, cfg.out)]
    index = cfg.out / "index.html"

    def progress(so_far: list[Outcome]) -> None:
        # until a notebook has run again, the index says its page is from an older run,
        # so a run killed midway never shows old values as current
        ended = {o.job.name for o in so_far}
        failed = {o.job.name: o for o in so_far if o.status == "failed"}
        write_atomic(index, render_index(cfg, jobs, failed, root, owned=owned,
                                         stale={j.name for j in todo} - ended))

    if todo:
        progress([])
    outcomes = execute_all(todo, cfg, root, err, owned, on_done=progress)
    failures = {o.job.name: o for o in outcomes if o.status == "failed"}
    remove_stale(cfg, jobs, owned)
    write_atomic(index, render_index(cfg, jobs, failures, root, owned=owned))
    if failures:
        print(f"report: {len(failures)} of {len(jobs)} notebooks failed:", file=err)
        for o in sorted(failures.values(), key=lambda o: o.job.name):
            where = f" (cell In [{o.error_cell}])" if o.error_cell is not None else ""
            print(f"  {o.job.subject_display(root)}: {o.error}{where} -> {relpath(o.job.html, root)}", file=err)
        return 1, outcomes, jobs
    return 0, outcomes, jobs
