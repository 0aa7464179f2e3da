import copy
import re

import pytest

from helpers.lang import morphology as M
from helpers.lang.arabic import fold, sentences
from helpers.extractors.dates import find_dates
from helpers.lang.tables import load_data_table
from helpers.extractors.text import TextContext


# --- the table ---------------------------------------------------------------------------


def _raw():
    return copy.deepcopy(load_data_table(M.TABLE))


def test_shipped_table_passes_its_check():
    t = M.check_table(_raw())
    assert t.letters["wa"] == "و"
    assert M.proclitics("month") == ("و",)


@pytest.mark.parametrize("break_it, key", [
    (lambda r: r["proclitics"].__setitem__("count", ["wa", "zz"]), "proclitics.count"),
    (lambda r: r.pop("letters"), "letters"),
    (lambda r: r["proclitics"].__setitem__("noun", "wa"), "proclitics.noun"),
    (lambda r: r["suffix_sets"].__setitem__("word", ["hu", "nope"]), "suffix_sets.word"),
    (lambda r: r["min_stem"].__setitem__("no_such_kind", 2), "min_stem.no_such_kind"),
    (lambda r: r["letters"].__setitem__("wa", ""), "letters.wa"),
    (lambda r: r["article"].append("xx"), "article"),
])
def test_broken_table_names_file_and_key(break_it, key):
    raw = _raw()
    break_it(raw)
    with pytest.raises(M.MorphologyError) as e:
        M.check_table(raw, "morphology.yaml")
    assert "morphology.yaml" in str(e.value) and key in str(e.value)


def test_a_table_that_is_not_a_mapping_is_refused():
    with pytest.raises(M.MorphologyError, match="morphology.yaml"):
        M.check_table(["wa"], "morphology.yaml")


def test_kinds_differ_by_named_rule():
    # ك stands before a number ("كثلاثة") but not before a date cue word
    assert "ك" in M.proclitics("count")
    assert "ك" not in M.proclitics("date")
    # the legal article forms all end in the article
    assert all(p.endswith(("ال", "لل")) for p in M.proclitics("legal_definite"))
    with pytest.raises(KeyError):
        M.proclitics("no_such_kind")


# --- forms, strip, boundary ----------------------------------------------------------------


@pytest.mark.parametrize("word, expected, not_expected", [
    ("وبالطائرات", {"الطائرات", "طائرات", "بالطائرات"}, set()),
    ("للمهندسين", {"المهندسين", "لمهندسين"}, set()),
    ("قواتهم", {"قوات"}, set()),
    ("وقواتهم", {"قواتهم", "قوات"}, set()),
    # a stem of one letter is not peeled: "وه" stays whole
    ("وه", {"وه"}, {"ه"}),
    # a suffix is not taken off a stem it would leave shorter than three letters
    ("بها", {"ها"}, {"ب"}),
])
def test_forms(word, expected, not_expected):
    got = M.forms(fold(word))
    assert {fold(x) for x in expected} <= got
    assert not ({fold(x) for x in not_expected} & got)


def test_forms_of_the_words_of_a_sentence_contain_the_word():
    ctx = TextContext("وصلت وحداتهم إلى الحدود فجرا وبالقرب منها مخيم للنازحين.")
    for w in ctx.words:
        assert w.text in M.forms(w.text)
    assert "الحدود" in M.forms("الحدود")
    assert "النازحين" in M.forms(fold("للنازحين"))


def test_strip_with_and_without_a_word_list():
    assert M.strip("وقال", "verb", {"قال"}) == "قال"
    assert M.strip("وفقال", "verb", {"قال"}) == "قال"
    assert M.strip("بقال", "verb", {"قال"}) is None  # ب is not a verb's proclitic
    # a present-tense verb keeps at least four letters after its proclitic
    assert M.strip("سيصلون", "present_verb") == "يصلون"
    assert M.strip("سيصل", "present_verb") == "سيصل"
    # in table order: the noun kind tries و+ب before و
    assert M.unclitic("وبمنزل", "noun") == ("وبمنزل", "منزل", "بمنزل")


def test_boundary_lets_the_kinds_proclitics_through_only():
    def starts(kind, text, word):
        return [m.start() for m in re.finditer(M.boundary(kind) + re.escape(word), text)]

    assert starts("count", "وصل وبثلاث قوافل", "ثلاث") == [6]
    assert starts("count", "وصل كثلاث قوافل", "ثلاث") == [5]
    assert starts("date", "وصل كثلاث قوافل", "ثلاث") == []
    # inside a word is never a start
    assert starts("count", "مثلاث", "ثلاث") == []
    # a month name takes only و: "باب" is a door
    assert starts("month", fold("فتح الباب وآب"), "اب") == [11]


def test_function_words_are_folded():
    assert "وفقا" in M.function_words("according_glued")
    assert fold("إلى") in M.function_words("phrase_breaks")
    assert M.suffixes("possessive")[-1] == "ه"


# --- the text substrate ----------------------------------------------------------------------


_ABBREV = "أعلن دُ. سامي أن القافلة بلغت المعبر أمس. ثم عادت إلى المدينة."


def test_an_abbreviation_with_a_diacritic_does_not_end_a_sentence():
    ctx = TextContext(_ABBREV)
    got = [ctx.text[s:e] for s, e in ctx.sentence_spans]
    assert got == ["أعلن دُ. سامي أن القافلة بلغت المعبر أمس.", "ثم عادت إلى المدينة."]
    # normalized and original sentences are the same sentences
    assert ctx.nsentence_spans == sentences(ctx.ntext)
    assert len(ctx.nsentence_spans) == len(ctx.sentence_spans)


def test_every_extractor_sees_the_same_sentences():
    import datetime as dt

    ctx = TextContext(_ABBREV, published=dt.date(2025, 3, 4))
    (d,) = find_dates(ctx)
    assert d.value == "2025-03-03"
    assert d.sentence == "أعلن دُ. سامي أن القافلة بلغت المعبر أمس."
    n = ctx.ntext.index("امس")
    assert ctx.nsentence_index(n) == 0 == ctx.sentence_index(d.start)


def test_substrate_is_computed_once():
    ctx = TextContext('قال الناطق: "وصلنا أمس" ثم غادر. وعاد الوفد.')
    for name in ("tokens", "words", "nsentence_spans", "sentence_spans", "quote_regions"):
        assert getattr(ctx, name) is getattr(ctx, name), name


def test_tokens_words_and_quotes():
    ctx = TextContext('قال الناطق: "وصلنا أمس" ثم غادر.\nسطر "مفتوح')
    assert [t.text for t in ctx.tokens[:4]] == ["قال", "الناطق", ":", '"']
    assert all(ctx.ntext[w.start:w.end] == w.text for w in ctx.words)
    assert ":" not in {w.text for w in ctx.words}
    a, b = ctx.quote_regions[0]
    assert ctx.ntext[a] == ctx.ntext[b] == '"'
    assert ctx.quote_at(ctx.ntext.index("وصلنا")) == (a, b)
    assert ctx.quote_at(ctx.ntext.index("غادر")) is None
    # an unclosed quotation runs to the end of its line
    assert ctx.quote_at(ctx.ntext.index("مفتوح")) is not None
    i = ctx.token_index(ctx.ntext.index("ثم"))
    assert ctx.tokens[i].text == "ثم"
    assert [w.text for w in ctx.words_between(0, ctx.ntext.index(":"))] == ["قال", "الناطق"]
