"""Which output folders a report refuses, before it writes anything.

A report writes and deletes files in its output folder, and reads the articles folder:
the two must not overlap (the report would read its own pages as articles, or write
into the user's articles), the folder must not be one whose other files matter (``/``,
the home folder, the project), and a folder that already holds files must be a report
folder (it has the list of :mod:`helpers.batch.owned`) unless the user says otherwise.
"""
from __future__ import annotations

from pathlib import Path

from .owned import LOCK_NAME, OWNED_NAME
from .plan import STATE_SUFFIX

# the comparison's record: a folder holding it was made by a report of an earlier
# version, before the list of written files (the list is rebuilt from the records)
LEGACY_MARK = f"compare/compare{STATE_SUFFIX}"


def is_report_folder(folder: Path) -> bool:
    return (folder / OWNED_NAME).is_file() or (folder / LEGACY_MARK).is_file()


class RefusedOutput(ValueError):
    """The output folder is refused; the message is ``PATH: reason``."""


def check_output_folder(out: Path, articles: Path, root: Path | None,
                        force_folder: bool = False) -> None:
    """Raise :class:`RefusedOutput` when ``out`` may not hold a report (``root``: the
    project folder, refused as a whole)."""
    o = out.resolve()
    a = articles.resolve()
    if o == Path(o.anchor):
        raise RefusedOutput(f"{out}: the output folder cannot be the root of the file system")
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):
        home = None
    if home is not None and o == home:
        raise RefusedOutput(f"{out}: the output folder cannot be the home folder")
    if root is not None and o == root.resolve():
        raise RefusedOutput(f"{out}: the output folder cannot be the project folder")
    if o == a:
        raise RefusedOutput(f"{out}: the output folder is the articles folder")
    if o.is_relative_to(a):
        raise RefusedOutput(f"{out}: the output folder is inside the articles folder {articles}")
    if a.is_relative_to(o):
        raise RefusedOutput(f"{out}: the output folder contains the articles folder {articles}")
    if o.exists() and not o.is_dir():
        raise RefusedOutput(f"{out}: not a folder")
    if force_folder or not o.is_dir() or is_report_folder(o):
        return
    if any(p.name != LOCK_NAME for p in o.iterdir()):
        raise RefusedOutput(f"{out}: the folder holds files and is not a report folder "
                            f"(no {OWNED_NAME}); choose an empty or new folder, or pass --force-folder")
