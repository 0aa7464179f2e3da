"""The batch report's ``index.html``: one line per outlet, links to every page.

:func:`render_index` reads the comparison's tables from the report folder, sums up each
outlet (:func:`outlet_summary`) and fills ``templates/index_page.html.j2`` (Jinja2,
every value escaped).  The page's words, in the interface language, come from
``templates/report_strings.yaml`` (:func:`page_words`, shared with the error pages).
"""
from __future__ import annotations

import csv
import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compare.csvsafe import CSV_ENCODING, restore_row
from .plan import ArticleEntry, Job, relpath

if TYPE_CHECKING:
    from .executor import Outcome
    from .owned import OwnedFiles
    from .report import ReportConfig

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
STRINGS_FILE = TEMPLATES / "report_strings.yaml"
INDEX_TEMPLATE = "index_page.html.j2"
ABSENT = "absent"  # facts.csv's value for a fact the article does not mention
SUMMARY_KINDS = ("quantity", "date", "article_ref", "clause")
MAX_FACTS = 6  # story facts named on an outlet's line


def page_words(lang: str) -> dict[str, str]:
    """The words of the report's pages in ``lang`` (English when there are none)."""
    import yaml

    table = yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))
    return table.get(lang) or table["en"]


def read_compare_tables(out: Path) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """The rows of ``facts.csv`` and ``mentions.jsonl`` in ``out``; what cannot be read
    is left out."""
    facts: list[dict[str, str]] = []
    mentions: list[dict[str, Any]] = []
    try:
        with open(out / "facts.csv", encoding=CSV_ENCODING, newline="") as fh:
            facts = [restore_row(r) for r in csv.DictReader(fh)]
    except (OSError, csv.Error, UnicodeDecodeError):
        pass
    try:
        with open(out / "mentions.jsonl", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    try:
                        mentions.append(json.loads(line))
                    except ValueError:
                        continue
    except (OSError, UnicodeDecodeError):
        pass
    return facts, mentions


def story_title(story: Path, lang: str) -> str:
    """The title the story file gives itself, else its file name."""
    from ..compare.story import load_story
    from ..model import InputError

    try:
        return load_story(story).title(lang) or story.stem
    except (InputError, ValueError, TypeError):
        return story.stem


def fact_labels(story: Path, lang: str) -> dict[str, str]:
    """Fact id -> label in ``lang`` from the story catalogue; empty when the story
    cannot be loaded (the index then shows the ids; the notebooks report the story)."""
    from ..compare.story import load_story
    from ..model import InputError

    try:
        loaded = load_story(story)
    except (InputError, ValueError, TypeError):
        return {}
    out: dict[str, str] = {}
    for fact_id, (_kind, label_ar, label_en) in loaded.labels.items():
        if lang == "ar":
            # the loader names a fact without an Arabic label by its id: an English
            # label, when there is one, reads better
            out[fact_id] = label_ar if label_ar != fact_id else label_en
        else:
            out[fact_id] = label_en
    return out


def _outlet_label(entry: ArticleEntry, doc_facts: list[dict[str, str]], lang: str) -> str:
    row = entry.row
    if lang == "ar":
        label = (row.get("outlet_ar") or row.get("outlet_en") or "").strip()
    else:
        label = (row.get("outlet_en") or row.get("outlet_ar") or "").strip()
    if not label:
        label = next((f.get("outlet") for f in doc_facts if (f.get("outlet") or "").strip()), "") or entry.doc
    return label


def _reported_facts(doc_facts: list[dict[str, str]], labels: dict[str, str]) -> list[str]:
    """"label: value" of each story fact the article reports, once each."""
    reported: list[str] = []
    for f in doc_facts:
        value = (f.get("value") or "").strip()
        if value and value != ABSENT and f.get("fact"):
            item = f"{labels.get(f['fact'], f['fact'])}: {value}"
            if item not in reported:
                reported.append(item)
    return reported


def outlet_summary(entry: ArticleEntry, facts: list[dict[str, str]], mentions: list[dict[str, Any]],
                   words: dict[str, str], lang: str, have_tables: bool,
                   labels: dict[str, str] | None = None) -> tuple[str, str]:
    """(label, one-line summary) of an outlet for the index (``labels``: fact id ->
    label, :func:`fact_labels`)."""
    doc_facts = [f for f in facts if f.get("doc") == entry.doc]
    label = _outlet_label(entry, doc_facts, lang)
    published = next((f.get("published") for f in doc_facts if (f.get("published") or "").strip()), "") \
        or (entry.row.get("published") or "").strip()
    parts = [words["published"].format(date=published) if published else words["published_unknown"]]
    if not have_tables:
        parts.append(words["no_summary"])
        return label, " · ".join(parts)
    counts: dict[str, int] = {}
    for m in mentions:
        if m.get("doc") == entry.doc:
            counts[m.get("kind", "")] = counts.get(m.get("kind", ""), 0) + 1
    kinds = [words[f"kind_{k}"].format(n=counts[k]) for k in SUMMARY_KINDS if counts.get(k)]
    sep = "، " if lang == "ar" else ", "
    parts.append(sep.join(kinds) if kinds else words["nothing_found"])
    reported = _reported_facts(doc_facts, labels or {})
    if reported:
        sep = "، " if lang == "ar" else "; "
        parts.append(words["facts_reported"].format(facts=sep.join(reported[:MAX_FACTS])))
    return label, " · ".join(parts)


def _shown(value: Any) -> Any:
    """A template value as shown: text with its direction controls as markers; markup
    (a macro's output) as it is."""
    from ..present.safetext import plain

    return plain(value) if isinstance(value, str) and not hasattr(value, "__html__") else value


@functools.lru_cache(maxsize=1)
def _template():
    import jinja2

    # finalize: a direction control in an outlet name, a fact label or an error becomes
    # a visible marker instead of reordering the line
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
                             finalize=_shown)
    return env.get_template(INDEX_TEMPLATE)


def _links(out: Path, *pairs: tuple[Path, str]) -> list[tuple[str, str]]:
    """(href relative to ``out``, text) of each file that exists."""
    return [(relpath(p, out), text) for p, text in pairs if p.exists()]


def _chart(path: Path, out: Path) -> dict[str, str] | None:
    """A chart of the index: its link (relative, for the full-size file beside the
    index) and the image itself as a data URI, so the index mailed alone shows it;
    None when the file cannot be read."""
    import base64

    try:
        data = path.read_bytes()
    except OSError:
        return None
    return {"href": relpath(path, out), "name": path.stem,
            "src": "data:image/png;base64," + base64.b64encode(data).decode("ascii")}


def _outlet_rows(cfg: ReportConfig, jobs: list[Job], failures: dict[str, Outcome],
                 words: dict[str, str], have_tables: bool, stale: set[str]) -> list[dict[str, Any]]:
    facts, mentions = read_compare_tables(cfg.out)
    labels = fact_labels(cfg.story, cfg.lang)
    rows = []
    for job in jobs:
        if job.kind != "outlet":
            continue
        assert job.entry is not None
        label, summary = outlet_summary(job.entry, facts, mentions, words, cfg.lang, have_tables, labels)
        failed = failures.get(job.name)
        rows.append({
            "doc": job.entry.doc, "label": label, "summary": summary,
            "links": _links(cfg.out, (job.html, words["html_link"]), (job.ipynb, words["notebook_link"])),
            "failed": failed is not None, "error": (failed.error or "") if failed else "",
            "stale": job.name in stale,
        })
    return rows


def render_index(cfg: ReportConfig, jobs: list[Job], failures: dict[str, Outcome], root: Path,
                 stale: set[str] | frozenset[str] = frozenset(), owned: OwnedFiles | None = None) -> str:
    """The index page of the report in ``cfg.out`` after a run (``failures``: the
    outcomes that failed, by job name; ``root``: the project, for the story's name;
    ``stale``: jobs whose inputs changed and that have not run again yet, marked so;
    ``owned``: the report's files, the only charts listed)."""
    from .htmlexport import FONT_STACK

    words = page_words(cfg.lang)
    out = cfg.out
    compare = next(j for j in jobs if j.kind == "compare")
    cfail = failures.get(compare.name)
    have_tables = cfail is None and (out / "facts.csv").is_file()
    compare_links = [(compare.html, words["compare_link"]), (compare.ipynb, words["notebook_link"])]
    if not cfail:
        compare_links += [(out / "facts.csv", words["facts_file"]), (out / "mentions.jsonl", words["mentions_file"])]
    charts = sorted((out / "charts").glob("*.png")) if (out / "charts").is_dir() and not cfail else []
    if owned is not None:
        charts = [p for p in charts if owned.owns(p)]
    from markupsafe import Markup

    from .provenance import footer_html, provenance

    footer = Markup(footer_html(provenance(compare, cfg.story), words))
    story = relpath(cfg.story, root) if cfg.story.is_relative_to(root) else cfg.story.name
    return _template().render(
        lang=cfg.lang, words=words, font_stack=FONT_STACK,
        title=words["title"].format(story=story_title(cfg.story, cfg.lang)),
        generated=words["generated"].format(articles=len(jobs) - 1, story=story),
        banner=words["failed_summary"].format(n=len(failures), total=len(jobs)) if failures else "",
        compare_error=(cfail.error or "") if cfail else None,
        compare_stale=compare.name in stale,
        compare_links=_links(out, *compare_links),
        charts=[chart for chart in (_chart(p, out) for p in charts) if chart is not None],
        footer=footer,
        rows=_outlet_rows(cfg, jobs, failures, words, have_tables, set(stale)),
    )
