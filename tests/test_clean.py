"""Body cleaning: each kind of page chrome, on invented page snippets, and the gold
boundaries of the seed articles and development excerpts."""
from __future__ import annotations


import pytest

from helpers.clean.pipeline import (
    Line,
    classify_line,
    clean,
    cut_marker,
    find_agency_credit,
    is_uncredited_caption,
    key,
    split_lines,
)

# An invented article used as the body of the page snippets below.
TITLE = "وزير الزراعة يعلن خطة جديدة لدعم صغار المزارعين في الجنوب"
P1 = "أعلن وزير الزراعة اليوم عن خطة تمتد ثلاث سنوات لدعم صغار المزارعين في المحافظات الجنوبية، تشمل قروضا ميسرة وبذورا محسنة."
P2 = "وقال الوزير في مؤتمر صحفي إن الخطة ستبدأ مطلع الموسم المقبل، وإن الحكومة خصصت لها ميزانية مستقلة عن برامج الدعم السابقة."
P3 = "وأضاف أن فرق الإرشاد الزراعي ستزور القرى لشرح شروط الاستفادة من القروض وطريقة تقديم الطلبات عبر المكاتب المحلية."
BODY = [P1, P2, P3]


def page(*parts: str) -> str:
    return "\n".join(parts) + "\n"


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def kinds(cleaned) -> list[str]:
    return [r["kind"] for r in cleaned.removed]


def removed_texts(cleaned, kind: str) -> list[str]:
    return [r["text"] for r in cleaned.removed if r["kind"] == kind]


def one_line(text: str) -> Line:
    return split_lines(text)[0]


# --- the article itself ----------------------------------------------------------------


def test_plain_article_is_kept_whole():
    c = clean(page(TITLE, "", *BODY))
    assert lines_of(c.text) == [TITLE, *BODY]
    assert c.removed == []


def test_capture_starting_with_the_body_has_its_first_line_as_title():
    c = clean(page(P2, P3))
    assert c.title.text == P2
    assert lines_of(c.text) == [P2, P3]


def test_lines_map_back_to_the_input():
    raw = page("  " + TITLE + "  ", "", "\t" + P1, P2)
    c = clean(raw)
    for line in c.lines:
        assert raw[line.offset:line.offset + len(line.text)].replace("\t", " ") == line.text


def test_no_break_spaces_read_as_spaces_with_offsets_kept():
    p = P1.replace(" ", "\u00a0", 3)
    raw = page(TITLE, p)
    c = clean(raw)
    assert c.body[0].text == P1
    assert len(c.body[0].text) == len(p)
    assert raw[c.body[0].offset:c.body[0].offset + len(p)] == p


# --- chrome above the article ----------------------------------------------------------


def test_live_menu_bullets_counts_and_their_expanded_copies():
    raw = page(
        "مباشر", "أقسام مهمة", "", "37 خبر",
        "  • أسعار الذهب اليوم في الأسواق المحلية", "  • مباريات الدوري",
        "", "    أسعار الذهب اليوم في الأسواق المحلية", "", "    مباريات الدوري", "",
        TITLE, "", *BODY,
    )
    c = clean(raw)
    assert c.title.text == TITLE
    assert lines_of(c.text) == [TITLE, *BODY]
    assert "ui" in kinds(c) and "menu" in kinds(c)
    assert "    أسعار الذهب اليوم في الأسواق المحلية".strip() in removed_texts(c, "menu")


def test_headline_ticker_before_the_article():
    ticker = " ".join(
        [
            "ارتفاع أسعار النفط في الأسواق العالمية",
            "منتخب الشباب يتأهل إلى نهائي البطولة الإقليمية",
            "افتتاح معرض الكتاب بمشاركة مئات دور النشر",
            "الأرصاد تحذر من موجة حر تضرب البلاد نهاية الأسبوع",
            "انطلاق حملة وطنية للتطعيم ضد شلل الأطفال في المدارس",
            "البنك المركزي يبقي أسعار الفائدة دون تغيير",
        ]
    )
    assert len(ticker) > 250
    c = clean(page("صحيفة المساء", ticker, "", TITLE, *BODY))
    assert c.title.text == TITLE
    assert removed_texts(c, "ticker") == [ticker]
    assert removed_texts(c, "masthead") == ["صحيفة المساء"]


def test_list_of_other_headlines_above_the_article():
    others = [
        "ارتفاع أسعار الخبز في الأسواق الشعبية",
        "المنتخب الوطني يفوز على ضيفه بهدفين نظيفين",
        "افتتاح مهرجان المسرح بمشاركة عشر فرق عربية",
    ]
    c = clean(page("سياسة", "اقتصاد", *others, "", TITLE, TITLE, "", *BODY))
    assert c.title.text == TITLE
    assert lines_of(c.text) == [TITLE, *BODY]
    assert removed_texts(c, "menu") == others


def test_masthead_staff_line_and_site_ui_words():
    c = clean(page("رئيس التحرير سامي منصور", "Logo", "الوضع المظلم", "Homepage", "21°", "|", TITLE, *BODY))
    assert c.title.text == TITLE
    assert set(kinds(c)) == {"masthead", "ui", "separator"}


def test_breadcrumb_and_byline_with_place():
    c = clean(page("الرئيسية » اقتصاد", TITLE, "", "القاهرة - منى عبد الله", "", *BODY))
    assert lines_of(c.text) == [TITLE, *BODY]
    assert removed_texts(c, "breadcrumb") == ["الرئيسية » اقتصاد"]
    assert c.meta["dateline_place"] == "القاهرة"
    assert c.meta["byline"] == "منى عبد الله"


def test_place_and_name_line_inside_the_body_is_not_a_byline():
    c = clean(page(TITLE, P1, "روسيا - أوكرانيا", P2))
    assert lines_of(c.text) == [TITLE, P1, "روسيا - أوكرانيا", P2]
    assert "byline" not in c.meta


def test_byline_with_prefix():
    c = clean(page(TITLE, "كتب: خالد يوسف", *BODY))
    assert c.meta["byline"] == "خالد يوسف"
    assert lines_of(c.text) == [TITLE, *BODY]


def test_byline_without_colon():
    c = clean(page(TITLE, "كتب محمود سالم", *BODY))
    assert c.meta["byline"] == "محمود سالم"
    assert lines_of(c.text) == [TITLE, *BODY]
    # a subheading whose first word folds like a byline prefix ("أعداد" / "إعداد")
    c = clean(page(TITLE, P1, "أعداد المستفيدين", P2))
    assert lines_of(c.text) == [TITLE, P1, "أعداد المستفيدين", P2]
    assert "byline" not in c.meta


def test_uncredited_caption_before_a_byline_when_the_headline_is_missing():
    c = clean(page("الرئيسية » محليات", "المزارعون خلال موسم الحصاد في سهل البقاع", "", "بيروت - رامي حداد", "", *BODY))
    assert c.title.text == P1
    assert removed_texts(c, "caption") == ["المزارعون خلال موسم الحصاد في سهل البقاع"]


def test_headline_with_a_present_tense_verb_is_not_a_caption():
    assert not is_uncredited_caption(one_line("الحكومة تعلن خلال اجتماعها الأسبوعي زيادة الأجور"))
    assert is_uncredited_caption(one_line("المتظاهرون أثناء مسيرة في وسط العاصمة"))


# --- captions -------------------------------------------------------------------------


def test_caption_repeating_the_title_and_photo_credit():
    c = clean(page(TITLE, P1, TITLE, "صورة من الأرشيف / سامر علي / رويترز", P2, P3))
    assert lines_of(c.text) == [TITLE, *BODY]
    assert removed_texts(c, "caption") == [TITLE, "صورة من الأرشيف / سامر علي / رويترز"]


def test_caption_printed_twice_under_the_title():
    c = clean(page(TITLE, "", "الوزير خلال المؤتمر الصحفي", "الوزير خلال المؤتمر الصحفي", "", *BODY))
    assert lines_of(c.text) == [TITLE, *BODY]
    assert removed_texts(c, "caption") == ["الوزير خلال المؤتمر الصحفي"] * 2


def test_short_subheading_inside_the_body_is_kept():
    c = clean(page(TITLE, P1, "تفاصيل الخطة", P2, P3))
    assert "تفاصيل الخطة" in lines_of(c.text)


def test_image_markdown_line():
    img = "![حقل قمح في الصباح (أ.ف.ب)](https://example.org/img/wheat.jpg)"
    c = clean(page(TITLE, P1, P2, img, P3))
    assert lines_of(c.text) == [TITLE, *BODY]
    assert removed_texts(c, "image") == [img]


def test_photo_credit_in_parentheses():
    assert classify_line(one_line("جانب من الحقول المروية (أ.ف.ب)"))[0] == "caption"
    assert classify_line(one_line(P1)) is None


# --- metadata lines ---------------------------------------------------------------------


def test_source_credit_goes_to_metadata():
    c = clean(page(TITLE, *BODY, "المصدر: وكالة الأنباء الأردنية"))
    assert c.meta["credited_source"] == "وكالة الأنباء الأردنية"
    assert lines_of(c.text) == [TITLE, *BODY]
    assert removed_texts(c, "source") == ["المصدر: وكالة الأنباء الأردنية"]


def test_closing_agency_credit_line():
    c = clean(page(TITLE, *BODY, "(أ ف ب)"))
    assert c.meta["credited_source"] == "أ ف ب"
    assert lines_of(c.text) == [TITLE, *BODY]
    assert classify_line(one_line("(وزارة الزراعة)")) is None


def test_tag_list():
    c = clean(page(TITLE, *BODY, "كلمات دلالية: الزراعة القروض المزارعين"))
    assert removed_texts(c, "tags") == ["كلمات دلالية: الزراعة القروض المزارعين"]
    assert lines_of(c.text) == [TITLE, *BODY]


def test_sentence_starting_like_a_prefix_is_not_chrome():
    # "نشر" (published), "كتب" (wrote), "التعليقات" (comments) as ordinary sentence openers
    s1 = "نشر الجيش تعزيزات إضافية على الطريق الساحلي بعد ليلة من الاشتباكات المتقطعة قرب الميناء."
    s2 = "كتب الرئيس رسالة مطولة إلى البرلمان يطلب فيها تمديد العمل بالموازنة الحالية ثلاثة أشهر."
    s3 = "التعليقات التي أدلى بها المتحدث أثارت موجة واسعة من الانتقادات في الأوساط السياسية المحلية."
    for s in (s1, s2, s3):
        assert classify_line(one_line(s)) is None
        assert cut_marker(one_line(s)) is None
    c = clean(page(TITLE, P1, s1, s2, s3))
    assert lines_of(c.text) == [TITLE, P1, s1, s2, s3]


# --- what follows the article -----------------------------------------------------------


@pytest.mark.parametrize(
    "marker",
    [
        "اقرأ أيضا",
        "إقرأ أيضاً:",
        "قد يهمك أيضــــــا",
        "أخبار ذات صلة",
        "موضوعات متعلقة",
        "أخبار متعلقة",
        "الأكثر قراءة",
        "آخر الأخبار",
        "اخر الاخبار",
        "شاهد أيضا",
    ],
)
def test_related_block_and_everything_after_it_is_cut(marker):
    other = "الحكومة تقر زيادة رواتب المعلمين اعتبارا من الشهر المقبل"
    other_p = "وافق مجلس الوزراء في جلسته الأسبوعية على زيادة رواتب المعلمين بنسبة عشرة في المئة."
    c = clean(page(TITLE, *BODY, marker, other, other_p))
    assert lines_of(c.text) == [TITLE, *BODY]
    assert {r["kind"] for r in c.removed} == {"related"}
    assert removed_texts(c, "related")[-1] == other_p


def test_read_also_link_inside_the_story_drops_only_its_line():
    link = "اقرأ أيضا: الحكومة تقر زيادة رواتب المعلمين"
    c = clean(page(TITLE, P1, link, P2, P3))
    assert lines_of(c.text) == [TITLE, *BODY]
    assert removed_texts(c, "related") == [link]


def test_read_also_link_followed_by_another_story_cuts():
    link = "اقرأ أيضا: الحكومة تقر زيادة رواتب المعلمين"
    other_lead = "أقر مجلس الوزراء في جلسته الأسبوعية زيادة رواتب المعلمين بنسبة عشرة في المئة اعتبارا من الشهر المقبل."
    c = clean(page(TITLE, P1, P2, link, other_lead))
    assert lines_of(c.text) == [TITLE, P1, P2]
    # the marker alone on its line always cuts, whatever follows
    c = clean(page(TITLE, P1, "اقرأ أيضا:", P2))
    assert lines_of(c.text) == [TITLE, P1]


def test_marker_glued_to_the_first_related_headline():
    c = clean(page(TITLE, *BODY, "موضوعات متعلقةالحكومة تقر زيادة رواتب المعلمين"))
    assert lines_of(c.text) == [TITLE, *BODY]


def test_comments_section_is_cut():
    c = clean(page(TITLE, *BODY, "التعليقات", "رأي القارئ الأول في الخطة الجديدة وآثارها على القرى"))
    assert lines_of(c.text) == [TITLE, *BODY]
    assert removed_texts(c, "comments")[0] == "التعليقات"


def test_share_and_follow_prompts():
    c = clean(page(TITLE, *BODY, "شارك", "تابع أحدث الأخبار عبر تطبيق", "View on example.net"))
    assert lines_of(c.text) == [TITLE, *BODY]
    assert len(removed_texts(c, "share")) == 3


def test_site_name_left_after_the_article():
    c = clean(page(TITLE, *BODY, "الشرق اليوم", "-", "أخبار متعلقة", "-", "عنوان خبر آخر عن الطقس"))
    assert lines_of(c.text) == [TITLE, *BODY]
    assert removed_texts(c, "trailer") == ["الشرق اليوم"]


# --- duplicates -------------------------------------------------------------------------


def test_paragraph_printed_twice_keeps_the_first():
    c = clean(page(TITLE, P1, P2, P1, P3))
    assert lines_of(c.text) == [TITLE, P1, P2, P3]
    assert removed_texts(c, "duplicate") == [P1]


def test_near_duplicate_with_spelling_variants():
    variant = P2.replace("إن", "ان").replace("مستقلة", "مستقلة تماما")
    c = clean(page(TITLE, P1, P2, P3, variant))
    assert lines_of(c.text) == [TITLE, *BODY]


def test_reprinted_block_at_the_end_goes_whole():
    extra = "وكانت الوزارة قد أطلقت العام الماضي برنامجا تجريبيا في محافظتين شمل مئات الأسر الريفية."
    p4 = "وأكد مسؤولون محليون أن المزارعين ينتظرون الخطة منذ سنوات بعد تراجع المحاصيل بسبب الجفاف."
    c = clean(page(TITLE, P1, P2, P3, p4, extra, P2, P3, p4))
    assert lines_of(c.text) == [TITLE, P1, P2, P3, p4]
    assert removed_texts(c, "duplicate") == [extra, P2, P3, p4]


def test_distinct_paragraphs_sharing_a_phrase_are_kept():
    a = "قال رئيس الوزراء إن الحكومة ملتزمة بخفض العجز خلال العام المقبل عبر ترشيد الإنفاق العام."
    b = "وقال وزير المالية إن الحكومة ملتزمة بزيادة الإيرادات الضريبية من الشركات الكبرى دون المساس بالأجور."
    c = clean(page(TITLE, a, b))
    assert lines_of(c.text) == [TITLE, a, b]


# Two reports that differ only in a figure or a date are two facts, not one paragraph
# printed twice: each pair below keeps both.
_CASUALTIES = "وأفاد مسؤولون في الدفاع المدني بأن القصف الذي استهدف السوق الشعبية أسفر عن مقتل {} مدنيين وإصابة آخرين بجروح متفاوتة."
_MEETING = "وعقد وزيرا الخارجية اجتماعا مطولا في العاصمة {} لبحث ملف المياه المشتركة بين البلدين وسبل تجاوز الخلاف القائم."


@pytest.mark.parametrize(
    "first, second",
    [
        (_CASUALTIES.format("7"), _CASUALTIES.format("9")),
        (_CASUALTIES.format("٧"), _CASUALTIES.format("١٧")),  # Arabic-Indic digits
        (_CASUALTIES.format("سبعة"), _CASUALTIES.format("تسعة")),  # number words
        (_CASUALTIES.format("سبعة"), _CASUALTIES.format("8")),
        (_MEETING.format("يوم 3 مارس"), _MEETING.format("يوم 3 أبريل")),  # month name
        (_MEETING.format("يوم الأحد"), _MEETING.format("يوم الثلاثاء")),  # weekday
        (_MEETING.format("في الأسبوع الأول"), _MEETING.format("في الأسبوع الثالث")),  # ordinal
        (_MEETING.format("يوم 12 مارس"), _MEETING.format("مارس")),  # a number dropped
    ],
)
def test_paragraphs_differing_in_a_number_or_date_are_both_kept(first, second):
    c = clean(page(TITLE, P1, first, P2, second, P3))
    assert lines_of(c.text) == [TITLE, P1, first, P2, second, P3]
    assert "duplicate" not in kinds(c)


def test_repeat_with_the_same_number_written_otherwise_is_a_duplicate():
    first = _CASUALTIES.format("7")
    again = _CASUALTIES.format("٧").replace("متفاوتة", "متفاوته")  # same figure, other digits
    words = _CASUALTIES.format("سبعة").replace("إن", "ان")
    c = clean(page(TITLE, P1, first, again, P2, words, P3))
    assert lines_of(c.text) == [TITLE, P1, first, P2, P3]
    assert removed_texts(c, "duplicate") == [again, words]


def test_two_paragraphs_merged_with_their_numbers_are_a_duplicate():
    a = "وقالت البلدية إن الأمطار الغزيرة أغرقت 40 منزلا في الأحياء المنخفضة خلال ساعات الليل."
    b = "وأضافت أن فرق الإنقاذ أجلت 120 عائلة إلى مدارس حولت إلى مراكز إيواء مؤقتة."
    merged = f"{a} {b}"
    c = clean(page(TITLE, a, b, P1, merged, P2))
    assert lines_of(c.text) == [TITLE, a, b, P1, P2]
    changed = merged.replace("120", "150")
    c = clean(page(TITLE, a, b, P1, changed, P2))
    assert lines_of(c.text) == [TITLE, a, b, P1, changed, P2]


# --- agency credits in the body ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, agency",
    [
        ("وأعلن المتحدث ذلك في بيان نقلته وكالة الأنباء الإيطالية “أنسا” مساء أمس.", "أنسا"),
        ("وسقطت القذائف على الحي الشرقي، وفقاً لوكالة الصحافة الفرنسية.", "وكالة الصحافة الفرنسية"),
        ("وارتفع عدد المصابين إلى عشرين، حسبما أفادت وكالة الأناضول.", "وكالة الأناضول"),
        ("وقال الشهود إن الطريق أغلق ساعتين، نقلا عن رويترز.", "رويترز"),
    ],
)
def test_agency_credit_in_the_body(sentence, agency):
    assert find_agency_credit(P1 + "\n" + sentence) == agency


def test_no_agency_credit_for_other_agencies_or_plain_attribution():
    assert find_agency_credit("وقال مسؤول في وكالة الفضاء إن الإطلاق تأجل أسبوعا.") is None
    assert find_agency_credit("ونقلت الصحيفة عن مصادرها أن الاجتماع سيعقد غدا.") is None
    assert find_agency_credit(P1 + "\n" + P2) is None


def test_agency_credit_fills_metadata_only_without_a_source_line():
    credit = "وأعلن المتحدث ذلك في بيان نقلته وكالة الأنباء الإيطالية “أنسا” مساء أمس."
    assert clean(page(TITLE, P1, credit)).meta["credited_source"] == "أنسا"
    assert clean(page(TITLE, P1, credit, "المصدر: الشرق")).meta["credited_source"] == "الشرق"


# --- tables are matched on normalized text ----------------------------------------------


def test_key_folds_spelling_variants():
    assert key("إقرأ أيضاً:") == key("اقرا ايضا") == key("اقرأ أيضــــا")


# --- acceptance: the gold body boundaries -----------------------------------------------


# One run per gold document (the gold_key parameter, from conftest); the development
# excerpts are read from the evaluation data folder and skip when it is absent.
def test_gold_body_boundaries(gold_file, gold_doc):
    from helpers.read.corpus import load_article

    body = gold_doc["body"]
    art = load_article(gold_file)
    first_line = art.text.split("\n")[0]
    last_line = art.text.split("\n")[-1]
    assert first_line.startswith(body["first"])
    assert last_line.endswith(body["last"])
    # every line of the text is the file's own characters at the mapped offset
    for (t_off, r_off), line in zip(art.line_map, art.text.split("\n")):
        assert art.text[t_off:t_off + len(line)] == line
        assert art.raw[r_off:r_off + len(line)].replace("\u00a0", " ") == line
    # so is every removed line, and nothing is both kept and removed
    for r in art.removed:
        assert art.raw[r["offset"]:r["offset"] + len(r["text"])].replace("\u00a0", " ") == r["text"]
    kept = {off for _, off in art.line_map}
    assert not kept & {r["offset"] for r in art.removed}
