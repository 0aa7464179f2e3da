"""Fonts for the charts: Noto Sans Arabic first, DejaVu Sans behind it.

Noto Sans Arabic (the ``fontpkg-noto-sans-arabic`` wheel, so nothing is downloaded at
run time) draws the Arabic letters, Latin letters and digits; DejaVu Sans, which ships
with matplotlib, supplies what Noto Sans Arabic lacks (``≈``, ``≥``, ``≤``, arrows, ...).
matplotlib (>= 3.6) walks a family *list* glyph by glyph, so handing it
:data:`FAMILY_CHAIN` as ``font.family`` gives every character a real glyph: no boxes and
no "missing glyph" warnings.

:func:`register` adds the Noto files to matplotlib's font manager; it is idempotent and
runs when :mod:`helpers.present.charts` is imported.
"""
from __future__ import annotations

import functools
from pathlib import Path

ARABIC_FAMILY = "Noto Sans Arabic"
LATIN_FALLBACK = "DejaVu Sans"
FAMILY_CHAIN: tuple[str, ...] = (ARABIC_FAMILY, LATIN_FALLBACK)


@functools.cache
def arabic_font_path() -> Path:
    """The Noto Sans Arabic font file installed with ``fontpkg-noto-sans-arabic``."""
    import fontpkg

    return Path(fontpkg.path(ARABIC_FAMILY))


@functools.cache
def register() -> tuple[str, ...]:
    """Register Noto Sans Arabic with matplotlib (once) and return the family chain."""
    from matplotlib import font_manager

    known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
    path = arabic_font_path().resolve()
    if path not in known:
        font_manager.fontManager.addfont(str(path))
    return FAMILY_CHAIN


def font_files() -> list[Path]:
    """The font file matplotlib uses for each family of the chain, in chain order."""
    from matplotlib import font_manager

    register()
    return [
        Path(font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False))
        for name in FAMILY_CHAIN
    ]


def rc_params() -> dict[str, object]:
    """matplotlib settings the charts are drawn with (fonts, SVG text as paths)."""
    register()
    return {
        "font.family": list(FAMILY_CHAIN),
        "svg.fonttype": "path",
        "axes.unicode_minus": False,  # plain hyphen-minus in tick labels, as in the text
    }
