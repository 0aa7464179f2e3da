"""Reading articles: encodings, bad input, saved web pages, the manifest, metadata."""
from __future__ import annotations

import codecs
import datetime as dt
import random
from pathlib import Path

import pytest

from helpers.read.corpus import load_article, load_corpus
from helpers.read.decode import decode_bytes
from helpers.read.manifest import manifest_row_for, read_manifest
from helpers.model import InputError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

TITLE = "البرلمان يقر قانون الإيجارات الجديد بعد نقاش استمر أسابيع"
P1 = "أقر البرلمان مساء الثلاثاء قانون الإيجارات الجديد بأغلبية واضحة، بعد نقاش طويل بين الكتل النيابية حول مدة العقود."
P2 = "وينص القانون على رفع الإيجارات القديمة تدريجيا خلال خمس سنوات، مع إعفاء الأسر محدودة الدخل من الزيادة الأولى."
ARTICLE = f"{TITLE}\n\n{P1}\n\n{P2}\n"
MANIFEST_HEADER = "id,file,outlet_ar,outlet_en,site,published,published_basis,credited_source,notes\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(ARTICLE.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(ARTICLE.encode("cp1256"), id="cp1256"),
        pytest.param(ARTICLE.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(ARTICLE.replace("\n", "\r").encode("utf-8"), id="cr"),
        pytest.param(ARTICLE.replace("\n", "\r\n").encode("cp1256"), id="cp1256-crlf"),
    ],
)
def test_each_encoding_reads_the_same_article(tmp_path, encoded):
    art = load_article(write(tmp_path, "a.txt", encoded))
    assert art.text == f"{TITLE}\n{P1}\n{P2}"
    assert "\r" not in art.raw and "\ufeff" not in art.raw
    assert art.raw == ARTICLE


def test_decode_reports_the_encoding():
    assert decode_bytes(ARTICLE.encode("cp1256"))[1] == "cp1256"
    assert decode_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))[1] == "utf-8-sig"
    assert decode_bytes(ARTICLE.encode("utf-8"))[1] == "utf-8"


def test_short_cp1256_sentence_of_my_own():
    s = "قالت الشرطة إن الحادث وقع فجرا ولم يسفر عن إصابات."
    assert decode_bytes(s.encode("cp1256"))[0] == s


def test_utf16_without_bom():
    assert decode_bytes(ARTICLE.encode("utf-16-le"))[0] == ARTICLE
    assert decode_bytes(ARTICLE.encode("utf-16-be"))[0] == ARTICLE


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\r\n  \n", "empty file"),
        (codecs.BOM_UTF8 + b"   \n", "empty file"),
        (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)), "binary file (not text)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "binary file (not text)"),
        (b"text then\x00\x01\x02\x03 nul bytes\x00\x00\x05\x06\x07" * 20, "binary file (not text)"),
    ],
)
def test_refused_files(tmp_path, data, reason):
    p = write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as ei:
        load_article(p)
    assert ei.value.reason == reason
    assert ei.value.path == str(p)
    assert str(ei.value) == f"{p}: {reason}"


def test_undecodable_bytes(tmp_path):
    rnd = random.Random(7)
    data = bytes(rnd.randrange(0x80, 0x100) for _ in range(600))
    with pytest.raises(InputError) as ei:
        load_article(write(tmp_path, "noise.txt", data))
    assert ei.value.reason == "cannot decode as UTF-8, UTF-16 or Windows-1256"


def test_utf8_with_a_stray_byte_says_where(tmp_path):
    data = ARTICLE.encode("utf-8")
    at = data.index(P1.encode("utf-8"))
    broken = data[:at] + b"\xff" + data[at:]
    with pytest.raises(InputError) as ei:
        load_article(write(tmp_path, "stray.txt", broken))
    assert ei.value.reason == f"cannot decode as UTF-8, UTF-16 or Windows-1256 (invalid UTF-8 byte at offset {at})"


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError) as ei:
        load_article(tmp_path / "nothing.txt")
    assert ei.value.reason == "no such file"
    with pytest.raises(InputError) as ei:
        load_article(tmp_path)
    assert "folder" in ei.value.reason


def test_only_chrome_is_refused(tmp_path):
    with pytest.raises(InputError) as ei:
        load_article(write(tmp_path, "menu.txt", "مباشر\nشارك\nالتعليقات\n"))
    assert ei.value.reason == "no article text (only page chrome)"


# --- saved web pages ---------------------------------------------------------------------

HTML = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{TITLE} | صحيفة المدينة</title>
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
<style>body {{ font-family: serif }} .hidden::after {{ content: "نص الأنماط المخفي" }}</style>
<script>var secret = "نص البرنامج المخفي"; document.title = "عنوان من البرنامج";</script>
</head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/eco">اقتصاد</a></li></ul></nav>
<article><h1>{TITLE}</h1>
<p>{P1}</p>
<script>console.log("سطر من البرنامج داخل المقال")</script>
<p>{P2}</p>
<style>p {{ color: black }}</style>
</article>
<footer>جميع الحقوق محفوظة لصحيفة المدينة</footer>
</body></html>
"""


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.txt"])
def test_saved_page_reduced_to_the_article(tmp_path, name):
    art = load_article(write(tmp_path, name, HTML))
    assert art.title == TITLE
    assert art.text == f"{TITLE}\n{P1}\n{P2}"
    for hidden in ("المخفي", "البرنامج", "font-family", "color", "الحقوق"):
        assert hidden not in art.text
    # lines found verbatim in the page keep their offsets
    for (t_off, r_off), line in zip(art.line_map, art.text.split("\n")):
        assert r_off >= 0 and art.raw[r_off:r_off + len(line)] == line


def test_saved_page_date_from_its_metadata(tmp_path):
    art = load_article(write(tmp_path, "page.html", HTML))
    assert art.meta.published == dt.date(2024, 3, 5)
    assert art.meta.published_basis == "page metadata"


def test_page_without_article_text(tmp_path):
    html = "<html><head><title>x</title><script>var a = 'نص البرنامج';</script></head><body><nav>الرئيسية</nav></body></html>"
    with pytest.raises(InputError) as ei:
        load_article(write(tmp_path, "empty.html", html))
    assert ei.value.reason == "HTML page without article text"


def test_cp1256_saved_page(tmp_path):
    html = HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1256">')
    art = load_article(write(tmp_path, "page.htm", html.encode("cp1256")))
    assert art.text == f"{TITLE}\n{P1}\n{P2}"


# --- manifest and labels -----------------------------------------------------------------


def test_read_manifest_of_the_seeds():
    rows = read_manifest(SEEDS)
    assert sorted(rows) == ["000", "001", "002", "003", "004"]
    assert rows["001"]["outlet_ar"] == ""
    assert rows["000"]["credited_source"] == "نوفوستي"


def test_manifest_matching_by_file_column_then_id_prefix(tmp_path):
    (tmp_path / "manifest.csv").write_text(
        MANIFEST_HEADER
        + "a1,renamed-capture.txt,الصباح,Al Sabah,alsabah.example,2024-02-01,,,\n"
        + "007,,المساء,Al Masa,,2024-02-02,,,\n",
        encoding="utf-8",
    )
    rows = read_manifest(tmp_path)
    assert manifest_row_for(tmp_path / "renamed-capture.txt", rows)["id"] == "a1"
    assert manifest_row_for(tmp_path / "007_abcdef.txt", rows)["id"] == "007"
    assert manifest_row_for(tmp_path / "008_abcdef.txt", rows) is None  # no row 008
    assert manifest_row_for(tmp_path / "a1.txt", rows)["id"] == "a1"  # the stem is an id


def test_corpus_labels_files_with_and_without_rows(tmp_path):
    (tmp_path / "manifest.csv").write_text(MANIFEST_HEADER + "007,,المساء,Al Masa,,2024-02-02,,وكالة الأنباء,ملاحظة\n", encoding="utf-8")
    write(tmp_path, "007_first.txt", ARTICLE)
    write(tmp_path, "999_second.txt", ARTICLE)
    write(tmp_path, "notes.md", "ليس مقالا")
    write(tmp_path, "broken.txt", b"")
    write(tmp_path, ".~lock.first.txt", b"\x00\x01")  # an editor's lock file, not an article
    write(tmp_path, "~draft.txt", b"")
    arts, errors = load_corpus(tmp_path)
    assert [a.doc for a in arts] == ["007", "999_second"]
    assert [a.label for a in arts] == ["المساء", "999_second"]
    a, b = arts
    assert (a.meta.outlet_en, a.meta.credited_source, a.meta.notes) == ("Al Masa", "وكالة الأنباء", "ملاحظة")
    assert (a.meta.published, a.meta.published_basis) == (dt.date(2024, 2, 2), "manifest")
    assert b.meta.published is None and b.meta.published_basis is None  # unknown, not guessed
    assert [(Path(e.path).name, e.reason) for e in errors] == [("broken.txt", "empty file")]


def test_seed_without_outlet_is_labelled_by_its_id():
    arts, errors = load_corpus(SEEDS)
    assert errors == []
    labels = {a.doc: a.label for a in arts}
    assert labels["001"] == "001"
    assert labels["000"] == "روسيا اليوم"


@pytest.mark.parametrize(
    "content, reason",
    [
        ("file,outlet_ar\nx.txt,أ\n", "manifest without the column(s) id"),
        (MANIFEST_HEADER + "1,a.txt,,,,2024-13-40,,,\n", "line 2: published '2024-13-40' is not a date (YYYY-MM-DD)"),
        (MANIFEST_HEADER + "1,a.txt,,,,,,,\n1,b.txt,,,,,,,\n", "line 3: id '1' appears twice"),
    ],
)
def test_bad_manifest(tmp_path, content, reason):
    (tmp_path / "manifest.csv").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as ei:
        read_manifest(tmp_path)
    assert ei.value.reason == reason


def test_broken_manifest_is_reported_and_articles_still_load(tmp_path):
    (tmp_path / "manifest.csv").write_text("file\nx.txt\n", encoding="utf-8")
    write(tmp_path, "a.txt", ARTICLE)
    arts, errors = load_corpus(tmp_path)
    assert [a.doc for a in arts] == ["a"]
    assert len(errors) == 1 and errors[0].path.endswith("manifest.csv")


# --- metadata precedence ------------------------------------------------------------------


def test_manifest_credit_wins_over_the_text(tmp_path):
    p = write(tmp_path, "x.txt", ARTICLE + "المصدر: وكالة المغرب العربي للأنباء\n")
    row = {"id": "x", "credited_source": "رويترز", "published": ""}
    assert load_article(p, row).meta.credited_source == "رويترز"
    assert load_article(p).meta.credited_source == "وكالة المغرب العربي للأنباء"


def test_override_date_wins_over_manifest(tmp_path):
    p = write(tmp_path, "x.txt", ARTICLE)
    row = {"id": "x", "published": "2024-02-02"}
    art = load_article(p, row, published="2024-05-06")
    assert (art.meta.published, art.meta.published_basis) == (dt.date(2024, 5, 6), "override")
    art = load_article(p, row, published=dt.date(2024, 5, 7))
    assert art.meta.published == dt.date(2024, 5, 7)
    with pytest.raises(InputError):
        load_article(p, row, published="next week")


def test_byline_and_place_from_the_text(tmp_path):
    art = load_article(write(tmp_path, "x.txt", f"{TITLE}\nعمّان - ليلى حسن\n{P1}\n{P2}\n"))
    assert (art.meta.dateline_place, art.meta.byline) == ("عمّان", "ليلى حسن")
    assert {"kind": "byline", "text": "عمّان - ليلى حسن"}.items() <= art.removed[0].items()


# --- dates found in the text (helpers.extractors.dates.parse_dateline) --------------------------------


@pytest.mark.parametrize(
    "dateline, expected, above",
    [
        # labelled: above or below the headline
        ("تاريخ النشر: 3rd, March 2024 GMT", dt.date(2024, 3, 3), False),
        ("تاريخ النشر: 3rd, March 2024 GMT", dt.date(2024, 3, 3), True),
        ("آخر تحديث: 7 أيار 2023", dt.date(2023, 5, 7), True),
        ("المصدر: قناة الشرق | الأربعاء 5 شباط 2025 - 18:40", dt.date(2025, 2, 5), False),
        # unlabelled: only in the byline zone under the headline
        ("12.09.2023 08:15", dt.date(2023, 9, 12), False),
        ("السبت ٢ / مارس / ٢٠٢٤", dt.date(2024, 3, 2), False),
    ],
)
def test_dateline_gives_the_publication_date(tmp_path, dateline, expected, above):
    before, after = (dateline, TITLE) if above else (TITLE, dateline)
    p = write(tmp_path, "x.txt", f"{before}\n{after}\n{P1}\n{P2}\n")
    art = load_article(p)
    assert art.meta.published == expected
    assert art.meta.published_basis == f"dateline: {dateline}"
    assert art.text == f"{TITLE}\n{P1}\n{P2}"
    # the manifest still wins over the text
    art = load_article(p, {"id": "x", "published": "2020-01-01"})
    assert (art.meta.published, art.meta.published_basis) == (dt.date(2020, 1, 1), "manifest")


@pytest.mark.parametrize("widget", ["السبت ٢ / مارس / ٢٠٢٤", "12.09.2023 08:15", "الأحد 9 تشرين الأول 2022"])
def test_unlabelled_date_above_the_headline_is_page_chrome(tmp_path, widget):
    """A site's "today" widget above the headline says when the page was captured, not
    when the article was published."""
    p = write(tmp_path, "x.txt", f"الوضع الليلي\n{widget}\nالرئيسية\n{TITLE}\n{P1}\n{P2}\n")
    art = load_article(p)
    assert art.meta.published is None and art.meta.published_basis is None
    assert art.text == f"{TITLE}\n{P1}\n{P2}"
    assert [r["kind"] for r in art.removed if r["text"] == widget] == ["page_date"]
    # a dated line under the headline still gives the date, the widget does not
    below = "الخميس 4 كانون الثاني 2024"
    art = load_article(write(tmp_path, "y.txt", f"{widget}\n{TITLE}\n{below}\n{P1}\n{P2}\n"))
    assert (art.meta.published, art.meta.published_basis) == (dt.date(2024, 1, 4), f"dateline: {below}")
    # and a labelled one above it as well
    labelled = "نشر في: 4 كانون الثاني 2024"
    art = load_article(write(tmp_path, "z.txt", f"{widget}\n{labelled}\n{TITLE}\n{P1}\n{P2}\n"))
    assert (art.meta.published, art.meta.published_basis) == (dt.date(2024, 1, 4), f"dateline: {labelled}")


def test_manifest_date_keeps_its_basis(tmp_path):
    (tmp_path / "manifest.csv").write_text(
        MANIFEST_HEADER
        + '1,a.txt,,,,2024-02-02,"text: \'مساء الخميس\', the day before the capture",,\n'
        + "2,b.txt,,,,2024-02-03,,,\n",
        encoding="utf-8")
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", ARTICLE)
    a, b = load_corpus(tmp_path)[0]
    assert (a.meta.published, a.meta.published_basis) == (
        dt.date(2024, 2, 2), "manifest: text: 'مساء الخميس', the day before the capture")
    assert (b.meta.published, b.meta.published_basis) == (dt.date(2024, 2, 3), "manifest")


def test_source_line_with_date_gives_source_and_date(tmp_path):
    p = write(tmp_path, "x.txt", f"{TITLE}\nالمصدر: قناة الشرق | الأربعاء 5 شباط 2025 - 18:40\n{P1}\n{P2}\n")
    art = load_article(p)
    assert art.meta.credited_source == "قناة الشرق"
    assert art.meta.published == dt.date(2025, 2, 5)


# The plumbing around parse_dateline, with a stand-in parser that knows two strings:
# which part of which line is handed to the parser, and how its answer is recorded.


@pytest.fixture
def fake_dates(monkeypatch):
    import sys
    import types

    seen: list[str] = []
    known = {"3rd, March 2024 GMT": dt.date(2024, 3, 3), "الأربعاء 5 شباط 2025 - 18:40": dt.date(2025, 2, 5)}

    def parse_dateline(line: str):
        seen.append(line)
        return known.get(line.strip())

    def first_full_date(text: str):
        return None  # no dateline opens these articles' leads

    mod = types.ModuleType("helpers.extractors.dates")
    mod.parse_dateline = parse_dateline
    mod.first_full_date = first_full_date
    monkeypatch.setitem(sys.modules, "helpers.extractors.dates", mod)
    return seen


def test_publication_line_is_parsed_after_its_label(tmp_path, fake_dates):
    line = "تاريخ النشر: 3rd, March 2024 GMT"
    art = load_article(write(tmp_path, "x.txt", f"{TITLE}\n{line}\n{P1}\n{P2}\n"))
    assert "3rd, March 2024 GMT" in fake_dates
    assert (art.meta.published, art.meta.published_basis) == (dt.date(2024, 3, 3), f"dateline: {line}")
    assert art.text == f"{TITLE}\n{P1}\n{P2}"
    assert {"kind": "published", "text": line}.items() <= art.removed[0].items()


def test_source_line_date_part_is_parsed(tmp_path, fake_dates):
    line = "المصدر: قناة الشرق | الأربعاء 5 شباط 2025 - 18:40"
    art = load_article(write(tmp_path, "x.txt", f"{TITLE}\n{line}\n{P1}\n{P2}\n"))
    assert art.meta.credited_source == "قناة الشرق"
    assert (art.meta.published, art.meta.published_basis) == (dt.date(2025, 2, 5), f"dateline: {line}")


def test_unparsed_dates_stay_unknown(tmp_path, fake_dates):
    line = "تاريخ النشر: قريبا"
    art = load_article(write(tmp_path, "x.txt", f"{TITLE}\n{line}\n{P1}\n{P2}\n"))
    assert art.meta.published is None and art.meta.published_basis is None
    assert art.text == f"{TITLE}\n{P1}\n{P2}"  # still not article text
