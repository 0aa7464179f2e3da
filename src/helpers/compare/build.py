"""Side-by-side comparison of what each outlet reported about one story: loading and
output.

``build_comparison`` loads every article of a folder (files the loader refuses are
kept as errors, never fatal), extracts the mentions, matches them against the story
catalogue and returns a :class:`~helpers.compare.comparison.Comparison`: the outlets, their
facts, the fact matrix, the disagreements between outlets (as data and as a computed
paragraph in Arabic or English) and, per presence fact, what each outlet says (for the
seeds, the treaty's Article 4).  ``write_outputs`` writes its tables.

Every value shown carries the character offsets (``start``/``end`` in
``Article.text``) of the evidence it was read from.

The names the notebooks use are all here: the comparison (:mod:`helpers.compare.comparison`),
the wording (:mod:`helpers.present.wording`) and the agreement rules (:mod:`helpers.compare.agreement`).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .agreement import counts_compatible, dates_compatible, explain_disagreement, interval, values_conflict
from ..atomic import write_atomic
from .csvsafe import CSV_ENCODING, neutralise
from .comparison import DISAGREEMENT_COLUMNS, OUTLET_COLUMNS, Comparison, mentions_table
from .facttable import facts_of_frame, frame_of
from ..model import Article, InputError, Mention, as_date, is_blank
from ..paths import resolve, resolve_output
from ..present.wording import (ABSENT, LANGS, counted, display_table, format_count, format_date, format_number,
                      format_value, plural_category, text_of, word)

# facts.csv: the first columns as they always were, then the fact's kind and unit
FACT_COLUMNS = ["doc", "fact", "value", "source", "qualifier", "precision", "outlet",
                "published", "evidence", "start", "end", "fact_kind", "unit"]
NUMERIC_FACT_COLUMNS = ("start", "end")

__all__ = [
    "FACT_COLUMNS", "OUTLET_COLUMNS", "DISAGREEMENT_COLUMNS", "ABSENT", "LANGS",
    "Comparison", "build_comparison", "build_profile", "find_article", "facts_csv_frame", "facts_csv_text",
    "write_outputs", "mentions_table", "facts_of_frame", "frame_of",
    "display_table", "word", "format_number", "format_count", "format_date", "plural_category",
    "counted", "format_value", "text_of",
    "interval", "counts_compatible", "dates_compatible", "values_conflict", "explain_disagreement",
]


# ---------------------------------------------------------------- building


def _parse_date(value: Any, what: str) -> dt.date | None:
    try:
        return as_date(value)
    except ValueError:
        raise ValueError(f"{what}: publication date must be YYYY-MM-DD, not {value!r}") from None


def _override(article: Article, published: Any) -> None:
    date = _parse_date(published, article.doc)
    if date is not None:
        article.meta.published = date
        article.meta.published_basis = "override"


def _compare(story_path: Path, articles: list[Article], errors: list[InputError],
             articles_dir: Path | None) -> Comparison:
    from ..extractors.pipeline import extract
    from .facts import story_facts
    from .story import load_story

    story = load_story(story_path)
    mentions_by_doc: dict[str, list[Mention]] = {}
    for a in articles:
        mentions_by_doc[a.doc] = list(extract(a, published=a.meta.published))
    reported = [f for a in articles for f in story_facts(story, a, mentions_by_doc[a.doc])]
    return Comparison(story=story, story_path=str(story_path), articles=articles,
                      mentions_by_doc=mentions_by_doc, reported=reported,
                      errors=list(errors), articles_dir=str(articles_dir) if articles_dir else None)


def _known_id(value: Any, known: set[str]) -> str:
    """An outlet id as given, or the one known id it stands for when a command line
    turned "002" into the number 2."""
    text = str(value).strip()
    if text in known or not text.isdigit():
        return text
    numeric = [k for k in known if k.isdigit() and int(k) == int(text)]
    return numeric[0] if len(numeric) == 1 else text


def build_comparison(story_path: str | os.PathLike, articles_dir: str | os.PathLike,
                     outlets: Iterable[str] | None = None,
                     published_overrides: dict[str, Any] | None = None,
                     max_bytes: int | str | None = None) -> Comparison:
    """Load ``articles_dir``, extract mentions and build the story's facts.

    ``outlets``: doc ids to keep (None: all; an unknown id raises ``KeyError`` naming
    it).  ``published_overrides``: doc id -> ``YYYY-MM-DD`` publication date to use
    instead of the detected one.  ``max_bytes``: the article size limit
    (:func:`helpers.read.corpus.load_article`).  Files the loader refuses, too large
    ones among them, end up in ``.errors``."""
    from ..read.corpus import load_corpus

    folder = resolve(articles_dir)
    story = resolve(story_path)
    articles, errors = load_corpus(folder, max_bytes=max_bytes)
    if outlets is not None:
        if isinstance(outlets, (str, int)):
            outlets = str(outlets).split(",")  # "-p outlets 002,004" from the command line
        known = {a.doc for a in articles}
        wanted = [_known_id(o, known) for o in outlets]
        missing = [o for o in wanted if o not in known]
        if missing:
            raise KeyError(f"{folder}: no article with id {', '.join(missing)} "
                           f"(known: {', '.join(sorted(known))})")
        articles = [a for a in articles if a.doc in set(wanted)]
    for doc, date in (published_overrides or {}).items():
        for a in articles:
            if a.doc == str(doc):
                _override(a, date)
    return _compare(story, articles, errors, folder)


def find_article(article: str | os.PathLike, articles_dir: str | os.PathLike) -> tuple[Path, dict | None]:
    """The file named by ``article`` — a path (relative to the current directory, the
    project root or ``articles_dir``), or an id of ``articles_dir``'s manifest, or a
    file-name id prefix such as ``000`` — and its manifest row (if any)."""
    from ..read.corpus import article_files
    from ..read.manifest import manifest_row_for, read_manifest

    folder = resolve(articles_dir)
    if isinstance(article, int) and not isinstance(article, bool):
        # "-p article 002" on papermill's command line arrives as the number 2
        numeric = [i for i in read_manifest(folder) if i.isdigit() and int(i) == article]
        article = numeric[0] if len(numeric) == 1 else str(article)
    text = os.fspath(article)
    path: Path | None = None
    try:
        path = resolve(text)
    except FileNotFoundError:
        if (folder / text).is_file():
            path = folder / text
    if path is not None and path.is_file():
        rows = read_manifest(path.parent)
        return path, manifest_row_for(path, rows)
    rows = read_manifest(folder)
    row = rows.get(text)
    if row and row.get("file") and (folder / row["file"]).is_file():
        return folder / row["file"], row
    matches = [p for p in article_files(folder) if manifest_row_for(p, {text: {"id": text}})]
    if len(matches) == 1:
        return matches[0], manifest_row_for(matches[0], rows)
    if len(matches) > 1:
        raise KeyError(f"{article}: ambiguous in {folder} ({', '.join(p.name for p in matches)})")
    raise FileNotFoundError(f"{article}: no such file or article id in {folder}")


def build_profile(article: str | os.PathLike, articles_dir: str | os.PathLike,
                  story_path: str | os.PathLike, published: Any = None,
                  max_bytes: int | str | None = None) -> Comparison:
    """A one-outlet comparison for the outlet profile notebook (an article above
    ``max_bytes`` raises :class:`InputError`)."""
    from ..read.corpus import load_article

    path, row = find_article(article, articles_dir)
    date = _parse_date(published, str(path))
    a = load_article(path, manifest_row=row, published=date,  # the date wins as "override"
                     max_bytes=max_bytes)
    return _compare(resolve(story_path), [a], [], path.parent)


# ---------------------------------------------------------------- output


def facts_csv_frame(comparison: Comparison) -> pd.DataFrame:
    """``facts.csv``'s table: doc, fact, value, source first, then qualifier, precision,
    outlet, published, evidence, start, end, fact_kind, unit."""
    records = [f.to_record() for f in comparison.reported]
    out = pd.DataFrame([{c: r[c] for c in FACT_COLUMNS} for r in records], columns=FACT_COLUMNS)
    for col in NUMERIC_FACT_COLUMNS:
        out[col] = pd.array([None if is_blank(v) else int(v) for v in out[col]], dtype="Int64")
    for col in FACT_COLUMNS:
        if col not in NUMERIC_FACT_COLUMNS:
            out[col] = [text_of(v) for v in out[col]]
    return out


def facts_csv_text(comparison: Comparison) -> str:
    """``facts.csv`` as written: :func:`facts_csv_frame` with every text cell that a
    spreadsheet would take for a formula neutralised (:mod:`helpers.compare.csvsafe`);
    the offsets stay numbers."""
    frame = facts_csv_frame(comparison)
    for col in FACT_COLUMNS:
        if col not in NUMERIC_FACT_COLUMNS:
            frame[col] = [neutralise(v) for v in frame[col]]
    return frame.to_csv(index=False, lineterminator="\n")


def write_outputs(comparison: Comparison, out_dir: str | os.PathLike) -> dict[str, Path]:
    """Write ``facts.csv`` (UTF-8 with a byte-order mark, formula-looking text cells
    neutralised: :func:`facts_csv_text`) and ``mentions.jsonl`` into ``out_dir`` (each
    atomically: a temporary file renamed over the old one, so a failure never leaves
    half a file)."""
    out = resolve_output(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    facts_path = out / "facts.csv"
    mentions_path = out / "mentions.jsonl"
    write_atomic(facts_path, facts_csv_text(comparison).encode(CSV_ENCODING))
    lines = [json.dumps(m.to_json(), ensure_ascii=False, default=str)
             for a in comparison.articles for m in comparison.mentions_by_doc.get(a.doc, [])]
    write_atomic(mentions_path, "".join(line + "\n" for line in lines))
    return {"facts": facts_path, "mentions": mentions_path}
