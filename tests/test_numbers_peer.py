"""Number forms found lacking against peers' number suites, category by category, on
phrases and sentences written for these tests (negatives included)."""
from __future__ import annotations

import pytest

from helpers.extractors.quantities import find_quantities
from helpers.extractors.text import TextContext
from helpers.lang.arabic import fold, normalize
from helpers.lang.numbers import (
    find_cardinals,
    find_numbers,
    find_ordinals,
    parse_cardinal,
    parse_number,
    parse_ordinal,
)


def number(phrase: str):
    return parse_number(normalize(phrase).text)


def found(text: str) -> list:
    return [c.value for c in find_numbers(normalize(text).text)]


def counts(text: str) -> list[int]:
    return [c.value for c in find_cardinals(normalize(text).text)]


def ordinals(text: str) -> list[int]:
    return [v for _, _, v in find_ordinals(normalize(text).text)]


# --- compounds across scales ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, values",
    [
        ("دمر الزلزال أربعة آلاف وستمائة وتسعة منازل", [4609]),
        ("تضرر مليونان وثلاثة آلاف شخص", [2003000]),
        ("وصل ٧ مئة و ٤٥ مسعفا", [745]),
        ("سقط 4 آلاف و512 قتيلا", [4512]),
        ("أحصي 27 ألفا و391 شخصا", [27391]),
        ("نزح مليون وألف ساكن", [1001000]),
        ("رصد ثلاثمائة ألف ومئتان", [300200]),
        ("جمعت مليون و500 ألف دولار", [1500000]),
        ("ستة وعشرون ألفا وثمانمئة وخمسة", [26805]),
        ("صفر إصابات", [0]),
        ("دين قدره ثلاثة تريليونات دولار", [3000000000000]),
        ("خسائر بـ 2 ترليون", [2000000000000]),
        ("اشترى دزينة أقلام", [12]),
        ("نصف دزينة بيض", [6]),
    ],
)
def test_compounds_are_one_number(text, values):
    assert found(text) == values


@pytest.mark.parametrize(
    "text, values",
    [
        # "و" joins a part after a scale only when the part is smaller than that scale
        ("بين عشرة آلاف واثني عشر ألفا", [10000, 12000]),
        ("ما بين 10 آلاف و12 ألفا", [10000, 12000]),
        ("عشرة آلاف وخمسمئة ألف", [10000, 500000]),
        ("ألف و1500", [1000, 1500]),
        ("عشره وعشرين", [10, 20]),  # a list, not 30
        ("بين 11 و15 ألف جندي", [11, 15000]),
        ("آلاف الجنود وملايين الدولارات", []),  # vague plurals
    ],
)
def test_what_is_not_joined(text, values):
    assert found(text) == values


# --- decimals and fractions -----------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("7.2", 7.2),
        ("7,2", 7.2),
        ("7،2", 7.2),  # Arabic comma between digits: 1-2 digits follow
        ("٧٫٢", 7.2),  # Arabic decimal separator
        ("45,000.75", 45000.75),
        ("45.000,75", 45000.75),
        ("0.550", 0.55),  # a lone zero before the mark: a decimal
        (".75", 0.75),  # no leading zero
        ("1.10", 1.1),
        ("6،4 ملايين", 6400000),
        ("7،200 مليون", 7200000),  # before a scale word "،" is a decimal mark
        ("2.56 مليار", 2560000000),
        ("4.1 مليار", 4100000000),
        ("7.2 مليون", 7200000),
        ("مئتان وربع", 225),
        ("نصف مليون", 500000),
        ("ربع مليار", 250000000),
        ("مليون ونصف", 1500000),
        ("ثلاثة ونصف مليون", 3500000),
        ("سبعة ونصف", 7.5),
        ("ألفان وربع", 2250),
        ("ثلثا مليون", 2000000 / 3),
    ],
)
def test_decimals_and_fractions(phrase, value):
    v = number(phrase)
    assert v == value
    assert isinstance(v, int) == isinstance(value, int)


def test_a_whole_decimal_count_is_an_integer():
    assert parse_cardinal(fold("7.2 مليون")) == 7200000
    assert parse_cardinal(fold("7.2")) is None
    assert counts("تضرر 7.2 مليون شخص وسقط 7.2 ملم من المطر") == [7200000]


@pytest.mark.parametrize("phrase, value", [("-5", -5), ("سالب خمسة", -5), ("-2.5", -2.5), ("سالب 12", -12)])
def test_negatives(phrase, value):
    assert number(phrase) == value


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("سبعة فاصلة اثنان", 7.2),
        ("1 فاصلة 1", 1.1),
        ("3 فاصلة 05", 3.05),
        ("اثنان فاصلة خمسة وعشرون", 2.25),
        ("2 فاصل 5 مليون", 2500000),
        ("فاصلة خمسة", None),
        ("سبعة فاصلة", None),
        ("سبعة فاصلة اثنان فاصلة ثلاثة", None),
    ],
)
def test_spoken_decimal_point(phrase, value):
    assert number(phrase) == value


def test_a_leading_mark_is_a_decimal_only_at_a_word_start():
    assert found("بنسبة .5 فقط") == [0.5]
    assert found("قتل الجنود.500 آخرون") == [500]  # a full stop glued to the next number


def test_a_separator_word_between_no_numbers_is_no_point():
    assert found("فاصل إعلاني ثم حد فاصل بين 5 و6") == [5, 6]
    assert found("عشرة فاصل") == [10]


def test_a_fraction_of_a_million_is_no_count():
    # a third of a million is no whole number: never a count, and never "مليون" alone
    assert counts("تضرر ثلث مليون شخص") == []


def test_negatives_are_numbers_not_counts():
    assert found("انخفضت الحرارة إلى -5 درجات") == [-5]
    assert counts("انخفضت الحرارة إلى -5 درجات") == []


@pytest.mark.parametrize(
    "text, values",
    [
        ("بين 11-12 ألف", [11, 12000]),  # a dash between numbers is a range
        ("بين 10 -12 جنديا", [10, 12]),
        ("فيروس كوفيد-19", [19]),
        ("نصف الجنود", []),
        ("سالب", []),
    ],
)
def test_what_is_no_sign(text, values):
    assert found(text) == values


# --- thousands grouped ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("٣،٤٥٦،٧٨٩", 3456789),
        ("٣٬٤٥٦٬٧٨٩", 3456789),
        ("3,456,789", 3456789),
        ("2 305 118", 2305118),
        ("12 000", 12000),
        ("12\u2009000", 12000),  # thin space
        ("12\u202f000", 12000),  # narrow no-break space
        ("15.550", 15550),
        ("1.250.000", 1250000),
        ("7،200", 7200),
        ("(840) مليون", 840000000),
    ],
)
def test_grouped_thousands(phrase, value):
    assert number(phrase) == value


@pytest.mark.parametrize(
    "text, values",
    [
        ("قتل 15.550 شخصا", [15550]),
        ("منذ عام 2023 500 قتيل", [2023, 500]),  # a 4-digit group does not start a grouping
        ("في عامي 2020،2021", [2020, 2021]),
        ("الفصلان 5، 6", [5, 6]),
        ("نحو 12 000 000 لاجئ", [12000000]),
        ("(840) جنديا", [840]),  # brackets are read only before a scale word
    ],
)
def test_grouping_in_text(text, values):
    assert found(text) == values


@pytest.mark.parametrize(
    "text, values",
    [
        # a dot before exactly three digits groups thousands in a count, but is a decimal
        # mark before a unit of measure or its sign, as before a scale word
        ("سقطت 15.550 ضحية", [15550]),
        ("على بعد 2.125 كم", [2.125]),
        ("بنسبة 1.250%", [1.25]),
        ("بقوة 6.800 درجات", [6.8]),
        ("نحو 2.500 مليون", [2500000]),
        ("نحو 2,500 مليون", [2500000000]),  # an ASCII comma before 3 digits groups thousands
    ],
)
def test_dot_before_three_digits(text, values):
    assert found(text) == values


# --- false numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "لم يتبق واحد منهم",
        "كل واحد على حدة",
        "ولا واحد",
        "أصيب أحد الجنود",
        "على إحدى الدولتين",
        "لا أحد يعرف",
        "هطل ٢٤٠,٥ملم من المطر",
        "سار 20كم",
        "الخادم 10.0.0.1",
        "الإصدار 1.2.3",
        "بتاريخ 12.5.2024",
    ],
)
def test_false_numbers(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, values",
    [("في 26 صفر 1447 هـ", [26, 1447]), ("مطلع صفر 1447", [1447]), ("سجلت صفر وفيات", [0])],
)
def test_zero_next_to_digits_is_the_month(text, values):
    assert found(text) == values


@pytest.mark.parametrize(
    "text, values",
    [
        ("قتل جندي واحد", [1]),
        ("واحد وعشرون جنديا", [21]),
        ("أحد عشر جنديا", [11]),
        ("إحدى وعشرين", [21]),
        ("هطل ٢٤٠,٥ ملم", [240.5]),  # a measure written apart is still a number
    ],
)
def test_real_ones_stay(text, values):
    assert found(text) == values


def test_a_measure_glued_to_its_unit_is_no_count():
    ctx = TextContext("قال الجيش إن عدد الجنود بلغ ٢٤٠,٥ملم.")
    assert find_quantities(ctx) == []


def test_compound_counts_reach_the_quantity_extractor():
    ctx = TextContext("قتل 4 آلاف و512 جنديا في المعارك.")
    assert [m.value for m in find_quantities(ctx)] == [4512]
    ctx = TextContext("نشرت روسيا بين عشرة آلاف واثني عشر ألف جندي.")
    assert [(m.value, m.value_max) for m in find_quantities(ctx)] == [(10000, 12000)]


# --- ordinals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("الثاني والثلاثون", 32),
        ("الاثنا عشر", 12),
        ("الثلاثة عشر", 13),
        ("المئتان والعاشر", 210),
        ("المائة والخامس والعشرون", 125),
        ("المئة والخمسين", 150),
        ("الواحد والعشرون", 21),
        ("المئة والخامسة والعشرون", 125),
        ("المئة", 100),
        ("الثلاثمائة", 300),
        ("الخامس بعد المائة", 105),
        ("حادي عشر", 11),  # without the article where grammar allows it
        ("ثاني", 2),
        ("خامس وعشرون", 25),
    ],
)
def test_ordinals(phrase, value):
    assert parse_ordinal(fold(phrase)) == value


@pytest.mark.parametrize(
    "phrase",
    ["الثلاثة", "الواحد", "واحد والعشرون", "المئات", "المئة ألف", "الخامس بعد", "بعد المائة", "مئة", "الاثنا", "الـ500"],
)
def test_not_ordinals(phrase):
    assert parse_ordinal(fold(phrase)) is None


def test_ordinals_in_text():
    text = "في الدورة المئة والخامسة، وفي القرن الحادي عشر، للمرة الثانية عشرة"
    assert ordinals(text) == [105, 11, 12]
    # the "عشر" of an ordinal teen is not a cardinal of its own
    assert counts(text) == []
    assert ordinals("الأيام الثلاثة") == []
    assert ordinals("ارتفع بنسبة 5 بالمئة و7 في المئة") == []
    assert ordinals("الذكرى المئة") == [100]


# --- spoken forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("تلاتين", 30),
        ("أربعتاشر", 14),
        ("اربعتعش", 14),
        ("حداشر", 11),
        ("اتناشر ألف", 12000),
        ("ميتين", 200),
        ("خمس تلاف", 5000),
        ("تلاتة آلاف", 3000),
        ("تلتمية وخمسين", 350),
        ("ربعمية", 400),
        ("تمانين", 80),
        ("ألفين وخمسمية", 2500),
        ("مليون ونص", None),  # "نص" is "text": not a fraction word
    ],
)
def test_spoken_forms(phrase, value):
    assert number(phrase) == value


def test_spoken_teen_is_not_a_unit_with_a_ten():
    assert found("أربعتاشر وعشرين") == [14, 20]
