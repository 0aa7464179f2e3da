"""Writing files so that a reader sees the old file or the new one, never half of one.

Everything is written to a temporary file in the destination's folder (same file
system, so the final ``os.replace`` is atomic), flushed to disk, then renamed over the
destination.  On any failure the temporary file is removed and the destination is left
as it was.  Temporary names are ``.<name>.<random>.atomic.tmp``: hidden, and
recognisable by cleanup code (:func:`is_temp_name`), which removes only files named so
and never another program's ``*.tmp``.

Permissions: a temporary file is created with mode 0666 less the process's umask, as
``open()`` would create the file itself (``tempfile.mkstemp`` makes every file 0600,
which a colleague reading a shared report folder cannot open).  The kernel applies the
umask at creation, so no thread ever changes the process's umask to read it.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

TEMP_SUFFIX = ".atomic.tmp"
# mkstemp's random part is 8 characters of [a-z0-9_]; ".ipynb" may follow for a notebook
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r"(\.ipynb)?$")


_NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_CREATE_FLAGS = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def make_temp_file(folder: str | os.PathLike, prefix: str, suffix: str = TEMP_SUFFIX) -> tuple[int, Path]:
    """(open descriptor, path) of a new file ``<prefix><8 random characters><suffix>``
    in ``folder``, like ``tempfile.mkstemp`` but with the mode a plain ``open()`` gives
    (0666 less the umask)."""
    folder = Path(folder)
    for _ in range(100):
        name = prefix + "".join(secrets.choice(_NAME_CHARS) for _ in range(8)) + suffix
        try:
            return os.open(folder / name, _CREATE_FLAGS, 0o666), folder / name
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder}: no free temporary file name for {prefix}*{suffix}")


def current_umask() -> int:
    """The process's umask: read from ``/proc/self/status`` where Linux shows it;
    elsewhere reading it means setting it for an instant, so call this while no other
    thread creates files."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    old = os.umask(0)
    os.umask(old)
    return old


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
    fd, tmp = make_temp_file(path.parent, f".{path.name}.", suffix)
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
    fd, tmp = make_temp_file(path.parent, f".{path.name}.")
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
