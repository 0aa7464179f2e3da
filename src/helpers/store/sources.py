"""What ``index`` reads: folders of article files with their manifest, single article
files, and exports with one article per row (JSON lines, CSV, Parquet).

:func:`units` streams the inputs as work units, never holding a whole export:

* ``("file", path, manifest_row)`` — an article file (``manifest_row`` None without one);
* ``("row", "export.jsonl:12", row)`` — one exported article, its fields normalized by
  :func:`export_row` (``text`` plus manifest-like keys);
* ``("error", file, reason)`` — an input that cannot be read.

An export row needs ``text`` (or ``body``/``content``); ``outlet``, ``url``,
``published`` (a date, or a timestamp whose day is taken), ``title``, ``site`` and
``id`` are used when present.  Without an ``id`` the article gets a stable one made
from its address, else from its text.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Iterator

EXPORT_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
TEXT_KEYS = ("text", "body", "content")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


def _iso_day(value: Any) -> str:
    """``YYYY-MM-DD`` of a date, datetime or ISO timestamp text; "" for blank; raises
    ValueError for anything else."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
    if not s:
        return ""
    return dt.date.fromisoformat(s[:10]).isoformat()


def stable_id(url: str, text: str) -> str:
    """An id for an exported article without one: from its address, else its text."""
    basis = url.strip() or text
    return "a" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:15]


def export_row(raw: dict[str, Any]) -> dict[str, str]:
    """One export row as the manifest-like dict the worker reads; raises ValueError with
    the reason when it has no text or a publication date that is not one."""
    row = {str(k).strip().lower(): v for k, v in raw.items()}
    text = next((row[k] for k in TEXT_KEYS if isinstance(row.get(k), str) and row[k].strip()), None)
    if text is None:
        raise ValueError("row without article text (a 'text' field)")
    title = str(row.get("title") or "").strip()
    if title and not text.lstrip().startswith(title):
        text = title + "\n" + text
    try:
        published = _iso_day(row.get("published"))
    except ValueError:
        raise ValueError(f"published {row.get('published')!r} is not a date") from None
    url = str(row.get("url") or "").strip()
    outlet = str(row.get("outlet") or "").strip()
    out = {
        "id": str(row.get("id") or "").strip() or stable_id(url, text),
        "outlet_ar": str(row.get("outlet_ar") or (outlet if _ARABIC.search(outlet) else "")).strip(),
        "outlet_en": str(row.get("outlet_en") or (outlet if not _ARABIC.search(outlet) else "")).strip(),
        "site": str(row.get("site") or "").strip() or _host(url),
        "url": url, "published": published, "published_basis": "export" if published else "",
        "credited_source": str(row.get("credited_source") or "").strip(),
        "text": text,
    }
    return out


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _folder_units(folder: Path) -> Iterator[tuple]:
    from ..model import InputError
    from ..read.corpus import article_files
    from ..read.manifest import manifest_row_for, read_manifest

    try:
        rows = read_manifest(folder)
    except InputError as e:
        yield ("error", e.path, e.reason)
        rows = {}
    for f in article_files(folder):
        yield ("file", str(f), manifest_row_for(f, rows) if rows else None)


def _file_unit(path: Path) -> Iterator[tuple]:
    from ..model import InputError
    from ..read.manifest import manifest_row_for, read_manifest

    try:
        rows = read_manifest(path.parent)
    except InputError as e:
        yield ("error", e.path, e.reason)
        rows = {}
    yield ("file", str(path), manifest_row_for(path, rows) if rows else None)


def _rows(path: Path, kind: str) -> Iterator[tuple[int, Any]]:
    """(row number, raw row) of an export; a raw row that is not a dict is refused later."""
    if kind == "jsonl":
        with open(path, encoding="utf-8-sig") as fh:
            for n, line in enumerate(fh, start=1):
                if line.strip():
                    try:
                        yield n, json.loads(line)
                    except ValueError:
                        yield n, None
    elif kind == "csv":
        csv.field_size_limit(2**31 - 1)  # an article is longer than the csv module's default cell
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for n, rec in enumerate(csv.DictReader(fh), start=2):
                yield n, rec
    else:
        import pyarrow.parquet as pq

        n = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
            for rec in batch.to_pylist():
                n += 1
                yield n, rec


def _export_units(path: Path, kind: str) -> Iterator[tuple]:
    where = "line" if kind != "parquet" else "row"
    try:
        for n, raw in _rows(path, kind):
            label = f"{path}:{n}"
            if not isinstance(raw, dict):
                yield ("error", str(path), f"{where} {n}: not a JSON object")
                continue
            try:
                yield ("row", label, export_row(raw))
            except ValueError as e:
                yield ("error", str(path), f"{where} {n}: {e}")
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        yield ("error", str(path), f"cannot read the export ({e.__class__.__name__}: {e})")
    except Exception as e:  # pyarrow's errors for a file that is not Parquet
        yield ("error", str(path), f"not a readable Parquet file ({e.__class__.__name__})")


def units(paths: list[str]) -> Iterator[tuple]:
    """Every work unit of ``paths``, in order (see the module's docstring)."""
    from ..read.corpus import ARTICLE_SUFFIXES

    for given in paths:
        p = Path(given)
        if p.is_dir():
            yield from _folder_units(p)
        elif not p.exists():
            yield ("error", given, "no such file or folder")
        elif p.suffix.lower() in EXPORT_SUFFIXES:
            yield from _export_units(p, EXPORT_SUFFIXES[p.suffix.lower()])
        elif p.suffix.lower() in ARTICLE_SUFFIXES:
            yield from _file_unit(p)
        else:
            yield ("error", given, "not an article file (.txt, .html) nor an export (.jsonl, .csv, .parquet)")


def count_units(paths: list[str]) -> int | None:
    """How many articles ``paths`` hold, when that is cheap to know (for the progress
    bar); None when a CSV export would have to be parsed to tell."""
    total = 0
    for given in paths:
        p = Path(given)
        try:
            if p.is_dir():
                total += sum(1 for e in os.scandir(p) if e.is_file() and not e.name.startswith((".", "~"))
                             and e.name.lower().endswith((".txt", ".html", ".htm")))
            elif p.suffix.lower() in (".jsonl", ".ndjson"):
                with open(p, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif p.suffix.lower() == ".parquet":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(p).metadata.num_rows
            elif p.suffix.lower() == ".csv":
                return None
            else:
                total += 1
        except Exception:
            return None
    return total
