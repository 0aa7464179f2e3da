"""What a batch report has to run, and whether it has to run again.

:func:`plan` makes one :class:`Job` per article (the profile notebook) and one for the
comparison notebook.  A job's ``inputs`` fingerprint everything its results depend on:
notebook bytes, article bytes, manifest, story, parameters (the article size limit
among them), the package's code and version (:func:`code_digest`), the tools' versions and the export settings.  After a run
:func:`write_state` records that fingerprint with a hash of every output;
:func:`up_to_date` trusts a job only when both still match.

Only files are hashed here: nothing heavy (papermill, nbconvert, pandas) is imported.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .. import __version__
from ..atomic import write_atomic

if TYPE_CHECKING:
    from .report import ReportConfig

OUTLET_NOTEBOOK = "outlet_profile.ipynb"
COMPARE_NOTEBOOK = "compare_outlets.ipynb"
STATE_SUFFIX = ".inputs.json"
STATE_VERSION = 1
TOP_LEVEL_TABLES = ("facts.csv", "mentions.jsonl")
CODE_SUFFIXES = (".py", ".yaml", ".yml", ".json", ".j2", ".css", ".csv", ".txt")
TOOLS = ("papermill", "nbconvert", "nbclient", "ipykernel", "pandas", "matplotlib")


# ---------------------------------------------------------------- hashes and paths


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_json(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def relpath(path: Path, start: Path) -> str:
    """``path`` relative to ``start`` (POSIX separators); absolute when impossible."""
    try:
        return Path(os.path.relpath(path, start)).as_posix()
    except ValueError:
        return path.as_posix()


NAME_LIMIT = 80  # characters of a doc id kept in a file name


def safe_name(doc: str) -> str:
    """The name a doc id gets in every path the report writes (page, notebook, record,
    the notebook's folder): letters of any script, digits, ``-`` and ``_``; anything
    else (``/``, ``.``, spaces, newlines, quotes) becomes ``_``, so no id can climb out
    of the output folder or name two things at once (``a`` and ``a.html``).  Never
    empty, at most :data:`NAME_LIMIT` characters.  :func:`list_articles` makes the names
    of one folder distinct."""
    s = re.sub(r"[^\w-]+", "_", str(doc), flags=re.UNICODE).strip("_-")
    s = s[:NAME_LIMIT].strip("_-")
    return s or "article"


class OutsideOutput(ValueError):
    """A path the report would write resolves outside its output folder."""


def check_inside(out: Path, path: Path) -> Path:
    """``path`` itself, after checking that it lies inside ``out`` once every symbolic
    link is followed (a folder of the report replaced by a link points elsewhere)."""
    base = out.resolve()
    target = path.resolve()
    if target == base or not target.is_relative_to(base):
        raise OutsideOutput(f"{path}: would be written outside the output folder {out}")
    return path


def code_digest(pkg: Path | None = None) -> str:
    """Fingerprint of the package's code and data (``pkg``: the package folder): a
    notebook's results depend on them, so editing an extractor re-runs the notebooks
    even without a version bump."""
    pkg = pkg or Path(__file__).resolve().parents[1]
    h = hashlib.sha256(__version__.encode())
    for p in sorted(pkg.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in CODE_SUFFIXES:
            h.update(p.relative_to(pkg).as_posix().encode())
            h.update(b"\0")
            h.update(p.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def tool_versions() -> dict[str, str]:
    """Python's version and that of each tool that runs or draws the notebooks."""
    from importlib import metadata

    out = {"python": sys.version.split()[0]}
    for dist in TOOLS:
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


def list_articles(folder: Path, notice: IO[str] | None = None) -> list[ArticleEntry]:
    """The articles the notebooks will load (:func:`helpers.read.corpus.article_files`,
    which tells ``notice`` what it skips) with their doc ids (manifest id, else the
    file's stem) and distinct :func:`safe_name` slugs (case-insensitively: a folder may
    be copied to a file system that ignores case).

    A manifest that cannot be read only means no ids here: the notebooks' loader
    reports it."""
    from ..read.corpus import article_files
    from ..read.manifest import manifest_row_for, read_manifest
    from ..model import InputError

    try:
        rows = read_manifest(folder)
    except InputError:
        rows = {}
    entries: list[ArticleEntry] = []
    used: set[str] = set()
    for p in article_files(folder, notice=notice):
        row = manifest_row_for(p, rows) or {}
        doc = row.get("id") or p.stem
        name = safe_name(doc)
        if name.lower() in used:
            name = safe_name(p.name)
        n = 2
        base = name
        while name.lower() in used:
            name = f"{base}-{n}"
            n += 1
        used.add(name.lower())
        entries.append(ArticleEntry(doc=doc, path=p, slug=name, row=row))
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
    written: list[Path] | None = None  # the notebook's files in output_dir, once it ran

    def paths(self) -> list[Path]:
        """Every path this job writes to (its notebook's files go under output_dir)."""
        return [self.ipynb, self.html, self.output_dir, self.state, *self.copies.values()]

    @property
    def digest(self) -> str:
        return sha256_json(self.inputs)

    @property
    def fingerprint(self) -> str:
        """Short hash of what the page was made from: the article(s) read, the story
        and the manifest (the parts of :attr:`inputs` a reader can check against the
        files they were sent); the comparison's covers every article."""
        return inputs_fingerprint(self.inputs)

    def subject_display(self, root: Path) -> str:
        """What a failure message names: the article file (relative to the project
        when inside it), or the comparison."""
        if self.entry is None:
            return self.name
        p = self.entry.path
        return relpath(p, root) if p.is_relative_to(root) else p.name


FINGERPRINT_KEYS = ("story", "manifest", "article", "articles")
FINGERPRINT_LENGTH = 12


def inputs_fingerprint(inputs: dict[str, Any]) -> str:
    """The first :data:`FINGERPRINT_LENGTH` hex digits of the hash of the content
    hashes in ``inputs`` (:data:`FINGERPRINT_KEYS`): the same files give the same
    fingerprint on any machine, whatever their folder."""
    return sha256_json({k: inputs.get(k) for k in FINGERPRINT_KEYS})[:FINGERPRINT_LENGTH]


def _common_inputs(cfg: ReportConfig) -> dict[str, Any]:
    """The inputs every job shares."""
    from ..read.manifest import MANIFEST_NAME

    manifest = cfg.articles / MANIFEST_NAME
    return {
        "state_version": STATE_VERSION,
        "helpers_version": __version__,
        "code": cfg.code_version or code_digest(),
        "tools": tool_versions(),
        "story": sha256_file(cfg.story),
        "manifest": sha256_file(manifest) if manifest.is_file() else None,
        "export": {"show_code": cfg.show_code, "lang": cfg.lang},
        # an article refused at one limit may be read at another
        "max_article_bytes": cfg.max_article_bytes,
    }


def article_digest(path: Path, limit: int) -> str:
    """An article's fingerprint: its bytes' hash, or for a file above the size limit
    (refused unread) its size and time, so a huge file is not read to be refused."""
    st = path.stat()
    if st.st_size > limit:
        return f"too large: {st.st_size} bytes, {st.st_mtime_ns}"
    return sha256_file(path)


def _compare_job(cfg: ReportConfig, entries: list[ArticleEntry], inputs: dict[str, Any]) -> Job:
    kernel_cwd = cfg.notebooks
    cdir = cfg.out / "compare"
    params = {
        "story": relpath(cfg.story, kernel_cwd),
        "articles_dir": relpath(cfg.articles, kernel_cwd),
        "outlets": None,
        "lang": cfg.lang,
        "output_dir": relpath(cdir / "files", kernel_cwd),
        "max_article_bytes": cfg.max_article_bytes,
    }
    return Job(
        name="compare/compare", kind="compare", notebook=cfg.notebooks / COMPARE_NOTEBOOK,
        ipynb=cdir / "compare.ipynb", html=cdir / "compare.html", output_dir=cdir / "files",
        state=cdir / f"compare{STATE_SUFFIX}", parameters=params,
        inputs={**inputs, "parameters": params,
                "articles": {e.path.name: article_digest(e.path, cfg.max_article_bytes) for e in entries}},
        title=page_title(cfg),
        copies={name: cfg.out / name for name in TOP_LEVEL_TABLES},
    )


def _outlet_job(cfg: ReportConfig, e: ArticleEntry, inputs: dict[str, Any]) -> Job:
    kernel_cwd = cfg.notebooks
    odir = cfg.out / "outlets"
    params = {
        "article": relpath(e.path, kernel_cwd),
        "articles_dir": relpath(cfg.articles, kernel_cwd),
        "story": relpath(cfg.story, kernel_cwd),
        "published": None,
        "lang": cfg.lang,
        # the profile notebook writes into <output_dir>/<output_name>/, never a raw id
        "output_dir": relpath(odir, kernel_cwd),
        "output_name": e.slug,
        "max_article_bytes": cfg.max_article_bytes,
    }
    return Job(
        name=f"outlets/{e.slug}", kind="outlet", notebook=cfg.notebooks / OUTLET_NOTEBOOK,
        ipynb=odir / f"{e.slug}.ipynb", html=odir / f"{e.slug}.html", output_dir=odir / e.slug,
        state=odir / f"{e.slug}{STATE_SUFFIX}", parameters=params,
        inputs={**inputs, "parameters": params, "article": article_digest(e.path, cfg.max_article_bytes)},
        title=page_title(cfg, e), entry=e,
    )


_PAGE_WORDS = {"ar": "مقارنة المنافذ", "en": "Comparing outlets"}


def story_title(cfg: ReportConfig) -> str:
    """The story's own title (its ``title``, in the report's language when it gives
    both), else its file's name."""
    try:
        from ..compare.story import load_story

        story = load_story(cfg.story)
        other = "en" if cfg.lang == "ar" else "ar"
        title = getattr(story, f"title_{cfg.lang}", None) or getattr(story, f"title_{other}", None) \
            or getattr(story, "title", None)
    except Exception:  # noqa: BLE001 - a bad story is reported by the notebooks; the title falls back
        title = None
    if isinstance(title, dict):
        title = title.get(cfg.lang) or next(iter(title.values()), None)
    return str(title).strip() if title and str(title).strip() else Path(cfg.story).stem


def page_title(cfg: ReportConfig, e: ArticleEntry | None = None) -> str:
    """A page's title: the comparison's names the story, an outlet's names the outlet
    (its manifest name in the report's language, else its id) and the story."""
    story = story_title(cfg)
    if e is None:
        return f"{story} — {_PAGE_WORDS.get(cfg.lang, _PAGE_WORDS['en'])}"
    first, second = ("outlet_ar", "outlet_en") if cfg.lang == "ar" else ("outlet_en", "outlet_ar")
    name = e.row.get(first) or e.row.get(second) or e.doc
    return f"{name} ({e.doc}) — {story}" if name != e.doc else f"{name} — {story}"


def plan(cfg: ReportConfig, notice: IO[str] | None = None) -> list[Job]:
    """One job per article and one for the comparison (listed first: it is the longest
    and its outputs feed the index).  Raises :class:`OutsideOutput` when a path of a
    job would leave ``cfg.out`` (a folder of the report replaced by a link)."""
    entries = list_articles(cfg.articles, notice=notice)
    common = _common_inputs(cfg)
    compare_inputs = {**common, "notebook": sha256_file(cfg.notebooks / COMPARE_NOTEBOOK)}
    jobs = [_compare_job(cfg, entries, compare_inputs)]
    if entries:
        outlet_inputs = {**common, "notebook": sha256_file(cfg.notebooks / OUTLET_NOTEBOOK)}
        jobs += [_outlet_job(cfg, e, outlet_inputs) for e in entries]
    for job in jobs:
        for path in job.paths():
            check_inside(cfg.out, path)
    return jobs


# ---------------------------------------------------------------- records


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
            if sha256_file(p) != sha:
                return False
        except OSError:
            return False
    return True


def output_files(job: Job) -> list[Path]:
    """What a run of ``job`` wrote: its pages, its notebook's files (those it made or
    changed: a file someone else put in its folder is not an output), its top-level
    copies."""
    files = [job.ipynb, job.html]
    if job.written is not None:
        files += job.written
    elif job.output_dir.is_dir():
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
        "outputs": {relpath(p, out): sha256_file(p) for p in output_files(job) if p.is_file()},
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    write_atomic(job.state, json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True))
