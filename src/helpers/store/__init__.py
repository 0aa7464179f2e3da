"""An article store: many articles indexed once into Parquet, queried with DuckDB.

* ``python -m helpers index PATH... --store DIR`` (:func:`run_index`) reads folders,
  article files and exports, and writes the tables ``articles``, ``mentions`` and
  ``errors`` (:mod:`helpers.store.schema`, :mod:`helpers.store.layout`) on a Dask cluster
  (:mod:`helpers.store.run`);
* :func:`open_store` opens a store as DuckDB views; ``store.sql("…")`` returns a DataFrame;
* ``python -m helpers select`` (:func:`select_articles`) writes a story's articles as a
  folder the report reads, picked by the story's ``match:`` section (:func:`story_match`).

Dask, DuckDB and pyarrow are imported only when these are used.
"""
from __future__ import annotations


def open_store(*args, **kwargs):
    """A store as DuckDB views; see :func:`helpers.store.query.open_store`."""
    from .query import open_store as _open

    return _open(*args, **kwargs)


def run_index(*args, **kwargs):
    """Index articles into a store; see :func:`helpers.store.run.run_index`."""
    from .run import run_index as _run

    return _run(*args, **kwargs)


def story_match(*args, **kwargs):
    """A story's ``match:`` section; see :func:`helpers.store.match.story_match`."""
    from .match import story_match as _match

    return _match(*args, **kwargs)


def select_articles(*args, **kwargs):
    """A story's articles as a folder; see :func:`helpers.store.select.select_articles`."""
    from .select import select_articles as _select

    return _select(*args, **kwargs)


__all__ = ["open_store", "run_index", "story_match", "select_articles"]
