"""Bytes to text: the encodings Arabic articles come in (UTF-8 with or without BOM,
UTF-16 with BOM or without, Windows-1256), and the files that are not text at all."""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from ..model import InputError


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


def read_text(path: str | os.PathLike, max_bytes: int | None = None) -> tuple[str, str]:
    """Decoded text of a file and the encoding it was in.  ``max_bytes``: a larger file
    is refused from its size on disk, before it is read (and a file that grows past it
    while being read is refused too)."""
    from .limits import check_article_size, refuse_size

    p = Path(path)
    if p.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    try:
        if max_bytes is None:
            data = p.read_bytes()
        else:
            check_article_size(p, max_bytes, str(path))
            with open(p, "rb") as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                refuse_size(str(path), max_bytes, os.stat(p).st_size)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as e:
        raise InputError(str(path), f"cannot read ({e.strerror or e})") from None
    return decode_bytes(data, str(path))
