"""One batch of articles, indexed where it runs (a Dask worker, or this process).

:func:`index_batch` reads each unit of the batch (an article file with its manifest row,
or an export row), skips those whose content hash this tool version already indexed,
cleans and extracts with the same functions as ``python -m helpers extract``, and writes
the batch's Parquet parts straight into the store, then its commit record
(:mod:`helpers.store.layout`).  It returns a small summary, never the rows.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from . import layout
from .schema import article_row, mention_rows, schemas


def content_hash(data: bytes, row: dict[str, Any] | None) -> str:
    """What decides whether an article must be indexed again: its bytes and the
    metadata it was read with."""
    h = hashlib.sha256(data)
    h.update(b"\0" + json.dumps(row or {}, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def _reason(exc: BaseException) -> str:
    from ..model import InputError

    if isinstance(exc, InputError):
        return exc.reason
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    return f"{exc.__class__.__name__}: {exc}".replace("\n", " ").strip()


def _where(kind: str, name: str, reason: str) -> tuple[str, str]:
    """(file, reason) of a refused unit: an export row is named by its line (row)."""
    if kind != "row":
        return name, reason
    file, _, n = name.rpartition(":")
    return file, f"{'row' if file.lower().endswith('.parquet') else 'line'} {n}: {reason}"


def _records(path: str, manifest_row: dict[str, str] | None):
    """(article, extract's records) of one file, as ``extract`` computes them."""
    from ..extractors.pipeline import article_records, extract
    from ..read.corpus import load_article

    article = load_article(path, manifest_row=manifest_row)
    return article, article_records(article, extract(article))


def _file_unit(path: str, row: dict[str, str] | None, known: set[str]):
    if os.path.isdir(path):
        raise IsADirectoryError(path)
    with open(path, "rb") as fh:
        digest = content_hash(fh.read(), row)
    if digest in known:
        return digest, None, None
    article, records = _records(path, row)
    return digest, article, records


def _row_unit(label: str, row: dict[str, str], known: set[str], tmp: Path):
    digest = content_hash(b"", row)
    if digest in known:
        return digest, None, None
    meta = {k: v for k, v in row.items() if k != "text"}
    path = tmp / "article.txt"
    path.write_text(row["text"], encoding="utf-8")
    article, records = _records(str(path), meta)
    article.path = label
    if article.meta.published_basis == "manifest: export":
        article.meta.published_basis = "export"  # the row's own date, not a manifest's
    return digest, article, records


class _Batch:
    """The rows of one batch, by table and month, until they are written."""

    def __init__(self, batch: str, version: str):
        self.batch, self.version = batch, version
        self.articles: dict[str, list] = defaultdict(list)
        self.mentions: dict[str, list] = defaultdict(list)
        self.errors: list[dict[str, Any]] = []
        self.skipped = 0

    def add(self, digest: str, article, records, source: str) -> None:
        art = article_row(article, article.doc, digest, self.version, source, len(records), self.batch)
        self.articles[art["month"]].append(art)
        self.mentions[art["month"]].extend(mention_rows(records, art))

    def refuse(self, file: str, reason: str, digest: str | None) -> None:
        self.errors.append({"file": file, "reason": reason, "content_hash": digest,
                            "tool_version": self.version, "batch": self.batch})

    def write(self, store: Path) -> list[Path]:
        """The parts, mentions before articles; the commit record makes them visible."""
        sch = schemas()
        files = []
        for month, rows in sorted(self.mentions.items()):
            if rows:
                files.append(layout.write_part(layout.part_path(store, "mentions", month, self.batch),
                                               rows, sch["mentions"]))
        if self.errors:
            files.append(layout.write_part(layout.part_path(store, "errors", None, self.batch),
                                           self.errors, sch["errors"]))
        for month, rows in sorted(self.articles.items()):
            files.append(layout.write_part(layout.part_path(store, "articles", month, self.batch),
                                           rows, sch["articles"]))
        return files

    def summary(self) -> dict[str, Any]:
        return {"articles": sum(map(len, self.articles.values())),
                "mentions": sum(map(len, self.mentions.values())), "skipped": self.skipped,
                "errors": [(e["file"], e["reason"]) for e in self.errors]}


def index_batch(units: Iterable[tuple], store: str, batch: str, known: set[str] | None,
                version: str) -> dict[str, Any]:
    """Index ``units`` into ``store`` as batch ``batch``; its summary (counts, errors)."""
    store_path = Path(store)
    known = known or set()
    b = _Batch(batch, version)
    with tempfile.TemporaryDirectory(prefix="helpers-index-") as tmp:
        for unit in units:
            kind, name, row = unit
            digest = None
            try:
                if kind == "error":
                    b.refuse(name, row, None)
                    continue
                if kind == "file":
                    digest, article, records = _file_unit(name, row, known)
                else:
                    digest, article, records = _row_unit(name, row, known, Path(tmp))
            except Exception as exc:  # one bad article never stops the batch
                b.refuse(*_where(kind, name, _reason(exc)), digest)
                continue
            if article is None:
                b.skipped += 1
            else:
                b.add(digest, article, records, name)
    files = b.write(store_path)
    summary = b.summary()
    if files:
        layout.commit(store_path, batch, files, {k: summary[k] for k in ("articles", "mentions")})
    return summary
