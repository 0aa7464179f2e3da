"""Legal references and the mutual-defence clause, rule by rule, on sentences of our own."""
from __future__ import annotations

import pytest

from helpers.extractors.legal import find_article_refs, find_clauses
from helpers.extractors.text import TextContext


def refs(text):
    ctx = TextContext(text, "t")
    return [(m.number, m.instrument) for m in find_article_refs(ctx)]


def clauses(text):
    ctx = TextContext(text, "t")
    return [m for m in find_clauses(ctx)]


# --- numbers after the head ------------------------------------------------------------


@pytest.mark.parametrize("text, number", [
    ("استند الوزير إلى المادة 9 من الاتفاقية في خطابه.", 9),
    ("استند الوزير إلى المادة (9) من الاتفاقية في خطابه.", 9),
    ("استند الوزير إلى المادة رقم 9 من الاتفاقية.", 9),
    ("استند الوزير إلى المادة ٩ من الاتفاقية.", 9),  # Arabic-Indic digit
    ("استند الوزير إلى المادة التاسعة من الاتفاقية.", 9),
    ("وأشار إلى البند السابع من الاتفاقية.", 7),
    ("وأشار إلى البند الحادي عشر من المعاهدة.", 11),
    ("وأشار إلى المادة الثالثة والعشرين من المعاهدة.", 23),
    ("وذلك عملاً بالمادة الأولى من المعاهدة.", 1),
    ("وذلك وفقاً للمادة 12 من المعاهدة.", 12),
    ("وتطبق الحكومة المادّةَ الخامسةَ من المعاهدة.", 5),  # diacritics
])
def test_one_numbered_reference(text, number):
    assert refs(text) == [(number, "treaty")]


def test_dual_head_gives_two_references():
    assert refs("وأحال القاضي إلى المادتين 8 و9 من الدستور.") == [(8, "other"), (9, "other")]
    assert refs("ناقش البرلمان البندين الثاني والثالث من الاتفاق.") == [(2, "treaty"), (3, "treaty")]


def test_plural_head_with_a_list():
    assert refs("راجعت اللجنة المواد 3، 6 و10 من القانون.") == [(3, "other"), (6, "other"), (10, "other")]


def test_singular_head_does_not_take_a_list():
    # "و20" after a singular head belongs to the sentence, not to the reference
    assert refs("نصت المادة 4 و20 دولة وقعت عليها.") == [(4, "other")]


# --- what is not a numbered reference ----------------------------------------------------


@pytest.mark.parametrize("text", [
    "وهناك مادة رابعة أضيفت إلى النص لاحقاً.",           # indefinite: "a fourth article"
    "وتضمن الاتفاق بنداً ثانياً حول التجارة.",
    "وتحتوي الشحنة على مادة كيميائية خطرة.",              # مادة = substance, no number
    "ارتفع سعر المادة الخام بنسبة كبيرة.",
    "وصوت 120 نائباً على البند الأخير.",
])
def test_not_a_reference(text):
    assert refs(text) == []


def test_paragraph_of_an_article_is_not_its_own_reference():
    assert refs("وأشار إلى البند 2 من المادة 7 من الدستور.") == [(7, "other")]


# --- the instrument --------------------------------------------------------------------


@pytest.mark.parametrize("text, instrument", [
    ("احتجت الدولة بالمادة 51 من ميثاق الأمم المتحدة للرد.", "un_charter"),
    ("واستندت إلى المادة 2 من ميثاق الأمم المتحدة.", "un_charter"),
    ("ونصت المادة 60 من الدستور على ذلك.", "other"),
    ("ونصت المادة 14 من قانون العقوبات على ذلك.", "other"),
    ("وتنطبق المادة 3 من اتفاقية جنيف على الأسرى.", "other"),
    ("وتنطبق المادة 5 من الاتفاقية الأوروبية لحقوق الإنسان.", "other"),
    ("وأشار إلى المادة 6 من معاهدة الشراكة بين البلدين.", "treaty"),
    ("وأشار إلى المادة 6 من اتفاقية الدفاع المشترك.", "treaty"),
    ("وأشار إلى المادة 6 من الوثيقة الموقعة في العاصمة.", "treaty"),
    ("وأشار إلى المادة 6 من الاتفاق الذي أبرمه الرئيسان.", "treaty"),
])
def test_instrument_named_after_the_reference(text, instrument):
    assert refs(text)[0][1] == instrument


def test_instrument_from_the_previous_sentence():
    text = "وقع البلدان المعاهدة في الصيف. وتنص المادة السادسة على التشاور الفوري."
    assert refs(text) == [(6, "treaty")]
    text = "ناقش النواب تعديل الدستور أمس. وتنص المادة السادسة على حرية التعبير."
    assert refs(text) == [(6, "other")]


def test_instrument_nearest_in_the_same_sentence():
    text = "تحدث عن ميثاق الأمم المتحدة ثم عن المعاهدة، وقال إن المادة 8 واضحة."
    assert refs(text) == [(8, "treaty")]


def test_reference_carries_number_value_and_span():
    ctx = TextContext("ويستند القرار إلى المادة الرابعة من معاهدة الشراكة الموقعة.", "t")
    (m,) = find_article_refs(ctx)
    assert m.kind == "article_ref" and m.number == 4 and m.value == 4
    assert ctx.text[m.start:m.end] == m.text
    assert m.text.startswith("المادة الرابعة")
    assert m.extra["instrument_basis"] == "follows"


# --- the clause named without a number ----------------------------------------------------


@pytest.mark.parametrize("text", [
    "ويشمل الاتفاق بنداً للدفاع المشترك بين البلدين.",
    "وتضمنت الوثيقة بندا يلزم الطرفين بتقديم المساعدة العسكرية المتبادلة عند الخطر.",
    "ووقع البلدان اتفاقية الدفاع المشترك في الخريف.",
    "وتنص المعاهدة على تقديم المساعدة العسكرية فورا لأي طرف يتعرض للعدوان.",
    "وأثار بند المساعدة المتبادلة جدلا في البرلمان.",
    "وتتضمن المعاهدة شرطا بشأن الدعم العسكري المتبادل.",
])
def test_clause(text):
    (m,) = clauses(text)
    assert m.kind == "clause"
    assert m.instrument in ("treaty", None)


@pytest.mark.parametrize("text", [
    "قدمت الحكومة المساعدة العسكرية للجيش الحليف.",             # no provision named
    "لا تتضمن الاتفاقية بندا للدفاع المشترك.",                    # negated
    "وخلت الوثيقة من أي بند للدفاع المشترك.",                     # negated
    "وتضمن الاتفاق بنداً حول التجارة الحرة والمساعدات الإنسانية.",  # another topic
])
def test_not_a_clause(text):
    assert clauses(text) == []


def test_numbered_article_with_the_topic_is_a_reference_not_a_clause():
    text = "وتنص المادة الرابعة من المعاهدة على المساعدة العسكرية المتبادلة."
    assert refs(text) == [(4, "treaty")]
    assert clauses(text) == []


def test_clause_span_is_original_text():
    ctx = TextContext("ويتضمّن الاتفاقُ بنداً للدفاعِ المشترك.", "t")
    (m,) = find_clauses(ctx)
    assert ctx.text[m.start:m.end] == m.text == "بنداً للدفاعِ المشترك"
