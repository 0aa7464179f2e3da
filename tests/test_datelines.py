"""Publication dates found without a manifest date: a dateline opening the lead, the day
in the article's address, a date line right above the headline — and what is not one."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers.read.address import url_date
from helpers.read.corpus import load_article

TITLE = "مجلس المدينة يقر خطة جديدة لتوسيع شبكة الحافلات في الأحياء الشرقية"
P1 = "أقر مجلس المدينة خطة لتوسيع شبكة الحافلات تشمل اثني عشر خطا جديدا، بعد جلسة طويلة استمعت فيها اللجنة إلى السكان."
P2 = "وقال رئيس اللجنة إن التنفيذ يبدأ مطلع الصيف، على أن تموله البلدية بالشراكة مع القطاع الخاص خلال ثلاث سنوات."
HEADER = "id,file,outlet_ar,outlet_en,site,url,published,published_basis,credited_source,notes\n"


def article(tmp_path: Path, text: str, url: str = "", published: str = "") -> object:
    p = tmp_path / "a1.txt"
    p.write_text(text, encoding="utf-8")
    row = {"id": "a1", "file": "a1.txt", "url": url, "published": published}
    return load_article(p, row)


# --- a dateline opening the lead -----------------------------------------------------------


@pytest.mark.parametrize(
    "lead, day",
    [
        ("بيروت 12 مارس 2024 (رويترز) - أقر مجلس المدينة خطة لتوسيع شبكة الحافلات في الأحياء كلها.", "2024-03-12"),
        ("القاهرة 3 مايو 2024 /أ ش أ/ أقر مجلس المدينة خطة لتوسيع شبكة الحافلات في الأحياء كلها.", "2024-05-03"),
        ("عمان في 7 تشرين الأول 2023 – أقر مجلس المدينة خطة لتوسيع شبكة الحافلات في الأحياء كلها.", "2023-10-07"),
        ("الرباط 9 شتنبر 2023: أقر مجلس المدينة خطة لتوسيع شبكة الحافلات في الأحياء كلها.", "2023-09-09"),
        ("14 / 11 / 2024 - أقر مجلس المدينة خطة لتوسيع شبكة الحافلات في الأحياء الشرقية كلها.", "2024-11-14"),
    ],
)
def test_dateline_opening_the_lead_is_the_publication_date(tmp_path, lead, day):
    a = article(tmp_path, f"{TITLE}\n\n{lead}\n\n{P2}\n")
    assert a.meta.published == dt.date.fromisoformat(day)
    assert a.meta.published_basis.startswith("dateline: ")
    assert lead in a.text  # the lead stays the article's text


def test_article_that_opens_with_its_dateline_has_it_too(tmp_path):
    lead = "الخرطوم 25 أبريل 2023 (وكالة الأنباء) - أعلنت النقابة اليوم الثلاثاء أن عدد المصابين ارتفع إلى مئة وعشرين."
    a = article(tmp_path, f"{lead}\n{P2}\n")
    assert a.meta.published == dt.date(2023, 4, 25)


@pytest.mark.parametrize(
    "lead",
    [
        # a date inside the first sentence, not a dateline: no place-and-dash frame
        "قال رئيس اللجنة في 12 مارس 2024 إن مجلس المدينة أقر خطة لتوسيع شبكة الحافلات في الأحياء.",
        # no year: never guessed
        "جنيف في 6 يوليو /أ ش أ/ أقر مجلس المدينة خطة لتوسيع شبكة الحافلات في الأحياء كلها.",
        # more than a place before the date
        "أعلن رئيس مجلس المدينة الجديد 12 مارس 2024 - خطة لتوسيع شبكة الحافلات في الأحياء كلها.",
        # a range is not a day of publication
        "بيروت من 3 إلى 5 مارس 2024 - عقد مجلس المدينة جلسات لتوسيع شبكة الحافلات في الأحياء كلها.",
    ],
)
def test_dates_that_are_not_a_dateline_are_not_the_publication_date(tmp_path, lead):
    a = article(tmp_path, f"{TITLE}\n\n{lead}\n\n{P2}\n")
    assert a.meta.published is None and a.meta.published_basis is None


def test_dateline_of_a_later_paragraph_is_not_the_article_date(tmp_path):
    later = "بيروت 12 مارس 2024 (رويترز) - أقر مجلس المدينة خطة لتوسيع شبكة الحافلات في الأحياء كلها."
    a = article(tmp_path, f"{TITLE}\n\n{P1}\n\n{later}\n")
    assert a.meta.published is None


def test_manifest_date_wins_over_the_dateline(tmp_path):
    lead = "بيروت 12 مارس 2024 (رويترز) - أقر مجلس المدينة خطة لتوسيع شبكة الحافلات في الأحياء كلها."
    a = article(tmp_path, f"{TITLE}\n\n{lead}\n\n{P2}\n", published="2024-03-13")
    assert a.meta.published == dt.date(2024, 3, 13) and a.meta.published_basis == "manifest"


# --- the day in the article's address ------------------------------------------------------


@pytest.mark.parametrize(
    "url, day",
    [
        ("https://example.org/ar/2023/05/02/%D8%AE%D8%A8%D8%B1/", "2023-05-02"),
        ("https://example.org/news/world/2023/9/20/title-words", "2023-09-20"),
        ("https://example.org/2024/02/07", "2024-02-07"),
        ("https://example.org/archive/2024-04-16/some-title", "2024-04-16"),
        ("https://example.org/news/view.aspx?cdate=09092023&id=abc", "2023-09-09"),
        ("https://example.org/view?date=2024-04-16", "2024-04-16"),
        ("https://example.org/view?pubDate=20240416", "2024-04-16"),
    ],
)
def test_day_in_the_address(url, day):
    assert url_date(url) == dt.date.fromisoformat(day)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/ar/?p=294065",
        "https://example.org/cgi-bin/sales?arcode=240416165736&type=article",  # no date name
        "https://example.org/news/1694710297-title",  # a timestamp is not read
        "https://example.org/2023/13/45/title",  # no such day
        "https://example.org/view?cdate=01022023",  # 1 February or 2 January: not said
        "https://example.org/a/705029",
        "https://example.org/1850/01/02/title",  # outside the years of web news
        "not a url at all",
        "",
        None,
    ],
)
def test_no_day_in_the_address(url):
    assert url_date(url) is None


def test_address_day_is_used_after_the_text_and_keeps_its_basis(tmp_path):
    url = "https://example.org/city/2024/06/03/buses"
    a = article(tmp_path, f"{TITLE}\n\n{P1}\n\n{P2}\n", url=url)
    assert (a.meta.published, a.meta.published_basis) == (dt.date(2024, 6, 3), f"address: {url}")
    assert a.meta.url == url
    lead = "بيروت 12 مارس 2024 (رويترز) - أقر مجلس المدينة خطة لتوسيع شبكة الحافلات في الأحياء كلها."
    b = article(tmp_path, f"{TITLE}\n\n{lead}\n\n{P2}\n", url=url)
    assert b.meta.published == dt.date(2024, 3, 12)  # the article's own dateline first


# --- a date line right above the headline --------------------------------------------------


def test_date_line_right_above_the_headline_is_a_last_resort(tmp_path):
    a = article(tmp_path, f"15-أبريل-2024\n{TITLE}\n\n{P1}\n\n{P2}\n")
    assert a.meta.published == dt.date(2024, 4, 15)
    assert a.meta.published_basis == "date line above the headline: 15-أبريل-2024"
    assert "15-أبريل-2024" not in a.text


def test_address_day_wins_over_the_date_line_above_the_headline(tmp_path):
    a = article(tmp_path, f"20 مايو، 2025\n{TITLE}\n\n{P1}\n\n{P2}\n", url="https://example.org/2023/05/02/x")
    assert a.meta.published == dt.date(2023, 5, 2)


def test_date_widget_apart_from_the_headline_is_not_the_article_date(tmp_path):
    a = article(tmp_path, f"20 مايو، 2025\nأخبار دولية\n{TITLE}\n\n{P1}\n\n{P2}\n")
    assert a.meta.published is None


def test_date_line_above_the_photo_caption_and_the_headline(tmp_path):
    page = f"15-أبريل-2024\nمشهد عام للمدينة (iStock)\n{TITLE}\n\n{P1}\n\n{P2}\n"
    a = article(tmp_path, page)
    assert a.meta.published == dt.date(2024, 4, 15)
