"""Counts of any story: people by group, money by currency, named things, every category,
places, lists and implicit nouns — with sentences written for these tests, negatives
included."""
from __future__ import annotations

import pytest

from helpers.extractors.quantities import find_quantities
from helpers.extractors.text import TextContext


def q(text: str) -> list:
    return find_quantities(TextContext(text))


def one(text: str):
    found = q(text)
    assert len(found) == 1, [(m.text, m.value, m.unit, m.category) for m in found]
    return found[0]


def brief(m) -> tuple:
    return (m.value, m.unit, m.category)


# --- people -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, group",
    [
        ("قتل 12 طفلا في القصف على المدينة.", 12, "children"),
        ("أصيب 40 مدنيا في انفجار السوق.", 40, "civilians"),
        ("لقي 300 شخص حتفهم في الفيضانات.", 300, None),
        ("قتل 9 صحفيين منذ بداية الحرب.", 9, "journalists"),
        ("وصل 250 مهاجرا إلى الجزيرة على متن قوارب.", 250, "migrants"),
    ],
)
def test_people_by_group(text, value, group):
    m = one(text)
    assert (m.value, m.unit) == (value, "people")
    assert m.extra.get("group") == group


def test_persons_of_a_family_are_people_not_troops():
    assert brief(one("حضر 400 فرد من العائلة حفل الزفاف.")) == (400, "people", "other")


@pytest.mark.parametrize(
    "text, category",
    [
        ("لقي 300 شخص حتفهم في الفيضانات.", "killed"),
        ("أسفر الفيضان عن 60 قتيلا في القرى.", "killed"),
        ("سجلت السلطات 820 حالة وفاة حتى صباح اليوم.", "killed"),
        ("وأحصت الوزارة 672 إصابة في صفوف السكان.", "wounded"),
        ("ما زال 40 شخصا في عداد المفقودين بعد الانهيار.", "missing"),
        ("اعتقلت الشرطة 35 شخصا خلال المظاهرة.", "detained"),
        ("تمكنت فرق الدفاع المدني من إنقاذ 18 شخصا من تحت الأنقاض.", "rescued"),
        ("جرى إجلاء 1200 شخص من الأحياء المهددة.", "evacuated"),
        ("أجبر القتال 5000 شخص على الفرار من منازلهم.", "displaced"),
        ("تستضيف البلاد 570 ألف لاجئ منذ بداية الأزمة.", "displaced"),
        ("تأثر 100 ألف طفل بالزلزال بحسب المنظمة.", "affected"),
        ("يواجه 755 ألف شخص ظروف المجاعة في الولايات الشرقية.", "affected"),
    ],
)
def test_people_categories(text, category):
    m = one(text)
    assert (m.unit, m.category) == ("people", category)


def test_killed_and_wounded_of_a_disaster_are_people():
    found = q("ارتفعت حصيلة ضحايا الزلزال إلى 2946 قتيلا و5674 جريحا.")
    assert [brief(m) for m in found] == [(2946, "people", "killed"), (5674, "people", "wounded")]


def test_casualty_nouns_among_forces_stay_soldiers():
    found = q("قالت القيادة إن القوات خسرت في المعارك 300 قتيل و2700 جريح.")
    assert {m.unit for m in found} == {"soldiers"}


def test_displaced_are_never_soldiers():
    m = one("أدت المعارك بين الجيش والقوات المتمردة إلى نزوح أكثر من 10 ملايين.")
    assert (m.value, m.unit, m.category, m.qualifier) == (10_000_000, "people", "displaced", "more_than")


# --- implicit nouns -------------------------------------------------------------------------


def test_count_word_names_what_is_counted():
    m = one("وأعلنت الوزارة أن عدد الوفيات بلغ 1643 في الإقليم.")
    assert brief(m) == (1643, "people", "killed")


def test_category_noun_before_a_bare_figure():
    found = q("بلغت حالات الوفاة 2946 والإصابات 5674.")
    assert [brief(m) for m in found] == [(2946, "people", "killed"), (5674, "people", "wounded")]


def test_a_list_of_places_keeps_the_noun_and_the_category():
    found = q("تم تسجيل 1351 وفاة بإقليم الشمال، و492 حالة بإقليم الجنوب، و201 بإقليم الغرب.")
    assert [brief(m) for m in found] == [(1351, "people", "killed"), (492, "people", "killed"),
                                         (201, "people", "killed")]
    assert [m.extra.get("place") for m in found] == ["الشمال", "الجنوب", "الغرب"]


def test_nisba_with_a_cue_counts_people():
    m = one("وقالت المفوضية إن 714 ألف سوداني لجأوا إلى الدول المجاورة.")
    assert brief(m) == (714_000, "people", "displaced")


@pytest.mark.parametrize(
    "text",
    [
        "فاز الفريق بنتيجة 3 مقابل 1 في المباراة النهائية.",
        "يبلغ طول الجسر 300 متر فوق النهر.",
        "ارتفعت الأسعار بنسبة 12 بالمئة خلال العام.",
        "يقع المنزل رقم 15 في الشارع الرئيسي.",
        "وقعت الهزة على عمق 10 كيلومترات تحت سطح الأرض.",
        "شارك آلاف المتظاهرين في المسيرة.",  # vague
        "قال الرجل البالغ من العمر 60 عاما إنه فقد منزله.",
    ],
)
def test_not_counts(text):
    assert q(text) == [], [(m.text, m.unit) for m in q(text)]


# --- money ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, currency, category",
    [
        ("تعهدت الدول المانحة بتقديم 900 مليون يورو للمتضررين.", 900_000_000, "EUR", "pledged"),
        ("أطلقت الأمم المتحدة نداء لجمع مليار دولار لتمويل الاستجابة.", 1_000_000_000, "USD", "needed"),
        ("أنفقت الحكومة 30 مليون جنيه سوداني على الإغاثة.", 30_000_000, "SDG", "spent"),
        ("تبرعت الشركة بمبلغ 50 ألف دينار كويتي للصندوق.", 50_000, "KWD", "pledged"),
    ],
)
def test_money(text, value, currency, category):
    m = one(text)
    assert (m.value, m.unit, m.extra["currency"], m.category) == (value, "money", currency, category)


def test_ambiguous_currency_follows_the_country_the_article_names():
    text = "ضرب الزلزال المغرب ليلة الجمعة. وقررت الحكومة منح 30 ألف درهم لكل أسرة متضررة في المغرب."
    assert one(text).extra["currency"] == "MAD"
    assert one("قدمت الشركة في دبي 30 ألف درهم للجمعية.").extra["currency"] == "AED"


def test_a_list_of_pledges_keeps_the_currency():
    found = q("تعهد الاتحاد الأوروبي بتقديم 900 مليون يورو، بينها 110 ملايين تعهدت بها دولة واحدة.")
    assert [(m.value, m.unit, m.extra.get("currency")) for m in found] == [
        (900_000_000, "money", "EUR"), (110_000_000, "money", "EUR")]


def test_money_with_a_people_cue_is_not_killed():
    m = one("قتل الهجوم آمال 200 مليون دولار من الاستثمارات.")
    assert m.unit == "money" and m.category == "other"


# --- things ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, thing",
    [
        ("تضرر 59 ألف منزل في القرى الجبلية.", 59_000, "houses"),
        ("وزعت الجمعية 32 خيمة على العائلات.", 32, "tents"),
        ("دخلت 40 شاحنة محملة بالمساعدات عبر المعبر.", 40, "trucks"),
    ],
)
def test_things(text, value, thing):
    m = one(text)
    assert (m.value, m.unit, m.extra["thing"]) == (value, "other", thing)


def test_things_not_in_the_table_are_not_counts():
    assert q("أقام الجيش 9 قواعد عسكرية جديدة.") == []


# --- places ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, place",
    [
        ("قتل 450 مدنيا في السودان منذ بداية الاشتباكات.", "السودان"),
        ("فر 20 ألف شخص إلى تشاد خلال أسبوع.", None),  # a destination, not where they are
        ("سجلت 1452 وفاة بإقليم الحوز حتى الآن.", "الحوز"),
        ("أصيب 30 شخصا بالجانب اللبناني من الحدود.", "اللبناني"),
    ],
)
def test_place_the_clause_ties_the_count_to(text, place):
    assert one(text).extra.get("place") == place


def test_deaths_worded_by_health_authorities_are_people_even_next_to_forces():
    text = ("وتواصل القوات المسلحة الملكية عمليات الإنقاذ في المناطق المنكوبة. "
            "وسجلت 394 وفاة بإقليم الشمال و271 وفاة بإقليم الجنوب.")
    assert {(m.value, m.unit) for m in q(text)} == {(394, "people"), (271, "people")}


def test_a_sentence_after_one_about_forces_does_not_make_soldiers_of_the_one_before():
    text = ("أصيب 40 شخصا في الانفجار. "
            "وانتشرت وحدات الجيش في الشوارع.")
    assert [(m.value, m.unit) for m in q(text)] == [(40, "people")]
