"""The ``index`` and ``select`` commands (registered in :mod:`helpers.cli`).

Like the other commands they write to the streams they are given and return the exit
code: 0 ok, 2 when some input was refused (one line ``error: FILE: reason`` each; the
other articles are still indexed) or the store cannot be used.
"""
from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO


def add_parsers(sub) -> None:
    """The two subcommands, on the parser's ``add_subparsers`` object."""
    i = sub.add_parser("index", help="index folders and exports into an article store (Parquet)")
    i.add_argument("paths", nargs="+", metavar="PATH",
                   help="folder of articles, article file, or export (.jsonl, .csv, .parquet)")
    i.add_argument("--store", metavar="DIR", required=True)
    i.add_argument("--workers", type=int, default=None,
                   help="worker processes of the embedded Dask cluster (default: cores)")
    i.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                   help="send the work to this running Dask scheduler instead")
    i.add_argument("--batch-size", type=int, default=None, metavar="N",
                   help="articles per task (default 100)")
    i.add_argument("--no-progress", action="store_true", help="no progress bar")
    i.set_defaults(func=run_index_command)

    s = sub.add_parser("select", help="a story's articles out of a store, as an articles folder")
    s.add_argument("--store", metavar="DIR", required=True)
    s.add_argument("--story", metavar="FILE", required=True, help="story file with a match: section")
    s.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", default=None)
    s.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", default=None)
    s.add_argument("--outlets", nargs="+", metavar="OUTLET", default=None,
                   help="only these outlets (Arabic or English name, or site)")
    s.add_argument("--out", metavar="DIR", required=True, help="folder to write the selection to")
    s.set_defaults(func=run_select_command)


def run_index_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .layout import StoreError
    from .run import DEFAULT_BATCH, run_index

    for name in ("workers", "batch_size"):
        value = getattr(args, name, None)
        if value is not None and value < 1:
            err.write(f"error: --{name.replace('_', '-')} {value}: must be at least 1\n")
            return 2

    def report(file: str, reason: str) -> None:
        err.write(f"error: {file}: {reason}\n")
        err.flush()

    try:
        res = run_index(list(args.paths), args.store, workers=args.workers, scheduler=args.scheduler,
                        batch_size=args.batch_size or DEFAULT_BATCH, err=err,
                        progress=not args.no_progress, on_error=report)
    except StoreError as e:
        err.write(f"error: {e}\n")
        return 2
    except OSError as e:  # e.g. the scheduler cannot be reached
        where = args.scheduler or args.store
        err.write(f"error: {where}: {e.__class__.__name__}: {e}\n".replace("\n", " ").rstrip() + "\n")
        return 2
    except Exception as e:  # a batch that failed on a worker (e.g. the package missing there)
        where = args.scheduler or args.store
        err.write(f"error: {where}: a batch failed on a worker ({e.__class__.__name__}: {e})"
                  .replace("\n", " ").rstrip() + "\n")
        return 2
    rate = res.articles / res.seconds if res.seconds else 0.0
    out.write(f"index: {res.articles} articles indexed ({res.mentions} mentions), {res.skipped} "
              f"already in the store, {len(res.errors)} refused; {res.seconds:.1f} s, "
              f"{rate:.1f} articles/s\n")
    return 2 if res.errors else 0


def _day(value: str | None, flag: str, err: TextIO) -> dt.date | None | bool:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        err.write(f"error: {flag}: {value!r} is not a date (YYYY-MM-DD)\n")
        return False


def run_select_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..model import InputError
    from .layout import StoreError
    from .match import story_match
    from .select import select_articles

    date_from, date_to = _day(args.date_from, "--from", err), _day(args.date_to, "--to", err)
    if date_from is False or date_to is False:
        return 2
    try:
        match = story_match(args.story)
    except InputError as e:
        err.write(f"error: {e.path}: {e.reason}\n")
        return 2
    match.date_from = date_from or match.date_from
    match.date_to = date_to or match.date_to
    if args.outlets:
        match.outlets = tuple(args.outlets)
    try:
        n = select_articles(args.store, match, args.out)
    except StoreError as e:
        err.write(f"error: {e}\n")
        return 2
    except OSError as e:
        err.write(f"error: {getattr(e, 'filename', None) or args.out}: {e.strerror or e}\n")
        return 2
    out.write(f"select: {n} articles written to {args.out}\n")
    return 0
