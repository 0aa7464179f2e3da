"""Reading captured articles: files, encodings, saved web pages, the manifest.

* :func:`read_manifest` — ``manifest.csv`` of a folder (one row per article);
* :func:`load_article` — one file to an :class:`~helpers.model.Article` (decoded,
  cleaned by :mod:`helpers.clean`, metadata from the manifest and from the text);
* :func:`load_corpus` — every article of a folder, with the files it refused.

Files are decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1256
(the Arabic code page older sites and Windows tools still write).  A file the tool
cannot use raises :class:`~helpers.model.InputError` with a one-line reason.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
from pathlib import Path

from . import clean as _clean
from .model import Article, ArticleMeta, InputError, as_date

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = (
    "id", "file", "outlet_ar", "outlet_en", "site", "published", "published_basis",
    "credited_source", "notes",
)

# --- decoding ----------------------------------------------------------------------------

_BINARY_MAGIC = (
    b"%PDF-", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
    b"7z\xbc\xaf", b"Rar!\x1a", b"\x7fELF", b"\xd0\xcf\x11\xe0", b"OggS", b"wOFF", b"wOF2",
    b"SQLite format 3\x00",
)
# control bytes that never occur in text (tab, newlines, form feed and escape excepted)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))

# the same as characters (in decoded text)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")

UNDECODABLE = "cannot decode as UTF-8, UTF-16 or Windows-1256"


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls > max(2, len(sample) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: spaces and newlines leave a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    if odd.count(0) >= half * 0.05 and even.count(0) <= half * 0.01:
        enc = "utf-16-le"
    elif even.count(0) >= half * 0.05 and odd.count(0) <= half * 0.01:
        enc = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    letters = [c for c in text if c.isalpha()]
    familiar = sum(1 for c in letters if c < "\u0250" or "\u0600" <= c <= "\u06ff")
    if printable < len(text) * 0.95 or not letters or familiar < len(letters) * 0.8:
        return None
    return text


def _mostly_utf8(data: bytes) -> bool:
    """Multi-byte UTF-8 text with at most a stray invalid byte per 200 characters."""
    lossy = data.decode("utf-8", errors="replace")
    multibyte = sum(1 for c in lossy if "\u0080" <= c != "\ufffd")
    return multibyte > 0 and lossy.count("\ufffd") <= max(1, len(lossy) // 200)


def _is_arabic_cp1256(data: bytes) -> str | None:
    """``data`` decoded as Windows-1256 when that reads as Arabic text."""
    text = data.decode("cp1256")
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if arabic < len(letters) * 0.5:
        return None
    from charset_normalizer import from_bytes

    # the same bytes may form Arabic letters by chance: ask how coherent the result is
    match = from_bytes(data, cp_isolation=["cp1256"]).best()
    if match is None or match.chaos > 0.25:
        return None
    return text


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes, newlines normalized to "\\n".

    Raises InputError for empty, binary or undecodable content."""
    if not data.strip():
        raise InputError(path, "empty file")
    text: str | None = None
    enc = ""
    utf8_error: UnicodeDecodeError | None = None
    if data.startswith(codecs.BOM_UTF8):
        enc = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        enc = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16"
    if enc:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            raise InputError(path, f"{UNDECODABLE} (broken {enc.upper().replace('-SIG', '')} after its BOM)") from None
    if text is None:
        text = _utf16_without_bom(data)
        if text is not None:
            enc = "utf-16"
    if text is None:
        if _looks_binary(data):
            raise InputError(path, "binary file (not text)")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            utf8_error = e
            # Windows-1256 Arabic almost never forms valid UTF-8 sequences; a file that
            # is UTF-8 but for a stray byte is not read as Windows-1256 mojibake
            if not _mostly_utf8(data):
                text = _is_arabic_cp1256(data)
                if text is not None:
                    enc = "cp1256"
    if text is None:
        from charset_normalizer import from_bytes

        match = from_bytes(data).best()
        if match is None or match.chaos > 0.1:
            reason = UNDECODABLE
            if utf8_error is not None and _mostly_utf8(data):
                # almost all UTF-8: say where it breaks rather than guess around it
                reason += f" (invalid UTF-8 byte at offset {utf8_error.start})"
            raise InputError(path, reason)
        text, enc = str(match), match.encoding
    text = text.lstrip("\ufeff")
    if "\x00" in text or len(_CONTROL_CHARS.findall(text, 0, 4096)) > 4:
        raise InputError(path, "binary file (not text)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "empty file")
    return text, enc


def read_text(path: str | os.PathLike) -> tuple[str, str]:
    """Decoded text of a file and the encoding it was in."""
    p = Path(path)
    if p.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as e:
        raise InputError(str(path), f"cannot read ({e.strerror or e})") from None
    return decode_bytes(data, str(path))


# --- HTML ----------------------------------------------------------------------------------

_HTML_SNIFF = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def is_html(path: str | os.PathLike, text: str) -> bool:
    if Path(path).suffix.lower() in (".html", ".htm"):
        return True
    return bool(_HTML_SNIFF.match(text[:2000]))


def html_to_text(html: str) -> tuple[str | None, str, dt.date | None]:
    """``(title, article text, date from the page's metadata)`` of a saved web page.

    The article text comes from trafilatura; when it finds none, from the page body
    without scripts, styles, navigation, headers and footers.  Script and style contents
    never become text."""
    import trafilatura

    title: str | None = None
    text = ""
    date: dt.date | None = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises assorted errors on malformed markup
        doc = None
    if doc is not None:
        title = (doc.title or "").strip() or None
        text = (doc.text or "").strip()
        if doc.date:
            try:
                date = dt.date.fromisoformat(str(doc.date)[:10])
            except ValueError:
                date = None
    if not text:
        title2, text = _lxml_body_text(html)
        title = title or title2
    return title, text, date


def _lxml_body_text(html: str) -> tuple[str | None, str]:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None, ""
    for bad in root.xpath("//script|//style|//noscript|//template|//nav|//footer|//header|//aside|//form|//iframe"):
        bad.drop_tree()
    h1 = root.xpath("//h1")
    title = " ".join(h1[0].text_content().split()) if h1 else None
    if not title:
        t = root.xpath("//title")
        title = " ".join(t[0].text_content().split()) if t else None
    body = root.find("body")
    if body is None:
        return title, ""
    blocks: list[str] = []
    for el in body.iter("p", "div", "li", "h1", "h2", "h3", "h4", "td", "blockquote"):
        own = " ".join(el.text_content().split())
        if own and not any(child.tag in ("p", "div", "li", "h1", "h2", "h3", "h4", "td", "blockquote") for child in el):
            blocks.append(own)
    if not blocks:
        blocks = [" ".join(line.split()) for line in body.text_content().split("\n") if line.strip()]
    return title, "\n".join(blocks)


# --- manifest ----------------------------------------------------------------------------


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


# --- articles ----------------------------------------------------------------------------


def _as_date(value: dt.date | str | None, path: str) -> dt.date | None:
    try:
        return as_date(value)
    except ValueError:
        raise InputError(path, f"publication date {value!r} is not a date (YYYY-MM-DD)") from None


def load_article(
    path: str | os.PathLike,
    manifest_row: dict[str, str] | None = None,
    published: dt.date | str | None = None,
) -> Article:
    """Read, decode and clean one article file.

    Metadata: the manifest row (when given) wins over what the text says; the text fills
    the gaps.  Publication date: ``published`` > manifest > a dateline in the text > None.
    """
    spath = str(path)
    override = _as_date(published, spath)
    raw, _enc = read_text(path)
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
        credited_source=row.get("credited_source") or cleaned.meta.get("credited_source"),
        byline=cleaned.meta.get("byline"),
        dateline_place=cleaned.meta.get("dateline_place"),
    )
    manifest_date = _as_date(row.get("published"), spath) if row else None
    if override is not None:
        meta.published, meta.published_basis = override, "override"
    elif manifest_date is not None:
        basis = (row.get("published_basis") or "").strip()
        meta.published, meta.published_basis = manifest_date, f"manifest: {basis}" if basis else "manifest"
    elif cleaned.meta.get("published"):
        meta.published = cleaned.meta["published"]
        meta.published_basis = f"dateline: {cleaned.meta['published_text']}"
    elif page_date is not None:
        meta.published, meta.published_basis = page_date, "page metadata"

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


def article_files(folder: str | os.PathLike) -> list[Path]:
    """The article files of a folder, sorted by name; hidden and temporary files
    (``.name``, ``~name``: editor swap and lock files) are not articles."""
    return sorted(
        (p for p in Path(folder).iterdir()
         if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith((".", "~"))),
        key=lambda p: p.name,
    )


def load_corpus(
    folder: str | os.PathLike, published: dt.date | str | None = None
) -> tuple[list[Article], list[InputError]]:
    """Every article of ``folder`` (``*.txt``, ``*.html``, ``*.htm``, sorted by name) and
    the files refused, each as an InputError.  A broken manifest is reported among the
    errors and the articles are read without it."""
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
            articles.append(load_article(f, manifest_row_for(f, rows), published=published))
        except InputError as e:
            errors.append(e)
    return articles, errors
