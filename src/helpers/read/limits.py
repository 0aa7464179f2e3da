"""Size limits on what the tool reads, and the sizes users write.

An article above :func:`max_article_bytes` (default :data:`DEFAULT_MAX_ARTICLE_BYTES`,
the environment variable :data:`ENV_MAX_ARTICLE_BYTES`, or ``--max-article-size``) is
refused from its size on disk, before a byte of it is read.  Sizes are written as a
number of bytes or with a unit: ``500KB``, ``20MB``, ``1.5 GB`` (``K``/``M``/``G``, with or
without ``B`` or ``iB``; a kilobyte is 1024 bytes).
"""
from __future__ import annotations

import os
import re

from ..model import InputError

KB = 1024
MB = 1024 * KB
DEFAULT_MAX_ARTICLE_BYTES = 5 * MB
ENV_MAX_ARTICLE_BYTES = "HELPERS_MAX_ARTICLE_BYTES"
SIZE_FLAG = "--max-article-size"

_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(?:([kmg])(?:i?b)?|(b|bytes?))?\s*", re.IGNORECASE)
_UNITS = {"k": KB, "m": MB, "g": 1024 * MB}


def parse_size(text: str | int) -> int:
    """Bytes of a size written ``20MB``, ``500KB``, ``1.5GB`` or ``1048576``.  Raises
    ValueError (with a one-line message) for anything else, zero included."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        m = _SIZE.fullmatch(str(text))
        if not m:
            raise ValueError(f"{text!r} is not a size (write e.g. 20MB, 500KB or a number of bytes)")
        value = int(float(m.group(1)) * _UNITS.get((m.group(2) or "").lower(), 1))
    if value <= 0:
        raise ValueError(f"{text!r}: the size must be more than 0 bytes")
    return value


def format_size(n: int) -> str:
    """``5 MB``, ``20.3 MB``, ``500 KB``, ``900 bytes``: what a message shows."""
    for unit, size in (("GB", 1024 * MB), ("MB", MB), ("KB", KB)):
        if n >= size:
            value = n / size
            shown = f"{value:.1f}".rstrip("0").rstrip(".")
            return f"{shown} {unit}"
    return f"{n} bytes"


def max_article_bytes(value: str | int | None = None) -> int:
    """The article size limit: ``value`` when given, else the environment variable
    :data:`ENV_MAX_ARTICLE_BYTES`, else :data:`DEFAULT_MAX_ARTICLE_BYTES`.  A value
    that is not a size raises ValueError naming where it came from."""
    if value is not None:
        return parse_size(value)
    env = os.environ.get(ENV_MAX_ARTICLE_BYTES)
    if env is None or not env.strip():
        return DEFAULT_MAX_ARTICLE_BYTES
    try:
        return parse_size(env)
    except ValueError as e:
        raise ValueError(f"{ENV_MAX_ARTICLE_BYTES}: {e}") from None


def check_article_size(path: str | os.PathLike, limit: int, shown: str | None = None) -> None:
    """Raise :class:`InputError` when the file at ``path`` is larger than ``limit``
    bytes (from its size on disk: nothing is read).  ``shown``: the name the message
    uses (default: the path as given)."""
    size = os.stat(path).st_size
    if size > limit:
        refuse_size(shown if shown is not None else os.fspath(path), limit, size)


def refuse_size(shown: str, limit: int, size: int) -> None:
    """Raise the :class:`InputError` of a file of ``size`` bytes over ``limit``."""
    have, most = format_size(size), format_size(limit)
    if have == most:  # 5 MB and a few bytes
        have = f"{size:,} bytes"
    raise InputError(shown, f"larger than {most} ({have}); raise the limit with {SIZE_FLAG}")
