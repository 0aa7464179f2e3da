"""Running a report's notebooks: papermill in warm kernels, HTML export, copies.

:class:`Executor` runs one :class:`~helpers.batch.plan.Job`: it removes the job's record
first (from then on the old outputs are not trusted), executes the notebook, exports the
page (with the error and the failing cell marked when a cell raised), copies the
comparison's tables and charts to the top of the folder, and writes the record last.
:func:`execute_all` runs jobs on worker threads with a progress bar.
:class:`folder_lock` keeps two runs out of the same output folder.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable

from ..atomic import TEMP_SUFFIX, copy_atomic, make_temp_file, write_atomic
from ..present.shownpath import scrub_notebook, scrub_paths
from .index import page_words
from .owned import OwnedFiles
from .plan import Job, relpath, write_state

if TYPE_CHECKING:
    from .report import ReportConfig

KERNEL_NAME = "python3"
CELL_TIMEOUT = 600  # default seconds one cell may run before its notebook counts as failed
CHART_SUFFIXES = (".png",)


@dataclass
class Outcome:
    job: Job
    status: str  # "ok" | "failed" | "cached"
    error: str | None = None  # one line
    error_cell: int | None = None  # execution count of the failing cell
    seconds: float = 0.0


class Executor:
    """Runs notebooks with papermill (see :mod:`helpers.batch.nbrun`: one warm ``python3``
    kernel of this interpreter per worker thread) and exports them to HTML."""

    def __init__(self, cfg: ReportConfig, root: Path, owned: OwnedFiles | None = None):
        from .nbrun import KernelPool

        self.cfg = cfg
        self.root = root
        self.owned = owned if owned is not None else OwnedFiles(cfg.out)
        self.words = page_words(cfg.lang)
        self.pool = KernelPool(str(cfg.notebooks)) if cfg.reuse_kernels else None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def run(self, job: Job) -> Outcome:
        """Execute ``job``'s notebook, write its page, notebook, copies and record."""
        t0 = time.monotonic()
        tmp, before = self._start(job)
        try:
            nb, error, error_cell = self._execute(job, tmp)
            self._claim_written(job, before)
            self._write_outputs(job, nb, error, error_cell)
        except BaseException:
            self._drop_copies(job)  # no half set of tables at the top (disk full...)
            raise
        finally:
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass
        status = "failed" if error else "ok"
        write_state(job, self.cfg.out, status, error)
        return Outcome(job, status, error, error_cell, time.monotonic() - t0)

    def _start(self, job: Job) -> tuple[Path, dict[Path, tuple[int, int, int]]]:
        """Forget the previous run of ``job``; returns the temporary notebook to fill
        and what the notebook's folder holds before it runs."""
        # the record goes first: from here on, the old outputs are not trusted
        self.owned.claim(job.state, job.html, job.ipynb)
        try:
            job.state.unlink()
        except FileNotFoundError:
            pass
        job.ipynb.parent.mkdir(parents=True, exist_ok=True)
        # the notebook's own files of an older run go (a chart no longer drawn cannot
        # linger); whatever else is in its folder is someone else's and stays
        self.owned.remove(*self.owned.owned_under(job.output_dir))
        job.output_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = make_temp_file(job.ipynb.parent, f".{job.ipynb.name}.", TEMP_SUFFIX + ".ipynb")
        os.close(fd)
        return tmp, _snapshot(job.output_dir)

    def _claim_written(self, job: Job, before: dict[Path, tuple[int, int, int]]) -> None:
        """The files the notebook made or changed in its folder become the report's."""
        after = _snapshot(job.output_dir)
        job.written = sorted(p for p, sig in after.items() if before.get(p) != sig)
        if job.written:
            self.owned.claim(*job.written)

    def _execute(self, job: Job, tmp: Path) -> tuple[Any, str | None, int | None]:
        """(the executed notebook, as far as it ran; the error in one line; the failing
        cell's execution count)."""
        import nbformat
        import papermill as pm

        from . import nbrun

        error: str | None = None
        error_cell: int | None = None
        nb = None
        warm = self.pool.kernel() if self.pool is not None else None
        try:
            nb = nbrun.execute(str(job.notebook), str(tmp), job.parameters, warm=warm,
                               cwd=str(self.cfg.notebooks), kernel_name=KERNEL_NAME,
                               timeout=self.cfg.timeout)
        except pm.PapermillExecutionError as exc:
            error = f"{exc.ename}: {_one_line(exc.evalue)}"
            error_cell = exc.exec_count
        except Exception as exc:  # kernel died, timeout, unreadable notebook...
            if type(exc).__name__ == "CellTimeoutError":
                error = (f"timed out: a cell ran longer than {self.cfg.timeout:g} seconds "
                         "(--timeout)")
            else:
                error = f"{type(exc).__name__}: {_one_line(str(exc))}"
        if error and warm is not None:
            warm.discard()  # the next notebook gets a clean kernel
        if nb is None and tmp.stat().st_size > 0:
            try:
                nb = nbformat.read(str(tmp), as_version=4)
            except Exception:
                nb = None
        if nb is None:  # nothing ran: show the notebook as it is, with the error
            nb = nbformat.read(str(job.notebook), as_version=4)
        return nb, (scrub_paths(error, self._folders(), self.cfg.notebooks) if error else error), error_cell

    def _folders(self) -> list[tuple[Path, str]]:
        """The folders a shared page names relatively: (folder, as shown)."""
        return [(self.cfg.out, "."), (self.cfg.articles, self.cfg.articles.name),
                (self.cfg.notebooks, self.cfg.notebooks.name),
                (self.cfg.story.parent, self.cfg.story.parent.name), (self.root, ".")]

    def _write_outputs(self, job: Job, nb: Any, error: str | None, error_cell: int | None) -> None:
        """The page (with the error and the failing cell marked), the notebook, and the
        top-level copies (removed instead when the notebook failed)."""
        import nbformat

        from ..present.safetext import plain
        from .htmlexport import notebook_html
        from .provenance import footer_html, provenance

        self._scrub_metadata(nb, job)
        failure = None
        if error:
            failure = {"heading": self.words["failed_heading"],
                       "message": plain(f"{job.subject_display(self.root)}: {error}"),
                       "cell_link": self.words["failed_at_cell"] if error_cell is not None else ""}
        footer = footer_html(provenance(job, self.cfg.story), self.words)
        page = notebook_html(nb, show_code=self.cfg.show_code, title=plain(job.title),
                             lang=self.cfg.lang, failure=failure, footer=footer)
        write_atomic(job.html, page)
        write_atomic(job.ipynb, nbformat.writes(nb))
        if error:
            self._drop_copies(job)
        else:
            self._copy_outputs(job)

    def _scrub_metadata(self, nb: Any, job: Job) -> None:
        """papermill records the paths it was given, tracebacks name folders: keep them
        relative, so a shared notebook does not carry this machine's folders."""
        scrub_notebook(nb, self._folders(), self.cfg.notebooks)  # tracebacks and error lines
        meta = nb.metadata.setdefault("papermill", {})
        meta["input_path"] = relpath(job.notebook, self.root)
        meta["output_path"] = relpath(job.ipynb, self.cfg.out)

    def _drop_copies(self, job: Job) -> None:
        """A failed comparison leaves no top-level tables or charts, neither from an
        older run (they would pass for this run's) nor half of this one's; only files
        the report wrote go."""
        self.owned.remove(*job.copies.values())
        if job.kind == "compare":
            self.owned.remove(*(p for p in self.owned.owned_under(self.cfg.out / "charts")
                                if p.suffix.lower() in CHART_SUFFIXES))

    def _copy_outputs(self, job: Job) -> None:
        """The tables and charts at the top of the folder; on any failure the caller
        removes every copy, so there is all of them or none."""
        charts = []
        if job.kind == "compare":
            charts = sorted(p for p in job.output_dir.rglob("*") if p.is_file()
                            and not p.name.startswith(".") and p.suffix.lower() in CHART_SUFFIXES)
            names = {p.name for p in charts}
            self.owned.remove(*(old for old in self.owned.owned_under(self.cfg.out / "charts")
                                if old.suffix.lower() in CHART_SUFFIXES and old.name not in names))
            for p in charts:
                job.copies[f"charts/{p.name}"] = self.cfg.out / "charts" / p.name
        pairs = [(job.output_dir / name, dest) for name, dest in job.copies.items()
                 if not name.startswith("charts/")]
        pairs += [(p, self.cfg.out / "charts" / p.name) for p in charts]
        pairs = [(src, dest) for src, dest in pairs if src.is_file()]
        self.owned.claim(*(dest for _, dest in pairs))
        for src, dest in pairs:
            copy_atomic(src, dest)


def _snapshot(folder: Path) -> dict[Path, tuple[int, int, int]]:
    """(size, mtime in ns, inode) of every file under ``folder`` but hidden ones."""
    out: dict[Path, tuple[int, int, int]] = {}
    if folder.is_dir():
        for p in folder.rglob("*"):
            if p.is_file() and not p.is_symlink() and not p.name.startswith("."):
                st = p.stat()
                out[p] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return out


def _one_line(text: str) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(text))
    return " ".join(text.split())[:300]


def execute_all(jobs: list[Job], cfg: ReportConfig, root: Path, err: IO[str],
                owned: OwnedFiles | None = None,
                on_done: Callable[[list[Outcome]], None] | None = None) -> list[Outcome]:
    """Run ``jobs`` on ``cfg.jobs`` worker threads with a progress bar on ``err``;
    ``on_done`` is called (in this thread) with the outcomes so far after each one.

    Each worker first starts its kernel and imports there what the notebooks import
    (while this process is still importing papermill and nbconvert), then takes jobs
    from the queue in order."""
    if not jobs:
        return []
    import queue
    import threading

    from tqdm import tqdm

    executor = Executor(cfg, root, owned)
    todo: queue.Queue[Job] = queue.Queue()
    for job in jobs:
        todo.put(job)
    done: queue.Queue[Outcome] = queue.Queue()
    preload_sources = sorted({str(j.notebook) for j in jobs})

    def worker() -> None:
        if executor.pool is not None:
            warm = executor.pool.kernel()
            try:
                from .nbrun import import_statements

                warm.start(KERNEL_NAME, import_statements(preload_sources))
            except Exception:  # the first notebook starts a kernel the usual way
                warm.discard()
        while True:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            try:
                outcome = executor.run(job)
            except Exception as exc:  # writing the page itself failed
                outcome = Outcome(job, "failed", f"{type(exc).__name__}: {_one_line(str(exc))}")
            done.put(outcome)

    outcomes: list[Outcome] = []
    threads = [threading.Thread(target=worker, name=f"report-{i}", daemon=True)
               for i in range(max(1, min(cfg.jobs, len(jobs))))]
    try:
        for t in threads:
            t.start()
        with tqdm(total=len(jobs), file=err, desc="report", unit="notebook", leave=True,
                  dynamic_ncols=True) as bar:
            for _ in jobs:
                outcome = done.get()
                outcomes.append(outcome)
                if on_done is not None:
                    on_done(outcomes)
                bar.set_postfix_str(outcome.job.name, refresh=False)
                bar.update(1)
        for t in threads:
            t.join()
    finally:
        executor.close()
    return outcomes


class ReportBusy(OSError):
    """Another report is writing into the same output folder."""


class folder_lock:
    """An exclusive lock on the output folder for the length of a run: two runs writing
    the same reports would remove each other's temporary files.  The OS drops the
    lock when the process dies, so a killed run never blocks the next one."""

    def __init__(self, out: Path):
        self.path = out / ".report.lock"
        self.fh: IO[bytes] | None = None

    def __enter__(self) -> "folder_lock":
        self.fh = open(self.path, "ab")
        try:
            import fcntl

            fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # not POSIX: no lock, as before
            pass
        except OSError:
            self.fh.close()
            raise ReportBusy(f"{self.path.parent}: another report is being written into this folder")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fh is not None:
            self.fh.close()
