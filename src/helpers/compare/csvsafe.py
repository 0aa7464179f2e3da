"""CSV that a spreadsheet program opens as it was written.

``facts.csv`` is written in UTF-8 with a byte-order mark (:data:`CSV_ENCODING`):
spreadsheet programs that guess the encoding otherwise show Arabic as mojibake.  Every
reader in the package opens it with the same encoding, which also reads a file without
the mark.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
taken for a formula by a spreadsheet, so a manifest's outlet name or an article's
sentence could run one.  :func:`neutralise` puts an apostrophe (``'``) in front of such
a cell, the usual way of saying "text" to a spreadsheet; a plain number (``-5``,
``+3.5``) is left alone, and numeric columns are never touched.  The mapping can be
undone exactly (:func:`restore`): a cell that already starts with apostrophes in front
of a formula character gets one more.

Nothing heavy is imported here.
"""
from __future__ import annotations

import re
from typing import Any

CSV_ENCODING = "utf-8-sig"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)(?:[eE][+-]?\d+)?")


def _looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text)


def _needs_mark(text: str) -> bool:
    """A formula start, or apostrophes in front of one (so :func:`restore` can tell)."""
    return _looks_like_formula(text.lstrip("'"))


def neutralise(value: Any) -> Any:
    """``value`` as a spreadsheet-safe cell: text that a spreadsheet would evaluate gets
    a leading apostrophe; anything else is returned as it is."""
    if isinstance(value, str) and value and _needs_mark(value):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """The cell :func:`neutralise` was given."""
    if isinstance(value, str) and value.startswith("'") and _needs_mark(value[1:]):
        return value[1:]
    return value


def restore_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row read back from a neutralised CSV, every cell restored."""
    return {k: restore(v) for k, v in row.items()}
