"""The article, not the page: embedded posts, cookie banners, breadcrumb trails, related
blocks after the body, tickers and weather above it, photo credits, hashtag lines and
mobile-site labels — each on an invented page, with the article's own lines that look
like chrome kept."""
from __future__ import annotations

import pytest

from helpers.clean.embeds import is_post_signature, is_post_text
from helpers.clean.lines import hashtag_share, is_cookie_notice
from helpers.clean.pipeline import classify_line, clean, split_lines

# An invented article (a regional flood), the body of every page below.
TITLE = "السيول تغلق الطريق الساحلي وتعزل ثلاث قرى في الشمال"
P1 = "أغلقت السيول الطريق الساحلي صباح اليوم بعد أمطار غزيرة استمرت طوال الليل، وعزلت ثلاث قرى عن مركز المحافظة."
P2 = "وقال رئيس البلدية إن فرق الدفاع المدني تعمل على فتح ممر مؤقت، وإن المدارس ستبقى مغلقة حتى نهاية الأسبوع."
P3 = "وأضاف أن السلطات وزعت أغطية ومواد غذائية على العائلات التي غمرت المياه بيوتها، ودعت السكان إلى تجنب الأودية."
BODY = [P1, P2, P3]


def page(*parts: str) -> str:
    return "\n".join(parts) + "\n"


def text_lines(cleaned) -> list[str]:
    return cleaned.text.split("\n")


def removed_as(cleaned, kind: str) -> list[str]:
    return [r["text"] for r in cleaned.removed if r["kind"] == kind]


def one(text: str):
    return split_lines(text)[0]


# --- embedded posts ---------------------------------------------------------------------

TWEET_EN = "Roads flooded near the coast this morning, stay safe everyone #flood #storm pic.twitter.com/Ab12Cd34"
SIGNATURE_EN = "— Coast Weather (@coastweather) March 3, 2024"
TWEET_AR = "#عاجل | السيول تقطع الطريق الساحلي و #الدفاع_المدني يدعو إلى الحذر"
SIGNATURE_AR = "— إذاعة الشمال (@north_radio) 3 مارس 2024"


def test_embedded_tweet_after_the_body_is_not_its_end():
    c = clean(page(TITLE, *BODY, "", TWEET_EN, "", SIGNATURE_EN))
    assert text_lines(c) == [TITLE, *BODY]
    assert removed_as(c, "embed") == [TWEET_EN, SIGNATURE_EN]


def test_embedded_tweet_inside_the_body_goes_the_story_stays():
    c = clean(page(TITLE, P1, TWEET_AR, SIGNATURE_AR, P2, P3))
    assert text_lines(c) == [TITLE, *BODY]
    assert removed_as(c, "embed") == [TWEET_AR, SIGNATURE_AR]


def test_the_line_introducing_a_post_stays():
    intro = "وكتب رئيس البلدية على حسابه في منصة إكس @north_mayor:"
    c = clean(page(TITLE, P1, intro, TWEET_EN, SIGNATURE_EN, P2, P3))
    assert text_lines(c) == [TITLE, P1, intro, P2, P3]


def test_a_paragraph_naming_a_handle_without_a_post_stays():
    p = "ونشر الحساب الرسمي للبلدية @north_city صورا للطريق المغلق، وطلب من السائقين سلوك الطرق الداخلية."
    c = clean(page(TITLE, P1, p, P2))
    assert text_lines(c) == [TITLE, P1, p, P2]


@pytest.mark.parametrize("line", [SIGNATURE_EN, SIGNATURE_AR, "— Mayor's Office (@mayor_office) ٣ مارس ٢٠٢٤",
                                  "A post shared by Coast Weather (@coastweather)"])
def test_post_signatures(line):
    assert is_post_signature(one(line))


@pytest.mark.parametrize("line", [
    "— وقال رئيس البلدية إن الطريق سيفتح غدا",  # a dash opening a quotation
    "— إذاعة الشمال (@north_radio)",  # no date
    P2,
])
def test_not_post_signatures(line):
    assert not is_post_signature(one(line))


def test_post_text_reads_as_a_post():
    assert is_post_text(one(TWEET_EN))
    assert is_post_text(one(TWEET_AR))
    assert is_post_text(one("Heavy rain tonight on the northern coast"))
    assert not is_post_text(one(P1))


# --- cookie banners ---------------------------------------------------------------------


@pytest.mark.parametrize("banner", [
    "نستعمل في موقعنا ملفات تعريف الارتباط لتقديم خدمة أفضل، وبمتابعة التصفح فأنت توافق على سياسة الخصوصية. أوافق",
    "نستخدم الكوكيز على موقعنا لنقدم لك محتوى يناسبك. قبول",
    "We use cookies to give you the best experience on our website. Accept",
])
def test_cookie_banner_is_not_the_end_of_the_article(banner):
    c = clean(page(TITLE, *BODY, "", banner))
    assert text_lines(c) == [TITLE, *BODY]
    assert removed_as(c, "cookies") == [banner]


def test_a_sentence_about_cookies_stays():
    p = "وقالت هيئة حماية البيانات إن شركات الإعلان تستخدم ملفات تعريف الارتباط لتتبع المستخدمين دون علمهم، وفرضت عليها غرامات."
    assert not is_cookie_notice(one(p))
    c = clean(page(TITLE, P1, p, P2))
    assert text_lines(c) == [TITLE, P1, p, P2]


# --- breadcrumbs ------------------------------------------------------------------------


def test_breadcrumb_ending_with_the_headline():
    crumb = "الرئيسية / / محليات / " + TITLE
    c = clean(page(crumb, "", TITLE, "", *BODY))
    assert text_lines(c) == [TITLE, *BODY]
    assert removed_as(c, "breadcrumb") == [crumb]


def test_breadcrumb_with_angle_quotes_and_home_in_english():
    assert classify_line(one("Home › الأخبار › محليات › " + TITLE))[0] == "breadcrumb"
    assert classify_line(one("الصفحة الرئيسية » أخبار البلد » " + TITLE))[0] == "breadcrumb"


def test_headline_with_a_slash_is_not_a_breadcrumb():
    headline = "الحكومة / المعارضة: جدل حول قانون الانتخابات الجديد في البرلمان"
    c = clean(page(headline, *BODY))
    assert c.title.text == headline
    # the home page's name at the start of a sentence, with no trail separator after it
    assert classify_line(one("الرئيسية في المدينة أغلقت منذ الصباح بسبب السيول")) is None


# --- related blocks after the body ------------------------------------------------------

OTHER_HEADLINES = [
    "افتتاح مستشفى جديد في العاصمة بعد تأخر عامين",
    "المنتخب الوطني يبدأ معسكره استعدادا للتصفيات القارية",
    "ارتفاع أسعار الخضار في الأسواق مع بداية الشتاء",
]


def test_related_block_in_english_ends_the_article():
    c = clean(page(TITLE, *BODY, "", "Related posts", "", OTHER_HEADLINES[0], "", "Sara Hamdan", OTHER_HEADLINES[1]))
    assert text_lines(c) == [TITLE, *BODY]
    assert removed_as(c, "related")[0] == "Related posts"


def test_unannounced_list_of_other_headlines_after_the_body():
    c = clean(page(TITLE, *BODY, "", *OTHER_HEADLINES))
    assert text_lines(c) == [TITLE, *BODY]
    assert removed_as(c, "related") == OTHER_HEADLINES


def test_a_list_the_article_announces_stays():
    intro = "وأعلنت البلدية عن الإجراءات التالية لمواجهة آثار السيول في الأحياء المتضررة:"
    items = ["فتح مراكز إيواء مؤقتة في المدارس الحكومية", "توزيع مياه الشرب على القرى المعزولة",
             "إرسال فرق طبية متنقلة إلى الطريق الساحلي"]
    c = clean(page(TITLE, P1, P2, intro, *items))
    assert text_lines(c) == [TITLE, P1, P2, intro, *items]


def test_one_or_two_short_lines_after_the_body_are_not_a_related_block():
    sub = "الأمطار مستمرة حتى نهاية الأسبوع في المناطق الشمالية"
    c = clean(page(TITLE, P1, P2, sub))
    assert text_lines(c)[-1] == sub


# --- above the article: tickers, weather, captions --------------------------------------


def test_date_ticker_weather_and_section_above_the_headline():
    c = clean(page("36.5 C", "بيروت", "3 مارس، 2024", "محليات", "", TITLE, "", *BODY))
    assert text_lines(c) == [TITLE, *BODY]
    assert "36.5 C" in removed_as(c, "ui")


@pytest.mark.parametrize("line", ["24°", "36.5 C", "-3 °C", "18°م"])
def test_weather_widget_temperatures(line):
    assert classify_line(one(line))[0] == "ui"


def test_photo_with_credit_above_the_first_paragraph_when_there_is_no_headline():
    caption = "جسر القرية بعد انهياره (iStock)"
    c = clean(page("3-مارس-2024", caption, "", caption, "", *BODY))
    assert text_lines(c) == BODY
    assert removed_as(c, "caption") == [caption, caption]


def test_a_headline_ending_with_a_bracketed_word_is_not_a_caption():
    headline = "البلدية تفتح الطريق الساحلي بعد يومين من الإغلاق (فيديو)"
    c = clean(page(headline, *BODY))
    assert c.title.text == headline


# --- labels and hashtags ----------------------------------------------------------------


@pytest.mark.parametrize("label", ["Exit mobile version", "Skip to main content", "العودة إلى الأعلى"])
def test_site_labels(label):
    c = clean(page(TITLE, *BODY, label))
    assert text_lines(c) == [TITLE, *BODY]


def test_hashtag_line_after_the_body():
    tags = "#السيول #الطريق_الساحلي #الدفاع_المدني"
    assert hashtag_share(one(tags)) == 1.0
    c = clean(page(TITLE, *BODY, tags))
    assert text_lines(c) == [TITLE, *BODY]
    assert removed_as(c, "tags") == [tags]


def test_a_paragraph_with_one_hashtag_stays():
    p = "وأطلق ناشطون وسم #افتحوا_الطريق للمطالبة بإصلاح الجسر القديم قبل موسم الأمطار المقبل."
    c = clean(page(TITLE, P1, p, P2))
    assert text_lines(c) == [TITLE, P1, p, P2]


def test_post_text_and_signature_run_together_on_one_line():
    line = TWEET_EN + SIGNATURE_EN
    c = clean(page(TITLE, *BODY, line))
    assert text_lines(c) == [TITLE, *BODY]
    assert removed_as(c, "embed") == [line]


@pytest.mark.parametrize("line", ["القاهرة 35° / 22°", "الرياض 41°"])
def test_weather_line_with_a_city(line):
    c = clean(page(line, TITLE, *BODY))
    assert text_lines(c) == [TITLE, *BODY]


def test_a_sentence_with_a_temperature_stays():
    p = "وسجلت محطة الرصد 45° في الظهيرة."
    c = clean(page(TITLE, P1, p, P2))
    assert p in text_lines(c)


def test_hijri_and_gregorian_date_line_above_the_headline():
    c = clean(page("الأحد 24 صفر 1445 هـ - 10 سبتمبر 2023 م", TITLE, *BODY))
    assert text_lines(c) == [TITLE, *BODY]


def test_a_headline_with_a_dash_and_a_date_is_not_a_date_line():
    headline = "البلدية تعيد فتح الطريق الساحلي - الأحد 10 سبتمبر 2023 بعد أسبوع من الإغلاق"
    c = clean(page(headline, *BODY))
    assert c.title.text == headline


def test_you_are_here_breadcrumb():
    crumb = "أنت هنا: الرئيسية » أخبار » محليات » " + TITLE
    c = clean(page(crumb, TITLE, *BODY))
    assert text_lines(c) == [TITLE, *BODY]


@pytest.mark.parametrize("prompt", ["اشترك في النشرة البريدية ليصلك كل جديد", "حمل تطبيق الموقع على هاتفك"])
def test_newsletter_and_app_prompts_after_the_body(prompt):
    c = clean(page(TITLE, *BODY, prompt))
    assert text_lines(c) == [TITLE, *BODY]


def test_bracketed_photo_credit_line():
    c = clean(page(TITLE, "(صورة: رويترز)", *BODY))
    assert text_lines(c) == [TITLE, *BODY]


def test_the_article_s_own_list_items_after_the_last_paragraph_stay():
    items = ["- فتح مراكز إيواء مؤقتة في المدارس الحكومية", "- توزيع مياه الشرب على القرى المعزولة",
             "- إرسال فرق طبية متنقلة إلى الطريق الساحلي"]
    c = clean(page(TITLE, P1, P2, *items))
    assert text_lines(c) == [TITLE, P1, P2, *items]


def test_a_post_in_plain_arabic_above_its_signature_goes_too():
    post = "الطريق الساحلي مغلق تماما والفرق تعمل منذ الفجر على فتحه، نرجو من الجميع الصبر"
    c = clean(page(TITLE, P1, post, SIGNATURE_AR, P2, P3))
    assert text_lines(c) == [TITLE, *BODY]
    assert removed_as(c, "embed") == [post, SIGNATURE_AR]


def test_a_post_printed_on_its_signature_s_line_leaves_the_paragraph_above():
    c = clean(page(TITLE, P1, P2, TWEET_AR + " " + SIGNATURE_AR, P3))
    assert text_lines(c) == [TITLE, *BODY]
