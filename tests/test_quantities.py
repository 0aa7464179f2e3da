"""Personnel counts, rule by rule, on sentences written for these tests; then the gold files."""
from __future__ import annotations


import pytest

from helpers.extractors.quantities import find_quantities
from helpers.extractors.quantvocab import tables
from helpers.extractors.text import TextContext


def q(text: str):
    return find_quantities(TextContext(text))


def one(text: str):
    found = q(text)
    assert len(found) == 1, [(m.text, m.value) for m in found]
    return found[0]


# --- number forms ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("دفعت موسكو 6,200 جندي إلى الجبهة.", 6200),
        ("دفعت موسكو 6200 جندي إلى الجبهة.", 6200),
        ("دفعت موسكو ٦٢٠٠ جندي إلى الجبهة.", 6200),
        ("دفعت موسكو 14 ألف جندي إلى الجبهة.", 14000),
        ("دفعت موسكو أربعة عشر ألف جندي إلى الجبهة.", 14000),
        ("دفعت موسكو ستة آلاف جندي إلى الجبهة.", 6000),
        ("دفعت موسكو ثمانمائة جندي إلى الجبهة.", 800),
        ("دفعت موسكو ألفي جندي إلى الجبهة.", 2000),
        ("دفعت موسكو سبعة جنود إلى الجبهة.", 7),
    ],
)
def test_number_forms(sentence, value):
    m = one(sentence)
    assert m.value == value
    assert m.unit == "soldiers"


def test_mention_text_is_the_original_characters():
    text = "نشرت الدولة نحو ١٢ ألفَ جنديٍّ قرب الحدود."
    m = one(text)
    assert text[m.start:m.end] == m.text == "نحو ١٢ ألفَ جنديٍّ"
    assert m.sentence == text


# --- nouns and units ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, unit",
    [
        ("وصل 40 ضابطا إلى القاعدة.", "officers"),
        ("وصل 4 جنرالات إلى القاعدة.", "generals"),
        ("وصل 900 مقاتل إلى القاعدة.", "soldiers"),
        ("وصل 900 عسكري إلى القاعدة.", "soldiers"),
        ("وصل 350 مهندسا عسكريا إلى القاعدة.", "soldiers"),
    ],
)
def test_units(sentence, unit):
    assert one(sentence).unit == unit


def test_number_before_min_and_a_force_noun():
    assert one("أرسلت الحكومة 2500 من جنودها إلى الشمال.").value == 2500
    assert one("انسحب 800 من القوات الخاصة من البلدة.").value == 800
    assert one("وصل 1200 من قوات النخبة.").unit == "soldiers"


def test_weak_noun_needs_military_context():
    assert one("انضم 400 عنصر إلى الكتيبة بعد القتال.").value == 400
    m = one("حضر 400 فرد من العائلة حفل الزفاف.")
    assert (m.value, m.unit) == (400, "people")  # persons, not troops


def test_dual_counts_two():
    m = one("وأكد الجيش أسر الجنديين بعد المعركة.")
    assert (m.value, m.unit, m.category) == (2, "soldiers", "captured")


# --- qualifiers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, qualifier",
    [
        ("انتشر 700 جندي في المدينة.", "exact"),
        ("انتشر نحو 700 جندي في المدينة.", "approx"),
        ("انتشر حوالى 700 جندي في المدينة.", "approx"),
        ("انتشر قرابة 700 جندي في المدينة.", "approx"),
        ("انتشر زهاء 700 جندي في المدينة.", "approx"),
        ("انتشر ما يقارب 700 جندي في المدينة.", "approx"),
        ("انتشر 700 جندي تقريبا في المدينة.", "approx"),
        ("انتشر ما لا يقل عن 700 جندي في المدينة.", "at_least"),
        ("انتشر 700 جندي على الأقل في المدينة.", "at_least"),
        ("انتشر أكثر من 700 جندي في المدينة.", "more_than"),
        ("انتشر ما يزيد على 700 جندي في المدينة.", "more_than"),
        ("قد ينتشر ما يصل إلى 700 جندي في المدينة.", "up_to"),
    ],
)
def test_qualifiers(sentence, qualifier):
    assert one(sentence).qualifier == qualifier


def test_qualifier_is_part_of_the_mention():
    assert one("انتشر أكثر من 700 جندي في المدينة.").text == "أكثر من 700 جندي"


def test_estimate_with_glued_ba_is_approximate():
    m = one("وقدرت المصادر العسكرية عدد القتلى بـ 450 خلال الأسبوع.")
    assert (m.value, m.category, m.qualifier) == (450, "killed", "approx")


# --- ranges ------------------------------------------------------------------------------


def test_range_of_digits():
    m = one("تقدر الأعداد بنحو 7000 و 9000 جندي في الإقليم.")
    assert (m.value, m.value_max, m.qualifier) == (7000, 9000, "approx")


def test_range_scale_written_once():
    m = one("ينتشر بين 8 و10 آلاف جندي على الحدود.")
    assert (m.value, m.value_max) == (8000, 10000)


# --- categories --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, category",
    [
        ("أرسلت الدولة 4000 جندي إلى جارتها.", "deployed"),
        ("قتل 120 جنديا في الهجوم على الموقع العسكري.", "killed"),
        ("سقط في المعارك 90 قتيلا من الجنود.", "killed"),
        ("أصيب 45 جنديا بجروح في القصف.", "wounded"),
        ("نقل إلى المستشفى 70 جريحا من الجنود.", "wounded"),
        ("أسر الجيش 15 جنديا خلال الهجوم.", "captured"),
        ("وصل عدد الأسرى من الجنود إلى 33.", "captured"),
        ("بلغ عدد الضحايا في صفوف الجيش 800.", "casualties"),
        ("تكبدت القوات 1300 بين قتيل وجريح.", "casualties"),
        ("هناك 250 جنديا قتلوا أو جرحوا في المعارك.", "casualties"),
        ("هناك 250 جنديا لقوا حتفهم في المعارك.", "killed"),
        ("هناك 250 جنديا انتشروا في المنطقة.", "deployed"),
    ],
)
def test_categories(sentence, category):
    assert one(sentence).category == category


@pytest.mark.parametrize(
    "sentence",
    [
        "قتل أو أصيب نحو 4 آلاف جندي في المعارك.",
        "قتل وأصيب 400 جندي في المعارك.",
        "تكبد الجيش 1000 جندي بين قتيل وجريح.",
        "سقط أكثر من 3000 قتيل وجريح في صفوف القوات.",
    ],
)
def test_killed_and_wounded_together_are_casualties(sentence):
    assert one(sentence).category == "casualties"


def test_range_with_a_hyphen_and_with_two_scales():
    assert (one("أرسلت الدولة 11-12 ألف جندي.").value, one("أرسلت الدولة 11-12 ألف جندي.").value_max) == (11000, 12000)
    m = one("أرسلت الدولة ما بين 10 آلاف و12 ألف جندي.")
    assert (m.value, m.value_max, m.qualifier) == (10000, 12000, "approx")


def test_percentage_is_not_a_count():
    assert q("وأكدت مصادر أن 30% من الجنود أصيبوا.") == []


def test_killed_then_wounded_others_are_two_counts():
    found = q("قتل نحو 150 جنديا وأصيب 900 آخرون في المعارك.")
    assert [(m.value, m.category) for m in found] == [(150, "killed"), (900, "wounded")]
    found = q("وقالت المصادر إن نحو 150 جنديا قتلوا وأصيب 900 آخرون في المعارك.")
    assert [(m.value, m.category) for m in found] == [(150, "killed"), (900, "wounded")]


def test_enumeration_takes_the_category_of_its_count():
    found = q("أرسلت الدولة 6 آلاف جندي، بينهم 200 ضابط و2 جنرالات.")
    assert [(m.value, m.unit, m.category) for m in found] == [
        (6000, "soldiers", "deployed"), (200, "officers", "deployed"), (2, "generals", "deployed")]


def test_implicit_noun_total():
    m = one("وصلت دفعة جديدة من الجنود، ما يرفع العدد الإجمالي إلى أربعة آلاف.")
    assert (m.value, m.unit) == (4000, "soldiers")


# --- what is not a personnel count -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "قاتل آلاف الجنود في الإقليم.",
        "سقط عشرات القتلى من الجنود.",
        "شارك مئات من العسكريين في العرض.",
        "شارك الآلاف من جنود الجيش في العرض.",
        "انضمت البلاد إلى الحلف في عام 1999 مع جنودها.",
        "استمر وجود الجنود 7 أشهر في المنطقة.",
        "بقي الجنود 45 يومًا في الخنادق.",
        "قطع الجنود مسافة 300 كيلومتر.",
        "صوت 120 نائبا لصالح نشر الجنود.",
        "ارتفعت نسبة الجنود المصابين إلى 30 بالمئة.",
        "ينتمي الجنود إلى الفوج 414 من الجيش.",
        "أقام الجيش 9 قواعد عسكرية جديدة.",
        "أسقطت القوات 45 طائرة مسيّرة.",
        "وصل الجنود إلى المدينة في 12 مارس.",
        "قال الجندي البالغ من العمر 24 عاما إنه نجا.",
        "نصت المادة 5 على الدفاع عن الجنود.",
        "اجتمعت مجموعة السبع لبحث نشر القوات.",
    ],
)
def test_not_counts(sentence):
    assert q(sentence) == []


# --- attribution of counts ---------------------------------------------------------------


def test_count_carries_its_attribution():
    m = one("وقال وزير الدفاع إن 3000 جندي عبروا الحدود.")
    assert m.attribution == "وزير الدفاع"


def test_count_in_own_voice_has_no_attribution():
    assert one("عبر 3000 جندي الحدود صباح اليوم.").attribution is None


# --- acceptance on the gold files --------------------------------------------------------

def _as_list(x):
    return x if isinstance(x, list) else [x]


# One run per gold document (gold_key, gold_doc and gold_file come from conftest).
def test_gold_quantities(gold_key, gold_doc, gold_file):
    from helpers.read.corpus import load_article

    key, doc = gold_key, gold_doc
    # the cleaned article text; the cleaner is checked against the gold body in its own tests
    text = load_article(gold_file).text
    assert text.startswith(doc["body"]["first"])
    found = find_quantities(TextContext(text, doc=key, published=doc.get("published")))
    expected = doc.get("quantities") or []
    by_value: dict[int, list] = {}
    for m in found:
        by_value.setdefault(m.value, []).append(m)
    optional = {g["value"] for g in expected if g.get("optional")}
    required = [g for g in expected if not g.get("optional")]
    # nothing else
    assert set(by_value) - optional - {g["value"] for g in required} == set(), key
    for g in required:
        ms = by_value.get(g["value"])
        assert ms, f"{key}: missing {g['value']} ({g['text']})"
        ok = [
            m for m in ms
            if m.unit == g["unit"]
            and m.category in _as_list(g["category"])
            and m.qualifier in _as_list(g["qualifier"])
            and ("attribution" not in g or (m.attribution and g["attribution"] in m.attribution))
        ]
        assert ok, f"{key}: {g} vs {[(m.unit, m.category, m.qualifier, m.attribution) for m in ms]}"


# --- properties ---------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["قال", "الجيش", "إن", "نحو", "12", "ألف", "آلاف", "جندي", "ضابطا", "من", "جنودها",
           "قتلوا", "أو", "جرحوا", "،", ".", '"', "\n", "وفقا", "لـ", "بحسب", "٣٠٠", "ثلاثة",
           "عشر", "و", "بين", "2,500", "-", "11", "%", "آخرون", "عدد", "القتلى", "بـ", "الجنديين", "عام", "ً", "ـ"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from([" ", "", "  "]))
def test_every_count_is_traceable_to_the_text(pieces, sep):
    text = sep.join(pieces)
    ctx = TextContext(text)
    for m in find_quantities(ctx):
        assert text[m.start:m.end] == m.text and m.text.strip() == m.text and m.text
        assert m.text in m.sentence and m.sentence in text
        assert isinstance(m.value, int) and m.value > 0
        assert m.value_max is None or m.value_max > m.value
        units = tables().unit_categories
        assert m.unit in units and m.category in units[m.unit] | {"other"}
        assert m.qualifier in {"exact", "approx", "at_least", "more_than", "up_to"}
        assert m.attribution is None or (m.attribution and m.attribution.strip() == m.attribution)
