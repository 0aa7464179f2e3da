"""The value of one number phrase: digits with their grouping and decimal marks, number
words and the grammar that combines them (normalized text, see :mod:`helpers.lang.numbers`).

Digits (after normalization ٫ is "." and ٬ is ","; the Arabic comma ، stays):

* one mark between digits: a decimal mark when 1-2 digits follow ("7.2", "7,2", "7،2");
  before a scale word (or a unit of measure, see :func:`helpers.lang.numbers.find_numbers`)
  a "." or "،" is always a decimal mark ("6،4 ملايين", "2.560 مليار", "2.125 كم");
  otherwise, with 1-3 digits before it and exactly 3 after it, it groups thousands ("4,700",
  "15.550", "7،200"), except after a lone zero ("0.550" is a decimal);
* the same mark repeated groups thousands when the first group has 1-3 digits and every
  later one exactly 3 ("٣،٤٥٦،٧٨٩", "1.250.000"), else the run is no number at all — a
  version, an address or a date ("10.0.0.1", "12.5.2024");
* two different marks: the last one is the decimal mark ("45,000.75", "45.000,75");
* a single space (or thin space) groups thousands the same way ("2 305 118", "12 000").
* a mark before digits at the start of a word is a decimal mark (".75").

:func:`parse_tokens` gives an exact :class:`~fractions.Fraction`; callers turn it into an
``int`` when it is whole.
"""
from __future__ import annotations

import re
from fractions import Fraction

from .numtable import NumberTables, Word, number_tables

_MARKS = ".,،"
_DECIMAL_BEFORE_SCALE = ".،"
_SPLIT_RE = re.compile(r"[.,،]")


def _grouped(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and groups[0][0] != "0" and all(len(g) == 3 for g in groups[1:])


def digits_value(tok: str, before_scale: bool) -> Fraction | None:
    """Value of a digit token (rules in the module docstring), None when it is not a number."""
    if tok.startswith("."):  # ".75": a decimal without its leading zero
        return Fraction("0" + tok) if tok[1:].isdigit() else None
    if " " in tok:
        groups = tok.split(" ")
        return Fraction(int("".join(groups))) if _grouped(groups) else None
    marks = [c for c in tok if c in _MARKS]
    groups = _SPLIT_RE.split(tok)
    if not marks:
        return Fraction(int(tok))
    if len(marks) == 1:
        a, b = groups
        if len(b) <= 2 or (before_scale and marks[0] in _DECIMAL_BEFORE_SCALE) or not _grouped(groups):
            return Fraction(f"{a}.{b}")
        return Fraction(int(a + b))
    if len(set(marks)) == 1:
        return Fraction(int("".join(groups))) if _grouped(groups) else None
    if len(set(marks[:-1])) == 1 and marks[-1] != marks[0] and _grouped(groups[:-1]):
        return Fraction(f"{''.join(groups[:-1])}.{groups[-1]}")
    return None


def split_digit_run(run: str) -> list[tuple[int, int]]:
    """Spans of the numbers in a run of digit groups: space groups that do not group
    thousands ("عام 2023 500") are separate numbers."""
    parts = [m.span() for m in re.finditer(r"[^ ]+", run)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(parts):
        j = i + 1
        if not any(c in _MARKS for c in run[parts[i][0]:parts[i][1]]) and 1 <= parts[i][1] - parts[i][0] <= 3:
            while j < len(parts) and parts[j][1] - parts[j][0] == 3 and run[parts[j][0]:parts[j][1]].isdigit():
                j += 1
        out.append((parts[i][0], parts[j - 1][1]))
        i = j
    return out


class _Parse:
    """State while reading one number left to right; :meth:`feed` returns False as soon
    as the tokens stop being one well-formed number."""

    def __init__(self, t: NumberTables):
        self.t = t
        self.total = Fraction(0)
        self.group = Fraction(0)
        self.slots: set[str] = set()  # what the current group holds
        self.last_unit: int | None = None
        self.last_scale: Fraction | None = None
        self.conj = False  # the previous token was "و"
        self.prev: str | None = None  # kind of the previous number token

    def feed(self, tok: str, value: Fraction | None) -> bool:
        if self.slots & {"zero", "frac_tail"}:
            return False
        if "frac_unit" in self.slots and (tok == self.t.conj or self.t.words.get(tok, Word("")).kind != "scale"):
            return False  # "ثلاثه ونصف" goes on only with a scale word: "ثلاثه ونصف مليون"
        if tok == self.t.conj:
            if self.conj or self.prev is None:
                return False
            self.conj = True
            return True
        if value is not None:
            ok = self._digits(value)
            kind = "digits"
        else:
            w = self.t.words[tok]
            if self.prev == "scale" and not self.conj and w.kind != "scale":
                return False  # "الف خمسمايه": the next group needs "و"
            ok = getattr(self, "_" + w.kind)(w)
            kind = w.kind
        self.prev = kind
        self.conj = False
        return ok

    def _digits(self, v: Fraction) -> bool:
        if self.prev is None:
            self.group, self.slots = v, {"digits"}
            return True
        if not self.conj or v.denominator != 1:
            return False
        if self.prev == "hundred" and self.slots == {"hundred"} and v < 100:
            self.group += v  # "٧ مئة و ٤٥"
            self.slots.add("digits")
            return True
        if self.prev == "scale":
            self.group, self.slots = v, {"digits"}  # "4 آلاف و512"
            return True
        return False

    def _unit(self, w: Word) -> bool:
        if w.value == 0:
            if self.prev is not None:
                return False
            self.slots = {"zero"}
            return True
        lu = self.last_unit
        if w.value == 10 and self.prev == "unit" and not self.conj and lu is not None and 0 < lu < 10 \
                and "teen" not in self.slots:
            self.group += 10  # احد عشر، ثلاث عشره
            self.slots.add("teen")
            return True
        if self.slots & {"unit", "teen", "ten", "digits"} or (self.slots and not self.conj):
            return False
        self.group += w.value
        self.slots.add("unit")
        self.last_unit = int(w.value)
        return True

    def _ten(self, w: Word) -> bool:
        if self.slots & {"ten", "teen", "digits"} or (self.slots and not self.conj):
            return False
        if "unit" in self.slots and (self.last_unit is None or self.last_unit >= 10):
            return False  # "عشره وعشرين" is a list, not 30
        self.group += w.value
        self.slots.add("ten")
        return True

    def _hundred(self, w: Word) -> bool:
        if not self.conj and w.value == 100 and (
                (self.prev == "unit" and self.slots == {"unit"} and self.last_unit and 3 <= self.last_unit <= 9)
                or (self.prev == "digits" and self.slots == {"digits"} and self.group.denominator == 1
                    and 1 <= self.group <= 9)):
            self.group *= 100  # ثلاث مايه، 7 مئة
        elif self.slots:
            return False
        else:
            self.group = w.value
        self.slots = {"hundred"}
        return True

    def _frac(self, w: Word) -> bool:
        if self.conj and self.prev == "scale" and self.last_scale is not None:
            self.total += w.value * self.last_scale  # مليون ونصف
            self.group = Fraction(0)
        elif self.conj and self.prev == "hundred":
            self.group += w.value * 100  # مئتان وربع
        elif self.conj and self.prev in ("unit", "ten", "digits") and self.group:
            self.group += w.value  # سبعه ونصف
            self.slots = {"frac_unit"}
            return True
        elif self.prev is None:
            self.group, self.slots = w.value, {"frac"}
            return True
        else:
            return False
        self.slots = {"frac_tail"}
        return True

    def _scale(self, w: Word) -> bool:
        ls = self.last_scale
        if ls is not None and w.value >= ls:
            return False
        if self.slots:
            if self.conj:
                return False
            part = self.group * w.value
        elif self.conj and self.prev == "scale" and w.form != "plural":
            part = w.value * (2 if w.form == "dual" else 1)  # مليون وألف
        elif self.prev is None and w.form != "plural":
            part = w.value * (2 if w.form == "dual" else 1)
        else:
            return False  # "آلاف" alone is vague, not a number
        if ls is not None and part >= ls:
            return False
        self.total += part
        self.last_scale = w.value
        self.group, self.slots = Fraction(0), set()
        return True

    def result(self) -> Fraction | None:
        if self.conj or self.prev is None or self.slots == {"frac"}:
            return None
        if self.last_scale is not None and self.group >= self.last_scale:
            return None  # "ألف و1500" is two numbers
        return self.total + self.group


def parse_tokens(toks: list[str], values: list[Fraction | None]) -> Fraction | None:
    """The value of a token sequence (number words, "و", digit tokens with their value in
    ``values``) if it is one well-formed number, else None."""
    p = _Parse(number_tables())
    for tok, v in zip(toks, values):
        if not p.feed(tok, v):
            return None
    return p.result()


def binds(t: NumberTables, left: str, right: str) -> bool:
    """Whether ``right`` belongs to the number ending in ``left`` so tightly that a number
    may not end between them ("اثني | عشر", "عشر | ألفا", "ثلاث | مئة")."""
    w = t.words.get(right)
    if w is None or left == t.conj:
        return False
    if w.kind == "scale":
        return True
    lw = t.words.get(left)
    if lw is None or lw.kind != "unit":
        return left[0].isdigit() and w.kind == "hundred"
    return (w.kind == "unit" and w.value == 10 and 0 < lw.value < 10) or (w.kind == "hundred" and w.value == 100)
