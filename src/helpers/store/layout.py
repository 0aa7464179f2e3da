"""Where a store keeps its files, and how a batch's files become part of it.

::

    STORE/
      articles/month=2025-04/<batch>.parquet     one part per batch and publication month
      mentions/month=2025-04/<batch>.parquet
      errors/<batch>.parquet
      _commits/<batch>.json                      the parts of one finished batch
      .lock                                      held by the run that writes

A batch writes its parts under hidden temporary names and renames each into place
(atomic on one file system), then writes its commit record, also by rename.  Readers
see only the parts that a commit record lists, so a run killed at any moment leaves the
store readable, with every batch either wholly in it or not at all; the next run
removes the leftovers and indexes those articles again.  Parts are never rewritten:
appending adds new files beside the old ones.
"""
from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path
from typing import Any, Iterator

TABLES = ("articles", "mentions", "errors")
COMMITS = "_commits"
LOCK = ".lock"
TEMP_MARK = ".partial"


class StoreError(Exception):
    """A store that cannot be used (not writable, locked, damaged commit record)."""


def new_run_id() -> str:
    """A name that sorts by start time and cannot collide with another run's."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(3)


def part_path(store: Path, table: str, month: str | None, batch: str) -> Path:
    folder = store / table if month is None else store / table / f"month={month}"
    return folder / f"{batch}.parquet"


def _temp_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_MARK}")


def write_part(path: Path, rows: list[dict[str, Any]], schema) -> Path:
    """Write ``rows`` as one Parquet file at ``path``, through a temporary name."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_for(path)
    try:
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def commit(store: Path, batch: str, files: list[Path], summary: dict[str, Any]) -> None:
    """Make a batch's renamed parts visible: its commit record, written atomically."""
    folder = store / COMMITS
    folder.mkdir(parents=True, exist_ok=True)
    record = {"batch": batch, "files": [p.relative_to(store).as_posix() for p in files], **summary}
    final = folder / f"{batch}.json"
    tmp = _temp_for(final)
    tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, final)


def commit_records(store: Path) -> Iterator[dict[str, Any]]:
    folder = Path(store) / COMMITS
    if not folder.is_dir():
        return
    for p in sorted(folder.glob("*.json")):
        try:
            rec = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise StoreError(f"{p}: damaged commit record ({e.__class__.__name__})") from None
        yield rec


def committed_files(store: str | os.PathLike) -> dict[str, list[Path]]:
    """Table → the Parquet parts of every committed batch, oldest run first."""
    store = Path(store)
    out: dict[str, list[Path]] = {t: [] for t in TABLES}
    for rec in commit_records(store):
        for rel in rec.get("files", []):
            table = rel.split("/", 1)[0]
            if table in out:
                out[table].append(store / rel)
    return out


def remove_leftovers(store: Path) -> int:
    """Delete what killed runs left: temporary files and parts no commit lists.  Only
    called by the run holding the lock; returns how many files went."""
    listed = {p.resolve() for files in committed_files(store).values() for p in files}
    gone = 0
    for table in (*TABLES, COMMITS):
        folder = store / table
        if not folder.is_dir():
            continue
        for p in folder.rglob("*"):
            if not p.is_file():
                continue
            stale = p.name.endswith(TEMP_MARK) or (p.suffix == ".parquet" and p.resolve() not in listed)
            if stale:
                p.unlink()
                gone += 1
    return gone


def known_hashes(store: Path, version: str) -> set[str]:
    """Content hashes already indexed (or refused) by this tool version."""
    import pyarrow.parquet as pq

    known: set[str] = set()
    files = committed_files(store)
    for table in ("articles", "errors"):
        for p in files[table]:
            t = pq.read_table(p, columns=["content_hash", "tool_version"])
            for h, v in zip(t.column("content_hash").to_pylist(), t.column("tool_version").to_pylist()):
                if h and v == version:
                    known.add(h)
    return known


class StoreLock:
    """The store's write lock (``flock`` on ``STORE/.lock``): one index run at a time."""

    def __init__(self, store: Path):
        self.path = store / LOCK
        self.fh = None

    def __enter__(self) -> "StoreLock":
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "a+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.close()
            raise StoreError(f"{self.path.parent}: another index run is writing this store") from None
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()
