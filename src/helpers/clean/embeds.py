"""Posts from social networks embedded in the article: an embedded tweet is captured as
its text (often English, with hashtags and a picture link) and a signature line
"— Name (@handle) March 3, 2024".  :func:`drop_embeds` removes the signature and the
post's text above it; the article's own lines around the post stay.
"""
from __future__ import annotations

import re
from typing import Any

from .lines import HASHTAG, Line, arabic_ratio, removal
from .phrases import tables

# "— Name (@handle) March 3, 2024" / "— الاسم (@handle) 3 مارس 2024": a dash, the
# author's name, the handle in brackets, and the post's date (a four-digit year in it)
_SIGNATURE = re.compile(
    r"^[—–-]\s*(?P<name>[^()\n]{1,80}?)\s*\(@\w{1,30}\)\s*(?P<date>[^()\n]{0,40}?\d{4})\s*\.?$"
)
# the same signature at the end of the post's own line, when the capture ran the two
# together ("... pic.twitter.com/x— Name (@handle) March 3, 2024"): after a long dash only
_SIGNATURE_AT_END = re.compile(r"[—–]\s*[^()\n—–]{1,80}?\s*\(@\w{1,30}\)\s*[^()\n]{0,40}?\d{4}\s*\.?$")
_LINK = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/|t\.co/|\bbit\.ly/)", re.I)
_MENTION = re.compile(r"(?<![\w@])@\w{2,}")


def is_post_signature(line: Line) -> bool:
    """"— Name (@handle) March 3, 2024": the last line of an embedded post."""
    if "(@" not in line.text:
        return _shared_by(line)
    if line.words <= 16 and _SIGNATURE.match(line.text):
        return True
    if line.words <= 120 and _SIGNATURE_AT_END.search(line.text):
        return True
    return _shared_by(line)


def _shared_by(line: Line) -> bool:
    """"A post shared by Name (@handle)": the caption line of an embedded photo post."""
    if line.words > 16:
        return False
    n = line.norm
    return any(n == p or n.startswith(p + " ") for p in tables().post_signature_prefixes)


def is_post_text(line: Line) -> bool:
    """Whether a line reads as a post's text rather than the article's: it carries a
    link, a hashtag or a handle, or it is mostly in another script than Arabic."""
    text = line.text
    if text.rstrip().endswith((":", "：")):
        return False  # the article's line introducing the post ("وكتب على حسابه:")
    if _LINK.search(text) or HASHTAG.search(text) or _MENTION.search(text):
        return True
    return any(c.isalpha() for c in text) and arabic_ratio(text) < 0.5


def _bare_signature(line: Line) -> bool:
    """A signature on a line of its own (the post's text, if captured, is above it)."""
    return bool(_SIGNATURE.match(line.text))


def drop_embeds(body: list[Line], removed: list[dict[str, Any]]) -> list[Line]:
    """The body without its embedded posts: each signature line, with the post's text
    above it — the line right above a bare signature (an embedded post prints its text
    before its signature; not a line introducing the post with a colon, nor the
    article's first line), and the lines above that which read as a post's text.  One
    pass: each line is kept or removed once."""
    keep: list[Line] = []
    for line in body:
        if not is_post_signature(line):
            keep.append(line)
            continue
        post: list[Line] = []
        if keep and _bare_signature(line) and len(keep) > 1 and not keep[-1].text.rstrip().endswith((":", "：")):
            post.append(keep.pop())
        while keep and is_post_text(keep[-1]):
            post.append(keep.pop())
        removed.extend(removal(x, "embed") for x in reversed(post))
        removed.append(removal(line, "embed"))
    return keep
