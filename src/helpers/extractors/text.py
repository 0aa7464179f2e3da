"""What every extractor works on: the text, its normalized form and its structure.

Extractors search :attr:`TextContext.ntext` (normalized) and build mentions with
:meth:`TextContext.mention`, which maps the normalized span back to the original text,
so a mention's ``text`` is always ``ctx.text[start:end]``.

The structure of the normalized text is computed once per article, on first use, and
shared by every extractor: :attr:`~TextContext.tokens` and :attr:`~TextContext.words`
(with spans), :attr:`~TextContext.nsentence_spans` (split on the normalized text, so
diacritics and invisible marks never decide a sentence end) and
:attr:`~TextContext.quote_regions`.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..lang.arabic import Normalized, normalize, sentences
from ..model import Mention
from ..lang.morphology import Token, tokens, words

# the longest sentence the extractors read as one: a longer run (a page of dates with no
# full stop) is cut at a space before this many characters, so the work per sentence
# (window searches, the sentence copied into every mention) stays bounded
MAX_SENTENCE = 2000


def bounded(text: str, spans: list[tuple[int, int]], limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """``spans`` with every span longer than ``limit`` cut into pieces of at most
    ``limit`` characters, each ending before a space when the piece has one (the spaces
    at a cut belong to no piece)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > limit:
            cut = text.rfind(" ", s + 1, s + limit + 1)
            if cut <= s:
                cut = s + limit
            end = cut
            while end > s and text[end - 1].isspace():
                end -= 1
            out.append((s, end if end > s else cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out


@dataclass
class TextContext:
    text: str
    doc: str = ""
    published: dt.date | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # extractors may share work here

    @cached_property
    def norm(self) -> Normalized:
        return normalize(self.text)

    @property
    def ntext(self) -> str:
        return self.norm.text

    @cached_property
    def nsentence_spans(self) -> list[tuple[int, int]]:
        """Sentences as spans of the normalized text, none longer than
        :data:`MAX_SENTENCE` characters (:func:`bounded`)."""
        return bounded(self.ntext, sentences(self.ntext))

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """The same sentences as spans of the original text."""
        n = self.norm
        return [n.orig_span(s, e) for s, e in self.nsentence_spans]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentence_spans]

    @cached_property
    def _nsentence_starts(self) -> list[int]:
        return [s for s, _ in self.nsentence_spans]

    def sentence_index(self, orig_offset: int) -> int:
        """Index of the sentence containing an original offset (the nearest one before it)."""
        return max(0, bisect.bisect_right(self._sentence_starts, orig_offset) - 1)

    def nsentence_index(self, npos: int) -> int:
        """Index of the sentence containing a normalized offset (the nearest one before it)."""
        return max(0, bisect.bisect_right(self._nsentence_starts, npos) - 1)

    def sentence_at(self, orig_offset: int) -> tuple[int, int]:
        if not self.sentence_spans:
            return (0, len(self.text))
        return self.sentence_spans[self.sentence_index(orig_offset)]

    # --- tokens and words (normalized spans) ---

    @cached_property
    def tokens(self) -> list[Token]:
        """Words and punctuation marks of :attr:`ntext` (:func:`helpers.lang.morphology.tokens`)."""
        return tokens(self.ntext)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def token_index(self, npos: int) -> int:
        """Index of the first token starting at or after normalized position ``npos``."""
        return bisect.bisect_left(self._token_starts, npos)

    @cached_property
    def words(self) -> list[Token]:
        """Words of :attr:`ntext` without punctuation (:func:`helpers.lang.morphology.words`)."""
        return words(self.ntext)

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w.start for w in self.words]

    def word_index(self, npos: int) -> int:
        """Index of the word starting at or before normalized position ``npos``."""
        return max(0, bisect.bisect_right(self._word_starts, npos) - 1)

    def words_between(self, nstart: int, nend: int) -> list[Token]:
        """The words lying wholly inside ``ntext[nstart:nend]``."""
        i = bisect.bisect_left(self._word_starts, nstart)
        out = []
        for w in self.words[i:]:
            if w.end > nend:
                break
            out.append(w)
        return out

    # --- quotations ---

    @cached_property
    def quote_regions(self) -> list[tuple[int, int]]:
        """(opening mark, closing mark) of every quotation, normalized offsets.  Marks pair
        up within a line; an unclosed one runs to the end of its line."""
        regions = []
        pos = 0
        for line in self.ntext.split("\n"):
            marks = [pos + i for i, ch in enumerate(line) if ch == '"']
            for a, b in zip(marks[::2], marks[1::2] + [pos + len(line)] * (len(marks) % 2)):
                regions.append((a, b))
            pos += len(line) + 1
        return regions

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [a for a, _ in self.quote_regions]

    def quote_at(self, npos: int) -> tuple[int, int] | None:
        """The quotation a normalized position lies inside (between its marks), if any."""
        regions = self.quote_regions
        k = bisect.bisect_left(self._quote_starts, npos) - 1
        if k >= 0 and regions[k][0] < npos < regions[k][1]:
            return regions[k]
        return None

    def orig_span(self, nstart: int, nend: int) -> tuple[int, int]:
        return self.norm.orig_span(nstart, nend)

    def mention(self, kind: str, nstart: int, nend: int, **fields: Any) -> Mention:
        """A mention of the normalized span ``ntext[nstart:nend]``, reported in original offsets."""
        start, end = self.orig_span(nstart, nend)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        s, e = self.sentence_at(start)
        return Mention(
            doc=self.doc,
            kind=kind,
            text=self.text[start:end],
            start=start,
            end=end,
            sentence=self.text[s:e],
            **fields,
        )
