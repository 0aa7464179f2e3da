"""Paths as a shared page shows them: relative to a folder the reader knows, never this
machine's absolute folders.

A report is sent around; an error line "/home/someone/captures/x.html: empty file" or a
traceback naming where Python is installed tells the reader nothing they can use and
tells everyone how the sender's machine is laid out.  :func:`shown_path` makes one path
displayable; :func:`scrub_paths` does the same inside free text (error messages,
tracebacks).
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, Iterable


def _relative(path: Path, base: Path) -> str | None:
    for p, b in ((path, base), (path.resolve(), base.resolve())):
        try:
            rel = p.relative_to(b)
        except ValueError:
            continue
        return rel.as_posix()
    return None


def shown_path(path: Any, *bases: Any) -> str:
    """``path`` relative to the first of ``bases`` that holds it (POSIX separators),
    else its file name.  A relative path stays as it is unless it climbs out of the
    current folder ("../../x"): that one is treated like the absolute path it means."""
    p = Path(str(path))
    if not p.is_absolute():
        if ".." not in p.parts:
            return p.as_posix()
        p = Path(os.path.abspath(p))
    for base in bases:
        if base is None:
            continue
        rel = _relative(p, Path(str(base)))
        if rel is not None:
            return rel or "."
    return p.name or p.as_posix()


def _known_prefixes(bases: Iterable[tuple[Any, str]]) -> list[tuple[str, str]]:
    """(absolute prefix, label) of the given folders and of where Python and this
    package live, longest first, each also in its resolved form."""
    pairs = list(bases)
    package = Path(__file__).resolve().parents[1]  # …/helpers
    pairs += [(package, "helpers"), (sys.prefix, "python"), (sys.base_prefix, "python"),
              (Path.home(), "~")]
    out: dict[str, str] = {}
    for folder, label in pairs:
        if folder is None:
            continue
        for form in {str(folder), str(Path(str(folder)).resolve())}:
            form = form.rstrip(os.sep)
            if len(form) > 1 and os.path.isabs(form):
                out.setdefault(form, label)
    return sorted(out.items(), key=lambda kv: -len(kv[0]))


# an absolute POSIX path where a path can start: line start, after a space, a quote, a
# bracket, "=", or a terminal colour code (tracebacks); not inside a URL
_ABSOLUTE = re.compile(r"(^|[\s'\"(\[=,]|\x1b\[[0-9;]*m)(/(?:[^\s/'\"<>:\x1b]+/)+)",
                       re.MULTILINE)


# a path with ".." in it ("/a/notebooks/../data/x", "../../data/x")
_CLIMBING = re.compile(r"(^|[\s'\"(\[=,]|\x1b\[[0-9;]*m)((?:[^\s'\"<>:\x1b]*/)?\.\./[^\s'\"<>:\x1b]*)",
                       re.MULTILINE)


def _normalised(path: str, cwd: Any) -> str:
    """``path`` without its ".." steps, absolute when it was or when ``cwd`` is known."""
    if os.path.isabs(path):
        return os.path.normpath(path)
    if cwd is not None:
        return os.path.normpath(os.path.join(str(cwd), path))
    return path


def scrub_paths(text: Any, bases: Iterable[tuple[Any, str]] = (), cwd: Any = None) -> str:
    """``text`` with every absolute folder path made relative: a known folder
    (``bases``: (folder, label) pairs, e.g. (the report folder, ".")), also when written
    relative to ``cwd`` with ".." steps, becomes its label; where Python and this package are installed
    become "python" and "helpers", any other absolute folder "…"; file names stay."""
    s = _CLIMBING.sub(lambda m: m.group(1) + _normalised(m.group(2), cwd), str(text))
    for prefix, label in _known_prefixes(bases):
        s = re.sub(rf"(?<![\w.]){re.escape(prefix)}(?=[/\s'\":,)\]]|$)", lambda _m, lab=label: lab, s)
    return _ABSOLUTE.sub(lambda m: f"{m.group(1)}…/", s)


def scrub_notebook(nb: Any, bases: Iterable[tuple[Any, str]] = (), cwd: Any = None) -> None:
    """:func:`scrub_paths` on what an executed notebook shows: error values and
    tracebacks, streams, text outputs, and the parameters papermill injected and
    recorded (in place: the notebook is a record of the run, shared with the page).  Errors and streams quote file
    names and text as they are: their direction controls become markers too."""
    from .safetext import plain

    bases = list(bases)
    params = nb.get("metadata", {}).get("papermill", {}).get("parameters") or {}
    for name, value in list(params.items()):
        if isinstance(value, str):
            params[name] = scrub_paths(value, bases, cwd)
    for cell in nb.get("cells", []):
        if "injected-parameters" in (cell.get("metadata", {}).get("tags") or []):
            cell["source"] = scrub_paths(_joined(cell.get("source", "")), bases, cwd)
        for out in cell.get("outputs", []) or []:
            kind = out.get("output_type")
            if kind == "error":
                out["evalue"] = plain(scrub_paths(out.get("evalue", ""), bases, cwd))
                out["traceback"] = [plain(scrub_paths(line, bases, cwd)) for line in out.get("traceback", [])]
            elif kind == "stream":
                out["text"] = plain(scrub_paths(_joined(out.get("text", "")), bases, cwd))
            for mime in ("text/plain", "text/html", "text/markdown"):
                data = out.get("data") or {}
                if mime in data:
                    data[mime] = scrub_paths(_joined(data[mime]), bases, cwd)


def _joined(text: Any) -> str:
    return "".join(text) if isinstance(text, list) else str(text)
