"""Side-by-side comparison of what each outlet reported about one story.

``build_comparison`` loads every article of a folder (files the loader refuses are
kept as errors, never fatal), extracts the mentions, matches them against the story
catalogue and returns a :class:`Comparison`: the outlets, their facts, the fact
matrix, the disagreements between outlets (as data and as a computed paragraph in
Arabic or English) and the picture of one presence fact (the treaty's Article 4).

Every value shown carries the character offsets (``start``/``end`` in
``Article.text``) of the evidence it was read from.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
import yaml

from .atomic import write_atomic
from .model import Article, InputError, Mention, as_date, is_blank
from .paths import resolve, resolve_output

FACT_COLUMNS = ["doc", "fact", "value", "source", "qualifier", "precision", "outlet",
                "published", "evidence", "start", "end"]
OUTLET_COLUMNS = ["doc", "outlet", "outlet_en", "site", "published", "published_basis",
                  "credited_source", "byline"]
DISAGREEMENT_COLUMNS = ["fact", "fact_label", "fact_kind", "value", "display", "qualifier",
                        "doc", "outlet", "published", "source", "source_basis", "related",
                        "evidence", "start", "end"]
ABSENT = "absent"
LANGS = ("ar", "en")


# ---------------------------------------------------------------- display wording


@lru_cache(maxsize=1)
def display_table() -> dict[str, Any]:
    """The wording table (``data/compare_display.yaml``)."""
    text = resources.files("helpers").joinpath("data/compare_display.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def word(key: str, lang: str) -> str:
    return display_table()["words"][_lang(lang)][key]


_blank = is_blank


def _s(v: Any) -> str:
    return "" if _blank(v) else str(v)


def format_number(n: Any, lang: str = "ar") -> str:
    """12000 -> "12,000" (grouping per language)."""
    if _blank(n):
        return ""
    x = float(n)
    sep = display_table()["thousands_sep"][_lang(lang)]
    s = f"{int(x):,}" if x.is_integer() else f"{x:,}"
    return s.replace(",", sep)


def format_date(value: Any, lang: str = "ar", precision: str | None = None) -> str:
    """ISO ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` (or a date) in words of ``lang``."""
    if _blank(value):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()[:10]
    parts = str(value).split("-")
    try:
        nums = [int(p) for p in parts[:3]]
    except ValueError:
        return str(value)
    table = display_table()
    levels = ("year", "month", "day")
    depth = len(nums) if precision not in levels else min(len(nums), levels.index(precision) + 1)
    prec = levels[depth - 1]
    fmt = table["date_formats"][_lang(lang)][prec]
    month = table["months"][lang][nums[1] - 1] if len(nums) > 1 else ""
    return fmt.format(d=nums[2] if len(nums) > 2 else "", month=month, y=nums[0])


def plural_category(n: int, lang: str) -> str:
    """CLDR plural category of an integer (Arabic: zero/one/two/few/many/other)."""
    n = abs(int(n))
    if lang == "en":
        return "one" if n == 1 else "other"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def counted(n: int, unit: str | None, lang: str) -> str:
    """"500 officers" / "500 ضابط", "3 generals" / "3 جنرالات"."""
    forms = display_table()["units"][_lang(lang)].get(unit or "other") or display_table()["units"][lang]["other"]
    noun = forms.get(plural_category(n, lang)) or forms["other"]
    return f"{format_number(n, lang)} {noun}"


def format_value(kind: str, value: Any, lang: str = "ar", qualifier: Any = None,
                 precision: Any = None, value_num: Any = None, short: bool = True) -> str:
    """How one fact value is shown in a table cell or a sentence."""
    table = display_table()
    lang = _lang(lang)
    if _blank(value) or value == ABSENT:
        return table["absent_cell"] if short else table["presence"][_lang(lang)][ABSENT]
    if kind == "count":
        num = value_num if not _blank(value_num) else value
        try:
            shown = format_number(num, lang)
        except (TypeError, ValueError):
            shown = str(value)
        return table["qualifier_signs"].get(_s(qualifier), "") + shown
    if kind == "date":
        return format_date(value, lang, _s(precision) or None)
    if kind == "presence":
        key = "presence_short" if short else "presence"
        return table[key][_lang(lang)].get(str(value), str(value))
    return str(value)


# ---------------------------------------------------------------- comparing values


def _interval(value: float, qualifier: str) -> tuple[float, float, bool, bool]:
    """(low, high, low_open, high_open) a reported count allows."""
    if qualifier == "at_least":
        return value, math.inf, False, True
    if qualifier == "more_than":
        return value, math.inf, True, True
    if qualifier == "up_to":
        return 0.0, value, False, False
    return value, value, False, False  # exact, approx: the number as stated


def counts_compatible(a: float, qa: str | None, b: float, qb: str | None) -> bool:
    """Can both reports be true?  "more than 10,000" and "12,000" can; 11,000 and
    ≈12,000 cannot (an approximate figure is compared as stated)."""
    lo1, hi1, lo1o, hi1o = _interval(float(a), qa or "exact")
    lo2, hi2, lo2o, hi2o = _interval(float(b), qb or "exact")
    lo, lo_open = (lo1, lo1o) if (lo1, lo1o) > (lo2, lo2o) else (lo2, lo2o)
    hi, hi_open = (hi1, hi1o) if (hi1, not hi1o) < (hi2, not hi2o) else (hi2, hi2o)
    if lo < hi:
        return True
    return lo == hi and not lo_open and not hi_open


def dates_compatible(a: str, b: str) -> bool:
    """"2024-06" and "2024-06-19" agree (one is more precise); "2024-06-19" and
    "2024-06-20" do not."""
    a, b = str(a), str(b)
    short, long_ = sorted((a, b), key=len)
    return long_ == short or long_.startswith(short + "-")


def values_conflict(kind: str, reports: list[tuple[Any, str | None]]) -> bool:
    """True when at least two of the reported ``(value, qualifier)`` cannot both hold."""
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            (a, qa), (b, qb) = reports[i], reports[j]
            if kind == "count":
                if not counts_compatible(a, qa, b, qb):
                    return True
            elif kind == "date":
                if not dates_compatible(a, b):
                    return True
            elif str(a) != str(b):
                return True
    return False


# ---------------------------------------------------------------- the comparison


@dataclass
class Comparison:
    story: Any
    story_path: str
    articles: list[Article]
    mentions_by_doc: dict[str, list[Mention]]
    facts: pd.DataFrame
    errors: list[InputError] = field(default_factory=list)
    articles_dir: str | None = None

    # ----- tables

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
        mentions still shows as a column of dashes — then any other fact in the table."""
        ids = [f.id for f in self._catalogue()]
        if len(self.facts):
            ids += self.facts["fact"].tolist()
        return list(dict.fromkeys(ids))

    def fact_kinds(self) -> dict[str, str]:
        kinds = {f.id: f.kind for f in self._catalogue()}
        for _, r in self.facts.iterrows():
            kinds.setdefault(r["fact"], _s(r.get("fact_kind")))
        return kinds

    def fact_labels(self, lang: str = "ar") -> dict[str, str]:
        col = "fact_ar" if _lang(lang) == "ar" else "fact_en"
        out: dict[str, str] = {}
        for f in self._catalogue():
            out[f.id] = (f.label_ar if lang == "ar" else f.label_en) or f.label_en or f.id
        for _, r in self.facts.iterrows():
            out.setdefault(r["fact"], _s(r.get(col)) or _s(r.get("fact_en")) or r["fact"])
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

    def _cell_rows(self) -> pd.DataFrame:
        """One row per (doc, fact): the first reported value, else the first row."""
        if not len(self.facts):
            return self.facts
        f = self.facts.copy()
        f["_absent"] = f["value"].map(lambda v: _blank(v) or v == ABSENT)
        f["_order"] = range(len(f))
        f = f.sort_values(["_absent", "_order"], kind="stable")
        return f.drop_duplicates(["doc", "fact"]).sort_values("_order").drop(columns=["_absent", "_order"])

    def display_value(self, row: pd.Series | dict, lang: str = "ar", short: bool = True) -> str:
        return format_value(_s(row.get("fact_kind")), row.get("value"), lang, row.get("qualifier"),
                            row.get("precision"), row.get("value_num"), short=short)

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
        for _, r in self._cell_rows().iterrows():
            if r["doc"] not in labels:
                continue
            grid.at[labels[r["doc"]], fl[r["fact"]]] = {
                "display": self.display_value(r, lang),
                "value": _s(r.get("value")),
                "source": _s(r.get("source")),
                "evidence": _s(r.get("evidence")),
                "start": None if _blank(r.get("start")) else int(r["start"]),
                "end": None if _blank(r.get("end")) else int(r["end"]),
                "alternatives": [
                    format_value(_s(r.get("fact_kind")), alt.get("value"), lang, alt.get("qualifier"))
                    + (f" ({alt['source']})" if _s(alt.get("source")) else "")
                    for alt in _alternatives(r)],
            }
        return grid

    def matrix(self, lang: str = "ar") -> pd.DataFrame:
        """Outlets × facts pivot of displayed values ("≈12,000", "19 يونيو 2024", "—")."""
        return self.cells(lang).map(lambda c: c["display"])

    # ----- disagreements

    def _source_of(self, row: pd.Series) -> tuple[str, str]:
        src = _s(row.get("source"))
        if src:
            return src, "attribution"
        try:
            credited = self.article(row["doc"]).meta.credited_source or ""
        except KeyError:
            credited = ""
        return (credited, "credited") if credited else ("", "")

    def _unit_of(self, row: pd.Series) -> str | None:
        if _blank(row.get("start")):
            return None
        for m in self.mentions_by_doc.get(row["doc"], []):
            if m.kind == "quantity" and m.start == int(row["start"]) and m.end == int(row["end"]):
                return m.unit
        return None

    def _related(self, row: pd.Series, counts: pd.DataFrame) -> list[dict[str, Any]]:
        """Sub-counts the same article gives inside the same sentence (the officers and
        generals among the troops): smaller counts of other facts, same evidence."""
        if _blank(row.get("value_num")) or not _s(row.get("evidence")):
            return []
        same = counts[(counts["doc"] == row["doc"]) & (counts["fact"] != row["fact"])
                      & (counts["evidence"] == row["evidence"])]
        out = []
        for _, r in same.iterrows():
            if _blank(r.get("value_num")) or float(r["value_num"]) >= float(row["value_num"]):
                continue
            out.append({"fact": r["fact"], "value": float(r["value_num"]), "qualifier": _s(r.get("qualifier")),
                        "unit": self._unit_of(r), "fact_ar": _s(r.get("fact_ar")), "fact_en": _s(r.get("fact_en")),
                        "start": int(r["start"]), "end": int(r["end"])})
        return out

    def _alternative_rows(self, row: pd.Series) -> list[pd.Series]:
        """The other values one article gives for a fact (the facts table keeps them in
        ``alternatives``), as rows like the main one: they can disagree too."""
        out = []
        for alt in _alternatives(row):
            r = row.copy()
            r["value"] = str(alt.get("value"))
            r["qualifier"] = _s(alt.get("qualifier"))
            r["source"] = _s(alt.get("source"))
            r["start"], r["end"] = alt.get("start"), alt.get("end")
            r["evidence"] = ""
            r["alternative"] = True
            if row.get("fact_kind") == "count":
                try:
                    r["value_num"] = float(alt.get("value"))
                except (TypeError, ValueError):
                    continue
            for m in self.mentions_by_doc.get(row["doc"], []):
                if m.start == alt.get("start") and m.end == alt.get("end"):
                    r["evidence"] = m.sentence
                    if m.kind == "date":
                        r["precision"] = m.precision
                    break
            out.append(r)
        return out

    def disagreement_details(self) -> list[dict[str, Any]]:
        """For every count or date fact on which outlets report values that cannot all
        hold: the distinct values, each with who reported it (attribution in the text,
        else the outlet's credited agency), in which outlet, published when, its
        qualifier, related sub-counts and the evidence offsets."""
        f = self._cell_rows()
        if not len(f):
            return []
        present = f[~f["value"].map(lambda v: _blank(v) or v == ABSENT)]
        counts = present[present["fact_kind"] == "count"]
        published = {a.doc: a.meta.published for a in self.articles}
        out = []
        for fact in self.fact_order():
            rows = present[present["fact"] == fact]
            if rows.empty:
                continue
            kind = rows["fact_kind"].iloc[0]
            if kind not in ("count", "date"):
                continue
            key = (lambda r: float(r["value_num"]) if not _blank(r.get("value_num")) else float(r["value"])) \
                if kind == "count" else (lambda r: str(r["value"]))
            reported = [r for _, r in rows.iterrows()]
            if kind == "count":
                # other counts one article gives for the fact are reports too; other date
                # candidates are not (they are the extractor's runners-up for the event)
                reported += [alt for _, r in rows.iterrows() for alt in self._alternative_rows(r)]
            reports = [(key(r), _s(r.get("qualifier")) or None) for r in reported]
            if not values_conflict(kind, reports):
                continue
            groups: dict[tuple, dict[str, Any]] = {}
            for r, rep in zip(reported, reports):
                g = groups.setdefault(rep, {"value": rep[0], "qualifier": rep[1] or "",
                                            "precision": _s(r.get("precision")), "reports": []})
                source, basis = self._source_of(r)
                pub = published.get(r["doc"])
                g["reports"].append({
                    "doc": r["doc"], "outlet": self.outlet_labels("ar").get(r["doc"], r["doc"]),
                    "outlet_en": self.outlet_labels("en").get(r["doc"], r["doc"]),
                    "published": pub.isoformat() if pub else None,
                    "source": source, "source_basis": basis,
                    "related": self._related(r, counts) if kind == "count" and not r.get("alternative") else [],
                    "alternative": bool(r.get("alternative")),
                    "evidence": _s(r.get("evidence")),
                    "start": None if _blank(r.get("start")) else int(r["start"]),
                    "end": None if _blank(r.get("end")) else int(r["end"]),
                })
            values = list(groups.values())
            for v in values:
                v["reports"].sort(key=lambda x: x["published"] or "9999")
            values.sort(key=lambda v: (v["reports"][0]["published"] or "9999", str(v["value"])))
            first = rows.iloc[0]
            out.append({"fact": fact, "fact_ar": _s(first.get("fact_ar")) or fact,
                        "fact_en": _s(first.get("fact_en")) or fact, "fact_kind": kind, "values": values})
        return out

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
        return [explain_disagreement(d, lang) for d in self.disagreement_details()]

    def explain(self, lang: str = "ar") -> str:
        """The disagreements as one paragraph in ``lang``."""
        parts = self.explanations(lang)
        return " ".join(parts) if parts else display_table()["templates"][_lang(lang)]["none"]

    # ----- presence facts (Article 4)

    def presence_facts(self) -> list[str]:
        kinds = self.fact_kinds()
        return [f for f in self.fact_order() if kinds.get(f) == "presence"]

    def article4(self, fact: str | None = None, lang: str = "ar") -> pd.DataFrame:
        """Per outlet: does it give the treaty article's number, describe the clause
        without a number, or not mention it — with the evidence sentence and offsets.

        ``fact`` defaults to the catalogue's first presence fact."""
        if fact is None:
            pres = self.presence_facts()
            if not pres:
                return pd.DataFrame(columns=["doc", "outlet", "status", "status_label", "evidence", "start", "end"])
            fact = pres[0]
        rows = self._cell_rows()
        rows = rows[rows["fact"] == fact] if len(rows) else rows
        by_doc = {r["doc"]: r for _, r in rows.iterrows()}
        labels = self.outlet_labels(lang)
        out = []
        for doc in self.docs:
            r = by_doc.get(doc)
            status = ABSENT if r is None or _blank(r.get("value")) else str(r["value"])
            out.append({
                "doc": doc, "outlet": labels[doc], "status": status,
                "status_label": display_table()["presence"][_lang(lang)].get(status, status),
                "evidence": "" if r is None or status == ABSENT else _s(r.get("evidence")),
                "start": None if r is None or status == ABSENT or _blank(r.get("start")) else int(r["start"]),
                "end": None if r is None or status == ABSENT or _blank(r.get("end")) else int(r["end"]),
            })
        df = pd.DataFrame(out, columns=["doc", "outlet", "status", "status_label", "evidence", "start", "end"])
        return df.astype({"start": "Int64", "end": "Int64"})

    # ----- one outlet

    def outlet_facts(self, doc: str) -> pd.DataFrame:
        return self.facts[self.facts["doc"] == doc].reset_index(drop=True)

    def outlet_mentions(self, doc: str) -> pd.DataFrame:
        return mentions_table(self.mentions_by_doc.get(doc, []))


def _alternatives(row: Any) -> list[dict[str, Any]]:
    alts = row.get("alternatives") if hasattr(row, "get") else None
    if isinstance(alts, str):  # read back from a CSV
        try:
            alts = json.loads(alts)
        except ValueError:
            return []
    return [a for a in (alts if isinstance(alts, (list, tuple)) else []) if isinstance(a, dict)]


def _plain(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def explain_disagreement(d: dict[str, Any], lang: str = "ar") -> str:
    """"Troops deployed: 11,000 (زيلينسكي, in Sada El Balad, an article of 10 Nov 2024)
    against ≈12,000 including 500 officers and 3 generals (…)." — from the data."""
    lang = _lang(lang)
    t = display_table()["templates"][lang]
    w = display_table()["words"][lang]
    items = []
    for v in d["values"]:
        shown = format_value(d["fact_kind"], v["value"], lang, v["qualifier"], v["precision"])
        related = []
        for rep in v["reports"]:
            for x in rep["related"]:
                s = counted(int(x["value"]), x["unit"], lang)
                if s not in related:
                    related.append(s)
        including = ""
        if related:
            including = w["including"] + (w["list_sep"].join(related[:-1]) + w["and"] + related[-1]
                                          if len(related) > 1 else related[0])
        sources = []
        for rep in v["reports"]:
            date = format_date(rep["published"], lang) if rep["published"] else w["no_date"]
            outlet = rep["outlet"] if lang == "ar" else rep["outlet_en"]
            tpl = t["source_in"] if rep["source"] else t["source_in_nosource"]
            sources.append(tpl.format(source=rep["source"], outlet=outlet, date=date))
        items.append(t["item"].format(value=shown, including=including, sources="; ".join(sources)))
    text = t["paragraph"].format(fact=d["fact_ar"] if lang == "ar" else d["fact_en"],
                                 items=w["against"].join(items))
    dates = sorted(rep["published"] for v in d["values"] for rep in v["reports"] if rep["published"])
    if len(dates) > 1:
        days = (dt.date.fromisoformat(dates[-1]) - dt.date.fromisoformat(dates[0])).days
        if days >= int(display_table().get("gap_min_days", 7)):
            text += t["gap"].format(days=days)
    return text


# ---------------------------------------------------------------- building


def mentions_table(mentions: list[Mention]) -> pd.DataFrame:
    """One row per mention: the extraction module's table."""
    from .extraction import mentions_frame

    return mentions_frame(mentions)


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
    from .extraction import extract
    from .facts import facts_frame, load_story

    story = load_story(story_path)
    mentions_by_doc: dict[str, list[Mention]] = {}
    for a in articles:
        mentions_by_doc[a.doc] = list(extract(a, published=a.meta.published))
    facts = facts_frame(story, articles, mentions_by_doc)
    return Comparison(story=story, story_path=str(story_path), articles=articles,
                      mentions_by_doc=mentions_by_doc, facts=facts.reset_index(drop=True),
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
                     published_overrides: dict[str, Any] | None = None) -> Comparison:
    """Load ``articles_dir``, extract mentions and build the story's facts.

    ``outlets``: doc ids to keep (None: all; an unknown id raises ``KeyError`` naming
    it).  ``published_overrides``: doc id -> ``YYYY-MM-DD`` publication date to use
    instead of the detected one.  Files the loader refuses end up in ``.errors``."""
    from .corpus import load_corpus

    folder = resolve(articles_dir)
    story = resolve(story_path)
    articles, errors = load_corpus(folder)
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
    from .corpus import article_files, manifest_row_for, read_manifest

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
                  story_path: str | os.PathLike, published: Any = None) -> Comparison:
    """A one-outlet comparison for the outlet profile notebook."""
    from .corpus import load_article

    path, row = find_article(article, articles_dir)
    date = _parse_date(published, str(path))
    a = load_article(path, manifest_row=row, published=date)  # the date wins as "override"
    return _compare(resolve(story_path), [a], [], path.parent)


# ---------------------------------------------------------------- output


def facts_csv_frame(comparison: Comparison) -> pd.DataFrame:
    """``facts.csv``'s table: doc, fact, value, source first, then qualifier, precision,
    outlet, published, evidence, start, end."""
    f = comparison.facts.copy()
    for col in FACT_COLUMNS:
        if col not in f.columns:
            f[col] = None
    out = f[FACT_COLUMNS].copy()
    for col in ("start", "end"):
        out[col] = pd.array([None if _blank(v) else int(v) for v in out[col]], dtype="Int64")
    for col in ("doc", "fact", "value", "source", "qualifier", "precision", "outlet", "published", "evidence"):
        out[col] = [_s(v) for v in out[col]]
    return out


def write_outputs(comparison: Comparison, out_dir: str | os.PathLike) -> dict[str, Path]:
    """Write ``facts.csv`` and ``mentions.jsonl`` into ``out_dir`` (each atomically:
    a temporary file renamed over the old one, so a failure never leaves half a file)."""
    out = resolve_output(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    facts_path = out / "facts.csv"
    mentions_path = out / "mentions.jsonl"
    write_atomic(facts_path, facts_csv_frame(comparison).to_csv(index=False))
    lines = [json.dumps(m.to_json(), ensure_ascii=False, default=str)
             for a in comparison.articles for m in comparison.mentions_by_doc.get(a.doc, [])]
    write_atomic(mentions_path, "".join(line + "\n" for line in lines))
    return {"facts": facts_path, "mentions": mentions_path}
