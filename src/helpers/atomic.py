"""Writing files so that a reader sees the old file or the new one, never half of one.

Everything is written to a temporary file in the destination's folder (same file
system, so the final ``os.replace`` is atomic), flushed to disk, then renamed over the
destination.  On any failure the temporary file is removed and the destination is left
as it was.  Temporary names are ``.<name>.<random>.atomic.tmp``: hidden, and
recognisable by cleanup code (:func:`is_temp_name`), which removes only files named so
and never another program's ``*.tmp``.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

TEMP_SUFFIX = ".atomic.tmp"
# mkstemp's random part is 8 characters of [a-z0-9_]; ".ipynb" may follow for a notebook
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r"(\.ipynb)?$")


def is_temp_name(name: str) -> bool:
    """True for a temporary file name this module (or a caller using
    :data:`TEMP_SUFFIX` the same way) makes."""
    return bool(_TEMP_NAME.match(name))


@contextmanager
def atomic_path(path: str | os.PathLike, suffix: str = TEMP_SUFFIX) -> Iterator[Path]:
    """A temporary path next to ``path`` for a writer that wants a file name (e.g.
    ``Figure.savefig``); renamed over ``path`` when the block ends without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


@contextmanager
def atomic_open(path: str | os.PathLike) -> Iterator[IO[bytes]]:
    """A binary file object whose content replaces ``path`` when the block ends
    without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` (text is encoded as UTF-8, newlines kept as given) to ``path``."""
    with atomic_open(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def copy_atomic(src: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """Copy the bytes of ``src`` to ``dest``."""
    with atomic_open(dest) as out, open(src, "rb") as inp:
        shutil.copyfileobj(inp, out)
    return Path(dest)
