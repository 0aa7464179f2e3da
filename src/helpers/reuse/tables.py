"""The shared text as tables, for the notebooks (imports pandas).

* :func:`pairs_frame` — one row per pair of articles sharing text: outlets, shares,
  who published first, whom each credits, the words that differ;
* :func:`share_matrix` — outlets × outlets: the part of the row's article shared with
  the column's;
* :func:`evidence_frame` — one row per reported fact: shared or not, carried by whom,
  independent reports of its value, the edited-figure phrase when there is one;
* :func:`independent_frame` — one row per fact and value: reports and independent reports.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import pandas as pd

from ..model import Article
from .detect import ReusePair
from .facts import FactReuse

PAIR_COLUMNS = ["a", "b", "outlet_a", "outlet_b", "share_a", "share_b", "published_a", "published_b",
                "first", "credited_a", "credited_b", "passages", "shared_words", "differences"]
EVIDENCE_COLUMNS = ["doc", "outlet", "fact", "value", "shared", "carried_by", "carried_docs", "reports",
                    "independent", "edited", "start", "end", "sentence_start", "sentence_end"]
INDEPENDENT_COLUMNS = ["fact", "value", "reports", "independent", "groups"]


def _labels(articles: Iterable[Article], lang: str) -> dict[str, str]:
    return {a.doc: (a.label if lang == "ar" else a.label_en) for a in articles}


def _first(p: ReusePair) -> str | None:
    if p.published_a and p.published_b and p.published_a != p.published_b:
        return p.a if p.published_a < p.published_b else p.b
    return None


def pairs_frame(pairs: Sequence[ReusePair], articles: Iterable[Article], lang: str = "ar") -> pd.DataFrame:
    """One row per pair; ``first`` the article published earlier (blank: same day or unknown)."""
    names = _labels(articles, lang)
    rows = [{
        "a": p.a, "b": p.b, "outlet_a": names.get(p.a, p.a), "outlet_b": names.get(p.b, p.b),
        "share_a": round(p.share_a, 3), "share_b": round(p.share_b, 3),
        "published_a": p.published_a, "published_b": p.published_b, "first": _first(p),
        "credited_a": p.credited_a or "", "credited_b": p.credited_b or "",
        "passages": len(p.passages), "shared_words": sum(x.words for x in p.passages),
        "differences": "; ".join(f"{d.text_a or '∅'} → {d.text_b or '∅'}" for d in p.differences),
    } for p in pairs]
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def share_matrix(pairs: Sequence[ReusePair], articles: Iterable[Article], lang: str = "ar") -> pd.DataFrame:
    """Outlets × outlets: the share of the row's article that it shares with the column's
    (0 where they share nothing; the diagonal blank)."""
    arts = list(articles)
    names = _labels(arts, lang)
    docs = [a.doc for a in arts]
    grid = pd.DataFrame(0.0, index=[names[d] for d in docs], columns=[names[d] for d in docs])
    for p in pairs:
        if p.a in names and p.b in names:
            grid.at[names[p.a], names[p.b]] = round(p.share_a, 3)
            grid.at[names[p.b], names[p.a]] = round(p.share_b, 3)
    for d in docs:
        grid.at[names[d], names[d]] = float("nan")
    return grid


def evidence_frame(reuse: FactReuse, articles: Iterable[Article], lang: str = "ar") -> pd.DataFrame:
    """One row per reported fact, read against the shared text."""
    names = _labels(articles, lang)
    edits = {}
    for e in reuse.edits:
        edits[(e.doc_a, e.fact)] = edits[(e.doc_b, e.fact)] = e.phrase(lang)
    counts = {(c.fact, c.value): c for c in reuse.independent}
    rows = []
    for e in reuse.evidence:
        c = counts.get((e.fact, e.value))
        rows.append({
            "doc": e.doc, "outlet": names.get(e.doc, e.doc), "fact": e.fact, "value": e.value,
            "shared": e.shared, "carried_by": ", ".join(names.get(x.doc, x.doc) for x in e.carried_by),
            "carried_docs": [x.doc for x in e.carried_by],
            "reports": c.reports if c else None, "independent": c.independent if c else None,
            "edited": edits.get((e.doc, e.fact), ""), "start": e.start, "end": e.end,
            "sentence_start": e.sentence_start, "sentence_end": e.sentence_end,
        })
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return frame.astype({k: "Int64" for k in ("reports", "independent", "start", "end",
                                              "sentence_start", "sentence_end")})


def independent_frame(reuse: FactReuse) -> pd.DataFrame:
    """One row per fact and value: how many articles report it, how many independently."""
    rows = [{"fact": c.fact, "value": c.value, "reports": c.reports, "independent": c.independent,
             "groups": " | ".join(", ".join(g) for g in c.groups)} for c in reuse.independent]
    return pd.DataFrame(rows, columns=INDEPENDENT_COLUMNS)


SUMMARY = {
    "en": {0: "No two articles share a passage (12 words or more): every report below is its own text.",
           1: "One pair of articles shares text.", "n": "{n} pairs of articles share text."},
    "ar": {0: "لا تتشارك أي مادتين في مقطع (12 كلمة أو أكثر): كل خبر أدناه نص قائم بذاته.",
           1: "زوج واحد من المواد يتشارك نصًا.", "n": "{n} أزواج من المواد تتشارك نصوصًا."},
}


def summary(reuse: FactReuse, lang: str = "ar") -> str:
    """One sentence: how many pairs of articles share text."""
    from ..present.wording import check_lang

    words = SUMMARY[check_lang(lang)]
    n = len(reuse.pairs)
    return words[n] if n in (0, 1) else words["n"].format(n=n)


EVIDENCE_SHOWN = ["outlet", "fact", "value", "shared", "carried_by", "reports", "independent", "edited"]


def _matrix_rows(pairs: Sequence[ReusePair], articles: list[Article], lang: str) -> pd.DataFrame:
    grid = share_matrix(pairs, articles, lang)
    shown = grid.map(lambda v: "—" if v != v else ("" if v == 0 else f"{v:.3f}"))
    return shown.reset_index(names="outlet")


def shared_text_html(reuse: FactReuse, articles: Iterable[Article], lang: str = "ar") -> str:
    """The comparison page's shared-text section: the summary sentence, the pairs and the
    outlets × outlets matrix (when any pair shares text), the edited figures, then every
    reported value with whom it is carried by and its independent reports.  Every cell
    escaped, direction controls shown as markers (:func:`helpers.present.render.frame_html`)."""
    from ..present.render import frame_html
    from ..present.safetext import esc

    arts = list(articles)
    parts = [f"<p>{esc(summary(reuse, lang))}</p>"]
    if reuse.pairs:
        parts.append(frame_html(pairs_frame(reuse.pairs, arts, lang), lang))
        parts.append(frame_html(_matrix_rows(reuse.pairs, arts, lang), lang))
    for e in reuse.edits:
        parts.append(f"<p>{esc(e.phrase(lang))}</p>")
    evidence = evidence_frame(reuse, arts, lang)
    parts.append(frame_html(evidence, lang, columns=EVIDENCE_SHOWN))
    return "\n".join(parts)
