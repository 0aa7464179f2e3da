"""Shared pages carry no notes meant for whoever runs the notebook, and their titles name
the story and the outlet."""
from __future__ import annotations

from pathlib import Path

import nbformat

from helpers.batch.htmlexport import NOTEBOOK_ONLY, prepare
from helpers.batch.plan import ArticleEntry, page_title
from helpers.batch.report import ReportConfig

ROOT = Path(__file__).resolve().parents[1]


def _nb():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# قصة"),
        nbformat.v4.new_markdown_cell("**Parameters** (next cell, for papermill): ...", metadata={"tags": [NOTEBOOK_ONLY]}),
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("## النتائج"),
    ]
    return nb


def test_notes_for_the_notebook_user_are_left_out_of_exports():
    out = prepare(_nb(), show_code=False)
    assert [c.source for c in out.cells if c.cell_type == "markdown"] == ["# قصة", "## النتائج"]
    shown = prepare(_nb(), show_code=True)  # with the code shown, so are the notes
    assert any("Parameters" in c.source for c in shown.cells)


def test_committed_notebooks_tag_their_parameter_notes():
    for name in ("compare_outlets.ipynb", "outlet_profile.ipynb"):
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        tagged = [c for c in nb.cells if NOTEBOOK_ONLY in c.metadata.get("tags", [])]
        assert tagged and all("Parameters" in c.source for c in tagged), name
        untagged = [c.source for c in nb.cells if c.cell_type == "markdown" and c not in tagged]
        assert not any("papermill" in s or "**Parameters**" in s for s in untagged), name


def test_page_titles_name_the_story_and_the_outlet(tmp_path):
    import re

    story = tmp_path / "flood.yaml"
    text = (ROOT / "stories" / "kursk.yaml").read_text(encoding="utf-8")  # a valid story, retitled
    text = re.sub(r"(?m)^title_ar:.*$", "title_ar: فيضانات الوادي", text)
    story.write_text(re.sub(r"(?m)^title_en:.*$", "title_en: The valley floods", text), encoding="utf-8")
    cfg = ReportConfig(story=story, articles=tmp_path, out=tmp_path / "out", notebooks=tmp_path, lang="en")
    e = ArticleEntry("007", tmp_path / "007.txt", "007", {"outlet_ar": "صحيفة الوادي", "outlet_en": "Valley Times"})
    assert page_title(cfg, e) == "Valley Times (007) — The valley floods"
    assert page_title(cfg) == "The valley floods — Comparing outlets"
    cfg.lang = "ar"
    assert page_title(cfg, e) == "صحيفة الوادي (007) — فيضانات الوادي"
    assert page_title(cfg, ArticleEntry("x", tmp_path / "x.txt", "x")) == "x — فيضانات الوادي"


def test_page_title_of_an_unreadable_story_is_its_file_name(tmp_path):
    story = tmp_path / "broken.yaml"
    story.write_text("facts: [", encoding="utf-8")
    cfg = ReportConfig(story=story, articles=tmp_path, out=tmp_path / "out", notebooks=tmp_path)
    assert page_title(cfg) == "broken — مقارنة المنافذ"


def test_a_section_whose_code_shows_nothing_is_left_out():
    from helpers.batch.htmlexport import NEEDS_OUTPUT

    nb = _nb()
    heading = nbformat.v4.new_markdown_cell("## 4. ما يذكره كل منفذ", metadata={"tags": [NEEDS_OUTPUT]})
    quiet = nbformat.v4.new_code_cell("if []: display(1)")
    nb.cells += [heading, quiet]
    assert "## 4. ما يذكره كل منفذ" not in [c.source for c in prepare(nb, show_code=False).cells]
    quiet.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<table></table>"})]
    assert "## 4. ما يذكره كل منفذ" in [c.source for c in prepare(nb, show_code=False).cells]


def test_the_presence_heading_needs_output():
    nb = nbformat.read(ROOT / "notebooks" / "compare_outlets.ipynb", as_version=4)
    tagged = [c.source for c in nb.cells if "needs-output" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "What each outlet mentions" in tagged[0]
