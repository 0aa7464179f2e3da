"""The news agency a story's body credits: "نقلته وكالة الأنباء الروسية “تاس”" -> "تاس".

The cues ("نقلته", "وفقا ل") and the agencies' names come from the phrase tables; a
line that is only an agency's name, as closing credit, is read with the other lines.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lang.arabic import Normalized
from .lines import Line
from .phrases import key, tables


_QUOTED = re.compile(r"[\"“«]\s*([^\"”»]{2,40}?)\s*[\"”»]")


@lru_cache(maxsize=1)
def _agency_cue_re() -> re.Pattern:
    """The places where an agency cue starts (zero-width matches)."""
    return re.compile(r"(?<!\w)(?=" + "|".join(re.escape(c) for c in tables().agency_cues) + ")")


@lru_cache(maxsize=1)
def _known_agency_res() -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    """Per known agency: its name as a word anywhere, and at the start of a text."""
    known = tables().agency_known
    anywhere = tuple(re.compile(r"(?<!\w)(?:ل|ال)?" + re.escape(k) + r"(?!\w)") for k in known)
    at_start = tuple(re.compile(r"\s*(?:ل|ال)?" + re.escape(k) + r"(?!\w)") for k in known)
    return anywhere, at_start


def find_agency_credit(text: str, norm: "Normalized | None" = None) -> str | None:
    """The news agency the body credits for the story, when it is clearly an agency:
    "نقلته وكالة الأنباء الروسية “تاس”" -> "تاس"; "وفقا لوكالة الصحافة الفرنسية" ->
    "وكالة الصحافة الفرنسية".  None when there is no such credit."""
    t = tables()
    from ..lang.arabic import normalize

    norm = normalize(text) if norm is None else norm
    nt = norm.text
    # where any cue starts (one scan), then each cue in table order at those places
    starts = [m.start() for m in _agency_cue_re().finditer(nt)]
    if not starts:
        return None
    for cue in t.agency_cues:
        for at in starts:
            if not nt.startswith(cue, at):
                continue
            rest_start = at + len(cue)
            rest = nt[rest_start:rest_start + 120]
            am = re.match(r"\s*(ل|ال|)(وكاله)\s+", rest)
            if am:
                # the agency's name: up to the next punctuation mark or 6 words
                name_start = rest_start + am.start(2)
                seg = re.match(r"[^،,.:;؛\n(]+", nt[name_start:name_start + 120])
                seg_text = seg.group() if seg else ""
                words = seg_text.split()[:7]
                span_norm = " ".join(words)
                o0, o1 = norm.orig_span(name_start, name_start + len(span_norm))
                orig = text[o0:o1]
                q = _QUOTED.search(orig)
                if q:
                    return q.group(1).strip()
                # stop the name before verbs/conjunctions that follow it
                cut = re.split(r"\s(?:ان|أن|إن|عن|في|على|الى|إلى|من|و?قال\S*|و?ذكر\S*)\s", " " + orig + " ", maxsplit=1)[0].strip()
                kc = key(cut)
                if any(w in t.agency_words for w in kc.split()) or any(
                    p.search(kc) for p in _known_agency_res()[0]
                ):
                    return cut
                continue
            for known, pattern in zip(t.agency_known, _known_agency_res()[1]):
                if pattern.match(rest):
                    km = re.match(r"\s*(?:ل|ال)?", rest)
                    s = rest_start + km.end()
                    o0, o1 = norm.orig_span(s, s + len(known))
                    return text[o0:o1]
    return None


def body_agency_credit(title: Line, body: list[Line]) -> str | None:
    """:func:`find_agency_credit` of the body, normalized as part of the article's text
    (title, newline, body: the string extraction normalizes next, so that work is shared
    through :func:`helpers.lang.arabic.normalize`'s cache rather than done twice)."""
    from ..lang.arabic import Normalized, normalize

    body_text = "\n".join(x.text for x in body)
    full = normalize(title.text + "\n" + body_text)
    off = len(title.text) + 1
    k = full.norm_index(off)
    if not _agency_cue_re().search(full.text, k):
        return None
    src = full._src
    norm = Normalized(body_text, full.text[k:], tuple(i - off for i in src[k:]))
    return find_agency_credit(body_text, norm)
