"""Cleaning stays linear in the number of lines: near duplicates are found through an
index of word 3-grams, never by comparing every paragraph with every earlier one."""
from __future__ import annotations

from helpers.clean.duplicates import SHINGLE_POSTINGS, ShingleIndex, drop_duplicates, resembles, similar
from helpers.clean.pipeline import clean, split_lines

TITLE = "حصيلة جديدة لضحايا الفيضانات في الإقليم الشمالي"


def _reworded_lines(n: int) -> list[str]:
    """Paragraphs that all read alike but each states another number: every one is
    looked up as a near duplicate and every one is kept (a worst case for the check)."""
    return [f"وقالت السلطات إن {i} منزلا تضرر في القرى الواقعة على ضفاف النهر خلال الليل." for i in range(n)]


def _page(n: int) -> str:
    return "\n".join([TITLE, *_reworded_lines(n)]) + "\n"


def _lookups(n: int) -> tuple[int, int]:
    lines = split_lines(_page(n))
    index = ShingleIndex()
    kept = drop_duplicates(lines[0], lines[1:], [], index=index)
    return index.lookups, len(kept)


def test_near_duplicate_lookups_grow_linearly():
    small, kept_small = _lookups(300)
    large, kept_large = _lookups(600)
    assert (kept_small, kept_large) == (300, 600)  # a new number: nothing is a repeat
    assert small > 0
    assert large < 3 * small
    # bounded per line: at most the cap per 3-gram of the line
    assert large <= 600 * 16 * SHINGLE_POSTINGS


def test_twice_the_lines_take_less_than_three_times_as_long(best_time):
    one, two = _page(1500), _page(3000)
    clean(one)  # tables loaded once, outside the timing
    assert best_time(lambda: clean(two), 3) < 3 * best_time(lambda: clean(one), 3)


def test_a_repeat_is_found_behind_a_phrase_printed_in_many_paragraphs():
    common = "وأضاف المتحدث في الوقت نفسه"
    body = [f"{common} أن الفريق {i} وصل إلى موقع الانهيار في المدينة القديمة." for i in range(SHINGLE_POSTINGS * 3)]
    original = body[-5]
    reworded = original.replace("وصل إلى", "بلغ")
    page = "\n".join([TITLE, *body, reworded]) + "\n"
    cleaned = clean(page)
    assert reworded not in [x.text for x in cleaned.body]
    assert any(r["text"] == reworded and r["kind"] == "duplicate" for r in cleaned.removed)
    assert original in [x.text for x in cleaned.body]


def test_reprinted_block_found_after_many_paragraphs():
    body = _reworded_lines(400)
    page = "\n".join([TITLE, *body, *body[10:14]]) + "\n"
    cleaned = clean(page)
    # the block is the four repeats and the two paragraphs before them (two in three repeat)
    assert [x.text for x in cleaned.body] == body[:-2]
    assert sum(r["kind"] == "duplicate" for r in cleaned.removed) == 6


def test_resembles_agrees_with_similar():
    pairs = [("abcdefgh", "abcdefgx"), ("abc", "abcdefghijklmnop"), ("عنوان الخبر", "عنوان الخبر اليوم"),
             ("", "x"), ("same", "same"), ("x" * 5000, "عنوان")]
    for a, b in pairs:
        for t in (0.5, 0.9):
            assert resembles(a, b, t) == (similar(a, b) >= t)
