"""The number words of ``data/numbers.yaml``, folded and indexed for the number parser.

:func:`number_tables` loads the table once: every cardinal word with its kind and value
(:class:`Word`), the ordinal words, the conjunction, the sign words, and the words that
make a lone "one" a pronoun. Nothing here knows a word of the language; it only reads the
table's layout (documented in the YAML file itself).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from .arabic import fold
from .tables import load_data_table


@dataclass(frozen=True)
class Word:
    kind: str  # unit | ten | hundred | scale | frac
    value: Fraction = Fraction(0)
    form: str = ""  # scales: singular | dual | plural


@dataclass(frozen=True)
class NumberTables:
    words: dict[str, Word]
    conj: str
    negative: frozenset[str]
    decimal_point: frozenset[str]
    measure_units: frozenset[str]
    measure_signs: frozenset[str]
    compound_only: frozenset[str]  # words of 1 that are a number only inside a compound
    pronoun_before: frozenset[str]  # "واحد" before these is a pronoun ("واحد منهم")
    pronoun_after: frozenset[str]  # ... and after these ("كل واحد")
    ord_units: dict[str, int]
    ord_compound_one: frozenset[str]
    ord_compound_one_definite: frozenset[str]
    ord_teen: frozenset[str]
    ord_hundred: frozenset[str]
    ord_after_hundred: str  # "الخامس بعد المائة"
    ord_percent: tuple[str, ...]  # "بالمئة", "في المئة": no ordinal
    tens: dict[str, int]
    hundreds: dict[str, int]  # every cardinal form of 100..900

    def of_kind(self, *kinds: str) -> list[str]:
        return [w for w, x in self.words.items() if x.kind in kinds]


def alternation(words) -> str:
    """A regex matching any of ``words``, the longest first where several match, written
    as a tree of shared prefixes (the scan tries each letter once, not each word)."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: dict) -> str:
    alts = [re.escape(ch) + _group(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        alts.append("")  # the word may end here: tried after every longer one
    return "|".join(alts)


def _group(node: dict) -> str:
    if list(node) == [""]:
        return ""
    inner = _branches(node)
    return inner if len(node) == 1 and "" not in node and "|" not in inner else f"(?:{inner})"


def _folded(items) -> frozenset[str]:
    return frozenset(fold(x) for x in items)


def _cardinal_words(card: dict) -> dict[str, Word]:
    words: dict[str, Word] = {}

    def add(form: str, w: Word) -> None:
        words.setdefault(fold(form), w)

    for key in ("units", "teens"):
        for value, forms in card.get(key, {}).items():
            for f in forms:
                add(f, Word("unit", Fraction(int(value))))
    for value, forms in card["tens"].items():
        for f in forms:
            add(f, Word("ten", Fraction(int(value))))
    hundred_forms = []
    for value, forms in card["hundreds"].items():
        for f in forms:
            add(f, Word("hundred", Fraction(int(value))))
            if int(value) == 100:
                hundred_forms.append(fold(f))
    for value, stems in card["hundred_stems"].items():
        for stem in stems:
            for h in hundred_forms:
                add(fold(stem) + h, Word("hundred", Fraction(int(value) * 100)))
    for value, forms in card["scales"].items():
        for form_name, fs in forms.items():
            for f in fs:
                add(f, Word("scale", Fraction(int(value)), form_name))
    for value, forms in card["fractions"].items():
        for f in forms:
            add(f, Word("frac", Fraction(str(value))))
    return words


@lru_cache(maxsize=1)
def number_tables() -> NumberTables:
    raw = load_data_table("numbers.yaml")
    card = raw["cardinals"]
    words = _cardinal_words(card)
    ordi = raw["ordinals"]
    pron = card["one_as_pronoun"]
    return NumberTables(
        words=words,
        conj=fold(card["conjunction"]),
        negative=_folded(card["negative"]),
        decimal_point=_folded(card["decimal_point"]),
        measure_units=_folded(card["measure_units"]),
        measure_signs=frozenset(card["measure_signs"]),
        compound_only=_folded(card["compound_only"]),
        pronoun_before=_folded(pron["before"]),
        pronoun_after=_folded(pron["after"]),
        ord_units={fold(f): int(v) for v, fs in ordi["units"].items() for f in fs},
        ord_compound_one=_folded(ordi["compound_one"]),
        ord_compound_one_definite=_folded(ordi["compound_one_definite"]),
        ord_teen=_folded(ordi["teen"]),
        ord_hundred=_folded(ordi["hundred"]),
        ord_after_hundred=fold(ordi["after_hundred"]),
        ord_percent=tuple(fold(p) for p in ordi["percent"]),
        tens={w: int(x.value) for w, x in words.items() if x.kind == "ten"},
        hundreds={w: int(x.value) for w, x in words.items() if x.kind == "hundred"},
    )
