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
"""
from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import __version__
from .atomic import copy_atomic, write_atomic

OUTLET_NOTEBOOK = "outlet_profile.ipynb"
COMPARE_NOTEBOOK = "compare_outlets.ipynb"
DEFAULT_STORY = "stories/kursk.yaml"
DEFAULT_ARTICLES = "seeds"
DEFAULT_OUT = "reports"
STATE_SUFFIX = ".inputs.json"
STATE_VERSION = 1
KERNEL_NAME = "python3"
CELL_TIMEOUT = 600  # seconds one cell may run before it counts as failed
TOP_LEVEL_TABLES = ("facts.csv", "mentions.jsonl")
CHART_SUFFIXES = (".png",)
STRINGS_FILE = Path(__file__).resolve().parent / "templates" / "report_strings.yaml"


# ---------------------------------------------------------------- small helpers


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _sha256_json(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _rel(path: Path, start: Path) -> str:
    """``path`` relative to ``start`` (POSIX separators); absolute when impossible."""
    try:
        return Path(os.path.relpath(path, start)).as_posix()
    except ValueError:
        return path.as_posix()


def _slug(doc: str) -> str:
    """A file-name-safe form of a doc id (letters of any script, digits, ``._-``)."""
    s = re.sub(r"[^\w.-]+", "_", doc, flags=re.UNICODE).strip("._")
    return s or "article"


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


def code_digest(pkg: Path | None = None) -> str:
    """Fingerprint of the package's code and data (``pkg``: the package folder): a
    notebook's results depend on them, so editing an extractor re-runs the notebooks
    even without a version bump."""
    pkg = pkg or Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for p in sorted(pkg.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in (
                ".py", ".yaml", ".yml", ".json", ".j2", ".css", ".csv", ".txt"):
            h.update(p.relative_to(pkg).as_posix().encode())
            h.update(b"\0")
            h.update(p.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def _tool_versions() -> dict[str, str]:
    from importlib import metadata

    out = {"python": sys.version.split()[0]}
    for dist in ("papermill", "nbconvert", "nbclient", "ipykernel", "pandas", "matplotlib"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = ""
    return out


# ---------------------------------------------------------------- articles


@dataclass
class ArticleEntry:
    doc: str
    path: Path
    slug: str
    row: dict[str, str] = field(default_factory=dict)


def list_articles(folder: Path) -> list[ArticleEntry]:
    """The articles the notebooks will load (:func:`helpers.corpus.article_files`)
    with their doc ids (manifest id, else the file's stem) and
    unique file-name slugs.

    A manifest that cannot be read only means no ids here: the notebooks' loader
    reports it."""
    from .corpus import article_files, manifest_row_for, read_manifest
    from .model import InputError

    try:
        rows = read_manifest(folder)
    except InputError:
        rows = {}
    entries: list[ArticleEntry] = []
    used: set[str] = set()
    for p in article_files(folder):
        row = manifest_row_for(p, rows) or {}
        doc = row.get("id") or p.stem
        slug = _slug(doc)
        if slug.lower() in used:
            slug = _slug(p.name)
        n = 2
        base = slug
        while slug.lower() in used:
            slug = f"{base}-{n}"
            n += 1
        used.add(slug.lower())
        entries.append(ArticleEntry(doc=doc, path=p, slug=slug, row=row))
    return entries


# ---------------------------------------------------------------- jobs


@dataclass
class Job:
    name: str  # "outlets/<slug>" or "compare/compare": unique, used in messages
    kind: str  # "outlet" | "compare"
    notebook: Path
    ipynb: Path  # executed notebook, final place
    html: Path
    output_dir: Path  # handed to the notebook
    state: Path  # the inputs record
    parameters: dict[str, Any]
    inputs: dict[str, Any]
    title: str
    entry: ArticleEntry | None = None
    copies: dict[str, Path] = field(default_factory=dict)  # output_dir file -> top-level copy

    @property
    def digest(self) -> str:
        return _sha256_json(self.inputs)

    def subject_display(self, root: Path) -> str:
        """What a failure message names: the article file (relative to the project
        when inside it), or the comparison."""
        if self.entry is None:
            return self.name
        p = self.entry.path
        return _rel(p, root) if p.is_relative_to(root) else p.name


@dataclass
class Outcome:
    job: Job
    status: str  # "ok" | "failed" | "cached"
    error: str | None = None  # one line
    error_cell: int | None = None  # execution count of the failing cell
    seconds: float = 0.0


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


def plan(cfg: ReportConfig) -> list[Job]:
    """One job per article and one for the comparison (listed first: it is the longest
    and its outputs feed the index)."""
    kernel_cwd = cfg.notebooks
    entries = list_articles(cfg.articles)
    story_sha = _sha256_file(cfg.story)
    from .corpus import MANIFEST_NAME

    manifest = cfg.articles / MANIFEST_NAME
    manifest_sha = _sha256_file(manifest) if manifest.is_file() else None
    common = {
        "state_version": STATE_VERSION,
        "helpers_version": __version__,
        "code": cfg.code_version or code_digest(),
        "tools": _tool_versions(),
        "story": story_sha,
        "manifest": manifest_sha,
        "export": {"show_code": cfg.show_code, "lang": cfg.lang},
    }
    nb_sha: dict[str, str] = {}

    def notebook_sha(name: str) -> str:
        if name not in nb_sha:
            nb_sha[name] = _sha256_file(cfg.notebooks / name)
        return nb_sha[name]

    jobs: list[Job] = []
    cdir = cfg.out / "compare"
    compare_params = {
        "story": _rel(cfg.story, kernel_cwd),
        "articles_dir": _rel(cfg.articles, kernel_cwd),
        "outlets": None,
        "lang": cfg.lang,
        "output_dir": _rel(cdir / "files", kernel_cwd),
    }
    jobs.append(Job(
        name="compare/compare", kind="compare", notebook=cfg.notebooks / COMPARE_NOTEBOOK,
        ipynb=cdir / "compare.ipynb", html=cdir / "compare.html", output_dir=cdir / "files",
        state=cdir / f"compare{STATE_SUFFIX}", parameters=compare_params,
        inputs={**common, "notebook": notebook_sha(COMPARE_NOTEBOOK), "parameters": compare_params,
                "articles": {e.path.name: _sha256_file(e.path) for e in entries}},
        title="compare",
        copies={name: cfg.out / name for name in TOP_LEVEL_TABLES},
    ))
    odir = cfg.out / "outlets"
    for e in entries:
        params = {
            "article": _rel(e.path, kernel_cwd),
            "articles_dir": _rel(cfg.articles, kernel_cwd),
            "story": _rel(cfg.story, kernel_cwd),
            "published": None,
            "lang": cfg.lang,
            # the profile notebook writes into <output_dir>/<doc id>/
            "output_dir": _rel(odir, kernel_cwd),
        }
        jobs.append(Job(
            name=f"outlets/{e.slug}", kind="outlet", notebook=cfg.notebooks / OUTLET_NOTEBOOK,
            ipynb=odir / f"{e.slug}.ipynb", html=odir / f"{e.slug}.html", output_dir=odir / e.slug,
            state=odir / f"{e.slug}{STATE_SUFFIX}", parameters=params,
            inputs={**common, "notebook": notebook_sha(OUTLET_NOTEBOOK), "parameters": params,
                    "article": _sha256_file(e.path)},
            title=e.doc, entry=e,
        ))
    return jobs


def read_state(job: Job) -> dict[str, Any] | None:
    try:
        return json.loads(job.state.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, OSError):
        return None


def up_to_date(job: Job, out: Path) -> bool:
    """True when the record says this job succeeded with exactly these inputs and every
    output it lists is still there, byte for byte."""
    state = read_state(job)
    if not state or state.get("status") != "ok" or state.get("digest") != job.digest:
        return False
    outputs = state.get("outputs") or {}
    if not outputs:
        return False
    for rel, sha in outputs.items():
        p = out / rel
        try:
            if _sha256_file(p) != sha:
                return False
        except OSError:
            return False
    return True


def _output_files(job: Job) -> list[Path]:
    files = [job.ipynb, job.html]
    if job.output_dir.is_dir():
        files += sorted(p for p in job.output_dir.rglob("*")
                        if p.is_file() and not p.name.startswith("."))
    files += [p for p in job.copies.values() if p.exists()]
    return files


def write_state(job: Job, out: Path, status: str, error: str | None = None) -> None:
    record = {
        "digest": job.digest,
        "status": status,
        "error": error,
        "inputs": job.inputs,
        "outputs": {_rel(p, out): _sha256_file(p) for p in _output_files(job) if p.is_file()},
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    write_atomic(job.state, json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True))


# ---------------------------------------------------------------- execution


def _strings(lang: str) -> dict[str, str]:
    import yaml

    table = yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))
    return table.get(lang) or table["en"]


class Executor:
    """Runs notebooks with papermill (see :mod:`helpers.nbrun`: one warm ``python3``
    kernel of this interpreter per worker thread) and exports them to HTML."""

    def __init__(self, cfg: ReportConfig, root: Path):
        from .nbrun import KernelPool

        self.cfg = cfg
        self.root = root
        self.words = _strings(cfg.lang)
        self.pool = KernelPool(str(cfg.notebooks)) if cfg.reuse_kernels else None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def run(self, job: Job) -> Outcome:
        import nbformat
        import papermill as pm

        from . import nbrun

        t0 = time.monotonic()
        # the record goes first: from here on, the old outputs are not trusted
        try:
            job.state.unlink()
        except FileNotFoundError:
            pass
        job.ipynb.parent.mkdir(parents=True, exist_ok=True)
        # the notebook's own files start from nothing, so leftovers of an older run
        # (a chart no longer drawn, half a file from an interrupted run) cannot linger
        if job.output_dir.is_dir():
            shutil.rmtree(job.output_dir)
        job.output_dir.mkdir(parents=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{job.ipynb.name}.", suffix=".tmp.ipynb",
                                        dir=job.ipynb.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        error: str | None = None
        error_cell: int | None = None
        nb = None
        warm = self.pool.kernel() if self.pool is not None else None
        try:
            try:
                nb = nbrun.execute(str(job.notebook), str(tmp), job.parameters, warm=warm,
                                   cwd=str(self.cfg.notebooks), kernel_name=KERNEL_NAME,
                                   timeout=CELL_TIMEOUT)
            except pm.PapermillExecutionError as exc:
                error = f"{exc.ename}: {_one_line(exc.evalue)}"
                error_cell = exc.exec_count
            except Exception as exc:  # kernel died, timeout, unreadable notebook...
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
            self._scrub_metadata(nb, job)
            failure = None
            if error:
                failure = {"heading": self.words["failed_heading"],
                           "message": f"{job.subject_display(self.root)}: {error}",
                           "cell_link": self.words["failed_at_cell"] if error_cell is not None else ""}
            from .htmlexport import notebook_html

            page = notebook_html(nb, show_code=self.cfg.show_code, title=job.title,
                                 lang=self.cfg.lang, failure=failure)
            write_atomic(job.html, page)
            write_atomic(job.ipynb, nbformat.writes(nb))
            if error:
                self._drop_copies(job)
            else:
                self._copy_outputs(job)
        finally:
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass
        status = "failed" if error else "ok"
        write_state(job, self.cfg.out, status, error)
        return Outcome(job, status, error, error_cell, time.monotonic() - t0)

    def _scrub_metadata(self, nb: Any, job: Job) -> None:
        """papermill records the paths it was given; keep them relative, so a shared
        notebook does not carry this machine's folders."""
        meta = nb.metadata.setdefault("papermill", {})
        meta["input_path"] = _rel(job.notebook, self.root)
        meta["output_path"] = _rel(job.ipynb, self.cfg.out)

    def _drop_copies(self, job: Job) -> None:
        """A failed comparison leaves no top-level tables or charts from an older run
        (they would pass for this run's)."""
        for dest in job.copies.values():
            try:
                dest.unlink()
            except FileNotFoundError:
                pass
        if job.kind == "compare":
            for p in (self.cfg.out / "charts").glob("*"):
                if p.suffix.lower() in CHART_SUFFIXES:
                    p.unlink()

    def _copy_outputs(self, job: Job) -> None:
        for name, dest in job.copies.items():
            src = job.output_dir / name
            if src.is_file():
                copy_atomic(src, dest)
        if job.kind == "compare":
            charts = sorted(p for p in job.output_dir.rglob("*")
                            if p.is_file() and p.suffix.lower() in CHART_SUFFIXES)
            names = {p.name for p in charts}
            for old in (self.cfg.out / "charts").glob("*"):
                if old.suffix.lower() in CHART_SUFFIXES and old.name not in names:
                    old.unlink()
            for p in charts:
                dest = self.cfg.out / "charts" / p.name
                copy_atomic(p, dest)
                job.copies[f"charts/{p.name}"] = dest


def _one_line(text: str) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(text))
    return " ".join(text.split())[:300]


def execute_all(jobs: list[Job], cfg: ReportConfig, root: Path, err: IO[str]) -> list[Outcome]:
    """Run ``jobs`` on ``cfg.jobs`` worker threads with a progress bar on ``err``.

    Each worker first starts its kernel and imports there what the notebooks import
    (while this process is still importing papermill and nbconvert), then takes jobs
    from the queue in order."""
    if not jobs:
        return []
    import queue
    import threading

    from tqdm import tqdm

    executor = Executor(cfg, root)
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
                bar.set_postfix_str(outcome.job.name, refresh=False)
                bar.update(1)
        for t in threads:
            t.join()
    finally:
        executor.close()
    return outcomes


# ---------------------------------------------------------------- index


def _read_compare_tables(out: Path) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    facts: list[dict[str, str]] = []
    mentions: list[dict[str, Any]] = []
    try:
        with open(out / "facts.csv", encoding="utf-8", newline="") as fh:
            facts = list(csv.DictReader(fh))
    except (OSError, csv.Error, UnicodeDecodeError):
        pass
    try:
        with open(out / "mentions.jsonl", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    try:
                        mentions.append(json.loads(line))
                    except ValueError:
                        continue
    except (OSError, UnicodeDecodeError):
        pass
    return facts, mentions


ABSENT = "absent"  # facts.csv's value for a fact the article does not mention


def story_fact_labels(story: Path, lang: str) -> dict[str, str]:
    """Fact id -> label in ``lang`` from the story catalogue, when it names them
    (``facts: [{id, label_ar / label_en / ar / en / label}]``); else empty (the
    index then shows the ids)."""
    try:
        import yaml

        data = yaml.safe_load(story.read_text(encoding="utf-8"))
    except Exception:
        return {}
    facts = data.get("facts") if isinstance(data, dict) else None
    if isinstance(facts, dict):
        facts = [dict(v, id=k) if isinstance(v, dict) else {"id": k} for k, v in facts.items()]
    out: dict[str, str] = {}
    for f in facts or []:
        if not isinstance(f, dict) or not f.get("id"):
            continue
        other = "en" if lang == "ar" else "ar"
        for key in (f"label_{lang}", lang, "label", f"label_{other}", other):
            if isinstance(f.get(key), str) and f[key].strip():
                out[str(f["id"])] = f[key].strip()
                break
    return out


def outlet_summary(entry: ArticleEntry, facts: list[dict[str, str]], mentions: list[dict[str, Any]],
                   words: dict[str, str], lang: str, have_tables: bool,
                   fact_labels: dict[str, str] | None = None) -> tuple[str, str]:
    """(label, one-line summary) of an outlet for the index."""
    fact_labels = fact_labels or {}
    doc_facts = [f for f in facts if f.get("doc") == entry.doc]
    row = entry.row
    if lang == "ar":
        label = (row.get("outlet_ar") or row.get("outlet_en") or "").strip()
    else:
        label = (row.get("outlet_en") or row.get("outlet_ar") or "").strip()
    if not label:
        label = next((f.get("outlet") for f in doc_facts if (f.get("outlet") or "").strip()), "") or entry.doc
    published = next((f.get("published") for f in doc_facts if (f.get("published") or "").strip()), "") \
        or (row.get("published") or "").strip()
    parts = [words["published"].format(date=published) if published else words["published_unknown"]]
    if not have_tables:
        parts.append(words["no_summary"])
        return label, " · ".join(parts)
    counts: dict[str, int] = {}
    for m in mentions:
        if m.get("doc") == entry.doc:
            counts[m.get("kind", "")] = counts.get(m.get("kind", ""), 0) + 1
    kinds = [words[f"kind_{k}"].format(n=counts[k]) for k in ("quantity", "date", "article_ref", "clause")
             if counts.get(k)]
    parts.append("، ".join(kinds) if lang == "ar" and kinds else ", ".join(kinds) if kinds else words["nothing_found"])
    reported = []
    for f in doc_facts:
        value = (f.get("value") or "").strip()
        if value and value != ABSENT and f.get("fact"):
            item = f"{fact_labels.get(f['fact'], f['fact'])}: {value}"
            if item not in reported:
                reported.append(item)
    if reported:
        sep = "، " if lang == "ar" else "; "
        parts.append(words["facts_reported"].format(facts=sep.join(reported[:6])))
    return label, " · ".join(parts)


def render_index(cfg: ReportConfig, jobs: list[Job], failures: dict[str, Outcome], root: Path) -> str:
    words = _strings(cfg.lang)
    esc = html.escape
    out = cfg.out
    facts, mentions = _read_compare_tables(out)
    compare = next(j for j in jobs if j.kind == "compare")
    have_tables = compare.name not in failures and (out / "facts.csv").is_file()
    story_name = cfg.story.stem
    fact_labels = story_fact_labels(cfg.story, cfg.lang)
    direction = words["dir"]

    def link(path: Path, text: str) -> str:
        if not path.exists():
            return ""
        return f'<a href="{esc(_rel(path, out))}">{esc(text)}</a>'

    rows = []
    for job in jobs:
        if job.kind != "outlet":
            continue
        assert job.entry is not None
        label, summary = outlet_summary(job.entry, facts, mentions, words, cfg.lang, have_tables, fact_labels)
        failed = failures.get(job.name)
        status = (f'<span class="failed">{esc(words["status_failed"])}</span>'
                  f'<div class="error" dir="auto">{esc(failed.error or "")}</div>') if failed \
            else f'<span class="ok">{esc(words["status_ok"])}</span>'
        links = " · ".join(x for x in (link(job.html, words["html_link"]),
                                        link(job.ipynb, words["notebook_link"])) if x)
        rows.append(
            f'<tr class="{"row-failed" if failed else "row-ok"}" data-doc="{esc(job.entry.doc)}">'
            f'<td dir="auto"><strong>{esc(label)}</strong>'
            + (f' <span class="doc">({esc(job.entry.doc)})</span>' if label != job.entry.doc else "") + '</td>'
            f'<td dir="auto">{esc(summary)}</td><td>{links}</td><td>{status}</td></tr>')

    cfail = failures.get(compare.name)
    compare_links = [link(compare.html, words["compare_link"]), link(compare.ipynb, words["notebook_link"])]
    if not cfail:
        compare_links += [link(out / "facts.csv", words["facts_file"]),
                          link(out / "mentions.jsonl", words["mentions_file"])]
    compare_status = (f'<p class="failed" dir="auto">{esc(words["status_failed"])}: {esc(cfail.error or "")}</p>'
                      if cfail else "")
    charts = sorted((out / "charts").glob("*.png")) if (out / "charts").is_dir() and not cfail else []
    chart_html = "".join(
        f'<figure><a href="{esc(_rel(p, out))}"><img src="{esc(_rel(p, out))}" alt="{esc(p.stem)}"></a>'
        f'<figcaption dir="auto">{esc(p.stem)}</figcaption></figure>' for p in charts)
    n_fail = len(failures)
    banner = (f'<p class="failed" role="alert" dir="auto">'
              f'{esc(words["failed_summary"].format(n=n_fail, total=len(jobs)))}</p>') if n_fail else ""
    title = words["title"].format(story=story_name)
    generated = words["generated"].format(articles=len(jobs) - 1, story=_rel(cfg.story, root)
                                          if cfg.story.is_relative_to(root) else cfg.story.name)
    from .htmlexport import FONT_STACK

    return f"""<!DOCTYPE html>
<html lang="{esc(cfg.lang)}" dir="{direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{esc(title)}</title>
<style>
body {{ font-family: {FONT_STACK}; margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #ccc; padding: 0.4rem 0.6rem; vertical-align: top; text-align: start; }}
th {{ background: #f3f3f3; }}
.doc {{ color: #777; font-size: 0.85em; }}
.ok {{ color: #1b6e20; }}
.failed {{ color: #b00020; font-weight: bold; }}
tr.row-failed {{ background: #fdecee; }}
.error {{ font-size: 0.85em; color: #7a0016; unicode-bidi: plaintext; }}
figure {{ display: inline-block; margin: 0.5rem; }}
figure img {{ max-width: 30rem; border: 1px solid #ddd; }}
</style>
</head>
<body>
<h1 dir="auto">{esc(title)}</h1>
<p dir="auto">{esc(generated)}</p>
{banner}
<h2 dir="auto">{esc(words["compare_heading"])}</h2>
{compare_status}
<p>{" · ".join(x for x in compare_links if x)}</p>
{f'<h3 dir="auto">{esc(words["charts_heading"])}</h3><div class="charts">{chart_html}</div>' if chart_html else ""}
<h2 dir="auto">{esc(words["outlets_heading"])}</h2>
<table>
<thead><tr><th>{esc(words["col_outlet"])}</th><th>{esc(words["col_summary"])}</th><th>{esc(words["col_links"])}</th><th>{esc(words["col_status"])}</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</body>
</html>
"""


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


# ---------------------------------------------------------------- command


_TEMP_FILE = re.compile(r"^\..+\.tmp(\.ipynb)?$")


def remove_temp_files(out: Path) -> None:
    """Temporary files left by an interrupted run (they were never renamed into
    place, so nothing refers to them)."""
    for folder in (out, out / "outlets", out / "compare", out / "charts"):
        if folder.is_dir():
            for p in folder.iterdir():
                if p.is_file() and _TEMP_FILE.match(p.name):
                    p.unlink()


def run_report(cfg: ReportConfig, err: IO[str], root: Path | None = None) -> tuple[int, list[Outcome], list[Job]]:
    """Plan, run what is out of date, write the index.  Returns (exit code, outcomes
    of the notebooks that ran, all jobs)."""
    root = root or _project_root()
    cfg.out.mkdir(parents=True, exist_ok=True)
    with _folder_lock(cfg.out):
        return _run_locked(cfg, err, root)


class ReportBusy(OSError):
    """Another report is writing into the same output folder."""


class _folder_lock:
    """An exclusive lock on the output folder for the length of a run: two runs writing
    the same reports would remove each other's temporary files.  The OS drops the
    lock when the process dies, so a killed run never blocks the next one."""

    def __init__(self, out: Path):
        self.path = out / ".report.lock"
        self.fh: IO[bytes] | None = None

    def __enter__(self) -> "_folder_lock":
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
            print(f"  {o.job.subject_display(root)}: {o.error}{where} -> {_rel(o.job.html, root)}", file=err)
        return 1, outcomes, jobs
    return 0, outcomes, jobs


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
            print(f"report: {_rel(notebooks / name, root)}: notebook not found", file=err)
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
    shown = _rel(index, Path.cwd()) if not _rel(index, Path.cwd()).startswith("../..") else str(index)
    print(f"report: {shown}", file=out)
    return code
