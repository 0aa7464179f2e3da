"""The manifest of a folder of articles (``manifest.csv``: one row per article, with
its outlet, site, publication date and credited source)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from pathlib import Path

from .decode import read_text
from ..model import InputError

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = (
    "id", "file", "outlet_ar", "outlet_en", "site", "url", "published", "published_basis",
    "credited_source", "notes",
)


def read_manifest(folder: str | os.PathLike) -> dict[str, dict[str, str]]:
    """Rows of ``folder/manifest.csv`` by id (empty when the folder has no manifest).

    Values are stripped strings ("" when empty).  Raises InputError when the manifest
    cannot be read, lacks the ``id`` or ``file`` column, repeats an id, or has a
    ``published`` value that is not a YYYY-MM-DD date."""
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    text, _ = read_text(path)
    reader = csv.DictReader(io.StringIO(text))
    cols = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in ("id", "file") if c not in cols]
    if missing:
        raise InputError(str(path), f"manifest without the column(s) {', '.join(missing)}")
    rows: dict[str, dict[str, str]] = {}
    for n, rec in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() if isinstance(v, str) else "" for k, v in rec.items()}
        for c in MANIFEST_COLUMNS:
            row.setdefault(c, "")
        rid = row["id"]
        if not rid:
            if any(row.values()):
                raise InputError(str(path), f"line {n}: row without an id")
            continue
        if rid in rows:
            raise InputError(str(path), f"line {n}: id {rid!r} appears twice")
        if row["published"]:
            try:
                dt.date.fromisoformat(row["published"])
            except ValueError:
                raise InputError(str(path), f"line {n}: published {row['published']!r} is not a date (YYYY-MM-DD)") from None
        rows[rid] = row
    return rows


_ID_PREFIX = re.compile(r"^([^_\-\s.]+)[_\-\s]")


def manifest_row_for(path: str | os.PathLike, rows: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """The manifest row of a file: by its ``file`` column, else by an id prefix of the
    file name ("000_x.txt" -> row "000") or the stem itself, when such a row exists."""
    name = Path(path).name
    for row in rows.values():
        if row.get("file") and Path(row["file"]).name == name:
            return row
    stem = Path(path).stem
    if stem in rows:
        return rows[stem]
    m = _ID_PREFIX.match(stem)
    if m and m.group(1) in rows:
        return rows[m.group(1)]
    return None
