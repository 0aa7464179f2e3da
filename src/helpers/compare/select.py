"""Which quantity mentions report a count fact, and which of them the fact shows.

A count fact of a story (:mod:`helpers.compare.story`) holds a :class:`CountSelect`:

* filters on the mention's fields — ``unit``, ``group``, ``category``, ``currency``,
  ``qualifier`` (the name must be one of the fact's), ``thing`` and ``place`` (the
  mention's noun or place must contain one of the fact's names, word by word, so
  "بإقليم الحوز" has the place "الحوز"), ``source`` (the attribution must contain one of
  the names); ``null`` among the names accepts a mention that does not give the field;
* ``event``: cue words of which one must be in the mention's sentence (with ``within``:
  at most that many words from the count, on the ``side`` given: ``after`` it, ``before``
  it or ``either``), and/or a window ``after``/``before`` (inclusive) on the article's
  publication date;
* ``pick``: ``largest`` (ties: a named source, then the first in the text), ``latest``
  (the latest ``as_of`` the mention gives, else the last in the text), ``first``;
* ``total``: a mention without a place is the overall figure; when the article gives
  none, the fact is the sum of one count per place (each chosen by ``pick``).

Fields are read through :func:`field_of`: the mention's attribute when it has one, else
its ``extra`` mapping, so an extractor may give ``place`` either way.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..lang import morphology
from ..lang.arabic import fold
from ..model import Mention

WORD_FILTERS = ("thing", "place")  # matched word by word
NAME_FILTERS = ("unit", "group", "category", "currency", "qualifier")  # matched as names
_ATTRIBUTE = {"source": "attribution"}


def field_of(m: Mention, name: str) -> Any:
    """A mention's field: its attribute when set, else ``extra[name]``; None when absent.
    ``source`` is the attribution."""
    name = _ATTRIBUTE.get(name, name)
    v = getattr(m, name, None) if name != "extra" else None
    if v is None:
        v = m.extra.get(name)
    return None if v is None or (isinstance(v, str) and not v.strip()) else v


def phrase(text: str) -> tuple[str, ...]:
    """A name as the folded words it is matched by."""
    words = tuple(w.text for w in morphology.words(fold(str(text))))
    if not words:
        raise ValueError(f"{text!r} has no word in it")
    return words


def _forms(text: str) -> list[set[str]]:
    return [morphology.forms(w.text) for w in morphology.words(fold(str(text)))]


def contains_phrase(text: str | list[set[str]], words: tuple[str, ...]) -> bool:
    """Whether ``text`` (or its words' forms) holds the words in a row (each with or
    without its clitics)."""
    forms = _forms(text) if isinstance(text, str) else text
    n = len(words)
    return any(all(words[k] in forms[i + k] for k in range(n)) for i in range(len(forms) - n + 1))


@dataclass(frozen=True)
class Event:
    words: tuple[tuple[str, ...], ...] = ()
    after: dt.date | None = None
    before: dt.date | None = None
    within: int | None = None  # the words must be this near the count (else: its sentence)
    side: str = "either"  # where they stand: "after" the count, "before" it, or "either"

    def _near(self, m: Mention) -> list[list[set[str]]]:
        """The stretches of the sentence the cue words are looked for in."""
        sentence = m.sentence or ""
        i = sentence.find(m.text) if m.text else -1
        if self.within is None or i < 0:
            return [_forms(sentence)]
        # a lone letter is a conjunction or preposition cut from the number ("و80"), not a word
        before = [f for f in _forms(sentence[:i]) if max(map(len, f)) > 1]
        after = [f for f in _forms(sentence[i + len(m.text):]) if max(map(len, f)) > 1]
        out = []
        if self.side in ("before", "either"):
            out.append(before[max(0, len(before) - self.within):])
        if self.side in ("after", "either"):
            out.append(after[:self.within])
        return out

    def holds(self, m: Mention, published: dt.date | None) -> bool:
        if self.words:
            near = self._near(m)
            if not any(contains_phrase(part, w) for w in self.words for part in near):
                return False
        if published is not None:
            if self.after is not None and published < self.after:
                return False
            if self.before is not None and published > self.before:
                return False
        elif self.after is not None or self.before is not None:
            return False  # an undated article cannot be placed in the window
        return True


@dataclass(frozen=True)
class CountSelect:
    names: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # NAME_FILTERS
    words: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # WORD_FILTERS: phrases or None
    sources: tuple[Any, ...] = ()  # folded names, or None
    event: Event | None = None
    base: dict[str, Any] = field(default_factory=dict)  # a raw `mentions:` selector
    pick: str = "largest"
    total: bool = False

    def matches(self, m: Mention, published: dt.date | None = None, *, place: bool = True) -> bool:
        if m.kind != self.base.get("kind", "quantity") or not matches_selector(m, self.base):
            return False
        for key, want in self.names.items():
            if field_of(m, key) not in want:
                return False
        for key, want in self.words.items():
            if key == "place" and not place:
                continue
            have = field_of(m, key)
            if not any((w is None and have is None) or (w is not None and have is not None
                                                        and contains_phrase(str(have), w)) for w in want):
                return False
        if self.sources:
            have = field_of(m, "source")
            if not any((s is None and have is None) or (s is not None and have is not None and s in fold(have))
                       for s in self.sources):
                return False
        return self.event is None or self.event.holds(m, published)


def matches_selector(m: Mention, selector: dict[str, Any]) -> bool:
    """A raw ``mentions:`` selector: every key's value equals the field (a list: any)."""
    for key, want in selector.items():
        have = m.kind if key == "kind" else field_of(m, key)
        if isinstance(want, list):
            if have not in want:
                return False
        elif have != want:
            return False
    return True


def _numeric(m: Mention) -> bool:
    return isinstance(m.value, (int, float)) and not isinstance(m.value, bool)


def order(cands: list[Mention], pick: str) -> list[Mention]:
    """The candidates best first under the policy."""
    if pick == "first":
        return sorted(cands, key=lambda m: m.start)
    if pick == "latest":
        return sorted(cands, key=lambda m: (str(field_of(m, "as_of") or ""), m.start), reverse=True)
    return sorted(cands, key=lambda m: (-m.value, 0 if m.attribution else 1, m.start))


def chosen(sel: CountSelect, mentions: list[Mention],
           published: dt.date | None) -> tuple[list[Mention], list[Mention]]:
    """(the mention(s) the fact shows, the candidates best first).  One mention, or for a
    total without an overall figure one per place (the value is their sum)."""
    cands = [m for m in mentions if _numeric(m) and sel.matches(m, published, place=not sel.total)]
    if not sel.total:
        ranked = order(cands, sel.pick)
        return ranked[:1], ranked
    overall = [m for m in cands if field_of(m, "place") is None]
    if overall:
        ranked = order(overall, sel.pick)
        return ranked[:1], ranked
    places = [m for m in cands if sel.matches(m, published)]
    by_place: dict[str, list[Mention]] = {}
    for m in places:
        by_place.setdefault(" ".join(phrase(field_of(m, "place"))), []).append(m)
    parts = [order(ms, sel.pick)[0] for ms in by_place.values()]
    return sorted(parts, key=lambda m: m.start), []
