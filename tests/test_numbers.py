"""Arabic cardinals and ordinals, rule by rule, on phrases written for these tests."""
from __future__ import annotations

import re

import pytest

from helpers.lang.arabic import fold, normalize
from helpers.lang.numbers import (
    CARDINAL_PATTERN,
    ORDINAL_PATTERN,
    find_cardinals,
    find_ordinals,
    parse_cardinal,
    parse_ordinal,
)


def card(phrase: str) -> int | None:
    return parse_cardinal(fold(phrase))


def values(text: str) -> list[int]:
    return [c.value for c in find_cardinals(normalize(text).text)]


# --- digits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("2500", 2500),
        ("2,500", 2500),
        ("12,300,000", 12300000),
        ("2.500", 2500),  # dot as thousands separator (no person is a fraction)
        ("٢٥٠٠", 2500),  # Arabic-Indic digits
        ("٢٬٥٠٠", 2500),  # Arabic thousands separator
        ("۱۲۰", 120),  # Persian digits
    ],
)
def test_digit_forms(phrase, value):
    assert card(phrase) == value


def test_decimal_without_scale_is_not_a_count():
    assert card("4.25") is None
    assert card("0.5") is None


# --- digits + scale word --------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("7 آلاف", 7000),
        ("14 ألف", 14000),
        ("14 ألفا", 14000),
        ("٣ آلاف", 3000),
        ("2.5 مليون", 2500000),
        ("2,5 مليون", 2500000),  # decimal comma before a scale
        ("3 ملايين", 3000000),
    ],
)
def test_digits_with_scale(phrase, value):
    assert card(phrase) == value


# --- number words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("سبعة", 7),
        ("ثماني", 8),
        ("عشرة", 10),
        ("اثنا عشر", 12),
        ("إحدى عشرة", 11),
        ("سبع عشرة", 17),
        ("أربعة وثلاثون", 34),
        ("ستون", 60),
        ("مئة", 100),
        ("مائتان", 200),
        ("ستمائة", 600),
        ("ستمئة", 600),
        ("أربع مئة", 400),
        ("مئة وعشرون", 120),
        ("سبعمائة وخمسة وأربعون", 745),
    ],
)
def test_number_words(phrase, value):
    assert card(phrase) == value


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("ألف", 1000),
        ("ألفان", 2000),
        ("ألفي", 2000),
        ("ألفا", 2000),
        ("ستة آلاف", 6000),
        ("تسعة عشر ألفا", 19000),
        ("اثني عشر ألف", 12000),
        ("ثلاثون ألفا", 30000),
        ("سبعة وعشرون ألفا", 27000),
        ("ثلاثمائة ألف", 300000),
        ("مئتا ألف", 200000),
        ("ألف وثمانمائة", 1800),
        ("أربعة آلاف وستمئة", 4600),
        ("مليون", 1000000),
        ("مليونان", 2000000),
        ("نصف مليون", 500000),
        ("مليونان ونصف", 2500000),
    ],
)
def test_scale_words(phrase, value):
    assert card(phrase) == value


@pytest.mark.parametrize(
    "phrase",
    [
        "آلاف",  # thousands (vague)
        "ملايين",
        "عشرة وعشرين",  # a list, not a number
        "ثلاثة وسبعة",
        "ألف خمسمائة",  # the group after a scale needs "و"
        "نصف",
        "ألف مليون ألف",
        "جنود",
        "",
    ],
)
def test_not_one_number(phrase):
    assert card(phrase) is None


def test_diacritics_and_hamza_spellings_agree():
    assert card("ثَلاثَةُ آلافٍ") == 3000
    assert card("ثلاثه الاف") == 3000
    assert card("خمسمئة") == card("خمسمائة") == 500


# --- finding cardinals in running text --------------------------------------------------


def test_find_cardinals_in_a_sentence():
    text = "وصل 250 مقاتلا ثم أربعة آلاف وخمسمائة آخرون، وب12 ألف عنصر."
    assert values(text) == [250, 4500, 12000]


def test_find_splits_lists_the_grammar_does_not_join():
    assert values("بين عشرة و عشرين جنديا") == [10, 20]


def test_find_ignores_vague_plurals_and_words_that_contain_numbers():
    # آلاف alone is vague; التحالف, الخميس, الثلاثاء, عشرات only contain number letters
    assert values("آلاف الجنود من التحالف يوم الخميس أو الثلاثاء وعشرات القتلى") == []


def test_find_two_letter_word_glued_to_a_letter_is_not_a_number():
    assert values("قال لست أدري") == []
    assert values("وصلت ست كتائب") == [6]


def test_cardinal_pattern_does_not_cross_lines():
    assert [c.text for c in find_cardinals("ثلاثه\nالاف")] == ["ثلاثه"]


def test_cardinal_pattern_matches_whole_phrase():
    assert re.fullmatch(CARDINAL_PATTERN, fold("احد عشر الفا"))
    assert re.fullmatch(CARDINAL_PATTERN, "4,700")


# --- ordinals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("الأول", 1),
        ("الأولى", 1),
        ("أول", 1),
        ("الثانية", 2),
        ("ثالث", 3),
        ("الخامسة", 5),
        ("السادس", 6),
        ("العاشرة", 10),
        ("الحادي عشر", 11),
        ("الحادية عشرة", 11),
        ("الثاني عشر", 12),
        ("الثامنة عشرة", 18),
        ("العشرون", 20),
        ("العشرين", 20),
        ("الثالث والعشرون", 23),
        ("الحادية والثلاثين", 31),
        ("التاسع والتسعون", 99),
        ("المائة", 100),
        ("الـ7", 7),
        ("الـ 62", 62),
    ],
)
def test_ordinals(phrase, value):
    n = fold(phrase)
    assert parse_ordinal(n) == value
    assert re.fullmatch(ORDINAL_PATTERN, n)


@pytest.mark.parametrize("phrase", ["الحادي", "الأربعاء", "الثلاثين ألف", "الـ500", "عشرون", "رابعهم"])
def test_not_ordinals(phrase):
    assert parse_ordinal(fold(phrase)) is None


def test_find_ordinals_in_text():
    n = normalize("نصت الفقرة الثالثة من البند الـ12 للمرة الأولى في القرن الحادي والعشرين").text
    assert [v for _, _, v in find_ordinals(n)] == [3, 12, 1, 21]
