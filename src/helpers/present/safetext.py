"""Third-party text made safe to show: escaped, and with its direction controls visible.

An article, an outlet name or a story label can carry invisible Unicode direction
controls.  A right-to-left override around "12" makes a browser draw "21"; one in an
outlet name turns "(003)" into "(300)".  The text itself is kept as written (the
extractors read it in logical order, and mention offsets point into it); what is shown
never hands these characters to the browser or to matplotlib: each one is replaced by a
visible marker ("⟨RLO⟩"), so the page reads in logical order and a fact-checker sees
that someone set the direction by hand.

:func:`esc` is for HTML element content (the marker in a styled span), :func:`attr`
for attribute values such as tooltips, :func:`plain` for text that is not HTML (chart
labels).  Every renderer of the package goes through one of them.
"""
from __future__ import annotations

import html
import re
from typing import Any

from .wording import text_of

# overrides, embeddings and isolates: they reorder what they enclose
EXPLICIT = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}
# marks: invisible strong characters, enough to move a number across its neighbours
MARKS = {"\u200e": "LRM", "\u200f": "RLM", "\u061c": "ALM"}
BIDI_CONTROLS = {**EXPLICIT, **MARKS}
_CONTROL = re.compile("[" + "".join(BIDI_CONTROLS) + "]")

MARKER_CLASS = "bidi-control"
_EXPLICIT_STYLE = ("unicode-bidi: isolate; font-family: monospace; font-size: 0.75em; color: #b00020; "
                   "border: 1px solid #b00020; border-radius: 3px; padding: 0 2px; margin: 0 1px;")
_MARK_STYLE = ("unicode-bidi: isolate; font-family: monospace; font-size: 0.7em; color: #777; "
               "border: 1px dotted #999; border-radius: 3px; padding: 0 1px;")


def marker(ch: str) -> str:
    """The visible stand-in of one direction control: "⟨RLO⟩"."""
    return f"⟨{BIDI_CONTROLS[ch]}⟩"


def has_controls(text: Any) -> bool:
    return bool(_CONTROL.search(text_of(text)))


def plain(text: Any) -> str:
    """``text`` with each direction control replaced by its marker (not escaped)."""
    return _CONTROL.sub(lambda m: marker(m.group(0)), text_of(text))


def _marker_html(ch: str) -> str:
    style = _EXPLICIT_STYLE if ch in EXPLICIT else _MARK_STYLE
    return (f'<span class="{MARKER_CLASS}" data-bidi="{BIDI_CONTROLS[ch]}" dir="ltr" '
            f'title="U+{ord(ch):04X}" style="{style}">{marker(ch)}</span>')


def esc(value: Any) -> str:
    """HTML element content: ``value`` escaped, each direction control shown as a
    marker in a small styled span.  Character for character, so escaping the pieces of
    a string one by one gives the same as escaping the whole (a string is taken as it
    is, spaces too: the space between two highlighted mentions is text)."""
    text = value if isinstance(value, str) else text_of(value)
    out, pos = [], 0
    for m in _CONTROL.finditer(text):
        out.append(html.escape(text[pos:m.start()], quote=True))
        out.append(_marker_html(m.group(0)))
        pos = m.end()
    out.append(html.escape(text[pos:], quote=True))
    return "".join(out)


def attr(value: Any) -> str:
    """An attribute value (a tooltip, a data attribute): escaped, quotes too, direction
    controls as plain-text markers."""
    return html.escape(plain(value), quote=True)


_MARKER_SPAN = re.compile(rf'<span class="{MARKER_CLASS}"[^>]*>[^<]*</span>')


def without_markers(content_html: str) -> str:
    """HTML from :func:`esc` with its marker spans taken out (to find the direction of
    the text around them)."""
    return _MARKER_SPAN.sub("", content_html)
