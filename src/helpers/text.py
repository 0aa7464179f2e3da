"""What every extractor works on: the text, its normalized form and its sentences.

Extractors search :attr:`TextContext.ntext` (normalized) and build mentions with
:meth:`TextContext.mention`, which maps the normalized span back to the original text,
so a mention's ``text`` is always ``ctx.text[start:end]``.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .arabic import Normalized, normalize, sentences
from .model import Mention


def load_data_table(name: str) -> Any:
    """A YAML table of ``helpers/data`` (``name`` like "dates.yaml"), parsed with libyaml
    when PyYAML has it (several times faster than the pure-Python parser, same result)."""
    from importlib import resources

    import yaml

    text = resources.files("helpers").joinpath("data", name).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


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
    def sentence_spans(self) -> list[tuple[int, int]]:
        """Sentences as spans of the original text."""
        return sentences(self.text)

    @cached_property
    def nsentence_spans(self) -> list[tuple[int, int]]:
        """The same sentences as spans of the normalized text."""
        n = self.norm
        return [(n.norm_index(s), n.norm_index(e)) for s, e in self.sentence_spans]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentence_spans]

    def sentence_index(self, orig_offset: int) -> int:
        """Index of the sentence containing an original offset (the nearest one before it)."""
        return max(0, bisect.bisect_right(self._sentence_starts, orig_offset) - 1)

    def sentence_at(self, orig_offset: int) -> tuple[int, int]:
        if not self.sentence_spans:
            return (0, len(self.text))
        return self.sentence_spans[self.sentence_index(orig_offset)]

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
