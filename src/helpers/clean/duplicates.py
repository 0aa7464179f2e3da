"""Paragraphs a page prints twice: exact repeats, near repeats (a word or two reworded,
or two earlier paragraphs merged into one) and a block re-printed at the end of the page.

A near repeat must state the same numbers and dates as what it repeats
(:func:`number_signature`), so a corrected figure is not taken for a repeat.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from ..lang import morphology
from ..extractors.dates import name_tables
from ..lang.numbers import find_cardinals, find_ordinals
from .lines import Line, removal


def similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _shingles(norm: str, n: int = 3) -> list[tuple[str, ...]]:
    words = re.findall(r"\w+", norm)
    return [tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))]


def _coverage(norm: str, seen: set[tuple[str, ...]]) -> float:
    """Share of the words of ``norm`` covered by a word 3-gram already seen."""
    words = re.findall(r"\w+", norm)
    if len(words) < 3:
        return 0.0
    covered = [False] * len(words)
    for i in range(len(words) - 2):
        if tuple(words[i:i + 3]) in seen:
            covered[i] = covered[i + 1] = covered[i + 2] = True
    return sum(covered) / len(words)


NEAR_DUPLICATE = 0.8


def drop_duplicates(title: Line, body: list[Line], removed: list[dict[str, Any]]) -> list[Line]:
    """Paragraphs printed twice: the first occurrence stays.

    A paragraph is a near duplicate when at least 80 % of its words lie in word 3-grams
    already printed (rewording of a word or two, or two earlier paragraphs merged into
    one).  When the article ends with a block of three or more paragraphs most of which
    (two in three) repeat earlier ones, the whole block is a re-print of an earlier
    version of the story and goes, together with the paragraphs mixed into it.
    """
    seen: set[tuple[str, ...]] = set(_shingles(title.norm))
    exact: dict[str, int] = {title.norm: -1}
    keep: list[Line] = []
    dup_of: list[int | None] = []  # for every kept-or-dropped body line: index of its original
    all_lines: list[Line] = []
    for line in body:
        orig: int | None = None
        if line.norm in exact:
            orig = exact[line.norm]
        elif len(re.findall(r"\w+", line.norm)) >= 8 and _coverage(line.norm, seen) >= NEAR_DUPLICATE:
            orig = _near_original(line.norm, all_lines, dup_of)
        all_lines.append(line)
        dup_of.append(orig)
        if orig is None:
            exact.setdefault(line.norm, len(all_lines) - 1)
            seen.update(_shingles(line.norm))
    # a re-printed block at the end
    start = _reprint_start(dup_of)
    for i, line in enumerate(all_lines):
        if dup_of[i] is not None:
            removed.append(removal(line, "duplicate"))
        elif start is not None and i >= start:
            removed.append(removal(line, "duplicate"))
        else:
            keep.append(line)
    return keep


def _near_original(norm: str, lines: list[Line], dup_of: list[int | None]) -> int | None:
    """The earlier paragraph ``norm`` repeats, or None when it only resembles earlier ones.

    The originals are the earlier paragraphs that share the most word 3-grams with it,
    taken while each adds words it covers (two paragraphs merged into one).  A repeat
    states the same numbers and dates as its originals together (:func:`number_signature`):
    "قتل 12 شخصا يوم الأحد" printed again as "قتل 14 شخصا يوم الاثنين" is a new fact,
    not a repeat."""
    mine = _shingles(norm)
    mine_set = set(mine)
    scored = []
    for i, line in enumerate(lines):
        if dup_of[i] is not None:
            continue
        shared = mine_set & set(_shingles(line.norm))
        if shared:
            scored.append((len(shared), -i, i, shared))
    if not scored:
        return None
    scored.sort(reverse=True)
    covered: set[tuple[str, ...]] = set()
    originals: list[int] = []
    for _, _, i, shared in scored:
        if shared - covered:
            originals.append(i)
            covered |= shared
    want = number_signature(norm)
    have: Counter[str] = Counter()
    for i in originals:
        have += number_signature(lines[i].norm)
    if want != have:
        return None
    return originals[0]


_DIGIT_RUN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def number_signature(norm: str) -> Counter[str]:
    """The numbers and date words of a normalized paragraph, as a multiset: digit runs
    (Arabic-Indic digits are already folded), number words read as their value
    ("ثلاثة آلاف" and "3000" are one number), ordinals, and the month and weekday names
    of the date tables."""
    sig: Counter[str] = Counter()
    rest = norm
    chars = list(norm)
    for c in find_cardinals(norm):
        sig[str(c.value)] += 1
        chars[c.start:c.end] = " " * (c.end - c.start)
    for s, e, v in find_ordinals(norm):
        if norm[s:e].strip() and not norm[s:e].strip()[0].isdigit():
            sig[f"#{v}"] += 1
            chars[s:e] = " " * (e - s)
    rest = "".join(chars)
    for m in _DIGIT_RUN.finditer(rest):
        sig[m.group().lstrip("0") or "0"] += 1
    names = _date_names()
    for w in morphology.words(norm):
        cand = morphology.strip(w.text, "date_name", names)
        if cand:
            sig[names[cand]] += 1
    return sig


@lru_cache(maxsize=1)
def _date_names() -> dict[str, str]:
    """Month and weekday names (folded, one word) -> "month:N" / "weekday:N"."""
    t = name_tables()
    out: dict[str, str] = {}
    for table, tag in (("months", "month"), ("hijri_months", "hmonth"), ("weekdays", "weekday")):
        for name, num in t[table].items():
            if " " not in name:  # two-word names ("كانون الثاني") differ in an ordinal
                out.setdefault(name, f"{tag}:{num}")
    return out


def _reprint_start(dup_of: list[int | None]) -> int | None:
    n = len(dup_of)
    for s in range(n):
        block = dup_of[s:]
        if len(block) < 3:
            break
        dups = [o for o in block if o is not None]
        if len(dups) * 3 < len(block) * 2:
            continue
        if all(o < s for o in dups):
            return s
    return None
