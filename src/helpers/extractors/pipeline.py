"""All extractors over one article, and their table and record forms.

:func:`extract` runs every extractor (personnel counts, dates, legal references and the
mutual-defence clause) on the cleaned article text and returns the mentions sorted by
position; every mention's ``start``/``end`` index ``Article.text``.

:func:`article_records` gives an article's mentions and story facts as plain dicts, what
``python -m helpers extract`` (:mod:`helpers.cli`) prints as JSON lines, CSV or a table.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from ..model import Article, Mention, as_date
from .text import TextContext

MENTION_COLUMNS = ["doc", "kind", "text", "start", "end", "sentence", "value", "value_max", "unit",
                   "category", "qualifier", "attribution", "precision", "number", "instrument"]


def _extractors():
    from .dates import find_dates
    from .legal import find_article_refs, find_clauses
    from .quantities import find_quantities

    return find_quantities, find_dates, find_article_refs, find_clauses


_as_date = as_date


def load(path: str | os.PathLike, published: Any = None, max_bytes: int | str | None = None) -> Article:
    """An article file, with its manifest row when the folder has one (a broken
    manifest raises :class:`InputError` naming it); ``max_bytes``: the size limit of
    :func:`helpers.read.corpus.load_article`."""
    from ..read.corpus import load_article, manifest_row_for, read_manifest

    rows = read_manifest(Path(path).parent)
    return load_article(path, manifest_row=manifest_row_for(path, rows), published=_as_date(published),
                        max_bytes=max_bytes)


def extract(source: Article | str | os.PathLike, published: Any = None, doc: str | None = None) -> list[Mention]:
    """Every mention in ``source``, sorted by start.

    ``source``: an :class:`Article`; a path (``pathlib.Path``, or a one-line string naming
    an existing file) read with the corpus loader; or the text itself.  ``published``
    (date or ``YYYY-MM-DD``) resolves relative dates ("السبت", "في يونيو الماضي"); for
    an Article it defaults to the article's own publication date."""
    if isinstance(source, (str, os.PathLike)) and not isinstance(source, Article):
        is_path = isinstance(source, os.PathLike) or (
            "\n" not in source and len(source) < 4096 and os.path.isfile(source))
        if is_path:
            source = load(source, published)
    if isinstance(source, Article):
        text = source.text
        doc = doc if doc is not None else source.doc
        date = _as_date(published) or source.meta.published
    else:
        text = str(source)
        doc = doc or ""
        date = _as_date(published)
    ctx = TextContext(text, doc, date)
    find_quantities, find_dates, find_article_refs, find_clauses = _extractors()
    refs = find_article_refs(ctx)
    mentions = [*find_quantities(ctx), *find_dates(ctx), *refs, *find_clauses(ctx, refs)]
    mentions.sort(key=lambda m: (m.start, m.end, m.kind))
    return mentions


def mentions_frame(mentions: Iterable[Mention]):
    """One row per mention: :data:`MENTION_COLUMNS`, then any ``extra`` fields."""
    import pandas as pd

    rows = []
    extra_cols: list[str] = []
    for m in mentions:
        r = {c: getattr(m, c) for c in MENTION_COLUMNS}
        for k, v in m.extra.items():
            if k.startswith("_"):
                continue
            if k not in extra_cols and k not in MENTION_COLUMNS:
                extra_cols.append(k)
            r.setdefault(k, v)
        rows.append(r)
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS + extra_cols)
    for col in ("start", "end"):
        frame[col] = frame[col].astype("Int64")
    return frame


# ------------------------------------------------------------------ records


def article_records(article: Article, mentions: list[Mention], story=None) -> list[dict[str, Any]]:
    """``mentions`` as JSON-ready dicts (``Mention.to_json()``), then, with a ``story``
    (:func:`helpers.compare.story.load_story`), one ``{"kind": "fact", ...}`` record per story
    fact of ``article`` (a missing number is None)."""
    out = [m.to_json() for m in mentions]
    if story is not None:
        from ..compare.facts import story_facts

        for f in story_facts(story, article, mentions):
            rec = {"doc": f.doc, "kind": "fact"}
            rec.update({k: v for k, v in f.to_json().items() if k != "doc"})
            out.append(rec)
    return out
