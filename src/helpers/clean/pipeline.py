"""From a captured page's text to the article: title, body lines and metadata.

A capture of a news page holds much more than the article: the site's menus and live
tickers above it, photo captions, bylines and source credits inside it, related
headlines, other articles and readers' comments below it.  :func:`clean` removes that
chrome with a pipeline of small steps (each a function of its own, testable alone):

1. :func:`split_lines` — non-blank lines, stripped, each with its offset in the input;
2. :func:`classify_line` — what a line is on its own (menu bullet, share prompt, tag
   or hashtag list, breadcrumb trail, cookie banner, weather widget, source credit,
   caption with photo credit, ...), from the phrase tables in ``data/chrome.yaml``,
   matched on normalized text;
3. :func:`find_title` — the headline: the first substantial line after the masthead,
   menus, breadcrumbs, date and weather tickers; when the capture opens with the body
   itself, its first line;
4. :func:`cut_tail` — the first "related / read also / comments" marker after the title
   ends the article;
5. :func:`drop_embeds` — embedded social-network posts: the signature line
   "— Name (@handle) <date>" and the post's text above it;
6. :func:`drop_chrome` — classified lines inside the article (captions, bylines, source
   and publication lines go to the metadata rather than the bin);
7. :func:`drop_duplicates` — paragraphs printed twice (exact or near duplicates), and a
   block re-printed at the end of the page;
8. :func:`trim_trailer` — short leftovers after the last paragraph (the site's name), and
   a list of other stories' headlines there that no marker announces;
9. :func:`find_agency_credit` — the news agency the body credits ("نقلته وكالة ... تاس").

Every removed line is kept in :attr:`Cleaned.removed` with its kind, so a user can see
what was dropped and why.

The steps live in modules by job — :mod:`helpers.clean.lines` (lines and what each is on its
own), :mod:`helpers.clean.chrome` (title, tail and chrome inside the article),
:mod:`helpers.clean.embeds` (embedded posts), :mod:`helpers.clean.duplicates` and
:mod:`helpers.clean.credits` — and are importable from here too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .chrome import cut_tail, drop_chrome, find_title, trim_trailer
from .credits import body_agency_credit, find_agency_credit
from .duplicates import drop_duplicates
from .embeds import drop_embeds
from .lines import (
    Line, classify_line, cut_marker, is_paragraph, is_uncredited_caption, lead_dateline, note_meta, removal, split_lines,
)
from .phrases import key

# the pipeline and its steps, importable from here
__all__ = [
    "Cleaned",
    "Line",
    "classify_line",
    "clean",
    "cut_marker",
    "cut_tail",
    "drop_chrome",
    "drop_duplicates",
    "drop_embeds",
    "find_agency_credit",
    "find_title",
    "is_uncredited_caption",
    "key",
    "split_lines",
    "trim_trailer",
]


# --- the pipeline ------------------------------------------------------------------------


@dataclass
class Cleaned:
    title: Line | None
    body: list[Line]
    removed: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # byline, dateline_place, credited_source, published, published_text

    @property
    def lines(self) -> list[Line]:
        return ([self.title] if self.title else []) + self.body

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def clean(raw: str, *, title_hint: str | None = None) -> Cleaned:
    """Title, body lines, removed chrome and metadata of a captured page's text.

    ``title_hint`` is the page's own title (``<title>``/``<h1>`` of an HTML page): when
    given, it is the title, and a first line repeating it is dropped.
    """
    removed: list[dict[str, Any]] = []
    meta: dict[str, Any] = {}
    lines = split_lines(raw)
    if title_hint:
        hint = split_lines(title_hint.strip().split("\n")[0])
        if not hint:
            title_hint = None
    if title_hint:
        title = Line(-1, hint[0].text, -1, 0, hint[0].norm)
        t_idx = None
        for i, line in enumerate(lines[:12]):
            if line.norm == title.norm:
                t_idx = i
                break
        if t_idx is not None:
            title = lines[t_idx]
            removed.extend(removal(x, classify_line(x)[0] if classify_line(x) else "masthead") for x in lines[:t_idx])
            body = lines[t_idx + 1:]
        else:
            body = lines
    else:
        t_idx = find_title(lines, removed, meta)
        if t_idx is None:
            return Cleaned(None, [], removed, meta)
        title = lines[t_idx]
        body = lines[t_idx + 1:]
    body = cut_tail(body, removed)
    body = drop_embeds(body, removed)
    body = drop_chrome(title, body, removed, meta)
    body = drop_duplicates(title, body, removed)
    body = trim_trailer(body, removed)
    if "published" not in meta:
        lead = next((x for x in [title, *body] if is_paragraph(x)), None)
        found = lead_dateline(lead) if lead is not None else None
        if found:
            note_meta(meta, "dateline", found)
    if "credited_source" not in meta and body:
        agency = body_agency_credit(title, body)
        if agency:
            meta["credited_source"] = agency
            meta["credited_source_basis"] = "body"
    removed.sort(key=lambda r: r["offset"])  # page order, whichever step removed a line
    return Cleaned(title, body, removed, meta)
