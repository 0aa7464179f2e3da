"""A store as DuckDB views: ``articles``, ``mentions``, ``errors``.

The views read the committed Parquet parts directly (DuckDB's built-in Parquet reader;
no extension is installed or loaded at run time), so opening a store costs no copying.
A view over a table without parts yet is empty, with the table's columns.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .layout import TABLES, committed_files, StoreError
from .schema import schemas


class StoreConnection:
    """A DuckDB connection over a store.  ``sql(query)`` returns a pandas DataFrame;
    every other attribute is the connection's own (``execute``, ``table``, ``close``…),
    and ``con`` is the connection itself."""

    def __init__(self, con, store: Path):
        self.con = con
        self.store = store

    def sql(self, query: str, params: Any = None):
        rel = self.con.execute(query, params) if params is not None else self.con.execute(query)
        return rel.df()

    def __getattr__(self, name: str):
        return getattr(self.con, name)

    def __enter__(self) -> "StoreConnection":
        return self

    def __exit__(self, *exc) -> None:
        self.con.close()


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def open_store(store: str | os.PathLike, con=None) -> StoreConnection:
    """Open ``store`` (a folder ``index`` wrote) as DuckDB views.  Raises
    :class:`~helpers.store.layout.StoreError` when the folder is not a store."""
    import duckdb
    import pyarrow as pa

    path = Path(store)
    if not path.is_dir():
        raise StoreError(f"{store}: no such store")
    if not (path / "_commits").is_dir() and not any((path / t).is_dir() for t in TABLES):
        raise StoreError(f"{store}: not a store (index articles into it first)")
    files = committed_files(path)
    if con is None:
        con = duckdb.connect(config={"autoinstall_known_extensions": False,
                                     "autoload_known_extensions": False})
    for table in TABLES:
        if files[table]:
            listing = ", ".join(_quote(p) for p in files[table])
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet([{listing}], "
                        "union_by_name = true)")
        else:
            empty = pa.Table.from_pylist([], schema=schemas()[table])
            con.register(f"_empty_{table}", empty)
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM _empty_{table}")
    return StoreConnection(con, path)
