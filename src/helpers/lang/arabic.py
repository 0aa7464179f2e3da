"""Arabic normalization for matching, with a map back to the original characters.

Matching runs on :attr:`Normalized.text`; every span found there is reported through
:meth:`Normalized.orig_span`, so what a user sees is always the exact original characters.

What is folded (each a rule of written Arabic or of how text reaches us):

* hamza carriers and alef variants: أ إ آ ٱ ٲ ٳ → ا, ؤ → و, ئ → ي
* alef maqsura ى → ي; Persian ی ې → ي, ک → ك, ۀ ە → ه
* ta marbuta ة → ه (``ta_marbuta=True``, the default: for matching only)
* tatweel ـ and diacritics (harakat, tanween, shadda, sukun, dagger alef, Quranic marks): removed
* Arabic-Indic ٠-٩ and Persian ۰-۹ digits → 0-9; Arabic decimal/thousands separators ٫ ٬ → . ,
* presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC: text shaped somewhere upstream) → base letters
* typographic quotes “ ” « » „ ‘ ’ → " and '; dashes ‐ – — − → -
* zero-width and bidi control characters (ZWJ/ZWNJ, LRM/RLM/ALM, embeddings, isolates, BOM,
  soft hyphen): removed
* no-break and other typographic spaces → plain space
* ASCII letters lower-cased (English datelines such as "10th, November 2024")
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# --- character tables -------------------------------------------------------------------

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي",
    "ی": "ي", "ې": "ي", "ێ": "ي", "ک": "ك", "ڪ": "ك", "ۀ": "ه", "ە": "ه", "ھ": "ه",
    "٫": ".", "٬": ",",
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)
    _FOLD[chr(0x06F0 + _i)] = str(_i)

_SPACES = {"\u00a0", "\u2007", "\u202f", "\u205f", "\u3000"} | {chr(c) for c in range(0x2000, 0x200B)}
_INVISIBLE = (
    {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad", "\u2060"}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
)
# combining marks of Arabic script and the tatweel: dropped, and absorbed into a span's end
_MARKS = (
    {chr(c) for c in range(0x0610, 0x061B)}
    | {chr(c) for c in range(0x064B, 0x0660)}
    | {"\u0670", "\u0640"}
    | {chr(c) for c in range(0x06D6, 0x06EE)}
    | {chr(c) for c in range(0x08D3, 0x0900)}
)


def _is_presentation_form(ch: str) -> bool:
    cp = ord(ch)
    return 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFC


@lru_cache(maxsize=4096)
def _fold_char(ch: str, ta_marbuta: bool) -> str:
    """The normalized replacement for one original character ('' to drop it)."""
    if ch in _MARKS or ch in _INVISIBLE:
        return ""
    if ch in _SPACES:
        return " "
    if _is_presentation_form(ch):
        base = unicodedata.normalize("NFKC", ch)
        if base == ch:  # a shaping fragment with no base letter (e.g. ARABIC TAIL FRAGMENT)
            return ""
        return "".join(_fold_char(c, ta_marbuta) for c in base)
    if ch == "ة":
        return "ه" if ta_marbuta else ch
    if "A" <= ch <= "Z":
        return ch.lower()
    return _FOLD.get(ch, ch)


# --- the normalized text and its map ---------------------------------------------------


@dataclass(frozen=True)
class Normalized:
    """Normalized text plus, for every normalized character, the index of its source."""

    original: str
    text: str
    _src: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def orig_index(self, i: int) -> int:
        """Original index of normalized character ``i`` (``len(text)`` → ``len(original)``)."""
        return self._src[i]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original span covering normalized ``text[start:end]``.

        The end is extended over diacritics and tatweel that follow the last character, so
        "جنديًّا" is reported whole rather than with its marks cut off.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside normalized text of {len(self.text)}")
        if start == end:
            o = self._src[start]
            return o, o
        ostart = self._src[start]
        oend = self._src[end - 1] + 1
        src = self.original
        while oend < len(src) and src[oend] in _MARKS and (end >= len(self.text) or self._src[end] > oend):
            oend += 1
        return ostart, oend

    def norm_index(self, orig: int) -> int:
        """First normalized index whose source is at or after original index ``orig``."""
        return bisect.bisect_left(self._src, orig, 0, len(self.text))


def _special_chars() -> set[str]:
    """Every character :func:`_fold_char` does not keep as it is."""
    chars = set(_FOLD) | _SPACES | _INVISIBLE | _MARKS | {"ة"} | {chr(c) for c in range(ord("A"), ord("Z") + 1)}
    chars |= {chr(c) for c in range(0xFB50, 0xFE00)} | {chr(c) for c in range(0xFE70, 0xFEFD)}
    return chars


def _char_class(chars) -> str:
    """A regex character class of ``chars``, written as ranges."""
    cps = sorted(ord(c) for c in chars)
    parts, i = [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(re.escape(chr(cps[i])) + ("-" + re.escape(chr(cps[j])) if j > i else ""))
        i = j + 1
    return "[" + "".join(parts) + "]"


def _build_translation(ta_marbuta: bool) -> tuple[dict[int, str], re.Pattern | None]:
    """``str.translate`` table of the folding, and a pattern of the characters that do not
    fold to exactly one character (dropped marks, expanded ligatures): where those occur,
    normalized and original offsets part."""
    table: dict[int, str] = {}
    irregular = []
    for ch in _special_chars():
        rep = _fold_char(ch, ta_marbuta)
        if rep != ch:
            table[ord(ch)] = rep
        if len(rep) != 1:
            irregular.append(ch)
    return table, re.compile(_char_class(irregular))


_TRANSLATION = {True: _build_translation(True), False: _build_translation(False)}


def normalize(text: str, *, ta_marbuta: bool = True) -> Normalized:
    """The normalized form of ``text`` with its map back to the original.

    Several modules normalize the same article (the cleaner, then every extractor through
    :class:`helpers.extractors.text.TextContext`); the last few results are kept, so the work is done
    once per text."""
    return _normalize(text, ta_marbuta)


@lru_cache(maxsize=16)
def _normalize(text: str, ta_marbuta: bool) -> Normalized:
    table, irregular = _TRANSLATION[ta_marbuta]
    n = len(text)
    if not irregular.search(text):  # one normalized character per original one
        return Normalized(text, text.translate(table), tuple(range(n + 1)))
    out: list[str] = []
    src: list[int] = []
    pos = 0
    for m in irregular.finditer(text):
        i = m.start()
        if i > pos:
            out.append(text[pos:i].translate(table))
            src.extend(range(pos, i))
        rep = table[ord(text[i])]
        if rep:
            out.append(rep)
            src.extend([i] * len(rep))
        pos = i + 1
    if pos < n:
        out.append(text[pos:].translate(table))
        src.extend(range(pos, n))
    src.append(n)
    return Normalized(text, "".join(out), tuple(src))


def fold(text: str, *, ta_marbuta: bool = True) -> str:
    """Just the normalized string (for tables, keys and comparisons)."""
    return text.translate(_TRANSLATION[ta_marbuta][0])


# --- sentences -------------------------------------------------------------------------

# A sentence ends at . ! ? ؟ or an ellipsis followed by space/quote/end, or at a line break.
# Not at a decimal or date dot (6.36, 30.04.2025) nor after a one-letter abbreviation (د.).
_SENT_END = re.compile(r'(?:\.{2,}|…|[.!?؟])(?=["\'”»)\]]*(?:\s|$))|\n')


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``, leading/trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group() == ".":
            before = text[max(0, m.start() - 2):m.start()]
            if len(before) == 2 and before[0].isspace() and before[1].isalpha():
                continue  # "د. محمد": abbreviation, not a sentence end
        end = m.end()
        # closing quotes/brackets belong to the sentence they close
        while end < len(text) and text[end] in "\"'”»)]":
            end += 1
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
