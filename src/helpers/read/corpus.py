"""Reading captured articles: one file, or every article of a folder.

Decoding is :mod:`helpers.read.decode`, saved web pages :mod:`helpers.read.webpage`, the folder's
``manifest.csv`` :mod:`helpers.read.manifest`.

* :func:`load_article` — one file to an :class:`~helpers.model.Article` (decoded,
  cleaned by :mod:`helpers.clean.pipeline`, metadata from the manifest and from the text);
* :func:`load_corpus` — every article of a folder, with the files it refused.

Files are decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1256
(the Arabic code page older sites and Windows tools still write).  A file the tool
cannot use raises :class:`~helpers.model.InputError` with a one-line reason.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..clean import pipeline as _clean
from .address import url_date
from .decode import read_text
from .limits import max_article_bytes
from .manifest import manifest_row_for, read_manifest
from ..model import Article, ArticleMeta, InputError, as_date
from .webpage import html_to_text, is_html

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def _as_date(value: dt.date | str | None, path: str) -> dt.date | None:
    try:
        return as_date(value)
    except ValueError:
        raise InputError(path, f"publication date {value!r} is not a date (YYYY-MM-DD)") from None


def _limit(max_bytes: int | str | None, path: str) -> int:
    try:
        return max_article_bytes(max_bytes)
    except ValueError as e:
        raise InputError(path, str(e)) from None


def load_article(
    path: str | os.PathLike,
    manifest_row: dict[str, str] | None = None,
    published: dt.date | str | None = None,
    max_bytes: int | str | None = None,
) -> Article:
    """Read, decode and clean one article file.

    Metadata: the manifest row (when given) wins over what the text says; the text fills
    the gaps.  Publication date: ``published`` > manifest > a dateline in the text (a
    labelled or lone date line, or a dateline opening the lead) > the page's metadata > the
    day in the article's address (manifest ``url``) > a date line right above the headline
    (which may be the site's own "today") > None.
    ``max_bytes``: the size limit (:func:`helpers.read.limits.max_article_bytes`: default
    5 MB, or the environment's); a larger file is refused before it is read.
    """
    spath = str(path)
    override = _as_date(published, spath)
    raw, _enc = read_text(path, max_bytes=_limit(max_bytes, spath))
    page_date: dt.date | None = None
    if is_html(path, raw):
        title, extracted, page_date = html_to_text(raw)
        if not extracted.strip():
            raise InputError(spath, "HTML page without article text")
        cleaned = _clean.clean(extracted, title_hint=title)
        if cleaned.title is None or not cleaned.body:
            raise InputError(spath, "HTML page without article text")
        lines = cleaned.lines
        offsets = _find_verbatim(raw, [x.text for x in lines])
        # removed lines too: their offsets were in the extracted text, now in the page
        for r, off in zip(cleaned.removed, _find_verbatim(raw, [r["text"] for r in cleaned.removed])):
            r["offset"] = off
    else:
        cleaned = _clean.clean(raw)
        if cleaned.title is None:
            raise InputError(spath, "no article text (only page chrome)")
        lines = cleaned.lines
        offsets = [x.offset for x in lines]

    text_parts: list[str] = []
    line_map: list[tuple[int, int]] = []
    pos = 0
    for line, off in zip(lines, offsets):
        line_map.append((pos, off))
        text_parts.append(line.text)
        pos += len(line.text) + 1
    text = "\n".join(text_parts)

    row = manifest_row or {}
    meta = ArticleMeta(
        outlet_ar=row.get("outlet_ar") or None,
        outlet_en=row.get("outlet_en") or None,
        site=row.get("site") or None,
        notes=row.get("notes") or None,
        url=row.get("url") or None,
        credited_source=row.get("credited_source") or cleaned.meta.get("credited_source"),
        byline=cleaned.meta.get("byline"),
        dateline_place=cleaned.meta.get("dateline_place"),
    )
    meta.published, meta.published_basis = _publication(
        override, _as_date(row.get("published"), spath) if row else None,
        (row.get("published_basis") or "").strip(), cleaned.meta, page_date, meta.url,
    )

    doc = row.get("id") or Path(path).stem
    return Article(
        doc=doc,
        path=spath,
        raw=raw,
        title=lines[0].text,
        text=text,
        meta=meta,
        line_map=line_map,
        removed=cleaned.removed,
    )


def _publication(
    override: dt.date | None,
    manifest_date: dt.date | None,
    manifest_basis: str,
    found: dict,
    page_date: dt.date | None,
    url: str | None,
) -> tuple[dt.date | None, str | None]:
    """The publication date and how it was found, by the order :func:`load_article` gives."""
    if override is not None:
        return override, "override"
    if manifest_date is not None:
        return manifest_date, f"manifest: {manifest_basis}" if manifest_basis else "manifest"
    if found.get("published"):
        return found["published"], f"dateline: {found['published_text']}"
    if page_date is not None:
        return page_date, "page metadata"
    day = url_date(url)
    if day is not None:
        return day, f"address: {url}"
    above = found.get("published_above")
    if above and above[0]:
        return above[0], f"date line above the headline: {above[1]}"
    return None, None


def _find_verbatim(raw: str, lines: list[str]) -> list[int]:
    """Offset of each line in ``raw`` when it occurs there verbatim, in order; else -1."""
    out: list[int] = []
    pos = 0
    for line in lines:
        i = raw.find(line, pos)
        if i < 0:
            i = raw.find(line)
        out.append(i)
        if i >= 0:
            pos = i + len(line)
    return out


def article_files(folder: str | os.PathLike, notice=None) -> list[Path]:
    """The article files of a folder, sorted by name; hidden and temporary files
    (``.name``, ``~name``: editor swap and lock files) are not articles.  A symbolic
    link that resolves outside the folder is skipped, with one line on ``notice``
    (default: stderr), so a link cannot pull a private file into a report."""
    import sys

    base = Path(folder)
    real = base.resolve()
    out = notice if notice is not None else sys.stderr
    files = []
    for p in sorted(base.iterdir(), key=lambda p: p.name):
        if not p.is_file() or p.suffix.lower() not in ARTICLE_SUFFIXES or p.name.startswith((".", "~")):
            continue
        if p.is_symlink() and not p.resolve().is_relative_to(real):
            print(f"notice: {p}: symbolic link to outside the articles folder, skipped", file=out)
            continue
        files.append(p)
    return files


def load_corpus(
    folder: str | os.PathLike, published: dt.date | str | None = None, max_bytes: int | str | None = None
) -> tuple[list[Article], list[InputError]]:
    """Every article of ``folder`` (``*.txt``, ``*.html``, ``*.htm``, sorted by name) and
    the files refused, each as an InputError (a file above ``max_bytes``, see
    :func:`load_article`, among them).  A broken manifest is reported among the errors
    and the articles are read without it."""
    p = Path(folder)
    if not p.is_dir():
        raise InputError(str(folder), "no such folder")
    errors: list[InputError] = []
    try:
        rows = read_manifest(p)
    except InputError as e:
        errors.append(e)
        rows = {}
    articles: list[Article] = []
    for f in article_files(p):
        try:
            articles.append(load_article(f, manifest_row_for(f, rows), published=published,
                                         max_bytes=max_bytes))
        except InputError as e:
            errors.append(e)
    return articles, errors
