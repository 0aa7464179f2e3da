"""One zip file of a finished report, for mailing or archiving
(``python -m helpers report --bundle FILE.zip``).

The zip holds exactly the files the report wrote, as its own list records them
(:mod:`helpers.batch.owned`), with paths relative to the report folder
(``index.html``, ``outlets/000.html``, ``charts/...``): unpacked anywhere, every link
between the pages works.  Left out: the report's bookkeeping (the list itself, the
inputs records, the lock, temporary files), anything someone else put in the folder,
and any listed path that is not a plain file inside the folder (a link pointing
elsewhere).  The zip is written next to its destination and renamed into place, and it
may not lie inside the report folder (the next run would find a file it did not write,
and the zip would hold itself).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..atomic import atomic_path, is_temp_name
from .owned import LOCK_NAME, OWNED_NAME, read_owned
from .plan import STATE_SUFFIX, OutsideOutput, check_inside


class BundleRefused(ValueError):
    """A bundle path that may not be used, or a folder with nothing to bundle."""


def check_bundle_path(bundle: Path, out: Path) -> None:
    """Refuse (:class:`BundleRefused`) a bundle path inside the report folder ``out``,
    naming a folder, or below a file.  Missing folders above it are made when it is
    written."""
    target = bundle.resolve()
    base = out.resolve()
    if target == base or target.is_relative_to(base):
        raise BundleRefused(f"{bundle}: the bundle must be written outside the report folder {out}")
    if target.is_dir():
        raise BundleRefused(f"{bundle}: is a folder; give the name of the zip file to write")
    above = next((p for p in target.parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise BundleRefused(f"{bundle}: {above} is a file, not a folder")


def _bookkeeping(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return name in (OWNED_NAME, LOCK_NAME) or name.endswith(STATE_SUFFIX) or is_temp_name(name)


def bundle_files(out: Path) -> list[str]:
    """The report's files to pack (relative POSIX paths, sorted)."""
    owned = read_owned(out)
    if owned is None:
        raise BundleRefused(f"{out}: not a report folder (no list of the files the report wrote)")
    files = []
    for rel in sorted(owned):
        p = out / rel
        if _bookkeeping(rel) or p.is_symlink() or not p.is_file():
            continue
        try:
            check_inside(out, p)
        except OutsideOutput:
            continue
        files.append(rel)
    return files


def write_bundle(out: Path, bundle: Path) -> list[str]:
    """Pack the report in ``out`` into the zip ``bundle``; returns what it holds."""
    check_bundle_path(bundle, out)
    files = bundle_files(out)
    if "index.html" not in files:
        raise BundleRefused(f"{out}: the report has no index.html to bundle")
    with atomic_path(bundle) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for rel in files:
                zf.write(out / rel, arcname=rel)
    return files
