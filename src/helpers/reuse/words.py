"""The words two articles are compared on, with their place in the original text.

An article's text is normalized by :func:`helpers.lang.arabic.normalize` (hamza carriers,
alef maqsura, ta marbuta, diacritics, tatweel, Arabic-Indic digits, typographic quotes and
dashes folded), then cut into words: a run of letters, or a number with its thousands and
decimal separators ("11,000", "6.5").  Punctuation is not a word, so "جندي." and "جندي"
match.  Every word keeps the span of original characters it was read from
(:meth:`~helpers.lang.arabic.Normalized.orig_span`) and the line it sits on.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..lang.arabic import normalize

WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


@dataclass(frozen=True)
class Words:
    """The words of one text: ``keys[i]`` the normalized word, ``text[starts[i]:ends[i]]``
    its original characters, ``lines[i]`` the number of its line (0 is the title)."""

    text: str
    keys: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lines: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.keys)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original offsets covering words ``i`` to ``j - 1`` (an empty span before word
        ``i`` when ``i == j``)."""
        if i >= j:
            pos = self.starts[i] if i < len(self.keys) else len(self.text)
            return pos, pos
        return self.starts[i], self.ends[j - 1]


def words(text: str) -> Words:
    """The words of ``text`` (normalized), with their original offsets and lines."""
    norm = normalize(text)
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    keys, starts, ends, lines = [], [], [], []
    for m in WORD.finditer(norm.text):
        s, e = norm.orig_span(m.start(), m.end())
        keys.append(m.group())
        starts.append(s)
        ends.append(e)
        lines.append(bisect.bisect_right(newlines, s))
    return Words(text, tuple(keys), tuple(starts), tuple(ends), tuple(lines))
