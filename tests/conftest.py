"""Shared pytest fixtures and markers."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SEEDS = ROOT / "seeds"

# Labels and kinds of the story's facts, as the facts table carries them.
FACT_LABELS = {
    "troops_deployed": ("count", "الجنود المنتشرون", "Troops deployed"),
    "officers": ("count", "الضباط", "Officers"),
    "generals": ("count", "الجنرالات", "Generals"),
    "treaty_article_4": ("presence", "المادة 4 من المعاهدة", "Treaty article 4"),
    "treaty_signed": ("date", "توقيع المعاهدة", "Treaty signed"),
    "kursk_incursion": ("date", "التوغل في كورسك", "Kursk incursion"),
    "russia_confirmed": ("date", "تأكيد روسيا", "Russia confirms"),
    "nk_troops_arrived": ("date", "وصول القوات الكورية", "NK troops arrive"),
    "first_clash": ("date", "أول اشتباك", "First clash"),
}


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "mpl_fallback: also run under matplotlib 3.10 (.venv-mpl310), where Arabic "
        "labels take the reshape + bidi path",
    )


def _gold_qualifiers() -> dict[tuple[str, float], str]:
    """(doc id, value) -> qualifier, from the expected mentions of the seeds."""
    import yaml

    with open(GOLD / "mentions.yaml", encoding="utf-8") as fh:
        gold = yaml.safe_load(fh)
    out = {}
    for path, doc in gold["docs"].items():
        if not path.startswith("seeds/"):
            continue
        doc_id = Path(path).name.split("_")[0]
        for q in doc.get("quantities") or []:
            qual = q.get("qualifier")
            if isinstance(qual, list):
                qual = qual[0]
            out[(doc_id, float(q["value"]))] = qual
    return out


@pytest.fixture(scope="session")
def seed_facts():
    """The seeds' expected facts (tests/gold/story_facts.csv) in the facts-table schema,
    outlet names and dates from seeds/manifest.csv."""
    import pandas as pd

    with open(SEEDS / "manifest.csv", encoding="utf-8", newline="") as fh:
        manifest = {r["id"]: r for r in csv.DictReader(fh)}
    qualifiers = _gold_qualifiers()
    rows = []
    with open(GOLD / "story_facts.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            m = manifest[r["doc"]]
            kind, fact_ar, fact_en = FACT_LABELS[r["fact"]]
            value = r["value"]
            num = float(value) if kind == "count" else float("nan")
            precision = None
            if kind == "date":
                precision = {10: "day", 7: "month", 4: "year"}[len(value)]
            rows.append({
                "doc": r["doc"],
                "outlet": m["outlet_ar"] or r["doc"],
                "outlet_en": m["outlet_en"] or r["doc"],
                "published": m["published"] or None,
                "fact": r["fact"],
                "fact_ar": fact_ar,
                "fact_en": fact_en,
                "fact_kind": kind,
                "value": value,
                "value_num": num,
                "qualifier": qualifiers.get((r["doc"], num), "exact") if kind == "count" else None,
                "precision": precision,
                "source": r["source"],
                "evidence": "",
                "text": "",
                "start": -1,
                "end": -1,
            })
    return pd.DataFrame(rows)
