"""Do chart labels come out as correctly shaped, right-to-left Arabic?

What matplotlib draws for a label (the glyphs its own text layout picks, in the order it
places them) is compared with an independent reference: HarfBuzz shaping of the
*logical* string in the same font files, put in visual order with a separate
implementation of the Unicode bidi algorithm (python-bidi's pure-Python one; the
fallback path uses its Rust one).

* On a matplotlib that shapes text itself (3.11+, libraqm) the glyph ids must be the
  very ones HarfBuzz picks.
* On one that does not (3.10), the label is pre-shaped to Unicode presentation forms,
  which Noto Sans Arabic draws with its own composite glyphs; there the comparison is
  letter by letter: the same letter skeleton in the same joining form (isolated,
  initial, medial, final), in the same visual order.

Either way a missing glyph fails.  Negative controls show each check can fail: the
recipe for the *other* kind of matplotlib is detected as mirrored or unjoined.

The whole module runs twice in ``make test``: here, and in ``.venv-mpl310``.
"""
from __future__ import annotations

import unicodedata
import warnings
from functools import cache
from pathlib import Path

import matplotlib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.present import charts, fonts, textlayout

pytestmark = pytest.mark.mpl_fallback

FORMS = ("isol", "init", "medi", "fina")


# --------------------------------------------------------------- what matplotlib draws


def drawn(s: str, size: float = 12) -> list[tuple[str, int]]:
    """(font file name, glyph id) of each glyph matplotlib lays out for ``s`` with the
    charts' font chain, left to right -- the layout Agg, SVG and PDF output use."""
    from matplotlib import _text_helpers, font_manager

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing-glyph warning fails the test
        prop = font_manager.FontProperties(family=list(fonts.FAMILY_CHAIN), size=size)
        font = font_manager.get_font(font_manager.fontManager._find_fonts_by_props(prop))
        font.clear()
        font.set_size(size, 72)
        return [(Path(it.ft_object.fname).name, textlayout.glyph_index(it))
                for it in _text_helpers.layout(s, font)]


# --------------------------------------------------------------- independent reference


@cache
def _chain():
    from fontTools.ttLib import TTFont
    import uharfbuzz as hb

    out = []
    for path in fonts.font_files():
        blob = hb.Blob.from_file_path(str(path))
        out.append((path.name, hb.Font(hb.Face(blob)), TTFont(str(path))))
    return out


def _font_for(ch: str) -> int:
    for i, (_, _, tt) in enumerate(_chain()):
        if ord(ch) in tt.getBestCmap():
            return i
    return 0


BRACKETS = {"(": ")", "[": "]", "{": "}", "«": "»"}


def _strong(t: str) -> str | None:
    return {"L": "L", "R": "R", "AL": "R", "EN": "R", "AN": "R"}.get(t)


def _resolve_bracket_pairs(chars: list[dict], base: int) -> None:
    """Rule N0 of the bidi algorithm (paired brackets) for one paragraph without explicit
    embeddings: a pair takes the embedding direction if it encloses text of that
    direction, else the opposite direction when both its content and its preceding
    context are of that direction."""
    embedding = "LR"[base % 2]
    stack, pairs = [], []
    for i, c in enumerate(chars):
        if c["ch"] in BRACKETS and c["type"] == "ON":
            stack.append(i)
        elif stack and c["ch"] == BRACKETS.get(chars[stack[-1]]["ch"]) and c["type"] == "ON":
            pairs.append((stack.pop(), i))
    for a, b in sorted(pairs):
        inside = {_strong(c["type"]) for c in chars[a + 1:b]} - {None}
        if embedding in inside:
            direction = embedding
        elif inside:
            before = next((_strong(c["type"]) for c in reversed(chars[:a]) if _strong(c["type"])),
                          embedding)
            direction = before if before != embedding else embedding
        else:
            continue
        chars[a]["type"] = chars[b]["type"] = direction


def _levels(s: str) -> list[int]:
    """Resolved embedding levels (rules P2-I2, L1) from the pure-Python bidi algorithm."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    base = uba.get_base_level(s)
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    uba.get_embedding_levels(s, storage)
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    _resolve_bracket_pairs(storage["chars"], base)  # N0, which that implementation predates
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    levels = [c["level"] for c in storage["chars"]]
    i = len(s)  # L1: trailing whitespace takes the paragraph level
    while i > 0 and unicodedata.bidirectional(s[i - 1]) in ("WS", "BN"):
        i -= 1
        levels[i] = base
    return levels


def reference(s: str) -> list[tuple[str, int]]:
    """HarfBuzz's glyphs for logical ``s`` in visual order: bidi levels, one HarfBuzz
    run per (level, font) span with the whole string as context, runs reordered (L2)."""
    import uharfbuzz as hb

    levels = _levels(s)
    fonts_ix = [_font_for(ch) for ch in s]
    runs, start = [], 0
    for i in range(1, len(s) + 1):
        if i == len(s) or (levels[i], fonts_ix[i]) != (levels[start], fonts_ix[start]):
            runs.append((start, i))
            start = i
    codepoints = [ord(c) for c in s]
    shaped = []
    for a, b in runs:
        name, font, _ = _chain()[fonts_ix[a]]
        buf = hb.Buffer()
        buf.add_codepoints(codepoints, a, b - a)
        buf.guess_segment_properties()
        buf.direction = "rtl" if levels[a] % 2 else "ltr"
        hb.shape(font, buf)
        shaped.append((levels[a], [(name, info.codepoint) for info in buf.glyph_infos]))
    top = max(lv for lv, _ in shaped)
    lowest_odd = min((lv for lv, _ in shaped if lv % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(shaped):
            if shaped[i][0] >= level:
                j = i
                while j < len(shaped) and shaped[j][0] >= level:
                    j += 1
                shaped[i:j] = shaped[i:j][::-1]
                i = j
            else:
                i += 1
    return [g for _, glyphs in shaped for g in glyphs]


# --------------------------------------------------------------- glyphs -> letters


@cache
def _font_tables(name: str):
    for fname, _, tt in _chain():
        if fname == name:
            gdef = tt["GDEF"].table.GlyphClassDef.classDefs if "GDEF" in tt else {}
            return tt.getGlyphOrder(), tt["glyf"], gdef
    raise KeyError(name)


def _leaves(name: str, glyph_name: str, dx: float = 0) -> list[tuple[float, str]]:
    """(horizontal centre, name) of the simple glyphs a glyph is built from."""
    _, glyf, _ = _font_tables(name)
    g = glyf[glyph_name]
    if g.isComposite():
        return [leaf for c in g.components for leaf in _leaves(name, c.glyphName, dx + c.x)]
    if not hasattr(g, "xMin"):  # empty glyph (space)
        return [(dx, glyph_name)]
    return [(dx + (g.xMin + g.xMax) / 2, glyph_name)]


def _leaf_names(name: str, glyph_name: str) -> list[str]:
    """Simple glyphs of a glyph, left to right (a ligature's letters in visual order)."""
    return [leaf for _, leaf in sorted(_leaves(name, glyph_name), key=lambda t: t[0])]


def _letter(glyph_name: str) -> tuple[str, str]:
    """(skeleton, joining form) of a glyph name: "uni066E.medi.wide" -> (uni066E, medi);
    presentation-form names ("uniFE8E") through their Unicode decomposition."""
    parts = glyph_name.split(".")
    base = parts[0]
    form = next((p for p in parts[1:] if p in FORMS), None)
    if form is None and base.startswith("uni") and len(base) == 7:
        cp = int(base[3:], 16)
        decomposition = unicodedata.decomposition(chr(cp)).split()
        tags = {"<isolated>": "isol", "<initial>": "init", "<medial>": "medi", "<final>": "fina"}
        if len(decomposition) == 2 and decomposition[0] in tags:
            return f"uni{decomposition[1]}", tags[decomposition[0]]
    return base, form or "isol"


@cache
def _isolated_alternates(name: str) -> dict[str, str]:
    """A font may draw a letter's isolated presentation form (U+FExx) with another glyph
    than the letter itself (Noto Sans Arabic: isolated heh); both are the designer's
    isolated form, and its shaping picks one or the other by context."""
    tt = next(tt for fname, _, tt in _chain() if fname == name)
    cmap = tt.getBestCmap()
    out = {}
    for cp in range(0xFE70, 0xFF00):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and parts[0] == "<isolated>" and cp in cmap:
            base = cmap.get(int(parts[1], 16))
            if base:
                a, b = _leaf_names(name, cmap[cp]), _leaf_names(name, base)
                if len(a) == len(b) == 1 and a != b:
                    out[a[0]] = b[0]
    return out


def letters(glyphs: list[tuple[str, int]]) -> list[tuple[str, str]]:
    """The letters a glyph run shows, marks (dots, vowels) left out."""
    out = []
    for name, gid in glyphs:
        order, _, gdef = _font_tables(name)
        for leaf in _leaf_names(name, order[gid]):
            if gdef.get(leaf) == 3:
                continue
            out.append(_letter(_isolated_alternates(name).get(leaf, leaf)))
    return out


def problems(s_drawn: list[tuple[str, int]], logical: str, *, exact: bool) -> list[str]:
    """What is wrong with a drawn glyph run for the logical text: [] if nothing."""
    ref = reference(logical)
    found = []
    if any(gid == 0 for _, gid in s_drawn):
        found.append("missing glyph")
    if exact and s_drawn == ref:
        return found
    got, want = letters(s_drawn), letters(ref)
    if got == want and not exact:
        return found
    joined = lambda ls: sum(form != "isol" for _, form in ls)  # noqa: E731
    if joined(got) < joined(want):
        found.append("unjoined letters")
    if [b for b, _ in got] == [b for b, _ in want][::-1] and got != want:
        found.append("mirrored order")
    if not found or (exact and got == want):
        found.append("glyphs differ from HarfBuzz")
    return found


def check(logical: str) -> list[str]:
    """Problems with what matplotlib draws for ``charts.label(logical)``."""
    return problems(drawn(charts.label(logical)), logical, exact=charts.probe().native)


def wrong_recipe(logical: str) -> str:
    """The recipe for the other kind of matplotlib."""
    if charts.probe().native:
        import arabic_reshaper
        from bidi import get_display

        return get_display(arabic_reshaper.reshape(logical))
    return logical


# --------------------------------------------------------------- tests

LABELS = [
    "تقارير الاستخبارات",  # joining letters, the definite article
    "ورد زاد",  # only right-joining letters: order alone tells right from wrong
    "لا سلام بلا اتفاق",  # lam-alef ligatures
    "الأوكرانية والأمريكية",  # lam-alef with hamza
    "صدى البلد (Sada El Balad): 11 ألف",  # Latin, brackets, colon and digits inside RTL
    "قتل 300 جندي في 4 نوفمبر 2024",  # numbers inside a sentence
    "BBC عربي",  # paragraph starting with Latin: left-to-right base
    "≈12,000 جندي",  # sign that only the fallback font has
    "نقلا عن: الاستخبارات الأوكرانية",
]


def test_probe_matches_the_running_matplotlib():
    p = charts.probe()
    assert p.basis == "layout"
    assert p.shapes == p.reorders  # no matplotlib release does only one of the two
    # libraqm arrived in 3.11; the probe must agree with the release notes
    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    assert p.native == ((major, minor) >= (3, 11))
    assert p.recipe == ("native" if p.native else "reshape+bidi")


@pytest.mark.parametrize("text", LABELS)
def test_label_draws_what_harfbuzz_draws(text):
    assert check(text) == []


@pytest.mark.parametrize("text", LABELS)
def test_label_is_logical_text_on_native_and_presentation_forms_on_fallback(text):
    out = charts.label(text)
    presentation = any(0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF for c in out)
    if charts.probe().native:
        assert out == text
    else:
        assert presentation and out != text


def test_label_prepares_each_line_on_its_own():
    lines = ["صدى البلد", "نقلا عن: زيلينسكي"]
    assert charts.label("\n".join(lines)) == "\n".join(charts.label(x) for x in lines)
    for line in lines:
        assert check(line) == []


def test_label_leaves_text_without_arabic_alone():
    assert charts.label("Sada El Balad: 11,000") == "Sada El Balad: 11,000"
    assert charts.label(None) == ""
    assert charts.label(float("nan")) == ""
    assert charts.label(12) == "12"


def test_wrong_recipe_is_caught_as_mirrored():
    # right-joining letters only: both recipes give the same letter forms, only the
    # order can betray the wrong one
    text = "ورد زاد"
    found = problems(drawn(wrong_recipe(text)), text, exact=charts.probe().native)
    assert "mirrored order" in found


def test_wrong_recipe_is_caught_on_joining_text():
    text = "تقارير الاستخبارات"
    found = problems(drawn(wrong_recipe(text)), text, exact=charts.probe().native)
    assert found, "the recipe for the other matplotlib must not pass"
    if not charts.probe().native:
        assert "unjoined letters" in found  # raw text on 3.10: every letter isolated


def test_missing_glyph_is_caught():
    # a glyph run containing .notdef (what a font without the character draws)
    text = "صدى البلد"
    run = drawn(charts.label(text))
    broken = run[:2] + [(run[2][0], 0)] + run[3:]
    assert "missing glyph" in problems(broken, text, exact=charts.probe().native)


def test_reference_reverses_arabic_and_keeps_latin_and_numbers_left_to_right():
    # an independent check of the reference itself on a mixed string
    text = "العدد 11000 جندي"
    ref = letters(reference(text))
    noto = _chain()[0][2].getBestCmap()
    digits = [_letter(noto[ord(d)])[0] for d in "11000"]
    bases = [b for b, _ in ref]
    start = bases.index(digits[0])
    assert bases[start:start + 5] == digits  # digits stay left to right
    # the last word is leftmost, its last letter (a yeh after dal: unjoined) first;
    # the first word is rightmost, its alef last
    assert ref[0] == letters(reference("ي"))[0]
    assert ref[-1] == letters(reference("ا"))[0]
    assert ref[1] == letters(reference("ند"))[0] == ("uni062F", "fina")


ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ءآأؤإئةى"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=ARABIC_LETTERS, min_size=1, max_size=7), min_size=1,
                max_size=4),
       st.one_of(st.none(), st.integers(min_value=0, max_value=99999)))
def test_any_words_render_like_harfbuzz(words, number):
    parts = list(words)
    if number is not None:
        parts.insert(len(parts) // 2, str(number))
    text = " ".join(parts)
    assert check(text) == []


# --------------------------------------------------------------- image check


def _ink(img) -> "np.ndarray":  # noqa: F821
    import numpy as np

    a = np.asarray(img.convert("L"), dtype=float)
    ink = a < 128
    rows, cols = np.where(ink)
    return ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]


def _matplotlib_image(s: str, px: int = 64):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    with matplotlib.rc_context(fonts.rc_params()):
        fig = Figure(figsize=(12, 2), dpi=72)
        FigureCanvasAgg(fig)
        fig.text(0.02, 0.3, s, fontsize=px)
        fig.canvas.draw()
    return Image.fromarray(__import__("numpy").asarray(fig.canvas.buffer_rgba())[..., :3])


def _pillow_image(logical: str, px: int = 64):
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(fonts.arabic_font_path()), px,
                              layout_engine=ImageFont.Layout.RAQM)
    img = Image.new("L", (px * len(logical), px * 2), 255)
    ImageDraw.Draw(img).text((10, 10), logical, font=font, fill=0)
    return img


def _similarity(a, b) -> float:
    """Overlap (intersection over union) of two ink masks scaled to one size."""
    import numpy as np
    from PIL import Image

    h = 48
    w = max(a.shape[1], b.shape[1]) * h // max(a.shape[0], b.shape[0])
    def scale(m):
        return np.asarray(Image.fromarray((m * 255).astype("uint8")).resize((w, h))) > 127
    x, y = scale(a), scale(b)
    return (x & y).sum() / (x | y).sum()


@pytest.mark.parametrize("text", ["تقارير الاستخبارات الأوكرانية", "صدى البلد يذكر 11 ألف جندي"])
def test_rendered_label_looks_like_an_independent_render(text):
    from PIL import features

    if not features.check("raqm"):
        pytest.skip("Pillow without libraqm (FriBiDi missing): no independent renderer")
    want = _ink(_pillow_image(text))
    good = _similarity(_ink(_matplotlib_image(charts.label(text))), want)
    bad = _similarity(_ink(_matplotlib_image(wrong_recipe(text))), want)
    assert good > 0.6, good
    assert good > bad + 0.15, (good, bad)


def _unmirror(s: str) -> str:
    return s.translate(str.maketrans("()[]{}<>«»", "|" * 10))


@pytest.mark.parametrize("text", LABELS + ["قال (وفق مصدر [رسمي]) إن العدد 11 ألفا", "«روسيا اليوم» و«تاس»"])
def test_visual_order_agrees_with_the_rust_bidi_implementation(text):
    # python-bidi ships two implementations; the order must agree (the Rust one does
    # not mirror brackets, so brackets are compared without their direction)
    from bidi import get_display

    assert _unmirror(charts.visual_order(text)) == _unmirror(get_display(text))


def test_visual_order_mirrors_brackets_at_right_to_left_level():
    # logical "(نص)" in an Arabic line: shown from the left as ")نص(" reversed, i.e.
    # the glyph on the left must be the opening bracket turned round
    out = charts.visual_order("قال (نص) هنا")
    assert out == "انه (صن) لاق"
    # brackets around Latin inside Arabic keep facing their content
    out = charts.visual_order("صدى البلد (Sada El Balad): 11 ألف")
    assert out == "فلأ 11 :(Sada El Balad) دلبلا ىدص"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=ARABIC_LETTERS, min_size=1, max_size=6),
                          st.text(alphabet="abcXYZ", min_size=1, max_size=5),
                          st.integers(min_value=0, max_value=99999).map(str),
                          st.sampled_from(["(", ")", ":", "،", "-", "%", "."])),
                min_size=1, max_size=6))
def test_visual_order_agrees_with_rust_on_mixed_lines(parts):
    from bidi import get_display

    text = " ".join(parts)
    assert _unmirror(charts.visual_order(text)) == _unmirror(get_display(text))
