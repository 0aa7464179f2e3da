"""Page chrome around and inside the article: what stands above the headline
(:func:`find_title`), the related/comments block that ends the article (:func:`cut_tail`),
classified lines inside it (:func:`drop_chrome`) and leftovers after the last paragraph
(:func:`trim_trailer`).
"""
from __future__ import annotations

import re
from typing import Any

from .duplicates import resembles
from .lines import (
    BULLET,
    Line,
    after_prefix,
    arabic_ratio,
    classify_line,
    cut_marker,
    dateline_date,
    ends_sentence,
    is_paragraph,
    is_uncredited_caption,
    note_meta,
    place_byline,
    removal,
)
from .phrases import key, tables


def _is_ticker(line: Line) -> bool:
    """A long line of run-together headlines (no sentence end, almost no commas)."""
    text = line.text
    return len(text) > 250 and not ends_sentence(text) and text.count("،") + text.count(",") <= len(text) // 250


def _is_title_candidate(line: Line) -> bool:
    text = line.text
    return (
        4 <= line.letter_words and line.words <= 30
        and len(text) <= 220
        and arabic_ratio(text) >= 0.6
        and not BULLET.match(text)
        and not (line.words >= 20 and ends_sentence(text))
    )


def _head_kind(line: Line, bullets: set[str], meta: dict[str, Any]) -> str | None:
    """Kind of chrome of a line above the article (None: it may be the headline or text).

    ``bullets`` collects the menu entries seen so far (their expanded copies follow)."""
    bullet = BULLET.match(line.text)
    if bullet:
        bullets.add(key(line.text[bullet.end():]))
        return "menu"
    if line.indent >= 2 and line.norm in bullets:  # expanded copy of a menu entry
        return "menu"
    cls = classify_line(line)
    if cls:
        kind, details = cls
        note_meta(meta, kind, details)
        return kind
    if cut_marker(line):
        return "related"
    if dateline_date(line) is not None:
        # an unlabelled date above the headline is the site's "today" widget, not the
        # article's date (that one is labelled, or stands under the headline)
        return "page_date"
    if _is_ticker(line):
        return "ticker"
    if place_byline(line, meta):
        return "byline"
    if is_uncredited_caption(line):
        return "caption"
    return None


def find_title(lines: list[Line], removed: list[dict[str, Any]], meta: dict[str, Any]) -> int | None:
    """Index in ``lines`` of the headline; lines before it are page chrome and go to
    ``removed`` (their dates, bylines and credits into ``meta``).

    The headline is the first line that may be one (a short Arabic line, not chrome) or
    the first paragraph when the capture opens with the body.  When several distinct
    headline-like lines stand between that line and the first paragraph, they are a list
    of other stories' headlines and the headline is the last of them."""
    bullets: set[str] = set()
    kinds: dict[int, str] = {}
    found: int | None = None
    for i, line in enumerate(lines):
        kind = _head_kind(line, bullets, meta)
        if kind:
            kinds[i] = kind
            continue
        if _is_title_candidate(line) or is_paragraph(line):
            found = i
            break
        kinds[i] = "masthead"
    if found is not None and not is_paragraph(lines[found]):
        found = _last_headline_before_text(lines, found, bullets, meta, kinds)
    stop = found if found is not None else len(lines)
    removed.extend(removal(lines[i], kinds.get(i, "menu")) for i in range(stop))
    k = found - 1 if found is not None else -1
    while k >= 0 and kinds.get(k) in ("caption", "image"):
        k -= 1  # the photo and its caption may stand between the date and the headline
    if k >= 0 and kinds.get(k) == "page_date":
        # the date right above the headline may be the article's own (or the site's
        # "today" widget): a last resort, after every other source of the date
        above = lines[k]
        meta.setdefault("published_above", (dateline_date(above), above.text))
    return found


def _last_headline_before_text(
    lines: list[Line], first: int, bullets: set[str], meta: dict[str, Any], kinds: dict[int, str]
) -> int:
    candidates = [first]
    for j in range(first + 1, len(lines)):
        line = lines[j]
        if is_paragraph(line):
            break
        kind = _head_kind(line, bullets, meta)
        if kind:
            kinds[j] = kind
        elif _is_title_candidate(line):
            candidates.append(j)
    distinct = {lines[c].norm for c in candidates}
    if len(distinct) < 3:
        return first
    k = len(candidates) - 1
    while k > 0 and lines[candidates[k - 1]].norm == lines[candidates[k]].norm:
        k -= 1  # the headline printed twice (as its photo's caption): the first copy
    return candidates[k]


def _inline_link(line: Line) -> bool:
    """"اقرأ أيضا: <headline>" — a read-also link with its headline on the same line."""
    rest = after_prefix(line.norm, tables().inline_link_markers, seps=":-|")
    return bool(rest) and len(rest.split()) >= 3


def _continues_story(line: Line) -> bool:
    """Whether a paragraph reads as the continuation of the one before it (it opens with
    the conjunction و/ف or a continuation phrase) rather than as another story's lead."""
    if not is_paragraph(line):
        return False
    n = line.norm
    first = n.split()[0]
    if first[:1] in ("و", "ف") and len(first) > 3:
        return True
    return any(n == w or n.startswith(w + " ") for w in tables().continuation_words)


def cut_tail(body: list[Line], removed: list[dict[str, Any]]) -> list[Line]:
    """Body up to the first related/read-also/comments marker; the rest is removed.

    A read-also link inside the story (its headline on the marker's line, the story
    going on after it) removes only its own line."""
    keep: list[Line] = []
    for i, line in enumerate(body):
        kind = cut_marker(line)
        if kind:
            nxt = body[i + 1] if i + 1 < len(body) else None
            if kind == "related" and _inline_link(line) and nxt is not None and _continues_story(nxt):
                removed.append(removal(line, kind))
                continue
            removed.extend(removal(x, kind) for x in body[i:])
            return keep
        keep.append(line)
    return keep


def drop_chrome(title: Line, body: list[Line], removed: list[dict[str, Any]], meta: dict[str, Any]) -> list[Line]:
    """Classified chrome inside the article; captions repeating the title; captions shown
    twice in a row right under the title."""
    keep: list[Line] = []
    seen_paragraph = False
    for i, line in enumerate(body):
        cls = classify_line(line)
        if cls:
            kind, details = cls
            note_meta(meta, kind, details)
            removed.append(removal(line, kind))
            continue
        if line.norm == title.norm or (not is_paragraph(line) and resembles(line.norm, title.norm, 0.9)):
            removed.append(removal(line, "caption"))
            continue
        if not seen_paragraph and not is_paragraph(line):
            if place_byline(line, meta):
                removed.append(removal(line, "byline"))
                continue
            d = dateline_date(line)
            if d is not None:
                note_meta(meta, "dateline", {"published": d, "published_text": line.text})
                removed.append(removal(line, "dateline"))
                continue
            nxt = body[i + 1] if i + 1 < len(body) else None
            prev = body[i - 1] if i > 0 else None
            if (nxt and nxt.norm == line.norm) or (prev and prev.norm == line.norm and not is_paragraph(prev)):
                removed.append(removal(line, "caption"))
                continue
        if is_paragraph(line):
            seen_paragraph = True
        keep.append(line)
    return keep


# other stories' headlines listed after the body without a marker: at least this many
# headline-like lines in a row after the last paragraph
MIN_UNMARKED_HEADLINES = 3
# an item of the article's own list: "- ...", "* ...", "1. ...", "٢) ..."
_LIST_ITEM = re.compile(r"^(?:[-–*]\s|\d{1,2}\s*[.)-]\s)")


def trim_trailer(body: list[Line], removed: list[dict[str, Any]]) -> list[Line]:
    """Short lines after the last paragraph that are not sentences (the site's name,
    a lone label) are page furniture left over from the cut; so is a list of other
    stories' headlines after it that no marker announces (three or more headline-like
    lines, none a sentence, after a paragraph that does not announce a list)."""
    end = len(body)
    while end > 0 and not is_paragraph(body[end - 1]) and body[end - 1].words <= 3 and not ends_sentence(body[end - 1].text):
        end -= 1
    if end == 0:
        return body
    removed.extend(removal(x, "trailer") for x in body[end:])
    start = end
    while start > 0 and not is_paragraph(body[start - 1]) and not ends_sentence(body[start - 1].text):
        start -= 1
    run = body[start:end]
    if (
        start > 0 and len(run) >= MIN_UNMARKED_HEADLINES
        and all(_is_title_candidate(x) and not _LIST_ITEM.match(x.text) for x in run)
        and not any(x.text.rstrip().endswith((":", "：")) for x in body[start - 1:end])
    ):
        removed.extend(removal(x, "related") for x in run)
        end = start
    return body[:end]
