"""Arabic cardinal and ordinal numbers in normalized text.

Everything here works on text normalized by :func:`helpers.lang.arabic.normalize` (or a
phrase folded by :func:`helpers.lang.arabic.fold`): Arabic-Indic digits are already ASCII,
hamza/alef variants, alef maqsura and ta marbuta are folded, diacritics are gone.

The words come from ``data/numbers.yaml``; the rules that combine them (teens, "unit and
ten", hundreds, scale words, duals, fractions) are written out there and applied by
:func:`parse_cardinal`.

Public API:

* :data:`CARDINAL_PATTERN` — regex source for a cardinal phrase ("11 الف", "احد عشر
  الفا", "ثلاثه الاف وخمسمايه", "4,700"); a match may be a list of numbers the grammar
  does not join ("عشره وعشرين"), which :func:`parse_cardinal` refuses and
  :func:`find_cardinals` splits.
* :func:`parse_cardinal` — a phrase's integer value, or None.
* :func:`find_cardinals` — every cardinal in a normalized text with its span and value.
* :func:`scale_of` — the scale word a phrase ends in ("15 الف" → 1000), else 1.
* :data:`ORDINAL_PATTERN` / :func:`parse_ordinal` — ordinals 1–100, masculine and
  feminine, with or without the article ("الرابعه", "الحادي عشر", "الخامس والعشرين",
  "الـ4").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


from . import morphology
from .arabic import fold
from .tables import load_data_table

# A number starts a word, or follows the proclitics of a count (morphology.yaml):
# "وثلاثه", "ب600", "وب11 الف".
_BOUNDARY = morphology.boundary("count")
# digits: grouped thousands first ("4,700", "4.700"), else an integer or decimal
_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+(?:[.,][0-9]+)?)"
_GAP = r"[^\S\n]+"  # spaces inside one line


@dataclass(frozen=True)
class _Word:
    kind: str  # unit | ten | hundred | scale | frac
    value: float
    form: str = ""  # scales: singular | dual | plural


@dataclass(frozen=True)
class _Tables:
    words: dict[str, _Word]
    conj: str
    ord_units: dict[str, int]
    ord_compound_one: frozenset[str]
    ord_teen: frozenset[str]
    ord_hundred: frozenset[str]
    tens: dict[str, int]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = load_data_table("numbers.yaml")
    card = raw["cardinals"]
    words: dict[str, _Word] = {}

    def add(form: str, w: _Word) -> None:
        words.setdefault(fold(form), w)

    for value, forms in card["units"].items():
        for f in forms:
            add(f, _Word("unit", int(value)))
    tens: dict[str, int] = {}
    for value, forms in card["tens"].items():
        for f in forms:
            add(f, _Word("ten", int(value)))
            tens[fold(f)] = int(value)
    hundred_forms = []
    for value, forms in card["hundreds"].items():
        for f in forms:
            add(f, _Word("hundred", int(value)))
            if int(value) == 100:
                hundred_forms.append(fold(f))
    for value, stems in card["hundred_stems"].items():
        for stem in stems:
            for h in hundred_forms:
                add(fold(stem) + h, _Word("hundred", int(value) * 100))
    for value, forms in card["scales"].items():
        for form_name, fs in forms.items():
            for f in fs:
                add(f, _Word("scale", int(value), form_name))
    for value, forms in card["fractions"].items():
        for f in forms:
            add(f, _Word("frac", float(value)))

    ordi = raw["ordinals"]
    ord_units = {fold(f): int(v) for v, fs in ordi["units"].items() for f in fs}
    return _Tables(
        words=words,
        conj=fold(card["conjunction"]),
        ord_units=ord_units,
        ord_compound_one=frozenset(fold(f) for f in ordi["compound_one"]),
        ord_teen=frozenset(fold(f) for f in ordi["teen"]),
        ord_hundred=frozenset(fold(f) for f in ordi["hundred"]),
        tens=tens,
    )


def _cardinal_pattern() -> str:
    t = _tables()
    word = f"(?:{_alternation(t.words)})"
    atom_first = f"(?:{_DIGITS}|{word})(?!\\w)"
    cont = f"(?:{_GAP}{t.conj}[^\\S\\n]?|{_GAP}){word}(?!\\w)"
    return f"{_BOUNDARY}{atom_first}(?:{cont})*"


def _ordinal_pattern() -> str:
    t = _tables()
    units = _alternation(t.ord_units)
    one = _alternation(t.ord_compound_one)
    teen = _alternation(t.ord_teen)
    tens = _alternation(t.tens)
    hundred = _alternation(t.ord_hundred)
    with_tens = f"{_GAP}{t.conj}[^\\S\\n]?(?:ال)?(?:{tens})"
    return (
        f"{_BOUNDARY}(?:"
        f"(?:ال)?(?:{units}|{one})(?:{_GAP}(?:{teen})|{with_tens})(?!\\w)"
        f"|(?:ال)?(?:{units})(?!\\w)"
        f"|ال(?:{tens}|{hundred})(?!\\w)"
        f"|ال[^\\S\\n]?(?:100|[1-9][0-9]?)(?![0-9])"
        f")"
    )


CARDINAL_PATTERN: str = _cardinal_pattern()
ORDINAL_PATTERN: str = _ordinal_pattern()
_CARDINAL_RE = re.compile(CARDINAL_PATTERN)
_ORDINAL_RE = re.compile(ORDINAL_PATTERN)
_TOKEN_RE = re.compile(rf"{_DIGITS}|[^\W\d_]+")
_GROUPED_RE = re.compile(r"[0-9]{1,3}(?:([.,])[0-9]{3})+")


# --- cardinals ---------------------------------------------------------------------------


def _tokens(phrase: str) -> list[tuple[str, int, int]] | None:
    """(token, start, end) with "و" split off as its own token; None on a foreign word."""
    t = _tables()
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN_RE.finditer(phrase):
        tok, s = m.group(), m.start()
        if tok[0].isdigit() or tok in t.words or tok == t.conj:
            out.append((tok, s, m.end()))
        elif tok.startswith(t.conj) and tok[1:] in t.words:
            out.append((t.conj, s, s + 1))
            out.append((tok[1:], s + 1, m.end()))
        else:
            return None
    return out


def _digits_value(tok: str, before_scale: bool) -> float:
    g = _GROUPED_RE.fullmatch(tok)
    if g and (g.group(1) == "," or not before_scale):
        # "4,700" always; "4.700" only where a fraction of a person cannot be meant
        return float(tok.replace(",", "").replace(".", ""))
    return float(tok.replace(",", "."))


def _parse_tokens(toks: list[str]) -> float | None:
    """The value of a token sequence if it is one well-formed number, else None."""
    t = _tables()
    total = group = 0.0
    slots: set[str] = set()  # what the current group holds: digits hundred unit teen ten
    last_unit: int | None = None
    last_scale: float | None = None
    conj = False  # the previous token was "و"
    prev: str | None = None  # kind of the previous number token
    for i, tok in enumerate(toks):
        if tok == t.conj:
            if conj or prev is None:
                return None
            conj = True
            continue
        if tok[0].isdigit():
            if prev is not None:
                return None
            nxt = t.words.get(toks[i + 1]) if i + 1 < len(toks) else None
            group = _digits_value(tok, nxt is not None and nxt.kind == "scale")
            slots, prev = {"digits"}, "digits"
            continue
        w = t.words[tok]
        after_scale = prev == "scale"
        if after_scale and not conj and w.kind != "scale":
            return None  # "الف خمسمايه": the next group needs "و"
        if w.kind == "unit":
            if w.value == 10 and prev == "unit" and not conj and last_unit is not None and last_unit < 10 \
                    and "teen" not in slots:
                group += 10  # احد عشر، ثلاث عشره
                slots.add("teen")
            else:
                if slots & {"unit", "teen", "ten", "digits"} or (slots and not conj):
                    return None
                group += w.value
                slots.add("unit")
                last_unit = int(w.value)
        elif w.kind == "ten":
            if slots & {"ten", "teen", "digits"} or (slots and not conj):
                return None
            if "unit" in slots and (last_unit is None or last_unit >= 10):
                return None  # "عشره وعشرين" is a list, not 30
            group += w.value
            slots.add("ten")
        elif w.kind == "hundred":
            if prev == "unit" and not conj and slots == {"unit"} and w.value == 100 and last_unit and last_unit >= 3:
                group = last_unit * 100  # ثلاث مايه
            elif slots:
                return None
            else:
                group = w.value
            slots = {"hundred"}
        elif w.kind == "frac":
            if after_scale and conj and last_scale is not None:
                total += w.value * last_scale
                group, slots = 0.0, {"frac_tail"}
            elif not slots and prev is None:
                group, slots = w.value, {"frac"}
            else:
                return None
        elif w.kind == "scale":
            if last_scale is not None and w.value >= last_scale:
                return None
            if slots:
                if "frac_tail" in slots or conj:
                    return None
                total += group * w.value
            else:
                if prev is not None or w.form == "plural":
                    return None  # "آلاف" alone is vague, not a number
                total += w.value * (2 if w.form == "dual" else 1)
            last_scale = w.value
            group, slots = 0.0, set()
        else:  # pragma: no cover - table kinds are closed
            return None
        prev = w.kind
        conj = False
    if conj or prev is None or slots == {"frac"}:
        return None
    return total + group


def parse_cardinal(nphrase: str) -> int | None:
    """Integer value of a normalized cardinal phrase ("11 الف" → 11000), else None.

    None for anything that is not one well-formed number: vague plurals ("الاف"), lists
    ("عشره وعشرين"), fractions of a unit ("6.36"), foreign words.
    """
    toks = _tokens(nphrase.strip())
    if not toks:
        return None
    value = _parse_tokens([x for x, _, _ in toks])
    if value is None or value != int(value):
        return None
    return int(value)


@dataclass(frozen=True)
class Cardinal:
    start: int  # span in the normalized text
    end: int
    value: int
    text: str


def find_cardinals(ntext: str, start: int = 0, end: int | None = None) -> list[Cardinal]:
    """Every cardinal in ``ntext[start:end]``, left to right.

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
        toks = _tokens(m.group())
        best: tuple[int, int] | None = None
        if toks:
            names = [x for x, _, _ in toks]
            for k in range(len(toks), 0, -1):
                if names[k - 1] == _tables().conj:
                    continue
                v = _parse_tokens(names[:k])
                if v is not None and v == int(v):
                    best = (toks[k - 1][2], int(v))
                    break
        if best is None:
            # no number starts here; skip the first word and look again
            first = _TOKEN_RE.search(m.group())
            pos = m.start() + max(1, first.end() if first else len(m.group()))
            continue
        s, e = m.start(), m.start() + best[0]
        if s > 0 and ntext[s - 1].isalpha() and len(toks[0][0]) <= 2 and not toks[0][0][0].isdigit():
            # a two-letter number word glued to a proclitic is more often another word:
            # "لست" (I am not), not "ل" + "ست"
            pos = m.end() if e >= m.end() else e
            continue
        out.append(Cardinal(s, e, best[1], ntext[s:e]))
        pos = e


def scale_of(phrase: str) -> int:
    """The scale a normalized number phrase ends in ("15 الف" -> 1000), 1 when none."""
    parts = phrase.split()
    w = _tables().words.get(parts[-1]) if parts else None
    return int(w.value) if w is not None and w.kind == "scale" else 1


# --- ordinals ----------------------------------------------------------------------------


def parse_ordinal(nphrase: str) -> int | None:
    """Value of a normalized ordinal phrase (1–100): "الرابعه" → 4, "الحادي عشر" → 11,
    "الحاديه والعشرين" → 21, "ال4" / "ال 4" → 4; None otherwise."""
    t = _tables()
    s = nphrase.strip()
    m = re.fullmatch(r"ال[^\S\n]?([0-9]{1,3})", s)
    if m:
        v = int(m.group(1))
        return v if 1 <= v <= 100 else None
    parts = s.split()
    if not parts:
        return None

    def bare(w: str) -> str:
        return morphology.strip(w, "definite")

    head = bare(parts[0])
    rest = parts[1:]
    if head in t.ord_hundred and not rest and parts[0].startswith("ال"):
        return 100
    if head in t.tens and not rest and parts[0].startswith("ال"):
        return t.tens[head]
    if head in t.ord_compound_one:
        unit = 1
    elif head in t.ord_units:
        unit = t.ord_units[head]
    else:
        return None
    if not rest:
        return unit if head not in t.ord_compound_one else None
    if len(rest) == 1 and rest[0] in t.ord_teen and unit < 10:
        return unit + 10
    # "والعشرين" / "و العشرين"
    tail = " ".join(rest)
    if tail.startswith(t.conj):
        ten = bare(tail[len(t.conj):].strip())
        if ten in t.tens and unit < 10:
            return unit + t.tens[ten]
    return None


def find_ordinals(ntext: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of every ordinal in a normalized text."""
    out = []
    for m in _ORDINAL_RE.finditer(ntext):
        v = parse_ordinal(m.group())
        if v is not None:
            out.append((m.start(), m.end(), v))
    return out
