"""The comparison's facts read against the shared text: carried values, independent
reports, and one text with a figure changed."""
from __future__ import annotations

import shutil
from pathlib import Path

from helpers.model import ReportedFact
from helpers.reuse import find_reuse
from helpers.reuse.facts import comparison_reuse, fact_reuse
from reuse_texts import INDEPENDENT, INDEPENDENT_TITLE, article, edited, wire

ROOT = Path(__file__).resolve().parents[1]


def families(art, value="1250"):
    """The displaced families, as an extractor would report them: the number's offsets."""
    start = art.text.index(value + " أسرة")
    return ReportedFact(doc=art.doc, fact="families_displaced", fact_kind="count", value=value,
                        value_num=float(value), start=start, end=start + len(value) + 5,
                        evidence=art.text[start - 20:start + 20])


def test_a_copied_value_is_carried_and_counts_once():
    a, b = wire("a", outlet="وكالة"), wire("b", outlet="موقع")
    c = article("c", INDEPENDENT_TITLE, INDEPENDENT)
    r = fact_reuse([a, b, c], [families(a), families(b), families(c)])
    ea, eb, ec = (r.of(d, "families_displaced") for d in "abc")
    assert ea.shared and [x.doc for x in ea.carried_by] == ["b"]
    assert eb.shared and [x.doc for x in eb.carried_by] == ["a"] and eb.carried_by[0].value == "1250"
    assert not ec.shared
    # the carried sentence's offsets in the other article are that article's sentence
    x = ea.carried_by[0]
    assert "1250 أسرة" in b.text[x.start:x.end] and b.text[x.start:x.end].startswith("أعلنت")
    assert r.independent_reports("families_displaced", "1250") == 2
    [count] = r.independent
    assert (count.reports, count.independent, count.groups) == (3, 2, (("a", "b"), ("c",)))
    assert r.edits == []


def test_independent_reports_of_the_same_figure_stay_independent():
    a, c = wire("a"), article("c", INDEPENDENT_TITLE, INDEPENDENT)
    r = fact_reuse([a, c], [families(a), families(c)])
    assert r.pairs == [] and r.independent_reports("families_displaced", "1250") == 2
    assert not any(e.shared for e in r.evidence)


def test_one_text_with_the_figure_changed_is_told_as_such():
    a = wire("a", published="2025-03-01", outlet="الوكالة")
    b = edited("b", "1250 أسرة", "1520 أسرة", published="2025-03-02", outlet="الموقع")
    r = fact_reuse([b, a], [families(b, "1520"), families(a)])
    [e] = r.edits
    assert (e.doc_a, e.value_a, e.doc_b, e.value_b) == ("a", "1250", "b", "1520")  # first published first
    assert e.phrase("en") == "the same text in الوكالة and الموقع, with 1,250 changed to 1,520"
    assert e.phrase("ar") == "النص نفسه في الوكالة والموقع، مع تغيير 1,250 إلى 1,520"
    # two values, each one report: a changed figure is not a confirmation of either
    assert r.independent_reports("families_displaced", "1250") == 1
    assert r.independent_reports("families_displaced", "1520") == 1


def test_the_same_words_read_as_two_values_are_not_an_edit():
    # identical texts; the extractor gave the copy another value for the same words
    from dataclasses import replace

    a, b = wire("a"), wire("b")
    r = fact_reuse([a, b], [families(a), replace(families(b), value="1300", value_num=1300.0)])
    assert r.of("b", "families_displaced").carried_by[0].value == "1250"
    assert not r.of("b", "families_displaced").carried_by[0].edited
    assert r.edits == []


def test_a_value_outside_the_shared_passage_is_not_carried():
    # b shares only the wire's last paragraphs; its figure is in a sentence of its own
    from reuse_texts import WIRE

    own = "وذكرت مصادر محلية أن 1250 أسرة نزحت من القرى المنكوبة خلال الليل."
    a, b = wire("a"), article("b", INDEPENDENT_TITLE, [own, *WIRE[1:]])
    assert find_reuse([a, b])
    r = fact_reuse([a, b], [families(a), families(b)])
    assert not r.of("b", "families_displaced").shared
    assert r.independent_reports("families_displaced", "1250") == 2


def test_on_a_real_comparison_an_edited_copy_is_found(tmp_path):
    import helpers

    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "seeds", folder)
    seed = next(folder.glob("002_*.txt"))
    text = seed.read_text(encoding="utf-8")
    assert "12 ألف جندي" in text
    (folder / "005_edited.txt").write_text(text.replace("12 ألف جندي", "15 ألف جندي", 1), encoding="utf-8")
    (folder / "006_copy.txt").write_text(text, encoding="utf-8")
    comparison = helpers.build_comparison(ROOT / "stories" / "kursk.yaml", folder)
    r = comparison_reuse(comparison)
    assert {(p.a, p.b) for p in r.pairs} == {("002", "005_edited"), ("002", "006_copy"),
                                             ("005_edited", "006_copy")}
    troops = {e.doc: e for e in r.evidence if e.fact == "troops_deployed"}
    assert troops["005_edited"].value == "15000" and troops["005_edited"].shared
    assert r.independent_reports("troops_deployed", "12000") == 1  # 002 and its copy: one report
    assert [c.reports for c in r.independent if c.fact == "troops_deployed" and c.value == "12000"] == [2]
    assert {e.fact for e in r.edits} == {"troops_deployed"}  # only the figure that was edited
    phrases = [e.phrase("en") for e in r.edits if e.fact == "troops_deployed"]
    assert phrases and all("changed to" in p for p in phrases)
    assert any("12,000" in p and "15,000" in p for p in phrases)


def test_the_tables_for_the_notebooks():
    import helpers
    from helpers.reuse.tables import evidence_frame, independent_frame, pairs_frame, share_matrix

    a = wire("a", published="2025-03-01", outlet="الوكالة")
    b = edited("b", "1250 أسرة", "1520 أسرة", published="2025-03-02", outlet="الموقع")
    c = article("c", INDEPENDENT_TITLE, INDEPENDENT, outlet="الصحيفة")
    arts = [a, b, c]
    r = helpers.fact_reuse(arts, [families(a), families(b, "1520"), families(c)])
    pairs = pairs_frame(r.pairs, arts)
    assert pairs[["a", "b", "first", "differences"]].values.tolist() == [["a", "b", "a", "1250 → 1520"]]
    m = share_matrix(r.pairs, arts)
    assert m.at["الوكالة", "الموقع"] == round(r.pairs[0].share_a, 3) and m.at["الصحيفة", "الوكالة"] == 0
    ev = evidence_frame(r, arts).set_index("doc")
    assert ev.loc["b", "carried_by"] == "الوكالة" and ev.loc["c", "carried_by"] == ""
    assert ev.loc["b", "edited"].endswith("مع تغيير 1,250 إلى 1,520") and ev.loc["c", "edited"] == ""
    assert ev["independent"].tolist() == [2, 1, 2]  # 1250: a and c; 1520: b alone
    ind = independent_frame(r)
    assert ind.values.tolist() == [["families_displaced", "1250", 2, 2, "a | c"],
                                   ["families_displaced", "1520", 1, 1, "b"]]


def test_the_section_html_escapes_and_shows_direction_controls():
    from helpers.present.safetext import BIDI_CONTROLS
    from helpers.reuse.tables import shared_text_html

    a = wire("a", published="2025-03-01", outlet="<b>الوكالة\u202e</b>")
    b = edited("b", "1250 أسرة", "1520 أسرة", published="2025-03-02", outlet="الموقع")
    r = fact_reuse([a, b], [families(a), families(b, "1520")])
    page = shared_text_html(r, [a, b], "en")
    assert not any(ch in BIDI_CONTROLS for ch in page)
    assert "<b>" not in page and "&lt;b&gt;" in page and "⟨RLO⟩" in page
    assert "with 1,250 changed to 1,520" in page and "One pair of articles shares text." in page
