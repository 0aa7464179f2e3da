"""Command line: python -m helpers body | extract | reuse | report | evaluate | index | select.

Every command is registered here (the report command's checks live in
:mod:`helpers.batch.command`): it checks its arguments, calls the package's functions
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
from typing import TYPE_CHECKING, Any, TextIO

from .batch.command import article_limit, default_jobs, run_report_command

if TYPE_CHECKING:
    from .evaluate import Evaluation

__all__ = ["main", "build_parser", "run_body_command", "run_extract_command", "run_report_command",
           "run_evaluate_command", "default_jobs", "article_limit"]

# ------------------------------------------------------------------ limits


# ------------------------------------------------------------------ body


def run_body_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Each file's cleaned article (title line, then body); ``--json``: one JSON object
    per file with the detected metadata."""
    from .read.corpus import load_article, manifest_row_for, read_manifest
    from .model import InputError

    limit = article_limit(args, err)
    if limit is None:
        return 2
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
            art = load_article(f, manifest_row_for(f, manifests[folder]), max_bytes=limit)
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


def _file_records(path: str, published: Any, story: Any, err: TextIO,
                  limit: int | None = None) -> list[dict[str, Any]] | None:
    """The records of one file, or None after one error line on ``err``."""
    from .extractors.pipeline import article_records, extract, load
    from .model import InputError

    try:
        if os.path.isdir(path):
            raise InputError(path, "is a folder, not an article file")
        article = load(path, published, max_bytes=limit)
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
    limit = article_limit(args, err)
    if limit is None:
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
        records = _file_records(path, published, story, err, limit)
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


# ------------------------------------------------------------------ reuse


def run_reuse_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The pairs of articles that share text (:mod:`helpers.reuse.command`)."""
    from .reuse.command import run_reuse

    return run_reuse(list(args.paths), getattr(args, "format", "jsonl") or "jsonl", out, err)


# ------------------------------------------------------------------ report


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


def _print_facts_evaluation(ev: Any, out: TextIO) -> None:
    """The share of matching cells, per column, then every row missing or wrong."""
    out.write(f"facts table: {ev.share:.3f} of cells match ({ev.rows} expected rows)\n")
    for c, acc in ev.cells.items():
        out.write(f"  {c}: {acc.value:.3f} ({acc.right}/{acc.total})\n")
    if ev.missing:
        out.write("\nexpected, not in the table:\n")
        for m in ev.missing:
            out.write(f"  {m['doc']}  {m['fact']}  {m['value']}  {m['qualifier']}  {m['source']}\n")
    if ev.wrong:
        out.write("\nin the table with a wrong cell (want → got):\n")
        for m in ev.wrong:
            w, g = m["want"], m["got"]
            diff = "; ".join(f"{c}: {w[c]!r} → {g[c]!r}" for c in w)  # the cells that did not match
            out.write(f"  {m['doc']}  {m['fact']}  {diff}\n")
    if ev.extra:
        out.write(f"\nin the table, not expected: {len(ev.extra)} rows\n")
        for m in ev.extra:
            out.write(f"  {m['doc']}  {m['fact']}  {m['value']}\n")


def _evaluate_facts(args: argparse.Namespace, folder: str, err: TextIO) -> Any:
    """The facts evaluation, or None after one error line."""
    from .evaluate import evaluate_facts
    from .model import InputError

    if not args.story:
        err.write("error: --facts needs --story, the story file the table is built from\n")
        return None
    try:
        return evaluate_facts(args.facts, args.story, folder)
    except InputError as e:
        err.write(f"error: {e}\n")
    except FileNotFoundError:
        err.write(f"error: {args.facts}: no such expected facts file\n")
    except (ValueError, UnicodeDecodeError) as e:
        err.write(f"error: {args.facts}: not a usable facts table ({e})\n".replace("\n", " ").rstrip() + "\n")
    return None


def run_evaluate_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Scores against a gold file of mentions (:func:`helpers.evaluate.evaluate`) and/or,
    with ``--facts``, the story's facts table against an expected one
    (:func:`helpers.evaluate.evaluate_facts`); exit code 2 when an input could not be read."""
    import yaml

    from .evaluate import evaluate

    paths = list(args.paths)
    gold = None if (args.facts and os.path.isdir(paths[0])) else paths.pop(0)
    if not paths:
        err.write("error: evaluate needs a folder of articles after the gold file\n")
        return 2
    report: dict[str, Any] = {}
    code = 0
    if args.facts:
        fev = _evaluate_facts(args, getattr(args, "articles", None) or paths[0], err)
        if fev is None:
            return 2
        report["facts"] = fev.as_dict()
        if not args.json:
            _print_facts_evaluation(fev, out)
        for e in fev.errors:
            err.write(f"error: {e}\n")
        code = 2 if fev.errors else 0
    if gold is not None:
        try:
            ev = evaluate(gold, paths)
        except FileNotFoundError:
            err.write(f"error: {gold}: no such gold file\n")
            return 2
        except (yaml.YAMLError, ValueError, KeyError, TypeError) as e:
            err.write(f"error: {gold}: not a usable gold file ({e.__class__.__name__}: {e})\n".replace("\n", " ").rstrip() + "\n")
            return 2
        report.update(ev.as_dict())
        if not args.json:
            if args.facts:
                out.write("\n")
            _print_evaluation(ev, out)
        for e in ev.errors:
            err.write(f"error: {e}\n")
        code = max(code, 2 if ev.errors else 0)
    if args.json:
        out.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    return code


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("body", help="print the cleaned article: title line, then body")
    b.add_argument("files", nargs="+", metavar="FILE")
    b.add_argument("--json", action="store_true", help="JSON with the detected metadata")
    b.add_argument("--max-article-size", metavar="SIZE", default=None,
                   help="refuse articles larger than this (e.g. 20MB, 500KB or bytes; default 5MB or $HELPERS_MAX_ARTICLE_BYTES)")
    b.set_defaults(func=run_body_command)

    e = sub.add_parser("extract", help="mentions (counts, dates, legal articles) per file")
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for all files")
    e.add_argument("--story", metavar="FILE", help="story catalogue (YAML)")
    e.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    e.add_argument("--max-article-size", metavar="SIZE", default=None,
                   help="refuse articles larger than this (e.g. 20MB, 500KB or bytes; default 5MB or $HELPERS_MAX_ARTICLE_BYTES)")
    e.set_defaults(func=run_extract_command)

    u = sub.add_parser("reuse", help="pairs of articles that share text, with the shared spans")
    u.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    u.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    u.set_defaults(func=run_reuse_command)

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
    r.add_argument("--max-article-size", metavar="SIZE", default=None,
                   help="refuse articles larger than this (e.g. 20MB, 500KB or bytes; default 5MB or $HELPERS_MAX_ARTICLE_BYTES)")
    r.add_argument("--lang", choices=("ar", "en"), default="ar")
    r.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    r.add_argument("--bundle", metavar="FILE.zip", default=None,
                   help="then pack the report's own files into this zip (outside the output folder)")
    r.set_defaults(func=run_report_command)

    v = sub.add_parser("evaluate", help="score the mentions against a gold file, the facts against an expected table",
                       usage="python -m helpers evaluate [GOLD] DIR [DIR ...] [--facts CSV --story FILE [--articles DIR]] [--json]")
    v.add_argument("paths", metavar="GOLD DIR", nargs="+",
                   help="the gold file of mentions (optional with --facts), then the folder(s) its paths are "
                        "relative to (several are tried in turn); with --facts the first folder holds the articles")
    v.add_argument("--facts", metavar="CSV", help="expected facts table: doc, fact, value, qualifier, source")
    v.add_argument("--story", metavar="FILE", help="the story file the facts table is built from")
    v.add_argument("--articles", metavar="DIR", help="with --facts: the folder of articles (default: the first DIR)")
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
