"""All extractors over one article, their table form, and the ``extract`` command.

:func:`extract` runs every extractor (personnel counts, dates, legal references and the
mutual-defence clause) on the cleaned article text and returns the mentions sorted by
position; every mention's ``start``/``end`` index ``Article.text``.

Command line (``python -m helpers extract``)::

    python -m helpers extract [--published YYYY-MM-DD] [--story FILE]
                              [--format jsonl|csv|table] FILE...

``jsonl``: one JSON object per mention (``Mention.to_json()``); with ``--story`` also one
``{"kind": "fact", ...}`` line per story fact.  ``csv``: the same records as one table
(column ``kind`` tells mentions from facts).  ``table``: aligned text for reading.
Without ``--published`` each file's date comes from its manifest row, else its dateline.
A file that cannot be read: one line ``error: FILE: reason`` on stderr; the others are
still processed; exit code 2 if any failed.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, Iterable, TextIO

from .model import Article, InputError, Mention, as_date
from .text import TextContext

MENTION_COLUMNS = ["doc", "kind", "text", "start", "end", "sentence", "value", "value_max", "unit",
                   "category", "qualifier", "attribution", "precision", "number", "instrument"]


def _extractors():
    from .dates import find_dates
    from .legal import find_article_refs, find_clauses
    from .quantities import find_quantities

    return find_quantities, find_dates, find_article_refs, find_clauses


_as_date = as_date


def load(path: str | os.PathLike, published: Any = None) -> Article:
    """An article file, with its manifest row when the folder has one (a broken
    manifest raises :class:`InputError` naming it)."""
    from .corpus import load_article, manifest_row_for, read_manifest

    rows = read_manifest(Path(path).parent)
    return load_article(path, manifest_row=manifest_row_for(path, rows), published=_as_date(published))


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


# ------------------------------------------------------------------ the command


def _records(article: Article, mentions: list[Mention], story) -> list[dict[str, Any]]:
    out = [m.to_json() for m in mentions]
    if story is not None:
        from .facts import story_facts

        for f in story_facts(story, article, mentions):
            rec = {"doc": f["doc"], "kind": "fact"}
            rec.update({k: v for k, v in f.items() if k not in ("mentions", "doc")})
            if isinstance(rec.get("value_num"), float) and rec["value_num"] != rec["value_num"]:
                rec["value_num"] = None
            out.append(rec)
    return out


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v != v:
        return ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False) if v else ""
    return str(v)


def _table(records: list[dict[str, Any]], out: TextIO) -> None:
    mentions = [r for r in records if r["kind"] != "fact"]
    facts = [r for r in records if r["kind"] == "fact"]
    if mentions:
        cols = ["doc", "kind", "start", "end", "value", "details", "text"]
        rows = []
        for r in mentions:
            details = ", ".join(f"{k}={_cell(r[k])}" for k in
                                ("value_max", "unit", "category", "qualifier", "precision", "number",
                                 "instrument", "attribution") if r.get(k) not in (None, ""))
            rows.append([_cell(r["doc"]), r["kind"], str(r["start"]), str(r["end"]), _cell(r.get("value")),
                         details, r["text"].replace("\n", " ")])
        _aligned(cols, rows, out)
    if facts:
        if mentions:
            out.write("\n")
        cols = ["doc", "fact", "value", "qualifier", "precision", "source", "text"]
        _aligned(cols, [[_cell(r.get(c)) for c in cols] for r in facts], out)


def _aligned(cols: list[str], rows: list[list[str]], out: TextIO) -> None:
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip() + "\n")
    for r in rows:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() + "\n")


def run_extract_command(args, out: TextIO, err: TextIO) -> int:
    """The ``extract`` subcommand (see the module docstring).  Returns the exit code."""
    fmt = getattr(args, "format", "jsonl") or "jsonl"
    try:
        published = _as_date(getattr(args, "published", None))
    except ValueError:
        err.write(f"error: --published: {args.published!r} is not a date (YYYY-MM-DD)\n")
        return 2
    story = None
    if getattr(args, "story", None):
        from .story import load_story

        try:
            story = load_story(args.story)
        except InputError as e:
            err.write(f"error: {e}\n")
            return 2
    failed = False
    writer = None
    table_records: list[dict[str, Any]] = []
    for path in args.files:
        try:
            if os.path.isdir(path):
                raise InputError(path, "is a folder, not an article file")
            article = load(path, published)
            mentions = extract(article, published=published)
            records = _records(article, mentions, story)
        except InputError as e:
            err.write(f"error: {e.path}: {e.reason}\n")
            failed = True
            continue
        except FileNotFoundError:
            err.write(f"error: {path}: no such file\n")
            failed = True
            continue
        except (OSError, UnicodeDecodeError, ValueError) as e:
            err.write(f"error: {path}: {e.__class__.__name__}: {e}\n".replace("\n", " ").rstrip() + "\n")
            failed = True
            continue
        if fmt == "jsonl":
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            if writer is None:
                cols = MENTION_COLUMNS + ["fact", "fact_ar", "fact_en", "fact_kind", "value_num", "source",
                                          "evidence", "outlet", "outlet_en", "published", "alternatives"]
                writer = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
                writer.writeheader()
            for r in records:
                writer.writerow({k: _cell(v) for k, v in r.items()})
        else:
            table_records.extend(records)
    if fmt == "table" and table_records:
        _table(table_records, out)
    return 2 if failed else 0
