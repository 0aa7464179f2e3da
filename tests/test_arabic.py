"""Normalization rules, the offset map back to the original, and sentence spans."""
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.lang.arabic import fold, normalize, sentences
from helpers.extractors.text import TextContext


@pytest.mark.parametrize(
    "original, expected",
    [
        ("أحمد إبراهيم آمن ٱلكتاب", "احمد ابراهيم امن الكتاب"),  # alef/hamza forms
        ("مؤتمر رئيس", "موتمر رييس"),  # hamza on waw / ya
        ("مستشفى على", "مستشفي علي"),  # alef maqsura
        ("مدرسة جميلة", "مدرسه جميله"),  # ta marbuta, for matching
        ("جمـــيـــل", "جميل"),  # tatweel
        ("كَتَبَ الطُّلَّابُ دَرْسًا", "كتب الطلاب درسا"),  # harakat, shadda, sukun, tanween
        ("٢٠٢٤ و۱۲", "2024 و12"),  # Arabic-Indic and Persian digits
        ("٣٫٥ و١٬٢٠٠", "3.5 و1,200"),  # Arabic decimal and thousands separators
        ("کتاب یوم", "كتاب يوم"),  # Persian kaf and ya
        ("«قال» “نعم” ‘لا’", "\"قال\" \"نعم\" 'لا'"),  # typographic quotes
        ("a\u200fb\u200dc\u202bd\u2067e\ufeff", "abcde"),  # bidi and zero-width controls
        ("١١\u00a0ألف\u202fجندي", "11 الف جندي"),  # no-break spaces
        ("10 – يونيو — 2025", "10 - يونيو - 2025"),  # dashes
        ("10th, November", "10th, november"),  # ASCII lower-cased
    ],
)
def test_folding_rules(original, expected):
    assert normalize(original).text == expected
    assert fold(original) == expected


def test_presentation_forms_become_base_letters():
    # "سلام" pre-shaped into isolated/initial/medial/final presentation forms, and lam-alef
    shaped = "\ufeb3\ufefc\ufee1"  # seen+lam-alef ligature+meem
    assert normalize(shaped).text == "سلام"
    # every presentation form in the block maps to a non-presentation character
    for cp in list(range(0xFE70, 0xFEFD)):
        ch = chr(cp)
        if unicodedata.name(ch, "").startswith("ARABIC"):
            out = normalize(ch).text
            assert all(not (0xFB50 <= ord(c) <= 0xFEFC) for c in out), hex(cp)


def test_ta_marbuta_kept_when_not_matching():
    assert normalize("مدرسة", ta_marbuta=False).text == "مدرسه".replace("ه", "ة")


def test_span_maps_back_to_exact_original_characters():
    text = "أرسلت كوريا «١١ ألفَ جنديٍّ» إلى الجبهة"
    n = normalize(text)
    i = n.text.index("11")
    j = n.text.index("جندي") + len("جندي")
    s, e = n.orig_span(i, j)
    # the trailing tanween and shadda belong to the word and are included
    assert text[s:e] == "١١ ألفَ جنديٍّ"


def test_span_end_does_not_swallow_following_word():
    text = "جنديٌ ثم"
    n = normalize(text)
    s, e = n.orig_span(0, 4)
    assert text[s:e] == "جنديٌ"


def test_ligature_expansion_keeps_both_letters_on_one_source():
    text = "ب\ufefbد"  # ba, lam-alef ligature, dal
    n = normalize(text)
    assert n.text == "بلاد"
    assert n.orig_span(1, 3) == (1, 2)


# Property: for any string, any normalized span maps to an original span whose own
# normalization contains the normalized span, and offsets never run backwards.
ARABICISH = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي أإآؤئءىةـ٠١٢٣٤٥٦٧٨٩۴۵کی“”«»\u064b\u064e\u0651\u0652")
        + ["\u200f", "\u200d", "\u00a0", "\ufefb", "\ufe8e", "\ufeb3", "a", "B", "7", ".", "\n", "–"]
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(ARABICISH, st.data())
def test_offset_map_property(text, data):
    n = normalize(text)
    assert len(n._src) == len(n.text) + 1
    assert list(n._src) == sorted(n._src)
    if not n.text:
        return
    a = data.draw(st.integers(0, len(n.text) - 1))
    b = data.draw(st.integers(a + 1, len(n.text)))
    s, e = n.orig_span(a, b)
    assert 0 <= s < e <= len(text)
    assert n.text[a:b] in normalize(text[s:e]).text
    # and each normalized char comes from the original char the map names
    for k in range(a, b):
        assert n.text[k] in normalize(text[n.orig_index(k)]).text


@settings(max_examples=200, deadline=None)
@given(ARABICISH)
def test_norm_index_inverts_orig_index(text):
    n = normalize(text)
    for k in range(len(n.text)):
        assert n.orig_index(n.norm_index(n.orig_index(k))) == n.orig_index(k)


def test_sentences_split_on_arabic_and_latin_marks_not_on_numbers():
    text = "بلغت النسبة 6.36 في المئة. هل وصلوا؟ نعم! التاريخ 30.04.2025 صحيح\nسطر جديد"
    got = [text[s:e] for s, e in sentences(text)]
    assert got == [
        "بلغت النسبة 6.36 في المئة.",
        "هل وصلوا؟",
        "نعم!",
        "التاريخ 30.04.2025 صحيح",
        "سطر جديد",
    ]


def test_sentences_keep_abbreviation_and_closing_quote():
    text = 'قال د. سامي: "انتهى الأمر." ثم غادر.'
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ['قال د. سامي: "انتهى الأمر."', "ثم غادر."]


def test_context_mention_reports_original_text_and_sentence():
    text = "جملة أولى. وصل نحو ٥٠٠ جنديٍّ إلى المنطقة. جملة أخيرة."
    ctx = TextContext(text, doc="x")
    i = ctx.ntext.index("500")
    j = ctx.ntext.index("جندي") + 4
    m = ctx.mention("quantity", i, j, value=500)
    assert m.text == text[m.start:m.end] == "٥٠٠ جنديٍّ"
    assert m.sentence == "وصل نحو ٥٠٠ جنديٍّ إلى المنطقة."
    assert m.to_json()["value"] == 500
