"""Shared pytest fixtures and markers."""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SEEDS = ROOT / "seeds"

# The development articles (third-party excerpts) are not part of the project: they sit in
# the evaluation data folder next to it (``../shared``: ``dev/docs/``, ``gold/``), or
# wherever this variable points.  Tests that need them skip when they are not there.
EVAL_DATA_ENV = "ARABIC_NEWS_EVAL_DATA"
NO_EVAL_DATA = f"development articles not found: set {EVAL_DATA_ENV} to the evaluation data folder"


def eval_data_dir() -> Path:
    """The evaluation data folder: ``$ARABIC_NEWS_EVAL_DATA``, else ``../shared`` beside
    the project (it may not exist)."""
    env = os.environ.get(EVAL_DATA_ENV)
    return Path(env).expanduser() if env else ROOT.parent / "shared"


def _has_dev_docs(folder: Path) -> bool:
    docs = folder / "dev" / "docs"
    return docs.is_dir() and any(docs.iterdir())


def _gold_mentions() -> dict:
    with open(GOLD / "mentions.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)["docs"]


GOLD_MENTIONS = _gold_mentions()


def gold_is_dev(key: str) -> bool:
    """Whether a gold document is a development excerpt (in the evaluation data folder)
    rather than a seed (in the project)."""
    return not key.startswith("seeds/")


def pytest_generate_tests(metafunc):
    # Tests taking ``gold_key`` run once per document of tests/gold/mentions.yaml.
    if "gold_key" in metafunc.fixturenames:
        keys = sorted(GOLD_MENTIONS)
        metafunc.parametrize("gold_key", keys, ids=[Path(k).stem for k in keys])


@pytest.fixture(scope="session")
def eval_data() -> Path:
    """The evaluation data folder; skips the test when its development articles are absent."""
    folder = eval_data_dir()
    if not _has_dev_docs(folder):
        pytest.skip(NO_EVAL_DATA)
    return folder


@pytest.fixture(scope="session")
def doc_roots() -> list[Path]:
    """Where the gold's documents are looked up: the project (``seeds/``), then the
    evaluation data folder (``dev/docs/``) when it is there."""
    folder = eval_data_dir()
    return [ROOT, folder] if _has_dev_docs(folder) else [ROOT]


@pytest.fixture
def gold_doc(gold_key) -> dict:
    """The gold entry of one document (published, body, quantities, dates, article_refs)."""
    return GOLD_MENTIONS[gold_key]


@pytest.fixture
def gold_file(gold_key, request) -> Path:
    """The file a gold entry names: a seed in the project, a development excerpt in the
    evaluation data folder (the test skips when that folder is absent)."""
    if not gold_is_dev(gold_key):
        return ROOT / gold_key
    path = request.getfixturevalue("eval_data") / gold_key
    if not path.is_file():
        pytest.skip(f"{gold_key} is not in the evaluation data folder; {NO_EVAL_DATA}")
    return path


@pytest.fixture(scope="session")
def gold_story_facts() -> list[dict[str, str]]:
    """tests/gold/story_facts.csv: the comparison table expected for the seeds."""
    with open(GOLD / "story_facts.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))

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
    out = {}
    for path, doc in GOLD_MENTIONS.items():
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
def seed_facts(gold_story_facts):
    """The seeds' expected facts (tests/gold/story_facts.csv) in the facts-table schema,
    outlet names and dates from seeds/manifest.csv."""
    import pandas as pd

    with open(SEEDS / "manifest.csv", encoding="utf-8", newline="") as fh:
        manifest = {r["id"]: r for r in csv.DictReader(fh)}
    qualifiers = _gold_qualifiers()
    rows = []
    for r in gold_story_facts:
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
