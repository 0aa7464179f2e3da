"""Bounded work per sentence: a run of text with no sentence end (a page of dates) is read
as sentences of at most MAX_SENTENCE characters, so extraction stays linear in its length."""
from __future__ import annotations

from helpers.extractors.pipeline import extract
from helpers.extractors.text import MAX_SENTENCE, TextContext, bounded
from helpers.model import Article

TITLE = "مواعيد كثيرة في بيان واحد"


def _article(text: str) -> Article:
    body = text.partition("\n")[2]
    return Article(doc="long", path="long.txt", raw=text, title=TITLE, text=text,
                   line_map=[(0, 0), (len(TITLE) + 1, len(TITLE) + 1)] if body else [(0, 0)])


def _dates_sentence(n: int, unit: str = "12/6/2024 ") -> str:
    return TITLE + "\nوقال البيان إن الاجتماعات عقدت في " + unit * n + "بحضور الوفود.\n"


def test_short_sentences_are_left_alone():
    text = "جملة أولى. جملة ثانية؟ وجملة ثالثة"
    spans = [(0, 10), (11, 22), (23, len(text))]
    assert bounded(text, spans) == spans


def test_a_long_sentence_is_cut_at_spaces():
    words = ["كلمة%d" % i for i in range(3000)]
    text = " ".join(words)
    spans = bounded(text, [(0, len(text))], limit=100)
    assert all(e - s <= 100 for s, e in spans)
    assert len(spans) > 1
    # every piece starts and ends on a word boundary, and together they hold every word
    pieces = [text[s:e] for s, e in spans]
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in pieces)
    assert " ".join(pieces).split() == words


def test_a_word_longer_than_the_limit_is_cut_anyway():
    text = "x" * 250
    assert bounded(text, [(0, 250)], limit=100) == [(0, 100), (100, 200), (200, 250)]


def test_no_sentence_of_a_page_of_dates_is_longer_than_the_cap():
    ctx = TextContext(_dates_sentence(2000))
    assert max(e - s for s, e in ctx.nsentence_spans) <= MAX_SENTENCE
    mentions = list(extract(_article(ctx.text)))
    dates = [m for m in mentions if m.kind == "date"]
    assert len(dates) >= 0.95 * 2000  # cutting the run loses at most a date per piece
    assert max(len(m.sentence) for m in mentions) <= MAX_SENTENCE


def test_twice_the_dates_take_less_than_three_times_as_long(best_time):
    one, two = _dates_sentence(3000), _dates_sentence(6000)
    list(extract(_article(_dates_sentence(10))))  # tables loaded outside the timing
    def run(text: str):
        return lambda: list(extract(_article(text)))

    assert best_time(run(two), 2) < 3 * best_time(run(one), 2)
