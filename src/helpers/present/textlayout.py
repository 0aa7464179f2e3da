"""Arabic text for matplotlib: the strings to hand it so that they render correctly.

Arabic in matplotlib depends on the version.  Up to 3.10 text is laid out glyph by
glyph, left to right: Arabic must be reshaped (contextual letter forms, with
arabic-reshaper) and put in visual order (python-bidi) before matplotlib sees it.
From 3.11 matplotlib shapes text itself (libraqm: HarfBuzz + FriBiDi), and the same
pre-processing would be reversed a second time.  :func:`label` decides which recipe the
*running* matplotlib needs by laying out a probe string once (:func:`probe`), never by
version number alone.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import matplotlib

from . import fonts
from .safetext import plain
from .wording import chart_words

__all__ = ["LayoutProbe", "probe", "label", "visual_order", "glyph_index"]

# --------------------------------------------------------------------------- probe

# Three dual-joining letters: a shaping engine gives each a contextual form (a glyph
# other than the letter's nominal one), and a bidi engine puts the first letter last.
_PROBE_TEXT = "\u0628\u064a\u062a"


@dataclass(frozen=True)
class LayoutProbe:
    """What the running matplotlib does with Arabic on its own."""

    shapes: bool  # applies contextual (joining) forms
    reorders: bool  # puts right-to-left runs in visual order
    matplotlib_version: str
    basis: str  # "layout" (measured) or "version" (layout helpers unavailable)

    @property
    def native(self) -> bool:
        return self.shapes and self.reorders

    @property
    def recipe(self) -> str:
        """What :func:`label` does: "native", "reshape" or "reshape+bidi"."""
        if self.native:
            return "native"
        return "reshape" if self.reorders else "reshape+bidi"


def glyph_index(item: Any) -> int:
    """The glyph id of one item of matplotlib's text layout."""
    # matplotlib >= 3.11 calls it glyph_index, 3.6-3.10 glyph_idx
    for name in ("glyph_index", "glyph_idx"):
        if hasattr(item, name):
            return int(getattr(item, name))
    raise AttributeError("layout item without a glyph index")


def _measure_layout() -> LayoutProbe:
    from matplotlib import _text_helpers, font_manager

    font = font_manager.get_font([str(fonts.arabic_font_path())])
    font.clear()
    font.set_size(12, 72)
    items = list(_text_helpers.layout(_PROBE_TEXT, font))
    nominal = {font.get_char_index(ord(c)) for c in _PROBE_TEXT}
    shapes = any(glyph_index(it) not in nominal for it in items)
    first = [it.x for it in items if it.char == _PROBE_TEXT[0]]
    last = [it.x for it in items if it.char == _PROBE_TEXT[-1]]
    if not first or not last:
        raise ValueError("probe glyphs not attributable to characters")
    reorders = min(first) > max(last)
    return LayoutProbe(shapes, reorders, matplotlib.__version__, "layout")


@functools.cache
def probe() -> LayoutProbe:
    """Lay out a short Arabic string with matplotlib's own text layout (once) and report
    whether it applies joining forms and right-to-left order itself."""
    try:
        return _measure_layout()
    except (ImportError, AttributeError, TypeError, ValueError):
        # The layout helpers are private; if a future release moves them, fall back
        # to the release notes: libraqm shaping arrived in 3.11.
        major, minor = (int(p) for p in re.findall(r"\d+", matplotlib.__version__)[:2])
        native = (major, minor) >= (3, 11)
        return LayoutProbe(native, native, matplotlib.__version__, "version")


@functools.cache
def _reshaper():
    import arabic_reshaper

    # Ligatures: only the ones Arabic typography requires (lam-alef, applied by every
    # OpenType shaper through 'rlig'), and only if the font has them -- the optional
    # ones are font-specific and the native path would not draw them either.
    config = arabic_reshaper.config_for_true_type_font(
        str(fonts.arabic_font_path()), arabic_reshaper.ENABLE_ALL_LIGATURES
    )
    mandatory = set(chart_words()["mandatory_ligatures"])
    for name in list(config):
        if name.isupper():  # a ligature switch
            config[name] = bool(config[name]) and name in mandatory
    return arabic_reshaper.ArabicReshaper(configuration=config)


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def label(text: Any) -> str:
    """The string to hand matplotlib so that ``text`` (logical order, as stored) renders
    correctly on the running matplotlib: unchanged where matplotlib shapes Arabic
    itself, reshaped and put in visual order where it does not -- never both.

    Lines are prepared one by one (matplotlib lays out each line on its own).
    ``None`` and NaN give "".  Direction controls in the text (an override in an outlet
    name) are shown as markers, never obeyed (:mod:`.safetext`).
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    text = plain(str(text))
    if not _has_rtl(text):
        return text
    p = probe()
    if p.native:
        return text
    lines = []
    for line in text.split("\n"):
        if _has_rtl(line):
            line = _reshaper().reshape(line)
            if not p.reorders:
                line = visual_order(line)
        lines.append(line)
    return "\n".join(lines)


def visual_order(line: str) -> str:
    """One line of logical text in display order (Unicode bidi algorithm, UAX #9).

    python-bidi's pure-Python implementation of the algorithm, with the paired-bracket
    rule N0 added: its Rust ``get_display`` skips rule L4, so brackets around Latin
    text in an Arabic sentence come out facing the wrong way, and the pure-Python one
    predates N0, which keeps "(Sada El Balad): 11" from being read as one
    left-to-right run.
    """
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    base = uba.get_base_level(line)
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    uba.get_embedding_levels(line, storage)
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    _resolve_paired_brackets(storage["chars"], base, uba.MIRRORED)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    return "".join(c["ch"] for c in storage["chars"])


def _strong_type(bidi_type: str) -> str | None:
    # N0 treats European and Arabic numbers as strong right-to-left
    return {"L": "L", "R": "R", "AL": "R", "EN": "R", "AN": "R"}.get(bidi_type)


def _resolve_paired_brackets(chars: list[dict], base: int, mirror: dict[str, str]) -> None:
    """UAX #9 rules BD16 and N0 for a paragraph without explicit embeddings."""
    embedding = "LR"[base % 2]
    stack: list[tuple[str, int]] = []  # (expected closing bracket, position)
    pairs = []
    for i, c in enumerate(chars):
        ch = c["ch"]
        if c["type"] != "ON":
            continue
        cat = unicodedata.category(ch)
        if cat == "Ps" and ch in mirror:
            if len(stack) == 63:  # BD16: stop pairing on overflow
                break
            stack.append((mirror[ch], i))
        elif cat == "Pe":
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    for a, b in sorted(pairs):
        inside = {_strong_type(c["type"]) for c in chars[a + 1:b]} - {None}
        if embedding in inside:
            direction = embedding
        elif inside:
            direction = next((d for c in reversed(chars[:a]) if (d := _strong_type(c["type"]))),
                             embedding)
        else:
            continue
        chars[a]["type"] = chars[b]["type"] = direction
