"""``select``: a story's articles out of a store, written as an articles folder.

The folder holds one text file per article (its cleaned title and body, what the
extractors read) and a ``manifest.csv`` with the outlet, site, address and
publication date, so ``report --articles FOLDER`` and the notebooks read it like any
other folder.  The publication window and outlets are filtered in DuckDB, the words of
the story's ``match:`` section in Python over the remaining candidates, streamed.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
from pathlib import Path

from .layout import StoreError
from .match import StoryMatch
from .query import open_store

MARKER = ".helpers-selection"
COLUMNS = ("id", "file", "outlet_ar", "outlet_en", "site", "url", "published", "published_basis",
           "credited_source")
_UNSAFE = re.compile(r"[^\w.\-]+")


def _safe_name(art_id: str, used: set[str]) -> str:
    base = _UNSAFE.sub("_", art_id).strip("._") or "article"
    name, n = f"{base}.txt", 1
    while name in used:
        n += 1
        name = f"{base}-{n}.txt"
    used.add(name)
    return name


def _basis(stored: str | None) -> str:
    """The stored basis as a manifest gives it (the loader adds "manifest: " again)."""
    stored = stored or ""
    if stored == "manifest":
        return ""
    return stored[len("manifest: "):] if stored.startswith("manifest: ") else stored


def _prepare(out: Path) -> None:
    """An empty folder, or an earlier selection whose files are removed first."""
    if out.exists() and not out.is_dir():
        raise StoreError(f"{out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    entries = [p for p in out.iterdir()]
    if not entries:
        return
    if not (out / MARKER).is_file():
        raise StoreError(f"{out}: folder is not empty and is not an earlier selection")
    with open(out / "manifest.csv", encoding="utf-8", newline="") if (out / "manifest.csv").is_file() \
            else open(os.devnull) as fh:
        old = [r.get("file", "") for r in csv.DictReader(fh)]
    for name in old:
        p = out / name
        if name and p.parent == out and p.is_file():
            p.unlink()
    (out / "manifest.csv").unlink(missing_ok=True)


def _query(match: StoryMatch) -> tuple[str, list]:
    where, params = [], []
    if match.date_from:
        where.append("published >= ?")
        params.append(match.date_from)
    if match.date_to:
        where.append("published <= ?")
        params.append(match.date_to)
    if match.outlets:
        names = [o.lower() for o in match.outlets]
        marks = ", ".join("?" for _ in names)
        where.append(f"(lower(outlet_ar) IN ({marks}) OR lower(outlet_en) IN ({marks}) "
                     f"OR lower(site) IN ({marks}) OR lower(outlet) IN ({marks}))")
        params += names * 4
    cond = ("WHERE " + " AND ".join(where)) if where else ""
    # an article indexed again after it changed: its latest version
    sql = (f"SELECT id, title, body, outlet_ar, outlet_en, site, url, published, published_basis, "
           f"credited_source FROM articles {cond} "
           f"QUALIFY row_number() OVER (PARTITION BY id ORDER BY batch DESC) = 1 ORDER BY published, id")
    return sql, params


def select_articles(store: str | os.PathLike, match: StoryMatch, out: str | os.PathLike) -> int:
    """Write the articles of ``store`` that ``match`` accepts into the folder ``out``;
    how many.  Raises :class:`~helpers.store.layout.StoreError` for an unusable store or
    output folder."""
    import duckdb

    try:
        return _select(store, match, Path(out))
    except duckdb.Error as e:
        raise StoreError(f"{store}: cannot read the store ({e.__class__.__name__}: "
                         f"{str(e).splitlines()[0] if str(e) else ''})") from None


def _select(store, match: StoryMatch, out: Path) -> int:
    with open_store(store) as con:
        _prepare(out)
        sql, params = _query(match)
        cur = con.con.execute(sql, params)
        used: set[str] = set()
        rows = []
        while True:
            chunk = cur.fetchmany(500)
            if not chunk:
                break
            for art_id, title, body, *meta in chunk:
                text = f"{title}\n{body}"
                if not match.matches_text(text):
                    continue
                name = _safe_name(str(art_id), used)
                (out / name).write_text(text + "\n", encoding="utf-8")
                published = meta[4].isoformat() if isinstance(meta[4], dt.date) else ""
                rows.append([art_id, name, *(meta[:4]), published, _basis(meta[5]), meta[6]])
    with open(out / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    (out / MARKER).write_text("written by python -m helpers select\n", encoding="utf-8")
    return len(rows)
