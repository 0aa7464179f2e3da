"""When do two outlets disagree, and how is the disagreement told?

A count is an interval ("more than 10,000" is (10,000, ∞)); two counts agree when their
intervals meet.  A date agrees with a more precise one inside it ("2024-06" and
"2024-06-19").  :func:`disagreement_details` finds, for one comparison, every count or
date fact whose reported values cannot all hold, with who reported each value, where
and when; :func:`explain_disagreement` turns one of them into a sentence.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import Any

from ..model import ReportedFact
from ..present.wording import check_lang, counted, display_table, format_date, format_value


def interval(value: float, qualifier: str) -> tuple[float, float, bool, bool]:
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
    lo1, hi1, lo1o, hi1o = interval(float(a), qa or "exact")
    lo2, hi2, lo2o, hi2o = interval(float(b), qb or "exact")
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


# ---------------------------------------------------------------- one comparison


def _source_of(comparison: Any, f: ReportedFact) -> tuple[str, str]:
    """Who the value is credited to: the attribution in the text, else the outlet's
    credited agency — and which of the two it is."""
    if f.source:
        return f.source, "attribution"
    try:
        credited = comparison.article(f.doc).meta.credited_source or ""
    except KeyError:
        credited = ""
    return (credited, "credited") if credited else ("", "")


def _related(f: ReportedFact, counts: list[ReportedFact]) -> list[dict[str, Any]]:
    """Sub-counts the same article gives inside the same sentence (the officers and
    generals among the troops): smaller counts of other facts, same evidence."""
    if f.value_num is None or not f.evidence:
        return []
    out = []
    for r in counts:
        if r.doc != f.doc or r.fact == f.fact or r.evidence != f.evidence:
            continue
        if r.value_num is None or r.value_num >= f.value_num:
            continue
        out.append({"fact": r.fact, "value": float(r.value_num), "qualifier": r.qualifier or "",
                    "unit": r.unit, "fact_ar": r.fact_ar, "fact_en": r.fact_en,
                    "start": int(r.start), "end": int(r.end)})
    return out


def _alternative_reports(comparison: Any, f: ReportedFact) -> list[ReportedFact]:
    """The other values one article gives for a fact, as facts like the main one (their
    sentence and, for dates, precision from the mention): they can disagree too."""
    out = []
    for alt in f.alternatives:
        r = replace(f, value=str(alt.value), qualifier=alt.qualifier or None, source=alt.source,
                    start=alt.start, end=alt.end, evidence="", alternatives=())
        if f.fact_kind == "count":
            try:
                r = replace(r, value_num=float(alt.value))
            except (TypeError, ValueError):
                continue
        for m in comparison.mentions_by_doc.get(f.doc, []):
            if m.start == alt.start and m.end == alt.end:
                r = replace(r, evidence=m.sentence, precision=m.precision if m.kind == "date" else r.precision)
                break
        out.append(r)
    return out


def _report(comparison: Any, r: ReportedFact, alternative: bool, related: list[dict[str, Any]]) -> dict[str, Any]:
    source, basis = _source_of(comparison, r)
    pub = {a.doc: a.meta.published for a in comparison.articles}.get(r.doc)
    return {
        "doc": r.doc, "outlet": comparison.outlet_labels("ar").get(r.doc, r.doc),
        "outlet_en": comparison.outlet_labels("en").get(r.doc, r.doc),
        "published": pub.isoformat() if pub else None,
        "source": source, "source_basis": basis, "related": related, "alternative": alternative,
        "evidence": r.evidence, "start": r.start, "end": r.end,
    }


def _fact_disagreement(comparison: Any, fact: str, rows: list[ReportedFact],
                       counts: list[ReportedFact]) -> dict[str, Any] | None:
    kind = rows[0].fact_kind
    if kind not in ("count", "date"):
        return None
    reported = [(r, False) for r in rows]
    if kind == "count":
        # other counts one article gives for the fact are reports too; other date
        # candidates are not (they are the extractor's runners-up for the event)
        reported += [(alt, True) for r in rows for alt in _alternative_reports(comparison, r)]
    key = (lambda r: r.value_num if r.value_num is not None else float(r.value)) \
        if kind == "count" else (lambda r: str(r.value))
    reports = [(key(r), r.qualifier or None) for r, _ in reported]
    if not values_conflict(kind, reports):
        return None
    groups: dict[tuple, dict[str, Any]] = {}
    for (r, alternative), rep in zip(reported, reports):
        g = groups.setdefault(rep, {"value": rep[0], "qualifier": rep[1] or "",
                                    "precision": r.precision or "", "reports": []})
        related = _related(r, counts) if kind == "count" and not alternative else []
        g["reports"].append(_report(comparison, r, alternative, related))
    values = list(groups.values())
    for v in values:
        v["reports"].sort(key=lambda x: x["published"] or "9999")
    values.sort(key=lambda v: (v["reports"][0]["published"] or "9999", str(v["value"])))
    first = rows[0]
    return {"fact": fact, "fact_ar": first.fact_ar or fact, "fact_en": first.fact_en or fact,
            "fact_kind": kind, "values": values}


def disagreement_details(comparison: Any) -> list[dict[str, Any]]:
    """For every count or date fact on which outlets report values that cannot all
    hold: the distinct values, each with who reported it (attribution in the text,
    else the outlet's credited agency), in which outlet, published when, its
    qualifier, related sub-counts and the evidence offsets."""
    present = [f for f in comparison.cell_facts() if f.reported]
    counts = [f for f in present if f.fact_kind == "count"]
    out = []
    for fact in comparison.fact_order():
        rows = [f for f in present if f.fact == fact]
        if rows:
            d = _fact_disagreement(comparison, fact, rows, counts)
            if d is not None:
                out.append(d)
    return out


def explain_disagreement(d: dict[str, Any], lang: str = "ar") -> str:
    """"Troops deployed: 11,000 (زيلينسكي, in Sada El Balad, an article of 10 Nov 2024)
    against ≈12,000 including 500 officers and 3 generals (…)." — from the data."""
    lang = check_lang(lang)
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

