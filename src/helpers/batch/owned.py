"""Which files of an output folder the report wrote, so it deletes only those.

The list lives in the folder itself (:data:`OWNED_NAME`, JSON): a path is added before
the file is written (a run killed mid-write still knows it), removed when the file is
deleted.  Everything else in the folder (a note, a chart, a table someone put there) is
never deleted, not even by ``--force``.  The list's presence is also what makes a
folder a report folder (:mod:`helpers.batch.guard`).
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

from ..atomic import write_atomic
from .plan import check_inside, relpath

OWNED_NAME = ".report-files.json"
LOCK_NAME = ".report.lock"
OWNED_VERSION = 1


def read_owned(out: Path) -> set[str] | None:
    """The paths (relative to ``out``) listed in ``out``'s list; None when there is no
    readable list."""
    try:
        record = json.loads((out / OWNED_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = record.get("files") if isinstance(record, dict) else None
    if not isinstance(files, list):
        return None
    return {f for f in files if isinstance(f, str)}


class OwnedFiles:
    """The list of one output folder, shared by the worker threads of a run."""

    def __init__(self, out: Path):
        self.out = out
        self.path = out / OWNED_NAME
        self._lock = threading.Lock()
        self.files: set[str] = read_owned(out) or set()

    def _rel(self, path: Path) -> str:
        return relpath(check_inside(self.out, path), self.out)

    def save(self) -> None:
        data = {"version": OWNED_VERSION, "files": sorted(self.files)}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1))

    def claim(self, *paths: Path) -> None:
        """Record ``paths`` as the report's (before writing them)."""
        with self._lock:
            new = {self._rel(p) for p in paths} - self.files
            if new or not self.path.exists():
                self.files |= new
                self.save()

    def owns(self, path: Path) -> bool:
        try:
            return self._rel(path) in self.files
        except ValueError:
            return False

    def owned_under(self, folder: Path) -> list[Path]:
        """The listed files inside ``folder``."""
        try:
            prefix = self._rel(folder) + "/"
        except ValueError:
            return []
        with self._lock:
            return [self.out / rel for rel in sorted(self.files) if rel.startswith(prefix)]

    def remove(self, *paths: Path) -> None:
        """Delete each of ``paths`` that the list holds (and drop it from the list);
        a path not listed is left alone."""
        with self._lock:
            changed = False
            for p in paths:
                try:
                    rel = self._rel(p)
                except ValueError:
                    continue
                if rel not in self.files:
                    continue
                target = self.out / rel
                if target.is_file() or target.is_symlink():
                    target.unlink()
                self.files.discard(rel)
                changed = True
            if changed:
                self.save()
