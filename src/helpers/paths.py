"""Where user-given paths point.

Notebooks are run from different places: JupyterLab starts their kernel in
``notebooks/``, papermill and the batch report may use any working directory.  A
relative path such as ``seeds`` or ``stories/kursk.yaml`` is therefore looked up
relative to the current directory first and then relative to the project root (the
folder holding ``pyproject.toml``).
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT_MARKERS = ("pyproject.toml",)


def _is_root(folder: Path) -> bool:
    return any((folder / m).is_file() for m in ROOT_MARKERS) and (folder / "src" / "helpers").is_dir()


def project_root(start: str | os.PathLike | None = None) -> Path:
    """The project folder: the nearest ancestor of ``start`` (default: the current
    directory) that holds ``pyproject.toml`` and ``src/helpers``; failing that, the
    folder this package is installed from (editable install)."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_root(folder):
            return folder
    pkg = Path(__file__).resolve().parent  # src/helpers
    for folder in pkg.parents:
        if _is_root(folder):
            return folder
    return here


def candidates(path: str | os.PathLike, cwd: str | os.PathLike | None = None) -> list[Path]:
    """The places a user path may mean, in the order they are tried."""
    p = Path(os.path.expanduser(os.fspath(path)))
    if p.is_absolute():
        return [p]
    base = Path(cwd) if cwd is not None else Path.cwd()
    out = [base / p]
    root = project_root(base) / p
    if root.resolve() != out[0].resolve():
        out.append(root)
    return out


def resolve(path: str | os.PathLike, cwd: str | os.PathLike | None = None) -> Path:
    """An existing file or folder named by ``path``.

    Raises ``FileNotFoundError`` with every place tried when none exists."""
    tried = candidates(path, cwd)
    for c in tried:
        if c.exists():
            return c
    where = " or ".join(str(c) for c in tried)
    raise FileNotFoundError(f"{path}: not found (looked for {where})")


def resolve_output(path: str | os.PathLike, cwd: str | os.PathLike | None = None) -> Path:
    """Where to write ``path`` (it may not exist yet).

    The first candidate whose top folder already exists wins (``reports/compare`` goes
    into the project's ``reports/`` when run from ``notebooks/``); otherwise the path is
    taken relative to the current directory."""
    tried = candidates(path, cwd)
    depth = len(Path(os.path.expanduser(os.fspath(path))).parts)
    for c in tried:
        top = c
        for _ in range(depth - 1):
            top = top.parent
        if c.exists() or (depth > 1 and top.is_dir()):
            return c
    return tried[0]
