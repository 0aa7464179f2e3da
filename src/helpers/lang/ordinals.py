"""Arabic ordinals in normalized text (words in ``data/numbers.yaml``).

* 1-99, masculine and feminine, with or without the article where grammar allows it:
  "الرابعه", "ثالث", "الحادي عشر", "حادي عشر", "الخامس والعشرين", "العشرون";
* the teens in cardinal form with the article: "الاثنا عشر", "الثلاثه عشر";
* above 100, the cardinal hundreds with the article, alone or joined by "و" to an ordinal
  below 100 ("المئه", "المئتان والعاشر", "المائه والخامس والعشرون", "الثلاثمائه"), or an
  ordinal below 100 + "بعد" + the hundred ("الخامس بعد المائه");
* digits after the article, 1-100: "ال4", "ال 62" (a larger "ال500" is more often "the
  500 [soldiers]" than an ordinal).

Public API: :data:`ORDINAL_PATTERN`, :func:`parse_ordinal`, :func:`find_ordinals`.
"""
from __future__ import annotations

import re

from . import morphology
from .numtable import alternation, number_tables

_BOUNDARY = morphology.boundary("count")
_GAP = r"[^\S\n]+"


def _ordinal_pattern() -> str:
    t = number_tables()
    units = alternation(t.ord_units)
    one = alternation(t.ord_compound_one)
    teen = alternation(t.ord_teen)
    tens = alternation(t.tens)
    card_units = alternation(w for w, x in t.words.items() if x.kind == "unit" and 1 <= x.value <= 9)
    hundred = alternation(set(t.hundreds) | t.ord_hundred)
    one_def = alternation(t.ord_compound_one_definite)
    conj = f"{_GAP}{t.conj}[^\\S\\n]?"
    lower = (
        f"(?:ال)?(?:{units}|{one})(?:{_GAP}(?:{teen})|{conj}(?:ال)?(?:{tens}))(?!\\w)"
        f"|ال(?:{card_units}){_GAP}(?:{teen})(?!\\w)"
        f"|ال(?:{one_def}){conj}(?:ال)?(?:{tens})(?!\\w)"
        f"|(?:ال)?(?:{units})(?!\\w)"
        f"|ال(?:{tens})(?!\\w)"
    )
    hundreds = f"ال(?:{hundred})(?!\\w)"
    first = "".join(sorted({w[0] for w in list(t.ord_units) + list(t.ord_compound_one)} | {"ا"}))
    return (
        f"{_BOUNDARY}(?=[{first}])(?:"
        f"{hundreds}(?:{conj}(?:{lower}))?"
        f"|(?:{lower})(?:{_GAP}{t.ord_after_hundred}{_GAP}{hundreds})?"
        f"|ال[^\\S\\n]?(?:100|[1-9][0-9]?)(?![0-9])"
        f")"
    )


ORDINAL_PATTERN: str = _ordinal_pattern()
_ORDINAL_RE = re.compile(ORDINAL_PATTERN)


def _bare(w: str) -> str:
    return morphology.strip(w, "definite")


def _below_100(parts: list[str]) -> int | None:
    """An ordinal 1-99 written in ``parts`` (words of a normalized phrase)."""
    t = number_tables()
    if not parts:
        return None
    head, rest, with_al = _bare(parts[0]), parts[1:], parts[0].startswith("ال")
    if with_al and not rest and head in t.tens:
        return t.tens[head]
    card = t.words.get(head)
    if with_al and card is not None and card.kind == "unit" and 1 <= card.value <= 9 \
            and len(rest) == 1 and rest[0] in t.ord_teen:
        return int(card.value) + 10  # الاثنا عشر
    if head in t.ord_compound_one or (with_al and head in t.ord_compound_one_definite and rest
                                      and rest[0].startswith(t.conj)):
        unit = 1
    elif head in t.ord_units:
        unit = t.ord_units[head]
    else:
        return None
    if not rest:
        return unit if head not in t.ord_compound_one else None
    if len(rest) == 1 and rest[0] in t.ord_teen and unit < 10:
        return unit + 10
    tail = " ".join(rest)  # "والعشرين" / "و العشرين"
    if tail.startswith(t.conj):
        ten = _bare(tail[len(t.conj):].strip())
        if ten in t.tens and unit < 10:
            return unit + t.tens[ten]
    return None


def _hundred(word: str) -> int | None:
    t = number_tables()
    if not word.startswith("ال"):
        return None
    bare = _bare(word)
    if bare in t.hundreds:
        return t.hundreds[bare]
    return 100 if bare in t.ord_hundred else None


def parse_ordinal(nphrase: str) -> int | None:
    """Value of a normalized ordinal phrase: "الرابعه" → 4, "الحادي عشر" → 11,
    "الحاديه والعشرين" → 21, "المئتان والعاشر" → 210, "ال4" / "ال 4" → 4; None otherwise."""
    t = number_tables()
    s = nphrase.strip()
    m = re.fullmatch(r"ال[^\S\n]?([0-9]{1,3})", s)
    if m:
        v = int(m.group(1))
        return v if 1 <= v <= 100 else None
    parts = s.split()
    if not parts:
        return None
    if t.ord_after_hundred in parts:  # الخامس بعد المائه
        i = parts.index(t.ord_after_hundred)
        low, high = _below_100(parts[:i]), _hundred(parts[i + 1]) if i + 2 == len(parts) else None
        return low + high if low and high else None
    high = _hundred(parts[0])
    if high is None:
        return _below_100(parts)
    tail = " ".join(parts[1:])
    if not tail:
        return high
    if not tail.startswith(t.conj):
        return None
    low = _below_100(tail[len(t.conj):].split())
    return high + low if low else None


def find_ordinals(ntext: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of every ordinal in a normalized text."""
    percent = number_tables().ord_percent
    out = []
    for m in _ORDINAL_RE.finditer(ntext):
        v = parse_ordinal(m.group())
        if v == 100 and any(ntext.endswith(p, 0, m.end()) and m.end() - len(p) <= m.start()
                            and (m.end() - len(p) == 0 or not ntext[m.end() - len(p) - 1].isalpha())
                            for p in percent):
            continue  # "بنسبة 5 بالمئة"
        if v is not None:
            out.append((m.start(), m.end(), v))
    return out
