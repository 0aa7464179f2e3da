"""Who a claim comes from, rule by rule, on sentences written for these tests."""
from __future__ import annotations

import pytest

from helpers.extractors.attribution import attribute
from helpers.extractors.text import TextContext


def who(text: str, at: str) -> str | None:
    i = text.index(at)
    return attribute(TextContext(text), i)


# --- reporting verb + subject --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source",
    [
        ("قال وزير الدفاع البريطاني إن 900 جندي وصلوا.", "وزير الدفاع البريطاني"),
        ("وقال المتحدث باسم الجيش، الثلاثاء، إن 900 جندي وصلوا.", "المتحدث باسم الجيش"),
        ("أعلنت وزارة الدفاع أن 900 جندي وصلوا.", "وزارة الدفاع"),
        ("وأكدت هيئة الأركان يوم الأحد أن 900 جندي وصلوا.", "هيئة الأركان"),
        ("كشف مصدر عسكري رفيع عن وصول 900 جندي.", "مصدر عسكري رفيع"),
        ("وقدرت أجهزة المخابرات عدد الجنود بـ 900.", "أجهزة المخابرات"),
        ("وتقول الحكومة الآن إن 900 جندي وصلوا.", "الحكومة"),
        ("كما أفادت القيادة الجنوبية بأن 900 جندي وصلوا.", "القيادة الجنوبية"),
    ],
)
def test_verb_then_subject(text, source):
    assert who(text, "900") == source


def test_addressee_medium_is_not_part_of_the_name():
    assert who("وقال مسؤول عسكري لوكالة أنباء محلية إن 900 جندي وصلوا.", "900") == "مسؤول عسكري"


def test_according_to_then_fa_inna():
    assert who("وبحسب تقديرات الحلف فإن 900 جندي وصلوا.", "900") == "الحلف"  # the estimates are the alliance's


def test_according_to_what_the_source_reported():
    assert who("وصل 900 جندي، حسب ما أفادت به وكالة الأنباء الرسمية.", "900") == "وكالة الأنباء الرسمية"
    assert who("وصل 900 جندي، على حد قول الضابط.", "900") == "الضابط"


def test_subject_then_verb():
    assert who("الجنرال كارلوس ألفاريز قال إن 900 جندي وصلوا.", "900") == "الجنرال كارلوس ألفاريز"


def test_subject_between_kana_and_qad():
    assert who("وكانت الوكالة الرسمية قد ذكرت أن 900 جندي وصلوا.", "900") == "الوكالة الرسمية"


def test_addressee_is_not_part_of_the_name():
    assert who("وقال العقيد سامر للصحفيين إن 900 جندي وصلوا.", "900") == "العقيد سامر"


# --- according to X ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source",
    [
        ("وبحسب مركز الرصد، وصل 900 جندي.", "مركز الرصد"),
        ("وفقا لـ مسؤول أمني، وصل 900 جندي.", "مسؤول أمني"),
        ("ووفقاً لوكالة الأنباء المحلية، وصل 900 جندي.", "وكالة الأنباء المحلية"),
        ("ووفقا للمخابرات البريطانية، وصل 900 جندي.", "المخابرات البريطانية"),
        ("ونقلا عن مصادر ميدانية، وصل 900 جندي.", "مصادر ميدانية"),
        ("وصل 900 جندي، حسبما ذكرت صحيفة محلية.", "صحيفة محلية"),
        ("وصل 900 جندي إلى المنطقة، وفق المرصد.", "المرصد"),
        ("وصل 900 جندي، بحسب شهود عيان.", "شهود عيان"),
        ("وجاء في التقرير السنوي أن 900 جندي وصلوا.", "التقرير السنوي"),
    ],
)
def test_according_to(text, source):
    assert who(text, "900") == source


def test_source_before_the_claim_wins_over_the_relay_after_it():
    text = "وأشارت هيئة الرقابة إلى أن 900 جندي وصلوا، وفق الصحيفة."
    assert who(text, "900") == "هيئة الرقابة"


# --- carried-over subject --------------------------------------------------------------------


def test_subjectless_verb_takes_the_previous_source():
    text = "وبحسب الاستخبارات الفرنسية، وصلت الكتيبة أمس. وأضافت أن 900 جندي في الطريق."
    assert who(text, "900") == "الاستخبارات الفرنسية"


def test_subjectless_verb_prefers_a_source_of_its_gender():
    text = ("قالت وزارة الخارجية إن الوضع هادئ، وقال الناطق العسكري إن القتال توقف. "
            "وأضافت أن 900 جندي انسحبوا.")
    assert who(text, "900") == "وزارة الخارجية"
    text_m = ("قالت وزارة الخارجية إن الوضع هادئ، وقال الناطق العسكري إن القتال توقف. "
              "وأضاف أن 900 جندي انسحبوا.")
    assert who(text_m, "900") == "الناطق العسكري"


def test_subjectless_verb_with_no_source_before_is_unattributed():
    assert who("وأضاف أن 900 جندي انسحبوا.", "900") is None


# --- quotations --------------------------------------------------------------------------------


def test_count_inside_a_quote_belongs_to_the_speaker_before_it():
    text = 'وقال القائد الميداني: "لقد خسرنا 900 جندي هذا الشهر".'
    assert who(text, "900") == "القائد الميداني"


def test_count_inside_a_quote_spanning_sentences():
    text = 'وقال القائد الميداني: "المعركة صعبة. لقد خسرنا 900 جندي".'
    assert who(text, "900") == "القائد الميداني"


def test_speaker_named_after_the_quote():
    text = '"وصل 900 جندي إلى المواقع"، قال المتحدث العسكري.'
    assert who(text, "900") == "المتحدث العسكري"


# --- own voice ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "وصل 900 جندي إلى الحدود أمس.",
        "يذكر أن 900 جندي وصلوا إلى الحدود.",
        "ويشار إلى أن 900 جندي وصلوا إلى الحدود.",
        "تم نقل 900 جندي إلى الحدود.",  # نقل without عن is transport, not reporting
    ],
)
def test_own_voice(text):
    assert who(text, "900") is None


def test_source_of_another_sentence_does_not_leak():
    text = "قال الوزير إن الوضع هادئ. وصل 900 جندي إلى الحدود."
    assert who(text, "900") is None


def test_dated_claim_attribution():
    text = "ووفقا لمصادر محلية، بدأ الانسحاب في 3 مارس الماضي."
    assert who(text, "3 مارس") == "مصادر محلية"


# --- names of bodies, persons of no name, headlines, vague sources --------------------------


@pytest.mark.parametrize(
    "text, source",
    [
        ("ذكرت المنظمة الدولية للهجرة أن 3 آلاف شخص نزحوا.", "المنظمة الدولية للهجرة"),
        ("دعا المركز الوطني لرصد الزلازل إلى إخلاء 200 منزل قرب الصدع.",
         "المركز الوطني لرصد الزلازل"),
        ("قال مسؤولون في الأمم المتحدة إن 100 ألف شخص فروا.", "مسؤولون في الأمم المتحدة"),
        ("وقال الوزير المكلف بالميزانية في المغرب، سعيد العلوي، إن 500 منزل تضرر.",
         "الوزير المكلف بالميزانية في المغرب، سعيد العلوي"),
        ("قتل 40 شخصا، وذلك حسب حصيلة محدثة لوزارة الصحة.", "وزارة الصحة"),  # the toll's owner
        ("قتل 40 شخصا وفق حصيلة أوردتها وزارة الصحة.", "وزارة الصحة"),
        ("قتل 40 شخصا بحسب بيان الوزارة.", "الوزارة"),
        ("قتل 40 شخصا بحسب مشروع رصد النزاعات (ACLED) في تقريره.", "مشروع رصد النزاعات (ACLED)"),
    ],
)
def test_names_of_bodies_and_persons(text, source):
    number = next(w for w in text.split() if w[0].isdigit())
    assert who(text, number) == source


def test_addressee_after_a_body_is_not_part_of_its_name():
    assert who("قالت المنظمة للصحافيين إن 300 شخص نزحوا.", "300") == "المنظمة"


def test_person_in_a_meeting_is_not_a_body():
    assert who("قال الرئيس في كلمة ألقاها إن 300 جندي وصلوا.", "300") == "الرئيس"


def test_headline_names_its_source_before_the_colon():
    assert who("الصحة العالمية: 300 قتيل في أسبوع", "300") == "الصحة العالمية"
    assert who("\"الدولية للهجرة\": 3 ملايين نازح", "3") == "الدولية للهجرة"
    assert who("عاجل: 300 قتيل في القصف", "300") is None  # a label, not a source
    assert who("قتل 300 شخص في القصف: الحصيلة ترتفع", "300") is None


def test_named_source_preferred_to_vague_reports():
    text = "وأفادت التقارير بأن 2000 شخص فروا وفقا لبيانات المنظمة الدولية للهجرة."
    assert who(text, "2000") == "بيانات المنظمة الدولية للهجرة"
    assert who("وأفادت التقارير بأن 2000 شخص فروا.", "2000") == "التقارير"  # none better


def test_bare_definite_name_stands_for_the_full_name_given_before():
    text = ("أعلنت وزارة الصحة السودانية أن 300 شخص قتلوا في المدينة. "
            "وأضافت الوزارة أن 500 آخرين أصيبوا.")
    assert who(text, "500") == "وزارة الصحة السودانية"
    alone = "وقالت الوزارة إن 500 شخص أصيبوا."
    assert who(alone, "500") == "الوزارة"  # no fuller name before: as written


def test_a_different_body_is_not_an_antecedent():
    text = ("أعلنت وزارة الصحة أن 300 شخص قتلوا. "
            "وقالت المنظمة إن 500 شخص نزحوا.")
    assert who(text, "500") == "المنظمة"
