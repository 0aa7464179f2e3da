"""Shared pytest fixtures and markers."""
from __future__ import annotations

import csv
import datetime as dt
import json
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


def gold_is_dev(key: str) -> bool:
    """Whether a gold document is a development excerpt (in the evaluation data folder)
    rather than a seed (in the project)."""
    return not key.startswith("seeds/")


def _gold_mentions() -> dict:
    """The expected mentions: the seeds' from the project (tests/gold/mentions.yaml), the
    development excerpts' from the evaluation data folder's gold when it is there (the
    project carries no third-party text, not even in its gold)."""
    with open(GOLD / "mentions.yaml", encoding="utf-8") as fh:
        docs = yaml.safe_load(fh)["docs"]
    shared = eval_data_dir() / "gold" / "mentions.yaml"
    if shared.is_file():
        with open(shared, encoding="utf-8") as fh:
            theirs = yaml.safe_load(fh)["docs"]
        docs.update({k: v for k, v in theirs.items() if gold_is_dev(k)})
    return docs


GOLD_MENTIONS = _gold_mentions()


def pytest_generate_tests(metafunc):
    # Tests taking ``gold_key`` run once per document of GOLD_MENTIONS.
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


@pytest.fixture(scope="session")
def gold_path(tmp_path_factory) -> Path:
    """The gold of every document available (see GOLD_MENTIONS) as one file, the form the
    evaluation reads."""
    path = tmp_path_factory.mktemp("gold") / "mentions.yaml"
    path.write_text(yaml.safe_dump({"docs": GOLD_MENTIONS}, allow_unicode=True), encoding="utf-8")
    return path


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


# --- nothing is written into the project ------------------------------------------------------
#
# Tests write only under temporary folders.  The project's data and output folders are
# listed when the session starts and again when it ends; a file added, removed or changed
# there fails the run (reported as an error at the teardown of the last test).

WATCHED = ("reports", "seeds", "stories", "notebooks", "docs", "tests/gold")


def _listing(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for name in WATCHED:
        top = root / name
        if not top.exists():
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for f in files:
                path = Path(folder) / f
                st = path.stat()
                out[path.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return out


def _listing_changes(before: dict, after: dict) -> list[str]:
    return ([f"added {k}" for k in sorted(after.keys() - before.keys())]
            + [f"removed {k}" for k in sorted(before.keys() - after.keys())]
            + [f"changed {k}" for k in sorted(before.keys() & after.keys()) if before[k] != after[k]])


@pytest.fixture(scope="session", autouse=True)
def project_left_untouched():
    before = _listing(ROOT)
    yield
    changes = _listing_changes(before, _listing(ROOT))
    if changes:
        pytest.fail("the tests wrote into the project (write under tmp_path instead):\n  "
                    + "\n  ".join(changes[:20]), pytrace=False)


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


# --- hand-built comparison (compare and render tests) -----------------------------------------
#
# Nothing here goes through the loader or the extractors: the articles, mentions and facts
# are written out (own sentences) so the tests pin the comparison logic alone.

_CMP_FACT_LABELS = {
    "troops": ("القوات المنتشرة", "Troops deployed", "count"),
    "officers": ("الضباط", "Officers", "count"),
    "generals": ("الجنرالات", "Generals", "count"),
    "pact_clause": ("بند الدفاع المشترك", "Mutual-defence clause", "presence"),
    "pact_signed": ("توقيع الاتفاق", "Pact signed", "date"),
}


def _make_article(doc, title, body, **meta):
    from helpers.model import Article, ArticleMeta

    text = f"{title}\n{body}"
    return Article(doc=doc, path=f"{doc}.txt", raw=text, title=title, text=text,
                   meta=ArticleMeta(**meta))


def _span(article, needle, occurrence=0):
    at = -1
    for _ in range(occurrence + 1):
        at = article.text.index(needle, at + 1)
    return at, at + len(needle)


def _sentence_of(article, start):
    text = article.text
    a = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    b = text.find(".", start)
    return text[a:(b + 1 if b >= 0 else len(text))].strip()


def _quantity(article, needle, value, unit="soldiers", qualifier="exact", attribution=None):
    from helpers.model import Mention

    s, e = _span(article, needle)
    return Mention(doc=article.doc, kind="quantity", text=article.text[s:e], start=s, end=e,
                   sentence=_sentence_of(article, s), value=value, unit=unit, category="deployed",
                   qualifier=qualifier, attribution=attribution)


def _date_mention(article, needle, value, precision):
    from helpers.model import Mention

    s, e = _span(article, needle)
    return Mention(doc=article.doc, kind="date", text=article.text[s:e], start=s, end=e,
                   sentence=_sentence_of(article, s), value=value, precision=precision)


def _clause_mention(article, needle, number=None):
    from helpers.model import Mention

    s, e = _span(article, needle)
    kind = "article_ref" if number else "clause"
    return Mention(doc=article.doc, kind=kind, text=article.text[s:e], start=s, end=e,
                   sentence=_sentence_of(article, s), number=number, instrument="treaty",
                   value=number)


def _fact_row(article, fact, mention=None, value=None, source="", qualifier="", precision="",
              value_num=None):
    from helpers.model import ReportedFact

    ar, en, kind = _CMP_FACT_LABELS[fact]
    on = mention is not None
    return ReportedFact(
        doc=article.doc, outlet=article.label, outlet_en=article.label_en,
        published=article.meta.published.isoformat() if article.meta.published else None,
        fact=fact, fact_ar=ar, fact_en=en, fact_kind=kind, value=value or "", value_num=value_num,
        qualifier=qualifier or None, precision=precision or None,
        unit=mention.unit if on and kind == "count" else None, source=source,
        evidence=mention.sentence if on else "", text=mention.text if on else "",
        start=mention.start if on else None, end=mention.end if on else None,
        mentions=(mention,) if on else ())


def _build_comparison(troops_b=6500, qualifier_b="exact"):
    """Three outlets (see the ``make_comparison`` fixture)."""
    a = _make_article(
        "a1", "قوات أجنبية تصل إلى خط الجبهة",
        "قال وزير الدفاع إن نحو 8 آلاف جندي وصلوا إلى المنطقة بينهم 200 ضابط و4 جنرالات.\n"
        "ويستند الانتشار إلى المادة 7 من الاتفاق الموقع في 3 مارس 2024.",
        outlet_ar="صحيفة الشرق", outlet_en="Al Sharq", site="sharq.example",
        published=dt.date(2025, 3, 1), published_basis="manifest")
    b = _make_article(
        "b2", "انتشار عسكري جديد <script>alert(1)</script>",
        f"أعلن أن {troops_b} جندي انتشروا على الحدود.\n"
        "ويتضمن الاتفاق بندا للدفاع المشترك وقع في مارس 2024.",
        outlet_ar="موقع الغرب", outlet_en="Al Gharb",
        published=dt.date(2024, 12, 1), published_basis="dateline",
        credited_source="وكالة الأنباء الوطنية")
    c = _make_article("c3", "لقاء دبلوماسي في العاصمة", "التقى الوزيران وبحثا العلاقات الثنائية.",
                      published=dt.date(2025, 3, 2))

    qa = _quantity(a, "نحو 8 آلاف جندي", 8000, qualifier="approx", attribution="وزير الدفاع")
    qo = _quantity(a, "200 ضابط", 200, unit="officers", attribution="وزير الدفاع")
    qg = _quantity(a, "4 جنرالات", 4, unit="generals", attribution="وزير الدفاع")
    ra = _clause_mention(a, "المادة 7", number=7)
    da = _date_mention(a, "في 3 مارس 2024", "2024-03-03", "day")
    qb = _quantity(b, f"{troops_b} جندي", troops_b, qualifier=qualifier_b)
    cb = _clause_mention(b, "بندا للدفاع المشترك")
    db = _date_mention(b, "في مارس 2024", "2024-03", "month")
    mentions = {"a1": [qa, qo, qg, ra, da], "b2": [qb, cb, db], "c3": []}

    rows = [
        _fact_row(a, "troops", qa, "8000", "وزير الدفاع", "approx", value_num=8000.0),
        _fact_row(a, "officers", qo, "200", "وزير الدفاع", "exact", value_num=200.0),
        _fact_row(a, "generals", qg, "4", "وزير الدفاع", "exact", value_num=4.0),
        _fact_row(a, "pact_clause", ra, "explicit"),
        _fact_row(a, "pact_signed", da, "2024-03-03", precision="day"),
        _fact_row(b, "troops", qb, str(troops_b), "", qualifier_b, value_num=float(troops_b)),
        _fact_row(b, "officers", None, "absent"),
        _fact_row(b, "generals", None, "absent"),
        _fact_row(b, "pact_clause", cb, "clause"),
        _fact_row(b, "pact_signed", db, "2024-03", precision="month"),
        _fact_row(c, "troops", None, "absent"),
        _fact_row(c, "officers", None, "absent"),
        _fact_row(c, "generals", None, "absent"),
        _fact_row(c, "pact_clause", None, "absent"),
        _fact_row(c, "pact_signed", None, "absent"),
    ]
    from helpers.compare.build import Comparison

    return Comparison(story=None, story_path="story.yaml", articles=[a, b, c],
                      mentions_by_doc=mentions, reported=rows)


@pytest.fixture
def make_comparison():
    """Factory: ``make_comparison(troops_b=6500, qualifier_b="exact")`` builds three outlets.
    A gives about 8,000 troops incl. 200 officers and 4 generals (credits a minister) and
    the clause's number; B gives ``troops_b`` with no attribution (its credited agency
    stands in) and the clause without number; C mentions neither."""
    return _build_comparison


@pytest.fixture
def comparison(make_comparison):
    """The default three-outlet comparison (see ``make_comparison``)."""
    return make_comparison()


@pytest.fixture
def make_article():
    """Factory: ``make_article(doc, title, body, **meta)`` -> an Article (text = title + body)."""
    return _make_article


@pytest.fixture
def quantity_mention():
    """Factory: ``quantity_mention(article, needle, value, unit=..., qualifier=..., attribution=...)``
    -> a quantity Mention on the first occurrence of ``needle`` in the article text."""
    return _quantity


# --- stand-in notebooks and article folders (batch-report and browser tests) ------------------
#
# The stand-ins take the same parameters as the project's notebooks and write the same kind
# of outputs, but run in a fraction of a second, so the tests exercise the report machinery
# (incremental runs, failures, interruption, HTML safety) and not the extractors.

_OUTLET_SOURCE = r'''
import html, time
from pathlib import Path
from IPython.display import HTML, display
raw = Path(article).read_bytes()
if not raw.strip():
    raise ValueError(f"{Path(article).name}: empty file")
text = raw.decode("utf-8")  # a binary file raises here
if "RAISE-IN-CELL" in text:
    raise RuntimeError("deliberate failure in a cell")
if "SLEEP-IN-CELL" in text:
    time.sleep(120)
time.sleep(float(delay))
Path(output_dir).mkdir(parents=True, exist_ok=True)
(Path(output_dir) / output_name).mkdir(parents=True, exist_ok=True)
(Path(output_dir) / output_name / "profile.txt").write_text(text[:50], encoding="utf-8")
display(HTML("<h2>" + html.escape(Path(article).stem) + "</h2>"
             + "".join(f'<p dir="rtl">{html.escape(line)}</p>' for line in text.splitlines() if line.strip())))
'''

_COMPARE_SOURCE = r'''
import csv, json, html, base64
from pathlib import Path
from IPython.display import HTML, display
out = Path(output_dir)
out.mkdir(parents=True, exist_ok=True)
folder = Path(articles_dir)
docs = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and p.name != "manifest.csv")
rows, mentions = [], []
for p in docs:
    try:
        text = p.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        continue
    if not text.strip():
        continue
    rows.append({"doc": p.stem, "fact": "length", "value": str(len(text)), "outlet": "", "published": ""})
    mentions.append({"doc": p.stem, "kind": "quantity", "text": str(len(text)), "start": 0, "end": 1})
with open(out / "facts.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.DictWriter(fh, fieldnames=["doc", "fact", "value", "outlet", "published"])
    w.writeheader(); w.writerows(rows)
with open(out / "mentions.jsonl", "w", encoding="utf-8") as fh:
    for m in mentions:
        fh.write(json.dumps(m, ensure_ascii=False) + "\n")
# a 1x1 PNG stands in for a chart
png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")
(out / "chart_counts.png").write_bytes(png)
display(HTML("<table dir='rtl'>" + "".join(f"<tr><td>{html.escape(r['doc'])}</td><td>{r['value']}</td></tr>" for r in rows) + "</table>"))
'''


def _notebook(params: str, source: str):
    import nbformat

    nb = nbformat.v4.new_notebook()
    p = nbformat.v4.new_code_cell(params)
    p.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# تقرير تجريبي"), p, nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _write_notebooks(folder: Path, delay: float = 0.0) -> Path:
    """Stand-in ``outlet_profile.ipynb`` and ``compare_outlets.ipynb`` in ``folder``."""
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    outlet = _notebook(
        "article = None\narticles_dir = None\nstory = None\npublished = None\nlang = 'ar'\n"
        f"output_dir = None\noutput_name = None\ndelay = {delay!r}", _OUTLET_SOURCE)
    compare = _notebook("story = None\narticles_dir = None\noutlets = None\nlang = 'ar'\noutput_dir = None",
                        _COMPARE_SOURCE)
    nbformat.write(outlet, str(folder / "outlet_profile.ipynb"))
    nbformat.write(compare, str(folder / "compare_outlets.ipynb"))
    return folder


def _write_articles(folder: Path, texts: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        (folder / name).write_bytes(data)
    return folder


def _write_story(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # the smallest valid story: the report refuses a story file its notebooks could not load
    path.write_text("id: test\nfacts:\n  - {id: n, kind: count, unit: people}\n", encoding="utf-8")
    return path


def _sidecars(out: Path) -> dict[str, dict]:
    return {p.relative_to(out).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in out.rglob("*.inputs.json")}


@pytest.fixture
def write_articles():
    """``write_articles(folder, {name: text or bytes})`` -> the folder, files written."""
    return _write_articles


@pytest.fixture
def write_story():
    """``write_story(path)`` -> the smallest valid story file (one count fact) at ``path``."""
    return _write_story


@pytest.fixture
def sidecars():
    """``sidecars(out)`` -> {relative path: record} of a report folder's ``*.inputs.json``."""
    return _sidecars


@pytest.fixture
def make_report(tmp_path):
    """Factory: ``make_report(texts, delay=0.0)`` -> a ReportConfig for the stand-in notebooks
    on the articles ``texts`` ({name: text or bytes}), everything under ``tmp_path``
    (``notebooks/``, ``articles/``, ``story.yaml``, output in ``out/``)."""
    from helpers.batch.report import ReportConfig

    def make(texts: dict, delay: float = 0.0) -> ReportConfig:
        nbs = _write_notebooks(tmp_path / "notebooks", delay=delay)
        arts = _write_articles(tmp_path / "articles", texts)
        story = _write_story(tmp_path / "story.yaml")
        # a fixed code fingerprint: the package's files may change while the tests run
        return ReportConfig(story=story, articles=arts, out=tmp_path / "out", notebooks=nbs, jobs=2,
                            code_version="tests")

    return make


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory):
    """The batch report on the project's seeds with the project's notebooks and story (what
    ``make report`` builds), once per session, in a temporary folder.  Attributes: code,
    out, err (the command's exit code and output), folder."""
    import argparse
    import io
    from types import SimpleNamespace

    from helpers.cli import run_report_command

    folder = tmp_path_factory.mktemp("seed-report") / "r"
    args = argparse.Namespace(story=None, articles=str(SEEDS), out=str(folder), jobs=2, force=False,
                              lang="ar", show_code=False)
    out, err = io.StringIO(), io.StringIO()
    code = run_report_command(args, out, err)
    return SimpleNamespace(code=code, out=out.getvalue(), err=err.getvalue(), folder=folder)


# Direction controls planted where a page shows third-party text (the article, an outlet
# name, a story label): the pages must show them as markers, in logical order.
RLO, LRO, RLI, PDF, PDI = "\u202e", "\u202d", "\u2067", "\u202c", "\u2069"
TAMPERED_OUTLET = f"المغرب اليوم {RLO}(003){PDF}"
TAMPERED_TEXT = ("كوريا الشمالية ترسل قوات\n"
                 f"قال مسؤول إن كوريا الشمالية أرسلت {RLO}12{PDF} ألف جندي إلى منطقة كورسك "
                 f"في {LRO}2024{PDF}، بحسب وكالة {RLI}تاس{PDI}.")
TAMPERED_LABEL_PREFIX = f"{RLI}{RLO}"
TAMPERED_FILE = f"bro{RLO}ken.txt"  # undecodable, and its name reversed
HUGE_FILE = "006_huge.txt"  # 20 MB, above the default article size limit


@pytest.fixture(scope="session")
def tampered_report(tmp_path_factory):
    """The batch report with the project's notebooks on the seeds plus a tampered article
    (direction controls around its number), an outlet name with an override, a story
    label with an isolate, an undecodable file with an override in its name and a 20 MB
    file (sparse: nothing is written), all in a temporary folder.
    Attributes: code, err, folder (the report), base (the temporary folder)."""
    import argparse
    import io
    import shutil
    from types import SimpleNamespace

    from helpers.cli import run_report_command

    base = tmp_path_factory.mktemp("tampered")
    arts = base / "captures" / "articles"
    shutil.copytree(SEEDS, arts)
    (arts / TAMPERED_FILE).write_bytes(b"\xff\xfe\x00\x00garbage")
    (arts / "005_tampered.txt").write_text(TAMPERED_TEXT, encoding="utf-8")
    with open(arts / HUGE_FILE, "wb") as fh:
        fh.truncate(20 << 20)
    with open(arts / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if r["id"] == "003":
            r["outlet_ar"] = TAMPERED_OUTLET
    rows.append({**{k: "" for k in rows[0]}, "id": "005", "file": "005_tampered.txt",
                 "outlet_ar": f"منفذ {RLO}مجهول{PDF}", "published": "2025-04-28"})
    with open(arts / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    story = yaml.safe_load((ROOT / "stories" / "kursk.yaml").read_text(encoding="utf-8"))
    for fact in story["facts"]:
        fact["label_ar"] = TAMPERED_LABEL_PREFIX + fact["label_ar"]
    story_path = base / "captures" / "story.yaml"
    story_path.write_text(yaml.safe_dump(story, allow_unicode=True), encoding="utf-8")
    folder = base / "out" / "r"
    args = argparse.Namespace(story=str(story_path), articles=str(arts), out=str(folder), jobs=2,
                              force=False, lang="ar", show_code=False)
    out, err = io.StringIO(), io.StringIO()
    code = run_report_command(args, out, err)
    return SimpleNamespace(code=code, err=err.getvalue(), folder=folder, base=base)


@pytest.fixture
def umask():
    """``umask(mask)`` sets the process's umask for the test; the old one comes back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


@pytest.fixture
def best_time():
    """``best_time(fn, runs)``: the best of ``runs`` timings of ``fn()``, the garbage
    collector off (its passes cost with everything else the test session keeps alive, not
    with the input) — for tests that compare how time grows, never absolute times."""
    import gc
    import time

    def measure(fn, runs: int = 3) -> float:
        best = float("inf")
        gc.collect()
        gc.disable()
        try:
            for _ in range(runs):
                t0 = time.perf_counter()
                fn()
                best = min(best, time.perf_counter() - t0)
        finally:
            gc.enable()
        return best

    return measure
