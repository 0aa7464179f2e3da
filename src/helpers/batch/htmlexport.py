"""Executed notebook -> one self-contained HTML file that opens offline.

The HTML is meant to be shared (mailed, archived, opened from a USB stick), so it must
not fetch anything: the ``offline`` nbconvert template (``templates/offline``) removes
the CDN scripts of nbconvert's ``lab`` template, inlines the CSS, keeps images as data
URIs and embeds a subset of Noto Sans Arabic holding exactly the Arabic letters the
page uses, so the text is shaped the same on a machine without Arabic fonts.

Code cells are hidden unless ``show_code``; a cell that raised stays visible, with
papermill's error marker above it, so a failed report shows where and why it stopped.

Everything heavy (nbconvert, fontTools) is imported when the first page is exported.
"""
from __future__ import annotations

import base64
import copy
import functools
import io
import re
import threading
from pathlib import Path
from typing import Any

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
TEMPLATE_NAME = "offline"

EMBEDDED_FAMILY = "Report Noto Sans Arabic"
FONT_STACK = (f'"{EMBEDDED_FAMILY}", "Noto Sans Arabic", "Noto Naskh Arabic", "Amiri", '
              '"Segoe UI", "Tahoma", "DejaVu Sans", sans-serif')

# Arabic, Arabic Supplement, Arabic Extended-A, presentation forms A and B: the
# characters the embedded font is asked to draw.
ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
                 (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
# Marks the @font-face slot in the first rendering pass; the font subset depends on
# the characters of the finished page, so it is filled in afterwards.
_FONT_SLOT = "/*@report-font-face@*/"

# Block elements that get dir="auto" when they carry no dir of their own: each
# paragraph, list item and table cell then takes the direction of its first strong
# character (Arabic -> right to left) instead of the page's.
_BLOCK_TAG = re.compile(
    r"<(p|h[1-6]|li|td|th|caption|blockquote|dd|dt|figcaption|summary)(?=[\s>/])([^>]*)>",
    re.IGNORECASE)
_HAS_DIR = re.compile(r"\sdir\s*=", re.IGNORECASE)


def dir_auto(html: str) -> str:
    """``html`` with ``dir="auto"`` on every block element that has no ``dir``."""
    if not html:
        return html

    def add(m: re.Match[str]) -> str:
        attrs = m.group(2)
        if _HAS_DIR.search(attrs):
            return m.group(0)
        closing = "/" if attrs.rstrip().endswith("/") else ""
        attrs = attrs.rstrip().removesuffix("/") if closing else attrs
        return f'<{m.group(1)}{attrs} dir="auto"{closing}>'

    return _BLOCK_TAG.sub(add, html)


def _is_arabic(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in ARABIC_RANGES)


def _arabic_font_file() -> Path | None:
    try:
        from ..present.fonts import arabic_font_path

        path = arabic_font_path()
    except Exception:  # font package missing: fall back to the font stack alone
        return None
    return path if path.is_file() else None


@functools.lru_cache(maxsize=64)
def _font_face_for(codepoints: frozenset[int]) -> str:
    """``@font-face`` rule embedding Noto Sans Arabic cut down to ``codepoints``."""
    path = _arabic_font_file()
    if path is None or not codepoints:
        return ""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]  # keep every shaping feature (joining forms, ligatures, marks)
    options.flavor = "woff"  # zlib-compressed; needs no extra package
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(str(path), lazy=True)
    subsetter = subset.Subsetter(options)
    # a space and the tatweel keep justification and spacing sensible
    subsetter.populate(unicodes=sorted(codepoints | {0x20, 0x0640}))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    ranges = ", ".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in ARABIC_RANGES)
    return ("@font-face {\n"
            f'  font-family: "{EMBEDDED_FAMILY}";\n'
            f"  src: url(data:font/woff;base64,{data}) format(\"woff\");\n"
            "  font-weight: 100 900;\n"
            "  font-display: block;\n"
            f"  unicode-range: {ranges};\n"
            "}")


def font_face_css(text: str) -> str:
    """CSS embedding the Arabic font for the Arabic letters found in ``text``."""
    cps = frozenset(ord(c) for c in set(text) if _is_arabic(ord(c)))
    return _font_face_for(cps)


_local = threading.local()


def _exporter(show_code: bool, lang: str):
    """One nbconvert exporter per thread and setting (Jinja environments are not
    shared between threads)."""
    cache = getattr(_local, "exporters", None)
    if cache is None:
        cache = _local.exporters = {}
    key = (show_code, lang)
    if key not in cache:
        from nbconvert import HTMLExporter

        exp = HTMLExporter(
            template_name=TEMPLATE_NAME,
            extra_template_basedirs=[str(TEMPLATES_DIR)],
            exclude_input_prompt=not show_code,
            exclude_output_prompt=not show_code,
            embed_images=True,
            theme="light",
            language_code=lang,
        )
        exp.register_filter("dir_auto", dir_auto)
        cache[key] = exp
    return cache[key]


def _error_cells(nb: Any) -> list[int]:
    return [i for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and any(o.get("output_type") == "error" for o in c.get("outputs", []))]


NOTEBOOK_ONLY = "notebook-only"  # tag of cells written for whoever runs the notebook
NEEDS_OUTPUT = "needs-output"  # tag of a section's heading: left out when its code shows nothing


def _empty_section(cells: list, i: int) -> bool:
    """Whether cell i is a heading tagged ``needs-output`` whose code cell (the next one)
    showed nothing: a section that does not apply to this story ("what each outlet
    mentions" for a story without presence facts)."""
    cell = cells[i]
    if cell.cell_type != "markdown" or NEEDS_OUTPUT not in cell.metadata.get("tags", []):
        return False
    nxt = next((c for c in cells[i + 1:] if c.cell_type == "code"), None)
    return nxt is not None and not nxt.get("outputs")


def prepare(nb: Any, show_code: bool) -> Any:
    """A copy of ``nb`` ready for export: code hidden (except cells that raised), cells
    tagged ``notebook-only`` (how to run it, its parameters) left out, and so are section
    headings tagged ``needs-output`` whose code showed nothing."""
    nb = copy.deepcopy(nb)
    if not show_code:  # notes for whoever runs the notebook (its parameters ...) stay out
        nb.cells = [c for c in nb.cells if NOTEBOOK_ONLY not in c.metadata.get("tags", [])]
    nb.cells = [c for i, c in enumerate(nb.cells) if not _empty_section(nb.cells, i)]
    errors = set(_error_cells(nb))
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if i in errors:
            tags = list(cell.metadata.get("tags", []))
            if "report-error-cell" not in tags:
                tags.append("report-error-cell")
            cell.metadata["tags"] = tags
            continue
        if not show_code:
            cell.metadata.setdefault("transient", {})["remove_source"] = True
    return nb


def notebook_html(nb: Any, *, show_code: bool = False, title: str | None = None,
                  lang: str = "ar", failure: dict[str, str] | None = None, footer: str = "") -> str:
    """The executed notebook ``nb`` (an ``nbformat`` node) as self-contained HTML.

    ``failure``: ``{"heading", "message", "cell_link"}`` shown in a banner at the top
    of the page (the error cell itself stays in place, marked).  ``footer``: markup
    put at the foot of the page as it is (the provenance line).
    """
    exporter = _exporter(show_code, lang)
    resources = {
        "metadata": {"name": title or "report"},
        "offline": {
            "font_face_css": _FONT_SLOT,
            "font_stack": FONT_STACK,
            "failure": failure,
            "footer": footer,
        },
    }
    body, _ = exporter.from_notebook_node(prepare(nb, show_code), resources=resources)
    return body.replace(_FONT_SLOT, font_face_css(body), 1)
