"""The ``report`` command: its arguments checked (inputs, output folder, story, bundle),
then :func:`helpers.batch.report.run_report` and the bundle (:mod:`helpers.batch.bundle`)."""
from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import IO

__all__ = ["run_report_command", "default_jobs", "article_limit"]


def article_limit(args: argparse.Namespace, err: IO[str]) -> int | None:
    """The article size limit of ``--max-article-size`` (else the environment's, else
    5 MB), or None after one line on ``err`` when it is not a size."""
    from ..read.limits import ENV_MAX_ARTICLE_BYTES, SIZE_FLAG, max_article_bytes

    given = getattr(args, "max_article_size", None)
    try:
        return max_article_bytes(given)
    except ValueError as e:
        where = SIZE_FLAG if given is not None else ENV_MAX_ARTICLE_BYTES
        reason = str(e).removeprefix(f"{ENV_MAX_ARTICLE_BYTES}: ")
        print(f"error: {where}: {reason}", file=err)
        return None


def default_jobs() -> int:
    """Parallel notebooks when ``--jobs`` is not given: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _resolve_out(path: str) -> Path:
    """The output folder: the default one is the project's, another relative one is
    looked up like an input (:func:`helpers.paths.resolve_output`)."""
    from ..paths import project_root, resolve_output
    from .report import DEFAULT_OUT

    p = Path(path)
    if p.is_absolute() or p.exists():
        return p.resolve()
    if len(p.parts) == 1 and path == DEFAULT_OUT:
        return (project_root() / p).resolve()
    return resolve_output(path).resolve()


def _report_inputs(args: argparse.Namespace, err: IO[str]) -> tuple[Path, Path, Path, Path] | None:
    """(story, articles, notebooks, project root), or None after one line on ``err``."""
    from ..paths import project_root, resolve
    from .plan import COMPARE_NOTEBOOK, OUTLET_NOTEBOOK, relpath
    from .report import DEFAULT_ARTICLES, DEFAULT_STORY

    try:
        story = resolve(args.story or DEFAULT_STORY).resolve()
        articles = resolve(args.articles or DEFAULT_ARTICLES).resolve()
    except FileNotFoundError as exc:
        print(f"report: {exc}", file=err)
        return None
    if not story.is_file():
        print(f"report: {story}: the story must be a file", file=err)
        return None
    if not articles.is_dir():
        print(f"report: {articles}: the articles must be a folder", file=err)
        return None
    from ..compare.story import load_story
    from ..model import InputError

    try:
        load_story(story)  # a bad story is one line here, not a failure in every notebook
    except InputError as exc:
        print(f"error: {exc}", file=err)
        return None
    root = project_root()
    notebooks = (root / "notebooks").resolve()
    for name in (OUTLET_NOTEBOOK, COMPARE_NOTEBOOK):
        if not (notebooks / name).is_file():
            print(f"report: {relpath(notebooks / name, root)}: notebook not found", file=err)
            return None
    return story, articles, notebooks, root


def _story_loads(story: Path, shown: str, err: IO[str]) -> bool:
    """Whether the story can be loaded (else one line on ``err``, naming it as given):
    a story every notebook would refuse is refused once, before anything runs."""
    from ..compare.story import load_story
    from ..model import InputError

    try:
        load_story(story)
    except InputError as exc:
        print(f"error: {shown}: {exc.reason}", file=err)
        return False
    return True


def run_report_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    """The batch report (:mod:`helpers.batch.report`); prints where its index is."""
    from .executor import CELL_TIMEOUT, ReportBusy
    from .guard import RefusedOutput
    from .plan import OutsideOutput, relpath
    from .report import DEFAULT_OUT, DEFAULT_STORY, ReportConfig, run_report

    inputs = _report_inputs(args, err)
    if inputs is None:
        return 2
    story, articles, notebooks, root = inputs
    out_dir = _resolve_out(args.out or DEFAULT_OUT)
    bundle = _bundle_path(args, out_dir, err)
    if bundle is False:
        return 2
    jobs = args.jobs if args.jobs else default_jobs()
    if jobs < 1:
        print(f"report: --jobs {args.jobs}: must be at least 1", file=err)
        return 2
    timeout = getattr(args, "timeout", None)
    timeout = CELL_TIMEOUT if timeout is None else timeout
    if not timeout > 0 or timeout == float("inf"):
        print(f"error: --timeout {timeout}: must be a positive number of seconds", file=err)
        return 2
    limit = article_limit(args, err)
    if limit is None or not _story_loads(story, args.story or DEFAULT_STORY, err):
        return 2
    cfg = ReportConfig(story=story, articles=articles, out=out_dir, notebooks=notebooks, jobs=jobs,
                       force=bool(args.force), lang=args.lang or "ar", show_code=bool(args.show_code),
                       timeout=timeout, force_folder=bool(getattr(args, "force_folder", False)),
                       max_article_bytes=limit)
    try:
        code, _, _ = run_report(cfg, err, root)
    except (RefusedOutput, OutsideOutput) as exc:
        print(f"error: {exc}", file=err)
        return 2
    except ReportBusy as exc:
        print(f"report: {exc}", file=err)
        return 2
    except OSError as exc:
        print(f"report: {getattr(exc, 'filename', '') or out_dir}: {exc.strerror or exc}", file=err)
        return 2
    index = cfg.out / "index.html"
    shown = relpath(index, Path.cwd()) if not relpath(index, Path.cwd()).startswith("../..") else str(index)
    print(f"report: {shown}", file=out)
    if bundle is not None and not _write_bundle(cfg.out, bundle, out, err):
        return 2
    return code


def _bundle_path(args: argparse.Namespace, out_dir: Path, err: IO[str]) -> Path | None | bool:
    """The ``--bundle`` zip (None: not asked for), or False after one line on ``err``
    when it may not be used (checked before the report runs)."""
    from .bundle import BundleRefused, check_bundle_path

    given = getattr(args, "bundle", None)
    if given is None:
        return None
    if not str(given).strip():
        print("error: --bundle: give the name of the zip file to write", file=err)
        return False
    bundle = Path(given).expanduser()
    bundle = bundle if bundle.is_absolute() else Path.cwd() / bundle
    try:
        check_bundle_path(bundle, out_dir)
    except BundleRefused as exc:
        print(f"error: {exc}", file=err)
        return False
    return bundle


def _write_bundle(report: Path, bundle: Path, out: IO[str], err: IO[str]) -> bool:
    """Pack the report into ``bundle``; False after one line on ``err``."""
    from .bundle import BundleRefused, write_bundle
    from .plan import relpath

    try:
        files = write_bundle(report, bundle)
    except BundleRefused as exc:
        print(f"error: {exc}", file=err)
        return False
    except OSError as exc:
        print(f"error: {getattr(exc, 'filename', None) or bundle}: {exc.strerror or exc}", file=err)
        return False
    shown = relpath(bundle, Path.cwd())
    print(f"report: bundle {shown if not shown.startswith('../..') else bundle} ({len(files)} files)", file=out)
    return True
