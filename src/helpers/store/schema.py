"""The store's three tables as Arrow schemas, and one article's rows in them.

``articles``: one row per indexed article (its id, content hash, the tool version that
indexed it, outlet, site, address, publication date and how it was found, title,
cleaned body and a summary of the page chrome the cleaner removed).

``mentions``: one row per mention, in the order ``python -m helpers extract`` prints
them; ``record`` is exactly the JSON object ``extract --format jsonl`` emits for it, the
other columns are the same fields typed for queries (``value`` as text, ``value_num``
when it is a number), plus the article's id, outlet and publication date.

``errors``: one row per file (or export row) the tool could not use, with the reason.

Offsets: a mention's ``start``/``end`` index ``title + "\\n" + body``.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

STANDARD_FIELDS = ("doc", "kind", "text", "start", "end", "sentence", "value", "value_max", "unit",
                   "category", "qualifier", "attribution", "precision", "number", "instrument")


def _schemas():
    import pyarrow as pa

    s, i, d, f = pa.string(), pa.int64(), pa.date32(), pa.float64()
    articles = pa.schema([
        ("id", s), ("doc", s), ("content_hash", s), ("tool_version", s), ("source", s),
        ("outlet", s), ("outlet_ar", s), ("outlet_en", s), ("site", s), ("url", s),
        ("published", d), ("published_basis", s), ("month", s), ("title", s), ("body", s),
        ("credited_source", s), ("byline", s), ("dateline_place", s), ("removed_count", i),
        ("removed_summary", s), ("n_mentions", i), ("batch", s),
    ])
    mentions = pa.schema([
        ("article_id", s), ("content_hash", s), ("ordinal", i), ("outlet", s), ("published", d),
        ("month", s), ("doc", s), ("kind", s), ("text", s), ("start", i), ("end", i), ("sentence", s),
        ("value", s), ("value_num", f), ("value_max", s), ("value_max_num", f), ("unit", s),
        ("category", s), ("qualifier", s), ("attribution", s), ("precision", s), ("number", i),
        ("instrument", s), ("extra", s), ("record", s), ("batch", s),
    ])
    errors = pa.schema([("file", s), ("reason", s), ("content_hash", s), ("tool_version", s),
                        ("batch", s)])
    return {"articles": articles, "mentions": mentions, "errors": errors}


_CACHE: dict[str, Any] = {}


def schemas() -> dict[str, Any]:
    """Table name → ``pyarrow.Schema`` (built once; pyarrow is imported on first use)."""
    if not _CACHE:
        _CACHE.update(_schemas())
    return _CACHE


def month_of(published: dt.date | None) -> str:
    """The partition of an article: ``YYYY-MM`` of its publication, ``unknown`` without one."""
    return published.strftime("%Y-%m") if published else "unknown"


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v)


def article_row(article, art_id: str, content_hash: str, version: str, source: str,
                n_mentions: int, batch: str) -> dict[str, Any]:
    """The ``articles`` row of a loaded :class:`~helpers.model.Article`."""
    meta = article.meta
    kinds = Counter(str(r.get("kind") or "other") for r in article.removed)
    return {
        "id": art_id, "doc": article.doc, "content_hash": content_hash, "tool_version": version,
        "source": source, "outlet": article.label, "outlet_ar": meta.outlet_ar,
        "outlet_en": meta.outlet_en, "site": meta.site, "url": meta.url,
        "published": meta.published, "published_basis": meta.published_basis,
        "month": month_of(meta.published), "title": article.title, "body": article.body,
        "credited_source": meta.credited_source, "byline": meta.byline,
        "dateline_place": meta.dateline_place, "removed_count": len(article.removed),
        "removed_summary": json.dumps(dict(sorted(kinds.items())), ensure_ascii=False),
        "n_mentions": n_mentions, "batch": batch,
    }


def mention_rows(records: list[dict[str, Any]], art: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``mentions`` rows of one article: ``records`` as ``extract`` emits them, ``art``
    the article's ``articles`` row."""
    rows = []
    for n, r in enumerate(records):
        extra = {k: v for k, v in r.items() if k not in STANDARD_FIELDS}
        rows.append({
            "article_id": art["id"], "content_hash": art["content_hash"], "ordinal": n,
            "outlet": art["outlet"], "published": art["published"], "month": art["month"],
            "doc": r.get("doc"), "kind": r.get("kind"), "text": r.get("text"),
            "start": r.get("start"), "end": r.get("end"), "sentence": r.get("sentence"),
            "value": _text(r.get("value")), "value_num": _num(r.get("value")),
            "value_max": _text(r.get("value_max")), "value_max_num": _num(r.get("value_max")),
            "unit": r.get("unit"), "category": r.get("category"), "qualifier": r.get("qualifier"),
            "attribution": _text(r.get("attribution")), "precision": r.get("precision"),
            "number": r.get("number") if isinstance(r.get("number"), int) else None,
            "instrument": r.get("instrument"),
            "extra": json.dumps(extra, ensure_ascii=False) if extra else None,
            "record": json.dumps(r, ensure_ascii=False), "batch": art["batch"],
        })
    return rows
