"""Arabic word structure, read from one table (``data/morphology.yaml``).

Every extractor asks here which letters may stand before a word of some kind, how to
peel them off, which attached pronouns a stem may end in and which function words to
stop at or cue on, so that a difference between two modules is a named rule of the
table, not two spellings of the same thing.

API:

* :func:`letter` — a clitic letter by name ("wa" -> "و").
* :func:`proclitics` — the proclitic sequences of a kind, in table order.
* :func:`boundary` — regex for a word start that lets those proclitics through.
* :func:`prefix_pattern` — regex alternation of a kind's sequences, longest first.
* :func:`unclitic` / :func:`strip` — a word without its proclitics.
* :func:`forms` — a word with proclitics and attached pronoun peeled off, every way.
* :func:`suffixes`, :func:`function_words`.
* :func:`words`, :func:`tokens` — the two tokenizations of normalized text.
* :func:`check_table`, :class:`MorphologyError`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

from .arabic import fold

TABLE = "morphology.yaml"


class MorphologyError(ValueError):
    """The morphology table is malformed (the message names the file and the key)."""


# --- the table -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    letters: dict[str, str]
    article: frozenset[str]  # sequences (as strings) that end in the article
    proclitics: dict[str, tuple[str, ...]]
    min_stem: dict[str, int]
    suffix_sets: dict[str, tuple[str, ...]]
    min_suffix_stem: int
    function_words: dict[str, tuple[str, ...]]


def _fail(source: str, key: str, problem: str) -> MorphologyError:
    return MorphologyError(f"{source}: {key}: {problem}")


def _names_list(raw: Any, source: str, key: str) -> list[str]:
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) and x for x in raw):
        raise _fail(source, key, "must be a non-empty list of names")
    return raw


def _mapping(raw: Any, source: str, key: str) -> dict:
    if not isinstance(raw, dict) or not raw:
        raise _fail(source, key, "must be a non-empty mapping")
    return raw


def check_table(raw: Any, source: str = TABLE) -> _Table:
    """Check the layout of a parsed morphology table and build it; a
    :class:`MorphologyError` names ``source`` and the offending key."""
    if not isinstance(raw, dict):
        raise MorphologyError(f"{source}: the table must be a mapping")
    for key in ("letters", "article", "proclitics", "suffixes", "suffix_sets", "function_words"):
        if key not in raw:
            raise _fail(source, key, "missing")
    letters = {}
    for name, value in _mapping(raw["letters"], source, "letters").items():
        if not isinstance(value, str) or not value.strip():
            raise _fail(source, f"letters.{name}", "must be the letter(s) as text")
        letters[str(name)] = fold(value.strip())

    def sequence(seq: str, key: str) -> str:
        parts = seq.split("+")
        for p in parts:
            if p.strip() not in letters:
                raise _fail(source, key, f"{p.strip()!r} is not a name of 'letters'")
        return "".join(letters[p.strip()] for p in parts)

    article_names = _names_list(raw["article"], source, "article")
    for n in article_names:
        if n not in letters:
            raise _fail(source, "article", f"{n!r} is not a name of 'letters'")
    proclitics: dict[str, tuple[str, ...]] = {}
    article: set[str] = set()
    for kind, seqs in _mapping(raw["proclitics"], source, "proclitics").items():
        key = f"proclitics.{kind}"
        out = []
        for seq in _names_list(seqs, source, key):
            s = sequence(seq, key)
            if s not in out:
                out.append(s)
            if seq.split("+")[-1].strip() in article_names:
                article.add(s)
        proclitics[str(kind)] = tuple(out)
    min_stem = {}
    for kind, n in (raw.get("min_stem") or {}).items():
        if kind not in proclitics:
            raise _fail(source, f"min_stem.{kind}", "names no kind of 'proclitics'")
        if not isinstance(n, int) or n < 1:
            raise _fail(source, f"min_stem.{kind}", "must be a positive integer")
        min_stem[str(kind)] = n
    suffixes = {}
    for name, value in _mapping(raw["suffixes"], source, "suffixes").items():
        if not isinstance(value, str) or not value.strip():
            raise _fail(source, f"suffixes.{name}", "must be the suffix as text")
        suffixes[str(name)] = fold(value.strip())
    suffix_sets = {}
    for kind, names in _mapping(raw["suffix_sets"], source, "suffix_sets").items():
        key = f"suffix_sets.{kind}"
        for n in _names_list(names, source, key):
            if n not in suffixes:
                raise _fail(source, key, f"{n!r} is not a name of 'suffixes'")
        suffix_sets[str(kind)] = tuple(suffixes[n] for n in names)
    mss = raw.get("min_suffix_stem", 1)
    if not isinstance(mss, int) or mss < 1:
        raise _fail(source, "min_suffix_stem", "must be a positive integer")
    function = {}
    for name, ws in _mapping(raw["function_words"], source, "function_words").items():
        function[str(name)] = tuple(fold(w) for w in _names_list(ws, source, f"function_words.{name}"))
    return _Table(letters, frozenset(article), proclitics, min_stem, suffix_sets, mss, function)


@lru_cache(maxsize=1)
def _table() -> _Table:
    from .tables import load_data_table

    return check_table(load_data_table(TABLE), TABLE)


def _kind(kind: str) -> tuple[str, ...]:
    t = _table()
    if kind not in t.proclitics:
        raise KeyError(f"no proclitic kind {kind!r} in {TABLE}")
    return t.proclitics[kind]


# --- proclitics --------------------------------------------------------------------------


def letter(name: str) -> str:
    """The letter(s) a clitic name stands for ("wa" -> "و")."""
    return _table().letters[name]


def proclitics(kind: str) -> tuple[str, ...]:
    """The proclitic sequences a word of ``kind`` may carry, in table order."""
    return _kind(kind)


def min_stem(kind: str) -> int:
    """The fewest letters a word of ``kind`` keeps once a proclitic is peeled off."""
    return _table().min_stem.get(kind, 1)


@lru_cache(maxsize=None)
def prefix_pattern(kind: str, optional: bool = False) -> str:
    """Regex alternation of the sequences of ``kind``, longest first (and the empty
    string last when ``optional``)."""
    alts = sorted(_kind(kind), key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    return f"(?:{body})?" if optional else f"(?:{body})"


@lru_cache(maxsize=None)
def boundary(kind: str, not_after: str = r"\w", clitic_not_after: str | None = None) -> str:
    """Regex (zero width) for the start of a word that may carry a proclitic of ``kind``:
    a position not after ``not_after``, or right after one of the kind's sequences that
    itself stands at a word start (not after ``clitic_not_after``, by default the same)."""
    before = not_after if clitic_not_after is None else clitic_not_after
    by_len: dict[int, list[str]] = {}
    for p in _kind(kind):
        by_len.setdefault(len(p), []).append(p)
    parts = [f"(?<!{not_after})"]
    for n in sorted(by_len):
        ps = sorted(by_len[n])
        if n == 1:
            alt = "[" + "".join(re.escape(p) for p in ps) + "]"
        else:
            alt = "(?:" + "|".join(re.escape(p) for p in ps) + ")"
        parts.append(f"(?<=(?<!{before}){alt})")
    return "(?:" + "|".join(parts) + ")"


def unclitic(word: str, kind: str, min_stem_: int | None = None) -> tuple[str, ...]:
    """``word`` and, for every sequence of ``kind`` it starts with (table order), the
    word without it, when at least the kind's minimum stem is left."""
    least = min_stem(kind) if min_stem_ is None else min_stem_
    out = [word]
    for p in _kind(kind):
        if word.startswith(p) and len(word) - len(p) >= least:
            rest = word[len(p):]
            if rest not in out:
                out.append(rest)
    return tuple(out)


def strip(word: str, kind: str, known: Iterable[str] | None = None) -> str | None:
    """With ``known``: the first of :func:`unclitic` forms that is in it (None if none).
    Without: the word without its first proclitic of ``kind`` (the word if none)."""
    forms_ = unclitic(word, kind)
    if known is None:
        return forms_[1] if len(forms_) > 1 else word
    for f in forms_:
        if f in known:
            return f
    return None


@lru_cache(maxsize=16)
def _stems(kind: str) -> tuple[tuple[str, bool], ...]:
    t = _table()
    return tuple((p, p in t.article) for p in _kind(kind))


def forms(word: str, kind: str = "word") -> set[str]:
    """A word with its proclitics and attached pronoun peeled off, every way: the word,
    each stem left by a proclitic of ``kind`` (with "ال" back after an article), and each
    of those without a suffix of the kind's suffix set."""
    t = _table()
    least = min_stem(kind)
    out = {word}
    stems = [word]
    al = t.letters["al"]
    for p, has_article in _stems(kind):
        if word.startswith(p) and len(word) - len(p) >= least:
            rest = word[len(p):]
            stems.append(rest)
            if has_article:
                stems.append(al + rest)
    out.update(stems)
    sufs = t.suffix_sets.get(kind, ())
    keep = t.min_suffix_stem
    for s in stems:
        for suf in sufs:
            if s.endswith(suf) and len(s) - len(suf) >= keep:
                out.add(s[: -len(suf)])
    return out


def suffixes(kind: str = "word") -> tuple[str, ...]:
    """The attached pronouns a stem of ``kind`` may end in, in table order."""
    return _table().suffix_sets[kind]


def function_words(name: str) -> tuple[str, ...]:
    """A list of function words by what the extractors do with them (folded)."""
    return _table().function_words[name]


# --- tokens ----------------------------------------------------------------------------


class Token(NamedTuple):  # a tuple: built for every word of every article, so cheap to make
    start: int  # span in the text tokenized (normalized text for a TextContext)
    end: int
    text: str


_WORD_RE = re.compile(r"\w+")
_TOKEN_RE = re.compile(r"\w+(?:-\w+)*|[^\w\s]")


def words(text: str) -> list[Token]:
    """The words of ``text`` (runs of letters and digits) with their spans."""
    make = tuple.__new__  # Token's own __new__ is a Python function: too slow per word
    return [make(Token, (m.start(), m.end(), m.group())) for m in _WORD_RE.finditer(text)]


def tokens(text: str) -> list[Token]:
    """Words (a hyphenated compound such as "11-12" is one) and punctuation marks."""
    make = tuple.__new__
    return [make(Token, (m.start(), m.end(), m.group())) for m in _TOKEN_RE.finditer(text)]
