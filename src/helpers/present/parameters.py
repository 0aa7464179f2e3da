"""The notebooks' parameters, checked in the cell right after them, and where an
interactive run writes its files.

A wrong parameter stops the notebook there with one line ("lang: 'fr' is not one of ar,
en"), instead of a traceback three cells later.  In JupyterLab the message is all that
is shown (:class:`ParameterError` renders as its one line); under papermill the run
fails with the same line.

A notebook opened in JupyterLab has no ``output_dir``: it writes its tables and charts
into a scratch folder of its own under the system's temporary folder, never into a
batch report (``report`` passes its output folder explicitly).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["ParameterError", "check_compare", "check_profile", "output_folder", "LANGS"]

LANGS = ("ar", "en")


class ParameterError(ValueError):
    """A notebook parameter that cannot be used: shown as one line, no traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython shows only this
        return [f"error: {self}"]


def _check_lang(lang: Any) -> None:
    if lang not in LANGS:
        raise ParameterError(f"lang: {lang!r} is not one of {', '.join(LANGS)}")


def _check_file(name: str, value: Any, folder: bool = False) -> None:
    from ..paths import resolve

    if not isinstance(value, (str, os.PathLike)) or not str(value).strip():
        raise ParameterError(f"{name}: {value!r} is not a path")
    try:
        p = Path(resolve(value))
    except Exception:  # noqa: BLE001 - any reason it cannot be found is the same message
        p = Path(value)
    if folder and not p.is_dir():
        raise ParameterError(f"{name}: {value}: no such folder")
    if not folder and not p.is_file():
        raise ParameterError(f"{name}: {value}: no such file")


def _check_output(output_dir: Any) -> None:
    if output_dir is not None and (not isinstance(output_dir, (str, os.PathLike)) or not str(output_dir).strip()):
        raise ParameterError(f"output_dir: {output_dir!r} is not a folder (None writes to a scratch folder)")


def check_compare(story: Any, articles_dir: Any, outlets: Any, lang: Any, output_dir: Any) -> None:
    """The comparison notebook's parameters (see the notebook's first cell)."""
    _check_file("story", story)
    _check_file("articles_dir", articles_dir, folder=True)
    if outlets is not None and not isinstance(outlets, (str, int)) and not (
            isinstance(outlets, (list, tuple)) and all(isinstance(o, str) for o in outlets)):
        raise ParameterError(f"outlets: {outlets!r} is not a list of article ids, \"002,004\" or None for all")
    _check_lang(lang)
    _check_output(output_dir)


def check_profile(article: Any, articles_dir: Any, story: Any, published: Any, lang: Any, output_dir: Any) -> None:
    """The outlet profile's parameters (see the notebook's first cell)."""
    import datetime as dt

    if not isinstance(article, str) or not article.strip():
        raise ParameterError(f"article: {article!r} is not an article id or a file")
    _check_file("articles_dir", articles_dir, folder=True)
    _check_file("story", story)
    if published is not None:
        try:
            dt.date.fromisoformat(str(published))
        except ValueError:
            raise ParameterError(f"published: {published!r} is not a date (YYYY-MM-DD, or None)") from None
    _check_lang(lang)
    _check_output(output_dir)


def output_folder(output_dir: str | os.PathLike | None, notebook: str) -> Path:
    """Where a notebook writes: ``output_dir`` when given (the batch gives its own), else
    a scratch folder of this notebook under the system's temporary folder."""
    if output_dir is not None:
        return Path(output_dir)
    return Path(tempfile.gettempdir()) / f"helpers-scratch-{os.getuid() if hasattr(os, 'getuid') else 'user'}" / notebook
