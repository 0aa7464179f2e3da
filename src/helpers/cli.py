"""Command line: python -m helpers body | extract | report | evaluate | index | select.

Every command lives here: it checks its arguments, calls the package's functions
(:mod:`helpers.read.corpus`, :mod:`helpers.extractors.pipeline`, :mod:`helpers.batch.report`,
:mod:`helpers.evaluate`) and formats what they return.  Each ``run_*_command(args, out,
err)`` writes to the streams it is given and returns the exit code: 0 ok, 1 a
report/notebook failed, 2 some input was refused (one line ``error: FILE: reason`` or
``report: ...`` on ``err`` per problem; the other files are still processed).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .evaluate import Evaluation

# ------------------------------------------------------------------ body


def run_body_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Each file's cleaned article (title line, then body); ``--json``: one JSON object
    per file with the detected metadata."""
    from .read.corpus import load_article, manifest_row_for, read_manifest
    from .model import InputError

    files = list(args.files)
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    failed = False
    printed = 0
    for f in files:
        folder = Path(f).parent
        if folder not in manifests:
            try:
                manifests[folder] = read_manifest(folder)
            except InputError as e:
                print(f"error: {e.path}: {e.reason}", file=err)
                manifests[folder] = {}
        try:
            art = load_article(f, manifest_row_for(f, manifests[folder]))
        except InputError as e:
            print(f"error: {f}: {e.reason}", file=err)
            failed = True
            continue
        if args.json:
            rec = {"doc": art.doc, "path": art.path, "title": art.title, "text": art.text,
                   "meta": art.meta.to_json(), "removed": art.removed}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            if len(files) > 1:
                if printed:
                    out.write("\n")
                out.write(f"==> {f} <==\n")
            out.write(art.text + "\n")
        printed += 1
    out.flush()
    return 2 if failed else 0


# ------------------------------------------------------------------ extract


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v != v:
        return ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False) if v else ""
    return str(v)


def _aligned(cols: list[str], rows: list[list[str]], out: TextIO) -> None:
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip() + "\n")
    for r in rows:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() + "\n")


MENTION_DETAILS = ("value_max", "unit", "category", "qualifier", "precision", "number", "instrument",
                   "attribution")


def _write_table(records: list[dict[str, Any]], out: TextIO) -> None:
    """Aligned text: the mentions, then the story facts."""
    mentions = [r for r in records if r["kind"] != "fact"]
    facts = [r for r in records if r["kind"] == "fact"]
    if mentions:
        cols = ["doc", "kind", "start", "end", "value", "details", "text"]
        rows = []
        for r in mentions:
            details = ", ".join(f"{k}={_cell(r[k])}" for k in MENTION_DETAILS if r.get(k) not in (None, ""))
            rows.append([_cell(r["doc"]), r["kind"], str(r["start"]), str(r["end"]), _cell(r.get("value")),
                         details, r["text"].replace("\n", " ")])
        _aligned(cols, rows, out)
    if facts:
        if mentions:
            out.write("\n")
        cols = ["doc", "fact", "value", "qualifier", "precision", "source", "text"]
        _aligned(cols, [[_cell(r.get(c)) for c in cols] for r in facts], out)


def _csv_writer(out: TextIO) -> csv.DictWriter:
    from .extractors.pipeline import MENTION_COLUMNS

    cols = MENTION_COLUMNS + ["fact", "fact_ar", "fact_en", "fact_kind", "value_num", "source",
                              "evidence", "outlet", "outlet_en", "published", "alternatives"]
    writer = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    return writer


def _file_records(path: str, published: Any, story: Any, err: TextIO) -> list[dict[str, Any]] | None:
    """The records of one file, or None after one error line on ``err``."""
    from .extractors.pipeline import article_records, extract, load
    from .model import InputError

    try:
        if os.path.isdir(path):
            raise InputError(path, "is a folder, not an article file")
        article = load(path, published)
        return article_records(article, extract(article, published=published), story)
    except InputError as e:
        err.write(f"error: {e.path}: {e.reason}\n")
    except FileNotFoundError:
        err.write(f"error: {path}: no such file\n")
    except (OSError, UnicodeDecodeError, ValueError) as e:
        err.write(f"error: {path}: {e.__class__.__name__}: {e}\n".replace("\n", " ").rstrip() + "\n")
    return None


def run_extract_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Mentions (and with ``--story`` the story's facts) of each file: ``jsonl`` one
    JSON object per record, ``csv`` one table (column ``kind`` tells mentions from
    facts), ``table`` aligned text.  Without ``--published`` each file's date comes from
    its manifest row, else its dateline."""
    from .model import InputError, as_date

    fmt = getattr(args, "format", "jsonl") or "jsonl"
    try:
        published = as_date(getattr(args, "published", None))
    except ValueError:
        err.write(f"error: --published: {args.published!r} is not a date (YYYY-MM-DD)\n")
        return 2
    story = None
    if getattr(args, "story", None):
        from .compare.story import load_story

        try:
            story = load_story(args.story)
        except InputError as e:
            err.write(f"error: {e}\n")
            return 2
    failed = False
    writer = None
    table_records: list[dict[str, Any]] = []
    for path in args.files:
        records = _file_records(path, published, story, err)
        if records is None:
            failed = True
        elif fmt == "jsonl":
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            writer = writer or _csv_writer(out)
            for r in records:
                writer.writerow({k: _cell(v) for k, v in r.items()})
        else:
            table_records.extend(records)
    if fmt == "table" and table_records:
        _write_table(table_records, out)
    return 2 if failed else 0


# ------------------------------------------------------------------ report


def default_jobs() -> int:
    """Parallel notebooks when ``--jobs`` is not given: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _resolve_out(path: str) -> Path:
    """The output folder: the default one is the project's, another relative one is
    looked up like an input (:func:`helpers.paths.resolve_output`)."""
    from .paths import project_root, resolve_output
    from .batch.report import DEFAULT_OUT

    p = Path(path)
    if p.is_absolute() or p.exists():
        return p.resolve()
    if len(p.parts) == 1 and path == DEFAULT_OUT:
        return (project_root() / p).resolve()
    return resolve_output(path).resolve()


def _report_inputs(args: argparse.Namespace, err: IO[str]) -> tuple[Path, Path, Path, Path] | None:
    """(story, articles, notebooks, project root), or None after one line on ``err``."""
    from .paths import project_root, resolve
    from .batch.plan import COMPARE_NOTEBOOK, OUTLET_NOTEBOOK, relpath
    from .batch.report import DEFAULT_ARTICLES, DEFAULT_STORY

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
    root = project_root()
    notebooks = (root / "notebooks").resolve()
    for name in (OUTLET_NOTEBOOK, COMPARE_NOTEBOOK):
        if not (notebooks / name).is_file():
            print(f"report: {relpath(notebooks / name, root)}: notebook not found", file=err)
            return None
    return story, articles, notebooks, root


def run_report_command(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    """The batch report (:mod:`helpers.batch.report`); prints where its index is."""
    from .batch.executor import CELL_TIMEOUT, ReportBusy
    from .batch.guard import RefusedOutput
    from .batch.plan import OutsideOutput, relpath
    from .batch.report import DEFAULT_OUT, ReportConfig, run_report

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
    cfg = ReportConfig(story=story, articles=articles, out=out_dir, notebooks=notebooks, jobs=jobs,
                       force=bool(args.force), lang=args.lang or "ar", show_code=bool(args.show_code),
                       timeout=timeout, force_folder=bool(getattr(args, "force_folder", False)))
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
    from .batch.bundle import BundleRefused, check_bundle_path

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
    from .batch.bundle import BundleRefused, write_bundle
    from .batch.plan import relpath

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


# ------------------------------------------------------------------ evaluate


def _print_evaluation(ev: Evaluation, out: TextIO) -> None:
    """The figures as a Markdown table, then every miss, false positive and wrong field."""
    out.write("| kind | tp | fp | fn | precision | recall | F1 |\n|---|---|---|---|---|---|---|\n")
    for k, t in ev.tallies.items():
        out.write(f"| {k} | {t.tp} | {t.fp} | {t.fn} | {t.precision:.3f} | {t.recall:.3f} | {t.f1:.3f} |\n")
    out.write(f"\nqualifier accuracy: {ev.qualifier.value:.3f} ({ev.qualifier.right}/{ev.qualifier.total})\n")
    out.write(f"attribution accuracy: {ev.attribution.value:.3f} ({ev.attribution.right}/{ev.attribution.total})\n")
    if ev.misses:
        out.write("\nmisses (expected, not found):\n")
        for m in ev.misses:
            out.write(f"  {m['doc']}  {m['kind']}  {m['value']}  «{m['text']}»\n")
    if ev.false_positives:
        out.write("\nfalse positives (found, not expected):\n")
        for m in ev.false_positives:
            out.write(f"  {m['doc']}  {m['kind']}  {m['value']}  «{m['text']}» @{m['start']}-{m['end']}  in: {m['sentence']}\n")
    if ev.wrong_fields:
        out.write("\nfound with a wrong field:\n")
        for m in ev.wrong_fields:
            out.write(f"  {m['doc']}  {m['value']}  {m['field']}: want {m['want']}, got {m['got']}  «{m['text']}»\n")
    for e in ev.errors:
        out.write(f"error: {e}\n")


def run_evaluate_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Scores against a gold file (:func:`helpers.evaluate.evaluate`); exit code 2 when
    the gold file or one of its documents could not be read."""
    import yaml

    from .evaluate import evaluate

    try:
        ev = evaluate(args.gold, args.dirs)
    except FileNotFoundError:
        err.write(f"error: {args.gold}: no such gold file\n")
        return 2
    except (yaml.YAMLError, ValueError, KeyError, TypeError) as e:
        err.write(f"error: {args.gold}: not a usable gold file ({e.__class__.__name__}: {e})\n".replace("\n", " ").rstrip() + "\n")
        return 2
    if args.json:
        out.write(json.dumps(ev.as_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        _print_evaluation(ev, out)
    for e in ev.errors:
        err.write(f"error: {e}\n")
    return 2 if ev.errors else 0


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("body", help="print the cleaned article: title line, then body")
    b.add_argument("files", nargs="+", metavar="FILE")
    b.add_argument("--json", action="store_true", help="JSON with the detected metadata")
    b.set_defaults(func=run_body_command)

    e = sub.add_parser("extract", help="mentions (counts, dates, legal articles) per file")
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for all files")
    e.add_argument("--story", metavar="FILE", help="story catalogue (YAML)")
    e.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    e.set_defaults(func=run_extract_command)

    r = sub.add_parser("report", help="batch: notebooks per outlet + comparison, HTML index")
    r.add_argument("--story", metavar="FILE", default=None)
    r.add_argument("--articles", metavar="DIR", default="seeds")
    r.add_argument("--out", metavar="DIR", default="reports")
    r.add_argument("--jobs", type=int, default=None, help="parallel notebooks (default: cores)")
    r.add_argument("--force", action="store_true",
                   help="rebuild everything (only files the report wrote are replaced or deleted)")
    r.add_argument("--force-folder", action="store_true",
                   help="write into a non-empty folder that is not a report folder")
    r.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="seconds any cell may run before its notebook counts as failed (default 600)")
    r.add_argument("--lang", choices=("ar", "en"), default="ar")
    r.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    r.add_argument("--bundle", metavar="FILE.zip", default=None,
                   help="then pack the report's own files into this zip (outside the output folder)")
    r.set_defaults(func=run_report_command)

    v = sub.add_parser("evaluate", help="precision/recall of the extractors against a gold file")
    v.add_argument("gold", metavar="GOLD")
    v.add_argument("dirs", metavar="DIR", nargs="+",
                   help="folder the gold's paths are relative to; several are tried in turn")
    v.add_argument("--json", action="store_true", help="print the figures and lists as JSON")
    v.set_defaults(func=run_evaluate_command)

    from .store.commands import add_parsers

    add_parsers(sub)  # index, select: the article store (helpers.store)
    return p


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command; ``out``/``err`` default to the process's streams."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args, out or sys.stdout, err or sys.stderr) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
