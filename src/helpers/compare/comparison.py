"""What each outlet reported about one story, side by side.

A :class:`Comparison` holds the articles, their mentions and the story's facts as each
article reports them (:class:`~helpers.model.ReportedFact`); every table it offers (the
facts, the outlets × facts matrix, the disagreements, the picture of one presence fact)
is computed from those.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import agreement
from .facttable import frame_of
from ..model import Article, InputError, Mention, ReportedFact
from ..present.wording import ABSENT, check_lang, counted, display_table, format_value, word

OUTLET_COLUMNS = ["doc", "outlet", "outlet_en", "site", "published", "published_basis",
                  "credited_source", "byline"]
DISAGREEMENT_COLUMNS = ["fact", "fact_label", "fact_kind", "value", "display", "qualifier",
                        "doc", "outlet", "published", "source", "source_basis", "related",
                        "evidence", "start", "end"]
ARTICLE4_COLUMNS = ["doc", "outlet", "status", "status_label", "evidence", "start", "end"]


def mentions_table(mentions: list[Mention]) -> pd.DataFrame:
    """One row per mention: the extraction module's table."""
    from ..extractors.pipeline import mentions_frame

    return mentions_frame(mentions)


def _plain(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


@dataclass
class Comparison:
    story: Any
    story_path: str
    articles: list[Article]
    mentions_by_doc: dict[str, list[Mention]]
    reported: list[ReportedFact]  # every fact each article reports, article by article
    errors: list[InputError] = field(default_factory=list)
    articles_dir: str | None = None

    # ----- tables

    @property
    def facts(self) -> pd.DataFrame:
        """The facts table: one row per :attr:`reported` fact."""
        return frame_of(self.reported)

    @property
    def docs(self) -> list[str]:
        return [a.doc for a in self.articles]

    def article(self, doc: str) -> Article:
        for a in self.articles:
            if a.doc == doc:
                return a
        raise KeyError(f"{doc}: no such article in the comparison ({', '.join(self.docs)})")

    @property
    def outlets(self) -> pd.DataFrame:
        rows = []
        for a in self.articles:
            m = a.meta
            rows.append({
                "doc": a.doc,
                "outlet": a.label,
                "outlet_en": a.label_en,
                "site": m.site or "",
                "published": m.published.isoformat() if m.published else None,
                "published_basis": m.published_basis or "",
                "credited_source": m.credited_source or "",
                "byline": m.byline or "",
            })
        return pd.DataFrame(rows, columns=OUTLET_COLUMNS)

    @property
    def mentions(self) -> pd.DataFrame:
        allm = [m for a in self.articles for m in self.mentions_by_doc.get(a.doc, [])]
        return mentions_table(allm)

    def _catalogue(self) -> list[Any]:
        return list(getattr(self.story, "facts", None) or [])

    def fact_order(self) -> list[str]:
        """Fact ids in catalogue order — every fact of the story, so a fact no outlet
        mentions still shows as a column of dashes — then any other fact reported."""
        ids = [f.id for f in self._catalogue()] + [f.fact for f in self.reported]
        return list(dict.fromkeys(ids))

    def fact_kinds(self) -> dict[str, str]:
        kinds = {f.id: f.kind for f in self._catalogue()}
        for f in self.reported:
            kinds.setdefault(f.fact, f.fact_kind)
        return kinds

    def fact_labels(self, lang: str = "ar") -> dict[str, str]:
        check_lang(lang)
        out: dict[str, str] = {}
        for f in self._catalogue():
            out[f.id] = (f.label_ar if lang == "ar" else f.label_en) or f.label_en or f.id
        for f in self.reported:
            out.setdefault(f.fact, (f.fact_ar if lang == "ar" else f.fact_en) or f.fact_en or f.fact)
        counts: dict[str, int] = {}
        for v in out.values():
            counts[v] = counts.get(v, 0) + 1
        return {f: (f"{v} ({f})" if counts[v] > 1 else v) for f, v in out.items()}

    def outlet_labels(self, lang: str = "ar") -> dict[str, str]:
        """Doc id -> outlet name in ``lang``; two articles of one outlet get their ids
        appended ("RT Arabic (007)") so table rows stay distinct."""
        names = {a.doc: (a.label if lang == "ar" else a.label_en) for a in self.articles}
        seen: dict[str, int] = {}
        for n in names.values():
            seen[n] = seen.get(n, 0) + 1
        return {d: (f"{n} ({d})" if seen[n] > 1 and n != d else n) for d, n in names.items()}

    def cell_facts(self) -> list[ReportedFact]:
        """One fact per (doc, fact): the first reported value, else the first row; in
        the order of :attr:`reported`."""
        chosen: dict[tuple[str, str], int] = {}
        for i, f in enumerate(self.reported):
            key = (f.doc, f.fact)
            if key not in chosen or (f.reported and not self.reported[chosen[key]].reported):
                chosen[key] = i
        return [self.reported[i] for i in sorted(chosen.values())]

    def display_value(self, row: ReportedFact | pd.Series | dict, lang: str = "ar", short: bool = True) -> str:
        f = row if isinstance(row, ReportedFact) else ReportedFact.from_record(dict(row))
        return format_value(f.fact_kind, f.value, lang, f.qualifier, f.precision, f.value_num, short=short)

    def cells(self, lang: str = "ar") -> pd.DataFrame:
        """Outlets × facts; each cell a dict: display, value, source, evidence, start, end."""
        labels = self.outlet_labels(lang)
        fl = self.fact_labels(lang)
        index = [labels[d] for d in self.docs]
        columns = [fl[f] for f in self.fact_order()]
        grid = pd.DataFrame(index=pd.Index(index, name=word("outlet", lang)), columns=columns, dtype=object)
        for doc in self.docs:
            for fact in self.fact_order():
                grid.at[labels[doc], fl[fact]] = {"display": display_table()["absent_cell"], "value": ABSENT,
                                                  "source": "", "evidence": "", "start": None, "end": None}
        for f in self.cell_facts():
            if f.doc not in labels:
                continue
            grid.at[labels[f.doc], fl[f.fact]] = {
                "display": self.display_value(f, lang), "value": f.value, "source": f.source,
                "evidence": f.evidence, "start": f.start, "end": f.end,
                "alternatives": [format_value(f.fact_kind, alt.value, lang, alt.qualifier)
                                 + (f" ({alt.source})" if alt.source else "") for alt in f.alternatives],
            }
        return grid

    def matrix(self, lang: str = "ar") -> pd.DataFrame:
        """Outlets × facts pivot of displayed values ("≈12,000", "19 يونيو 2024", "—")."""
        return self.cells(lang).map(lambda c: c["display"])

    # ----- disagreements

    def disagreement_details(self) -> list[dict[str, Any]]:
        """See :func:`helpers.compare.agreement.disagreement_details`."""
        return agreement.disagreement_details(self)

    def disagreements(self, lang: str = "ar") -> pd.DataFrame:
        """The disagreements flat: one row per (fact, value, outlet)."""
        rows = []
        for d in self.disagreement_details():
            for v in d["values"]:
                shown = format_value(d["fact_kind"], v["value"], lang, v["qualifier"], v["precision"])
                for rep in v["reports"]:
                    rows.append({
                        "fact": d["fact"], "fact_label": d["fact_ar"] if lang == "ar" else d["fact_en"],
                        "fact_kind": d["fact_kind"],
                        "value": _plain(v["value"]), "display": shown, "qualifier": v["qualifier"],
                        "doc": rep["doc"], "outlet": rep["outlet"] if lang == "ar" else rep["outlet_en"],
                        "published": rep["published"], "source": rep["source"],
                        "source_basis": rep["source_basis"],
                        "related": word("list_sep", lang).join(
                            counted(int(x["value"]), x["unit"], lang) for x in rep["related"]),
                        "evidence": rep["evidence"], "start": rep["start"], "end": rep["end"],
                    })
        return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS).astype({"start": "Int64", "end": "Int64"})

    def explanations(self, lang: str = "ar") -> list[str]:
        """One sentence per disagreement, computed from :meth:`disagreement_details`."""
        return [agreement.explain_disagreement(d, lang) for d in self.disagreement_details()]

    def explain(self, lang: str = "ar") -> str:
        """The disagreements as one paragraph in ``lang``."""
        parts = self.explanations(lang)
        return " ".join(parts) if parts else display_table()["templates"][check_lang(lang)]["none"]

    # ----- what the story asks the pages to show

    def _chart_of(self, fact: str) -> str:
        story_charts = getattr(self.story, "charts", None) or {}
        return story_charts.get(fact, "")

    def chart_of(self, fact: str) -> str:
        """The chart the story asks for ``fact`` (``bars``, ``over_time``, ``none`` …; "" when
        it says nothing)."""
        return self._chart_of(fact)

    def presence_facts(self) -> list[str]:
        """The presence facts, in catalogue order, except those the story charts as ``none``."""
        kinds = self.fact_kinds()
        return [f for f in self.fact_order() if kinds.get(f) == "presence" and self._chart_of(f) != "none"]

    def charted_counts(self) -> list[str]:
        """The count facts the story charts (not ``chart: none``) that some outlet reports
        with a number: one chart each, and none for a fact nobody gives."""
        have = {f.fact for f in self.reported if f.fact_kind == "count" and f.value_num is not None}
        kinds = self.fact_kinds()
        return [f for f in self.fact_order() if kinds.get(f) == "count" and f in have
                and self._chart_of(f) != "none"]

    def section(self, key: str, lang: str = "ar") -> tuple[str, str]:
        """(title, text) the story file gives for a page section ("", "" when none)."""
        section = getattr(self.story, "section", None)
        return section(key, check_lang(lang)) if section else ("", "")

    def title(self, lang: str = "ar") -> str:
        title = getattr(self.story, "title", None)
        return title(check_lang(lang)) if callable(title) else ""

    def about(self, fact: str, lang: str = "ar") -> str:
        """What the story file says a fact is ("" when it says nothing)."""
        for f in self._catalogue():
            if f.id == fact:
                return (getattr(f, "about", None) or {}).get(check_lang(lang), "")
        return ""

    def presence(self, fact: str | None = None, lang: str = "ar") -> pd.DataFrame:
        """Per outlet: the level of a presence fact it reaches (for a treaty article: the
        number given, the clause described without it, or not mentioned) — with the
        evidence sentence and offsets.

        ``fact`` defaults to the catalogue's first presence fact."""
        if fact is None:
            pres = self.presence_facts()
            if not pres:
                return pd.DataFrame(columns=ARTICLE4_COLUMNS)
            fact = pres[0]
        by_doc = {f.doc: f for f in self.cell_facts() if f.fact == fact}
        labels = self.outlet_labels(lang)
        lang = check_lang(lang)
        own = next((getattr(f, "level_labels", {}) for f in self._catalogue() if f.id == fact), {})
        out = []
        for doc in self.docs:
            f = by_doc.get(doc)
            status = ABSENT if f is None or not f.value else f.value
            shown = f is not None and status != ABSENT
            out.append({
                "doc": doc, "outlet": labels[doc], "status": status,
                "status_label": own.get(status, {}).get(lang) or display_table()["presence"][lang].get(status, status),
                "evidence": f.evidence if shown else "",
                "start": f.start if shown else None, "end": f.end if shown else None,
            })
        df = pd.DataFrame(out, columns=ARTICLE4_COLUMNS)
        return df.astype({"start": "Int64", "end": "Int64"})

    article4 = presence  # the seeds' first presence fact; the old name stays for callers

    # ----- one outlet

    def outlet_facts(self, doc: str) -> pd.DataFrame:
        return frame_of([f for f in self.reported if f.doc == doc])

    def outlet_mentions(self, doc: str) -> pd.DataFrame:
        return mentions_table(self.mentions_by_doc.get(doc, []))


