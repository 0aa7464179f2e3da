"""Arabic numbers in normalized text: cardinals in words and digits, decimals, fractions.

Everything here works on text normalized by :func:`helpers.lang.arabic.normalize` (or a
phrase folded by :func:`helpers.lang.arabic.fold`): Arabic-Indic digits are already ASCII,
٫ is "." and ٬ is ",", hamza/alef variants, alef maqsura and ta marbuta are folded,
diacritics are gone, typographic spaces are plain spaces.

The words come from ``data/numbers.yaml`` (the rules that combine them are written out
there); :mod:`helpers.lang.numparse` reads one phrase, with the digit grouping and decimal
rules in its docstring.

Public API:

* :data:`CARDINAL_PATTERN` — regex source for a number phrase ("11 الف", "احد عشر الفا",
  "ثلاثه الاف وخمسمايه", "4,700", "4 الاف و512", "(840) مليون"); a match may be a list of
  numbers the grammar does not join ("عشره وعشرين"), which :func:`find_numbers` splits.
* :func:`parse_number` — a phrase's value: an ``int`` when whole ("7.2 مليون" → 7200000),
  a ``float`` otherwise ("7.2", "سبعه ونصف"), None when it is not one number.
* :func:`parse_cardinal` — a phrase's value when it is a whole number, else None.
* :func:`find_numbers` — every number in a normalized text with its span and value
  (:class:`Cardinal`, ``value`` int or float, negative after a minus sign or "سالب").
* :func:`find_cardinals` — the same, whole non-negative numbers only (what a count can be).
* :func:`scale_of` — the scale word a phrase ends in ("15 الف" → 1000), else 1.
* :data:`ORDINAL_PATTERN` / :func:`parse_ordinal` / :func:`find_ordinals` — ordinals, from
  :mod:`helpers.lang.ordinals`.

Not numbers: a digit run glued to the letters after it ("240,5ملم", "20كم": a measure or a
code), a run of dots that is not a thousands grouping ("10.0.0.1", "12.5.2024"), a lone
"أحد"/"إحدى" ("أحد الجنود"), a lone "واحد" used as a pronoun ("لم يتبق واحد منهم").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from . import morphology
from .numparse import binds, digits_value, parse_tokens, split_digit_run
from .numtable import alternation, number_tables
from .ordinals import ORDINAL_PATTERN, find_ordinals, parse_ordinal

__all__ = [
    "CARDINAL_PATTERN", "Cardinal", "find_cardinals", "find_numbers", "parse_cardinal",
    "parse_number", "scale_of", "ORDINAL_PATTERN", "find_ordinals", "parse_ordinal",
]

# A number starts a word, or follows the proclitics of a count (morphology.yaml):
# "وثلاثه", "ب600", "وب11 الف".
_BOUNDARY = morphology.boundary("count")
# a run of digits with its grouping and decimal marks, never entered in the middle and
# taken whole (the Arabic comma only before 1-3 digits: "2020،2021" is a list)
_RUN = (r"(?<![0-9])(?<![0-9][.,])"
        r"(?>(?:(?<![^\s(])\.(?=[0-9]))?[0-9]+(?:[.,][0-9]+|،[0-9]{1,3}(?![0-9]))*(?:[ ][0-9]{3}(?![0-9]))*)")
_SIGN = r"(?:(?<![0-9][^\S\n])-(?=[0-9]))?"  # "-5", not the dash of "11 -12"
_GAP = r"[^\S\n]+"  # spaces inside one line


def _cardinal_pattern() -> str:
    t = number_tables()
    word = f"(?:{alternation(set(t.words) | t.decimal_point)})"
    scale = f"(?:{alternation(t.of_kind('scale'))})"
    neg = f"(?:(?:{alternation(t.negative)}){_GAP})?"
    bracketed = rf"\([^\S\n]?{_RUN}[^\S\n]?\){_GAP}{scale}"  # "(840) مليون"
    atom_first = f"(?:{_SIGN}{_RUN}|{bracketed}|{word})(?!\\w)"
    point = f"(?:{alternation(t.decimal_point)})"
    cont = (f"(?:{_GAP}{point}{_GAP}[0-9]+|(?:{_GAP}{t.conj}[^\\S\\n]?|{_GAP}){word}"
            f"|{_GAP}{t.conj}[^\\S\\n]?{_RUN})(?!\\w)")
    # every number starts with a digit, "(", ".", "-" or the first letter of a word: a cheap
    # test before the boundary and the alternatives
    first = "".join(sorted({w[0] for w in set(t.words) | t.negative}))
    return f"(?=[0-9(.\\-{first}]){_BOUNDARY}{neg}{atom_first}(?:{cont})*"


CARDINAL_PATTERN: str = _cardinal_pattern()
_CARDINAL_RE = re.compile(CARDINAL_PATTERN)
_TOKEN_RE = re.compile(rf"-?\.?[0-9]+(?:[.,،][0-9]+)*(?:[ ][0-9]{{3}}(?![0-9]))*|[^\W\d_]+")
_WORD_RE = re.compile(r"[^\W\d_]+")
_WORD_BEFORE_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+) $")
_DIGITS_AROUND_RE = re.compile(r"[0-9] $| [0-9]")


def _word_before(ntext: str, s: int) -> str:
    """The word right before position ``s``, one space between; "" when there is none."""
    m = _WORD_BEFORE_RE.search(ntext, max(0, s - 30), s)
    return m.group(1) if m else ""


# --- one phrase --------------------------------------------------------------------------


def _tokens(phrase: str) -> list[tuple[str, int, int]] | None:
    """(token, start, end) with "و" split off as its own token; None on a foreign word."""
    t = number_tables()
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN_RE.finditer(phrase):
        tok, s = m.group(), m.start()
        if tok[0].isdigit() or tok[0] in "-.":
            out += [(tok[a:b], s + a, s + b) for a, b in split_digit_run(tok)]
        elif tok in t.words or tok == t.conj or tok in t.negative or tok in t.decimal_point:
            out.append((tok, s, m.end()))
        elif tok.startswith(t.conj) and tok[1:] in t.words:
            out.append((t.conj, s, s + 1))
            out.append((tok[1:], s + 1, m.end()))
        else:
            return None
    return out


def _value(names: list[str], measure: bool = False) -> Fraction | None:
    """The value of a token sequence, sign and spoken decimal point included, or None;
    ``measure``: a unit of measure follows (a decimal mark reads as before a scale word)."""
    t = number_tables()
    sign = 1
    if names and names[0] in t.negative:
        sign, names = -1, names[1:]
    elif names and names[0].startswith("-"):
        sign, names = -1, [names[0][1:]] + names[1:]
    if not names or names[0] in t.negative or any(n in t.negative or n.startswith("-") for n in names[1:]):
        return None
    points = [i for i, n in enumerate(names) if n in t.decimal_point]
    if not points:
        v = _unsigned(names, measure)
    elif len(points) == 1:
        v = _spoken_decimal(names[:points[0]], names[points[0] + 1:])
    else:
        return None
    return None if v is None else sign * v


def _unsigned(names: list[str], measure: bool) -> Fraction | None:
    t = number_tables()
    values: list[Fraction | None] = []
    for i, n in enumerate(names):
        if n[0].isdigit() or n[0] == ".":
            nxt = t.words.get(names[i + 1]) if i + 1 < len(names) else None
            v = digits_value(n, (nxt is not None and nxt.kind == "scale") or (measure and i + 1 == len(names)))
            if v is None:
                return None
            values.append(v)
        else:
            values.append(None)
    return parse_tokens(names, values)


def _spoken_decimal(left: list[str], right: list[str]) -> Fraction | None:
    """"سبعه فاصله اثنان" → 7.2, "2 فاصل 5 مليون" → 2500000: a whole number, the point, the
    decimals as the digits they are written with, an optional scale word."""
    t = number_tables()
    scale = t.words.get(right[-1]) if right else None
    if scale is not None and scale.kind == "scale":
        right = right[:-1]
    else:
        scale = None
    whole = _unsigned(left, False) if left else None
    if whole is None or whole.denominator != 1 or not right:
        return None
    if len(right) == 1 and right[0].isdigit():
        digits = right[0]
    else:
        rv = _unsigned(right, False)
        if rv is None or rv.denominator != 1 or rv >= 1000 or any(t.words[n].kind == "scale" for n in right
                                                                   if n in t.words):
            return None
        digits = str(int(rv))
    v = whole + Fraction(int(digits), 10 ** len(digits))
    return v * scale.value if scale is not None else v


def _plain(v: Fraction) -> int | float:
    return int(v) if v.denominator == 1 else float(v)


def parse_number(nphrase: str) -> int | float | None:
    """Value of a normalized number phrase: int when whole ("2.5 مليون" → 2500000), float
    otherwise ("7.2", "سبعه ونصف"), None when it is not one well-formed number: vague
    plurals ("الاف"), lists ("عشره وعشرين"), foreign words, version strings."""
    toks = _tokens(nphrase.strip())
    if not toks:
        return None
    v = _value([x for x, _, _ in toks])
    return None if v is None else _plain(v)


def parse_cardinal(nphrase: str) -> int | None:
    """Integer value of a normalized cardinal phrase ("11 الف" → 11000), else None —
    also for fractions of a unit ("6.36")."""
    v = parse_number(nphrase)
    return v if isinstance(v, int) else None


# --- numbers in running text ---------------------------------------------------------------


@dataclass(frozen=True)
class Cardinal:
    start: int  # span in the normalized text
    end: int
    value: int | float  # int whenever the number is whole
    text: str


def _longest(toks: list[tuple[str, int, int]]) -> tuple[int, Fraction] | None:
    """(number of tokens, value) of the longest well-formed number the tokens start with;
    a number never ends between two words that bind ("اثني | عشر", "عشر | ألفا")."""
    t = number_tables()
    names = [x for x, _, _ in toks]
    for k in range(len(toks), 0, -1):
        if names[k - 1] == t.conj or (k < len(names) and binds(t, names[k - 1], names[k])):
            continue
        v = _value(names[:k])
        if v is not None:
            return k, v
    return None


def _before_measure(ntext: str, e: int) -> bool:
    """Whether a unit of measure or its sign follows position ``e`` ("2.125 كم", "1.250%")."""
    t = number_tables()
    rest = ntext[e:e + 2].lstrip(" ")
    if rest[:1] in t.measure_signs:
        return True
    m = _WORD_RE.match(ntext, e + 1) if ntext[e:e + 1] == " " else None
    return bool(m and m.group() in t.measure_units)


def _month_zero(ntext: str, s: int, e: int, word: str) -> bool:
    """Whether a lone zero word stands next to digits: the month of that name in a date
    ("26 صفر 1447"), not the number."""
    w = number_tables().words.get(word)
    if w is None or w.kind != "unit" or w.value != 0:
        return False
    return bool(_DIGITS_AROUND_RE.search(ntext[max(0, s - 2):s]) or _DIGITS_AROUND_RE.match(ntext, e, e + 2))


def _pronoun_one(ntext: str, s: int, e: int, word: str) -> bool:
    """Whether a lone word of 1 is no count: "أحد الجنود", "واحد منهم", "كل واحد"."""
    t = number_tables()
    w = t.words.get(word)
    if w is None or w.kind != "unit" or w.value != 1:
        return False
    if word in t.compound_only:
        return True
    nxt = _WORD_RE.match(ntext, e + 1) if ntext[e:e + 1] == " " else None
    return bool((nxt and nxt.group() in t.pronoun_before) or _word_before(ntext, s) in t.pronoun_after)


def _teen_tail(ntext: str, s: int, word: str) -> bool:
    """Whether a lone "عشر" is the second word of a teen whose first word is no cardinal
    here: "الحادي عشر", "الاثنا عشر" (an ordinal)."""
    t = number_tables()
    w = t.words.get(word)
    if w is None or w.kind != "unit" or w.value != 10:
        return False
    prev = morphology.strip(_word_before(ntext, s), "definite")
    unit = t.words.get(prev)
    return prev in t.ord_units or prev in t.ord_compound_one or (
        unit is not None and unit.kind == "unit" and 0 < unit.value < 10)


def find_numbers(ntext: str, start: int = 0, end: int | None = None) -> list[Cardinal]:
    """Every number in ``ntext[start:end]``, left to right (decimals and negatives too).

    A run of number words the grammar does not join is split: its longest well-formed
    prefix is one number and the search goes on after it.
    """
    end = len(ntext) if end is None else end
    out: list[Cardinal] = []
    pos = start
    while True:
        m = _CARDINAL_RE.search(ntext, pos, end)
        if not m:
            return out
        g = m.group()
        if g.isdigit():  # the common case: a plain run of digits
            out.append(Cardinal(m.start(), m.end(), int(g), g))
            pos = m.end()
            continue
        toks = _tokens(g)
        best = _longest(toks) if toks else None
        if best is None:
            # no number starts here; skip the first word and look again
            first = _TOKEN_RE.search(m.group())
            pos = m.start() + max(1, first.end() if first else len(m.group()))
            continue
        k, v = best
        s, e = m.start(), m.start() + toks[k - 1][2]
        if toks[k - 1][0][-1].isdigit() and _before_measure(ntext, e):
            mv = _value([x for x, _, _ in toks[:k]], measure=True)
            v = v if mv is None else mv
        first_tok = toks[0][0]
        if s > 0 and ntext[s - 1].isalpha() and len(first_tok) <= 2 and not first_tok[-1].isdigit():
            # a two-letter number word glued to a proclitic is more often another word:
            # "لست" (I am not), not "ل" + "ست"
            pos = m.end() if e >= m.end() else e
            continue
        if not (k == 1 and (_pronoun_one(ntext, s, e, first_tok) or _teen_tail(ntext, s, first_tok)
                            or _month_zero(ntext, s, e, first_tok))):
            out.append(Cardinal(s, e, _plain(v), ntext[s:e]))
        pos = e


def find_cardinals(ntext: str, start: int = 0, end: int | None = None) -> list[Cardinal]:
    """Every whole, non-negative number in ``ntext[start:end]`` (what a count can be),
    left to right: :func:`find_numbers` without decimals ("7.2", "2.5 كم") and negatives."""
    return [c for c in find_numbers(ntext, start, end) if isinstance(c.value, int) and c.value >= 0]


def scale_of(phrase: str) -> int:
    """The scale a normalized number phrase ends in ("15 الف" -> 1000), 1 when none."""
    parts = phrase.split()
    w = number_tables().words.get(parts[-1]) if parts else None
    return int(w.value) if w is not None and w.kind == "scale" else 1
