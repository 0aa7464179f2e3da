"""Thin command-line layer: parses arguments and hands them to the package's API.

Each subcommand's work lives in its module (``run_*`` functions); this file only wires.
Exit codes: 0 ok, 1 a report/notebook failed, 2 some input file was refused.
"""
from __future__ import annotations

import argparse
import sys


def _body(args: argparse.Namespace) -> int:
    from .corpus import run_body_command

    return run_body_command(args.files, as_json=args.json, out=sys.stdout, err=sys.stderr)


def _extract(args: argparse.Namespace) -> int:
    from .extraction import run_extract_command

    return run_extract_command(args, out=sys.stdout, err=sys.stderr)


def _report(args: argparse.Namespace) -> int:
    from .report import run_report_command

    return run_report_command(args, out=sys.stdout, err=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("body", help="print the cleaned article: title line, then body")
    b.add_argument("files", nargs="+", metavar="FILE")
    b.add_argument("--json", action="store_true", help="JSON with the detected metadata")
    b.set_defaults(func=_body)

    e = sub.add_parser("extract", help="mentions (counts, dates, legal articles) per file")
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for all files")
    e.add_argument("--story", metavar="FILE", help="story catalogue (YAML)")
    e.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    e.set_defaults(func=_extract)

    r = sub.add_parser("report", help="batch: notebooks per outlet + comparison, HTML index")
    r.add_argument("--story", metavar="FILE", default=None)
    r.add_argument("--articles", metavar="DIR", default="seeds")
    r.add_argument("--out", metavar="DIR", default="reports")
    r.add_argument("--jobs", type=int, default=None, help="parallel notebooks (default: cores)")
    r.add_argument("--force", action="store_true", help="rebuild everything")
    r.add_argument("--lang", choices=("ar", "en"), default="ar")
    r.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    r.set_defaults(func=_report)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
