"""HTML rendering: escaping, exact highlight offsets, tooltips, table cells."""
from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from helpers.present import render
from helpers.model import Mention


class Marks(HTMLParser):
    """Collects every <mark>'s attributes and the text inside it (nesting aware), and
    every element's tag name."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[dict] = []
        self.marks: list[dict] = []
        self.tags: list[str] = []
        self.cells: list[dict] = []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            self.open.append({"attrs": dict(attrs), "text": ""})
        if tag == "td":
            self._cell = {"attrs": dict(attrs), "text": ""}

    def handle_endtag(self, tag):
        if tag == "mark":
            self.marks.append(self.open.pop())
        if tag == "td" and self._cell is not None:
            self.cells.append(self._cell)
            self._cell = None

    def handle_data(self, data):
        for m in self.open:
            m["text"] += data
        if self._cell is not None:
            self._cell["text"] += data


def parse(html_text):
    p = Marks()
    p.feed(html_text)
    p.close()
    return p


def test_script_in_article_is_shown_as_text(make_article):
    a = make_article("x", "عنوان <script>alert('x')</script>", "نص <img src=x onerror=alert(1)> & أكثر")
    out = render.article_html(a, [], "ar")
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert "&amp; أكثر" in out
    assert set(parse(out).tags) <= {"div"}


def test_article_is_right_to_left_with_arabic_fonts(comparison):
    c = comparison
    out = render.article_html(c.article("a1"), c.mentions_by_doc["a1"], "ar")
    assert 'dir="rtl"' in out and "Noto Sans Arabic" in out


def test_every_mark_wraps_exactly_its_offsets(comparison):
    c = comparison
    a = c.article("a1")
    marks = parse(render.article_html(a, c.mentions_by_doc["a1"], "en")).marks
    assert len(marks) == len(c.mentions_by_doc["a1"])
    for m in marks:
        s, e = int(m["attrs"]["data-start"]), int(m["attrs"]["data-end"])
        assert m["text"] == a.text[s:e]
    kinds = sorted(m["attrs"]["class"] for m in marks)
    assert "mention mention-quantity" in kinds and "mention mention-date" in kinds


def test_highlights_with_markup_characters_inside_and_nested_spans(make_article):
    a = make_article("y", "عنوان", "قيل إن <3000> جندي وصلوا في 5 مايو 2023 & غادروا.")
    s = a.text.index("<3000> جندي")
    outer = Mention(doc="y", kind="quantity", text=a.text[s:s + 11], start=s, end=s + 11, sentence="",
                    value=3000, unit="soldiers", qualifier="exact")
    inner = Mention(doc="y", kind="date", text=a.text[s + 1:s + 5], start=s + 1, end=s + 5, sentence="", value="2023")
    d = a.text.index("5 مايو 2023")
    date = Mention(doc="y", kind="date", text="5 مايو 2023", start=d, end=d + 11, sentence="",
                   value="2023-05-05", precision="day")
    out = render.article_html(a, [date, outer, inner], "ar")
    marks = parse(out).marks
    assert {m["text"] for m in marks} == {"<3000> جندي", "3000", "5 مايو 2023"}
    for m in marks:
        s0, e0 = int(m["attrs"]["data-start"]), int(m["attrs"]["data-end"])
        assert a.text[s0:e0] == m["text"]
    # the visible text is the article, unchanged
    assert "&lt;<mark" in out and "</mark>&gt; جندي</mark>" in out


def test_crossing_or_out_of_range_spans_are_not_marked():
    text = "عنوان\nأرسلت الدولة 4000 جندي إلى الحدود."
    s = text.index("4000")
    ok = Mention(doc="z", kind="quantity", text=text[s:s + 9], start=s, end=s + 9, sentence="", value=4000)
    crossing = Mention(doc="z", kind="date", text=text[s + 5:s + 14], start=s + 5, end=s + 14, sentence="")
    outside = Mention(doc="z", kind="date", text="", start=len(text) - 2, end=len(text) + 5, sentence="")
    usable, rejected = render.highlight_spans(text, [crossing, ok, outside])
    assert usable == [ok] and rejected == [crossing, outside]


def test_mention_title_shows_parsed_value_and_source(make_article, quantity_mention):
    a = make_article("q", "عنوان", 'وقال "المتحدث" إن قرابة 7 آلاف جندي وصلوا.')
    m = quantity_mention(a, "قرابة 7 آلاف جندي", 7000, qualifier="approx", attribution='المتحدث "الرسمي"')
    assert render.mention_title(m, "en") == 'quantity: 7,000 soldiers, deployed, approximate — source: المتحدث "الرسمي"'
    assert render.mention_title(m, "ar") == 'عدد: 7,000 جندي، منتشرون، تقريبي — المصدر: المتحدث "الرسمي"'
    marks = parse(render.article_html(a, [m], "en")).marks
    assert marks[0]["attrs"]["title"] == render.mention_title(m, "en")  # quotes survive the attribute
    assert render.mention_title(m, "en", with_source=False) == "quantity: 7,000 soldiers, deployed, approximate"


def test_matrix_cells_show_value_with_evidence_on_hover(comparison):
    c = comparison
    out = render.matrix_html(c, "en")
    cells = parse(out).cells
    troops = [x for x in cells if x["text"].startswith("≈8,000")]
    assert len(troops) == 1
    a = c.article("a1")
    assert troops[0]["attrs"]["title"].startswith(c.mentions_by_doc["a1"][0].sentence)
    assert render.DISAGREE_COLOR in troops[0]["attrs"]["style"]
    assert 'dir="ltr"' in out and 'dir="rtl"' in render.matrix_html(c, "ar")
    assert a.text[49:64] == "نحو 8 آلاف جندي" and "[49–64]" in troops[0]["attrs"]["title"]


def test_tables_escape_outlet_names_and_evidence(comparison):
    c = comparison
    c.articles[1].meta.outlet_en = "<b>Al Gharb</b>"
    c.reported = [replace(f, evidence="<script>x()</script>") if f.doc == "b2" else f for f in c.reported]
    for out in (render.matrix_html(c, "en"), render.outlets_html(c, "en"),
                render.facts_table_html(c.facts, "en", c.articles), render.disagreements_html(c, "en"),
                render.article4_html(c, "en")):
        assert "<script" not in out and "<b>Al Gharb" not in out


def test_facts_table_marks_the_value_inside_its_evidence_sentence(comparison):
    c = comparison
    out = render.facts_table_html(c.outlet_facts("a1"), "ar", c.articles, include_absent=False)
    marks = parse(out).marks
    assert [m["text"] for m in marks] == ["نحو 8 آلاف جندي", "200 ضابط", "4 جنرالات", "المادة 7", "في 3 مارس 2024"]
    assert "<details>" in out and 'dir="rtl"' in out


def test_disagreements_html_contains_the_computed_paragraph(comparison):
    c = comparison
    out = render.disagreements_html(c, "en")
    paragraph = out[:out.index("</p>")]
    assert re.sub(r"<[^>]+>", "", paragraph) == render.esc(c.explain("en"))
    assert '<bdi dir="ltr">≈8,000</bdi>' in paragraph  # the sign stays before the digits in RTL
    assert "credited agency" in out


def test_outlet_card_and_errors(comparison):
    c = comparison
    card = render.outlet_card_html(c, "b2", "ar")
    assert "موقع الغرب" in card and "1 ديسمبر 2024" in card and "وكالة الأنباء الوطنية" in card
    assert render.errors_html([], "en") == ""
    assert "bad.txt: not UTF-8" in render.errors_html(["bad.txt: not UTF-8"], "en")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_mentions_table_lists_every_mention(lang, comparison):
    c = comparison
    cells = parse(render.mentions_table_html(c.mentions_by_doc["a1"], lang)).cells
    assert len(cells) == 5 * len(c.mentions_by_doc["a1"])


def test_isolate_numbers_wraps_signed_numbers_only():
    assert render.isolate_numbers("مقابل ≈12,000 و&gt;90 جنديا") == (
        'مقابل <bdi dir="ltr">≈12,000</bdi> و<bdi dir="ltr">&gt;90</bdi> جنديا')
    assert render.isolate_numbers("بلا أرقام") == "بلا أرقام"


def test_cell_direction_follows_its_first_strong_character():
    from helpers.present.render import text_direction

    assert text_direction("الدليل 12–40") == "rtl"
    # text only inside a child with its own dir: the browser's dir=auto would skip it
    assert text_direction('<details><summary dir="auto">الدليل</summary></details>') == "rtl"
    assert text_direction("Sada El Balad (صدى البلد)") == "ltr"
    assert text_direction("&lt;b&gt; 12") == "ltr"  # escaped text is text, tags are not
    assert text_direction("<b>12 – 40</b>") == "auto"
