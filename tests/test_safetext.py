"""What the pages show of third-party text and of this machine's paths.

Direction controls (overrides, embeddings, isolates, marks) in an article, an outlet
name or a story label are never handed to the browser or to matplotlib: each becomes a
visible marker, the text stays in logical order, and mention offsets keep pointing into
the article as stored.  Paths are shown relative to a folder the reader has."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from helpers.extractors.pipeline import extract
from helpers.model import Article, InputError
from helpers.present import render, safetext, textlayout
from helpers.present.shownpath import scrub_notebook, scrub_paths, shown_path

RLO, LRO, RLI, PDF, PDI, RLM, LRE = "\u202e", "\u202d", "\u2067", "\u202c", "\u2069", "\u200f", "\u202a"
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
TAMPERED = f"عاجل\nأرسلت كوريا {RLO}12{PDF} ألف جندي، بحسب {RLI}تاس{PDI} {LRO}(003){PDF}."


def _visible(fragment: str) -> str:
    """The text a reader gets from an HTML fragment (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def test_every_control_becomes_its_marker_in_logical_order():
    shown = safetext.esc(TAMPERED)
    assert not CONTROLS.search(shown)
    assert _visible(shown) == (TAMPERED.replace(RLO, "⟨RLO⟩").replace(PDF, "⟨PDF⟩").replace(RLI, "⟨RLI⟩")
                               .replace(PDI, "⟨PDI⟩").replace(LRO, "⟨LRO⟩"))
    assert "⟨RLO⟩</span>12<span" in shown
    assert shown.count(f'class="{safetext.MARKER_CLASS}"') == 6
    assert _visible(safetext.esc(f"a{RLM}b{LRE}c")) == "a⟨RLM⟩b⟨LRE⟩c"


def test_escaping_still_escapes_and_works_piece_by_piece():
    hostile = f'<script>alert("x")</script>{RLO}&'
    assert safetext.esc(hostile).startswith("&lt;script&gt;alert(&quot;x&quot;)")
    assert "".join(safetext.esc(c) for c in TAMPERED) == safetext.esc(TAMPERED)


def test_attribute_values_get_plain_markers_and_no_markup():
    value = safetext.attr(f'"{RLO}12{PDF}" <b>')
    assert value == "&quot;⟨RLO⟩12⟨PDF⟩&quot; &lt;b&gt;"
    assert safetext.plain(None) == "" and safetext.plain(f"x{RLI}") == "x⟨RLI⟩"


def test_highlighted_article_keeps_offsets_into_the_stored_text():
    art = Article(doc="t", path="t.txt", raw=TAMPERED, title="عاجل", text=TAMPERED)
    mentions = [m for m in extract(art) if m.kind == "quantity"]
    assert mentions and mentions[0].value == 12000  # read in logical order, as stored
    page = render.article_html(art, mentions)
    assert not CONTROLS.search(page)
    m = mentions[0]
    mark = re.search(rf'<mark[^>]*data-start="{m.start}" data-end="{m.end}"[^>]*>(.*?)</mark>', page)
    assert mark, page
    assert _visible(mark.group(1)) == safetext.plain(TAMPERED[m.start:m.end])
    tip = re.search(r'<mark[^>]*title="([^"]*)"', page).group(1)
    assert "<" not in tip and not CONTROLS.search(tip)
    # reading order of the visible text: the override's marker, then 1, then 2
    text = _visible(page)
    assert text.index("⟨RLO⟩") < text.index("12") < text.index("⟨PDF⟩")


def test_cells_tooltips_and_evidence_show_markers():
    outlet = f"المغرب اليوم {RLO}(003){PDF}"
    df = pd.DataFrame([{"outlet": outlet, "evidence": f"قال {RLO}12{PDF}"}])
    table = render.frame_html(df)
    assert not CONTROLS.search(table)
    assert "المغرب اليوم <span" in table and "⟨RLO⟩</span>(003)<span" in table
    facts = pd.DataFrame([{"doc": "t", "outlet": outlet, "fact": "troops", "fact_ar": f"{RLI}الجنود{PDI}",
                           "fact_kind": "count", "value": "12000", "value_num": 12000, "qualifier": "",
                           "source": f"{LRO}تاس{PDF}", "evidence": f"قال {RLO}12{PDF}", "start": 5, "end": 7,
                           "precision": None}])
    page = render.facts_table_html(facts)
    assert not CONTROLS.search(page)
    assert 'title="قال ⟨RLO⟩12⟨PDF⟩"' in page
    assert "⟨RLI⟩" in _visible(page) and "⟨LRO⟩" in _visible(page)


def test_a_cell_that_starts_with_a_marker_takes_the_direction_of_its_text():
    # the marker is Latin ("RLO"): it must not make an Arabic cell left to right
    assert render.text_direction(safetext.esc(f"{RLO}المغرب")) == "rtl"
    assert render.text_direction(safetext.esc(f"{RLI}Reuters")) == "ltr"


def test_numbers_are_isolated_outside_the_markers_tags_only():
    out = render.isolate_numbers(safetext.esc(f"نحو {RLO}12{PDF} ألف"))
    assert '<bdi dir="ltr">12</bdi>' in out
    assert "<bdi" not in "".join(re.findall(r"<span[^>]*>", out))  # style "0.75em" untouched
    assert out.count("<bdi") == 1


def test_chart_labels_show_markers():
    for text in (f"المغرب اليوم {RLO}(003){PDF}", f"{RLI}Reuters{PDI}"):
        shown = textlayout.label(text)
        assert not CONTROLS.search(shown) and "⟨" in shown


def test_error_lists_name_files_from_the_articles_folder(tmp_path):
    arts = tmp_path / "captures" / "articles"
    err = InputError(str(arts / "sub" / f"x{RLO}.html"), f"empty file in {tmp_path}/elsewhere/y")
    with_base = render.errors_html([err], "ar", arts)
    without = render.errors_html([err], "en")
    for page in (with_base, without):
        assert str(tmp_path) not in page and not CONTROLS.search(page)
    assert "sub/x⟨RLO⟩.html: empty file in …/y" in _visible(with_base)
    assert "<code>x" in without and "sub/" not in without
    plain_error = ValueError(f"cannot open {arts}/a.txt")
    assert _visible(render.errors_html([plain_error], "en", arts)) .endswith("cannot open ./a.txt")


def test_files_written_outside_the_project_are_shown_from_their_folder(tmp_path):
    out = tmp_path / "out" / "compare"
    page = render.files_html({"facts": out / "facts.csv", "chart": out / "charts" / "a.png"}, "en")
    assert str(tmp_path) not in page
    assert ">facts.csv<" in page and ">charts/a.png<" in page
    inside = render.files_html({"facts": out / "facts.csv"}, "en", relative_to=tmp_path)
    assert ">out/compare/facts.csv<" in inside


def test_shown_path():
    assert shown_path("/data/caps/a/b.txt", None, "/data/caps") == "a/b.txt"
    assert shown_path("/data/caps/a/b.txt", "/other") == "b.txt"
    assert shown_path("rel/b.txt", "/other") == "rel/b.txt"
    assert shown_path("/data/caps", "/data/caps") == "."


def test_scrub_paths_in_messages_and_tracebacks(tmp_path):
    arts = tmp_path / "my captures" / "articles"
    nbs = tmp_path / "project" / "notebooks"
    bases = [(arts, "articles"), (nbs, "notebooks")]
    climbing = Path("..") / ".." / "my captures" / "articles" / "x.txt"
    assert scrub_paths(f"InputError: {climbing}: empty", bases, cwd=nbs) == "InputError: articles/x.txt: empty"
    assert scrub_paths(f"InputError: {nbs}/../../my captures/articles/x.txt: empty", bases, nbs) \
        == "InputError: articles/x.txt: empty"
    # an unknown folder keeps only the file name; URLs and relative paths are left alone
    assert scrub_paths("File /opt/lib/python3/site.py:12, https://example.org/a/b and data/x.csv") \
        == "File …/site.py:12, https://example.org/a/b and data/x.csv"
    assert scrub_paths("\x1b[32m/opt/z/mod.py\x1b[0m") == "\x1b[32m…/mod.py\x1b[0m"
    assert scrub_paths("two dots .. and /") == "two dots .. and /"
    nb = {"metadata": {"papermill": {"parameters": {"articles_dir": str(arts), "lang": "ar"}}},
          "cells": [{"metadata": {"tags": ["injected-parameters"]}, "source": f'articles_dir = "{arts}"\n',
                     "outputs": []},
                    {"outputs": [
        {"output_type": "error", "ename": "E", "evalue": f"{arts}/a.txt", "traceback": [f"at {arts}/a.txt"]},
        {"output_type": "stream", "text": [f"warn {tmp_path}/q/", "w.py\n"]},
        {"output_type": "display_data", "data": {"text/html": f"<p>{arts}/b.txt</p>"}}]}]}
    scrub_notebook(nb, bases)
    assert str(tmp_path) not in repr(nb)
    assert nb["cells"][1]["outputs"][0]["evalue"] == "articles/a.txt"
    assert nb["cells"][0]["source"] == 'articles_dir = "articles"\n'
    assert nb["metadata"]["papermill"]["parameters"] == {"articles_dir": "articles", "lang": "ar"}


def test_the_space_between_two_highlights_stays():
    text = "عاجل\nقتل 12 جنديا 5 آخرون"
    marks = [{"kind": "quantity", "start": 9, "end": 11}, {"kind": "quantity", "start": 12, "end": 17}]
    assert text[9:11] == "12" and text[11] == " "
    assert "</mark> <mark" in render.highlighted_text(text, marks)


def test_scrub_paths_leaves_no_folder_behind():
    assert scrub_paths("saved in /srv/team/reports/ and /srv/x.csv") == "saved in …/ and …/x.csv"
    assert scrub_paths("see ../../shared/dev/a.txt", cwd="/srv/p/notebooks") == "see …/a.txt"
    assert scrub_paths("and/or 1/2, https://x.org/a/b") == "and/or 1/2, https://x.org/a/b"
