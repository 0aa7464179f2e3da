"""From a captured page's text to the article: title, body lines and metadata.

A capture of a news page holds much more than the article: the site's menus and live
tickers above it, photo captions, bylines and source credits inside it, related
headlines, other articles and readers' comments below it.  :func:`clean` removes that
chrome with a pipeline of small steps (each a function of its own, testable alone):

1. :func:`split_lines` — non-blank lines, stripped, each with its offset in the input;
2. :func:`classify_line` — what a line is on its own (menu bullet, share prompt, tag
   list, source credit, caption with photo credit, ...), from the phrase tables in
   ``data/chrome.yaml``, matched on normalized text;
3. :func:`find_title` — the headline: the first substantial line after the masthead,
   menus and tickers; when the capture opens with the body itself, its first line;
4. :func:`cut_tail` — the first "related / read also / comments" marker after the title
   ends the article;
5. :func:`drop_chrome` — classified lines inside the article (captions, bylines, source
   and publication lines go to the metadata rather than the bin);
6. :func:`drop_duplicates` — paragraphs printed twice (exact or near duplicates), and a
   block re-printed at the end of the page;
7. :func:`trim_trailer` — short leftovers after the last paragraph (the site's name);
8. :func:`find_agency_credit` — the news agency the body credits ("نقلته وكالة ... تاس").

Every removed line is kept in :attr:`Cleaned.removed` with its kind, so a user can see
what was dropped and why.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


from .arabic import Normalized, fold
from .text import load_data_table

# --- tables ------------------------------------------------------------------------------

_EDGE_PUNCT = " \t:：-–—|/\\.,،;؛!?؟…\"'«»“”()[]{}<>*•·"


def key(text: str) -> str:
    """Normalized form used for table look-ups and comparisons."""
    s = fold(text)
    s = re.sub(r"\s+", " ", s)
    return s.strip(_EDGE_PUNCT)


@dataclass(frozen=True)
class ChromeTables:
    cut_markers: tuple[tuple[str, str], ...]  # (normalized phrase, kind)
    inline_link_markers: tuple[str, ...]
    continuation_words: tuple[str, ...]
    ui_lines: frozenset[str]
    count_units: frozenset[str]
    share_lines: frozenset[str]
    share_prefixes: tuple[str, ...]
    masthead_markers: tuple[str, ...]
    tag_prefixes: tuple[str, ...]
    source_prefixes: tuple[str, ...]
    published_prefixes: tuple[str, ...]
    byline_prefixes: tuple[str, ...]
    byline_words: tuple[str, ...]
    caption_prefixes: tuple[str, ...]
    photo_credits: tuple[str, ...]
    caption_cues: frozenset[str]
    not_verbs: frozenset[str]
    agency_cues: tuple[str, ...]
    agency_words: frozenset[str]
    agency_known: tuple[str, ...]


def _longest_first(items: list[str]) -> tuple[str, ...]:
    return tuple(sorted({key(i) for i in items if key(i)}, key=len, reverse=True))


@lru_cache(maxsize=1)
def tables() -> ChromeTables:
    data = load_data_table("chrome.yaml")
    cut: list[tuple[str, str]] = []
    for kind, phrases in data["cut_markers"].items():
        cut.extend((key(p), kind) for p in phrases)
    cut.sort(key=lambda kp: len(kp[0]), reverse=True)
    ag = data["agency_credit"]
    return ChromeTables(
        cut_markers=tuple(cut),
        inline_link_markers=_longest_first(data["inline_link_markers"]),
        continuation_words=_longest_first(data["continuation_words"]),
        ui_lines=frozenset(key(x) for x in data["ui_lines"]),
        count_units=frozenset(key(x) for x in data["count_units"]),
        share_lines=frozenset(key(x) for x in data["share_lines"]),
        share_prefixes=_longest_first(data["share_prefixes"]),
        masthead_markers=_longest_first(data["masthead_markers"]),
        tag_prefixes=_longest_first(data["tag_prefixes"]),
        source_prefixes=_longest_first(data["source_prefixes"]),
        published_prefixes=_longest_first(data["published_prefixes"]),
        byline_prefixes=_longest_first(data["byline_prefixes"]),
        byline_words=_longest_first(data["byline_words"]),
        caption_prefixes=_longest_first(data["caption_prefixes"]),
        photo_credits=_longest_first(data["photo_credits"]),
        caption_cues=frozenset(key(x) for x in data["caption_cues"]),
        not_verbs=frozenset(key(x) for x in data["not_verbs"]),
        agency_cues=_longest_first(ag["cues"]),
        agency_words=frozenset(key(x) for x in ag["agency_words"]),
        agency_known=_longest_first(ag["known"]),
    )


# --- lines -------------------------------------------------------------------------------


@dataclass
class Line:
    index: int  # line number in the input (0-based, blank lines counted)
    text: str  # stripped
    offset: int  # offset of ``text`` in the input
    indent: int  # leading whitespace characters in the input line
    norm: str  # key(text)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def letter_words(self) -> int:
        """Words with at least one letter (dates, numbers and separators not counted)."""
        return sum(1 for w in self.text.split() if any(c.isalpha() for c in w))


# no-break and other typographic spaces, and tabs: shown as plain spaces (one character
# for one, so offsets into the input stay exact)
_SPACE_LIKE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines of ``raw`` (newlines already normalized to "\\n"), stripped.

    A line's text is the input's characters at ``offset``, except that no-break spaces
    and tabs read as plain spaces (same length)."""
    out: list[Line] = []
    pos = 0
    for i, line in enumerate(raw.split("\n")):
        line = _SPACE_LIKE.sub(" ", line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append(Line(i, stripped, pos + lead, lead, key(stripped)))
        pos += len(line) + 1
    return out


_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?؟…](?:[\"'”»)\]]*)$")
_BULLET = re.compile(r"^[•·▪◦●■►▶✓✔]\s*")
_IMAGE_MD = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_WEATHER = re.compile(r"^-?\d{1,2}\s*°\s*[CFcf]?$")
_ONLY_PUNCT = re.compile(r"^[\W_]+$")
_BREADCRUMB = re.compile(r"\s(?:»|›|>|/|\\)\s")
_BYLINE = re.compile(r"^(?P<place>[^\d\-–—|:،,.]{2,30}?)\s+[-–—]\s+(?P<name>[^\d\-–—|:،,.]{3,40})$")


_ARABIC_LETTER = re.compile(r"(?=[^\W\d_])" + _ARABIC.pattern)


def arabic_ratio(text: str) -> float:
    """Share of Arabic letters among the letters of ``text``."""
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    return len(_ARABIC_LETTER.findall(text)) / letters


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_paragraph(line: Line) -> bool:
    """Running text rather than a heading or a menu entry."""
    return line.words >= 15 or (line.words >= 8 and ends_sentence(line.text))


def _after_prefix(norm: str, prefixes: tuple[str, ...], seps: str = ":-|") -> str | None:
    """The rest of ``norm`` after one of ``prefixes`` and a separator (None if no match)."""
    for p in prefixes:
        if norm == p:
            return ""
        if norm.startswith(p):
            rest = norm[len(p):]
            if rest[:1] == " " and " " in seps:
                return rest.strip()
            stripped = rest.lstrip()
            if stripped[:1] and stripped[0] in seps:
                return stripped[1:].strip()
    return None


def cut_marker(line: Line) -> str | None:
    """Kind of block ("related", "comments") that ``line`` opens, if any."""
    n = line.norm
    for phrase, kind in tables().cut_markers:
        if n == phrase:
            return kind
        if not n.startswith(phrase):
            continue
        rest = n[len(phrase):]
        multiword = " " in phrase
        if rest[:1] in (":", "-", "|", "(") or rest.lstrip()[:1] in (":", "-", "|", "("):
            return kind
        if rest.strip().isdigit():  # "التعليقات 5"
            return kind
        if multiword and rest[:1] and _ARABIC.match(rest[0]):  # glued to the first headline
            return kind
        if multiword and rest[:1] == " " and not ends_sentence(line.text) and line.words <= 20:
            return kind
    return None


def _split_byline(text: str) -> tuple[str, str] | None:
    m = _BYLINE.match(text)
    if not m:
        return None
    place, name = m.group("place").strip(), m.group("name").strip()
    if len(place.split()) > 3 or len(name.split()) > 4 or arabic_ratio(text) < 0.5:
        return None
    return place, name


def _place_byline(line: Line, meta: dict[str, Any]) -> bool:
    """"موسكو - حسن عمارة": place and author, above the article's first paragraph."""
    if line.words > 8 or ends_sentence(line.text):
        return False
    bl = _split_byline(line.text)
    if not bl:
        return False
    _note_meta(meta, "byline", {"dateline_place": bl[0], "byline": bl[1]})
    return True


def _has_present_verb(norm: str) -> bool:
    """Whether a word may be a verb in the present tense (ي/ت/ن/أ prefix, no article).

    Deliberately loose: nouns such as "تقرير" also count, so a line is only taken for a
    caption when nothing in it can be a verb."""
    from . import morphology

    t = tables()
    prefixes = morphology.function_words("present_prefixes")
    for w in norm.split():
        w2 = morphology.strip(w, "present_verb")
        if w2[:1] in prefixes and len(w2) >= 3 and w2 not in t.not_verbs:
            return True
    return False


def classify_line(line: Line) -> tuple[str, dict[str, Any]] | None:
    """What ``line`` is on its own, when it is chrome or metadata: ``(kind, details)``.

    Context-free: bullets, tickers and captions without credit depend on where the line
    stands and are judged by the pipeline, not here.
    """
    t = tables()
    n, text = line.norm, line.text
    if _IMAGE_MD.match(text):
        return "image", {}
    if not n or _ONLY_PUNCT.match(text):
        return "separator", {}
    if n in t.ui_lines or _WEATHER.match(text):
        return "ui", {}
    m = re.match(r"^(\d+)\s+(\S+)$", n)
    if m and m.group(2) in t.count_units:
        return "menu", {}
    if n in t.share_lines or (line.words <= 15 and _after_prefix(n, t.share_prefixes, seps=":-| ") is not None):
        return "share", {}
    if any(mk in n for mk in t.masthead_markers) and not is_paragraph(line):
        return "masthead", {}
    rest = _after_prefix(n, t.tag_prefixes)
    if rest is not None and not ends_sentence(text):
        return "tags", {}
    src = _source_line(line)
    if src is not None:
        return "source", src
    pub = _published_line(line)
    if pub is not None:
        return "published", pub
    if line.words <= 8 and not ends_sentence(text):
        if _BREADCRUMB.search(text) and (text.count("»") or text.count("›") or n.startswith(key("الرئيسية"))):
            return "breadcrumb", {}
        rest = _after_prefix(n, t.byline_prefixes, seps=":")
        if rest:
            return "byline", {"byline": _orig_after_colon(text)}
        rest = _after_prefix(n, t.byline_words, seps=" ")
        if rest and line.words <= 5 and arabic_ratio(text) >= 0.5:  # "كتب محمد عبد الرحمن"
            return "byline", {"byline": text.split(None, 1)[1].strip()}
    agency = _agency_only_line(text)
    if agency:
        return "source", {"credited_source": agency}
    if _is_credited_caption(line):
        return "caption", {}
    if arabic_ratio(text) == 0 and line.words <= 3 and not re.search(r"\d", text):
        return "ui", {}  # Latin-only labels in an Arabic page: "Beirut", "Stories"
    return None


def _agency_only_line(text: str) -> str | None:
    """A line that is only a news agency's name, as closing credit: "(رويترز)"."""
    inner = text.strip()
    if not (inner.startswith("(") and inner.endswith(")")) or len(inner.split()) > 5:
        return None
    inner = inner[1:-1].strip()
    k = key(inner)
    if k in tables().agency_known or (k.startswith("وكاله ") and any(w in tables().agency_words for w in k.split())):
        return inner
    return None


def _orig_after_colon(text: str) -> str:
    for sep in (":", "：", "|"):
        if sep in text:
            return text.split(sep, 1)[1].strip()
    return text


def _source_line(line: Line) -> dict[str, Any] | None:
    """``المصدر: X`` (optionally ``| date``) -> {"credited_source", "published", "published_text"}."""
    t = tables()
    if _after_prefix(line.norm, t.source_prefixes, seps=":") is None or line.words > 20:
        return None
    body = _orig_after_colon(line.text) if ":" in line.text or "：" in line.text else ""
    parts = [p.strip() for p in re.split(r"\s*\|\s*", body) if p.strip()]
    out: dict[str, Any] = {}
    if parts and len(parts[0].split()) <= 6:
        out["credited_source"] = parts[0].strip(" .،")
    for p in parts[1:]:
        d = parse_date(p)
        if d:
            out["published"], out["published_text"] = d, line.text
            break
    return out if out else None


def _published_line(line: Line) -> dict[str, Any] | None:
    t = tables()
    if line.words > 14:
        return None
    labelled = _after_prefix(line.norm, t.published_prefixes, seps=":|-") is not None
    if not labelled:
        # "نشر في 12/1/2025": without a colon only when a number follows the prefix
        rest = _after_prefix(line.norm, t.published_prefixes, seps=" ")
        if rest is None or not rest[:1].isdigit():
            return None
    d = parse_date(_orig_after_colon(line.text) if ":" in line.text else line.text)
    if d is None:
        # a labelled publication line is chrome even when its date cannot be read
        return {} if labelled else None
    return {"published": d, "published_text": line.text}


def _is_credited_caption(line: Line) -> bool:
    """A short line naming a photo or its credit: "صورة من الأرشيف / X / AP"."""
    t = tables()
    if line.words > 16 or ends_sentence(line.text) and not line.text.endswith(")"):
        return False
    n = line.norm
    if any(n == p or n.startswith(p + " ") for p in t.caption_prefixes) and (" / " in line.text or line.words <= 8):
        return True
    tail = re.split(r"\s*[/|]\s*|[()]", line.text.rstrip(" )"))
    last = key(tail[-1]) if tail else ""
    if ("/" in line.text or line.text.rstrip().endswith(")")) and last in t.photo_credits:
        return True
    return False


def is_uncredited_caption(line: Line) -> bool:
    """A photo caption without credit: a short definite noun phrase with a caption cue
    ("خلال", "أثناء") and no present-tense verb or colon (so not a headline)."""
    t = tables()
    if not (3 <= line.words <= 12) or ends_sentence(line.text) or ":" in line.text:
        return False
    words = line.norm.split()
    if not words[0].startswith("ال"):
        return False
    if not any(w in t.caption_cues for w in words[1:]):
        return False
    return not _has_present_verb(line.norm)


def parse_date(text: str) -> dt.date | None:
    """A publication date written in ``text`` (via :func:`helpers.dates.parse_dateline`)."""
    try:
        from .dates import parse_dateline
    except ImportError:  # the date module is not installed: dates are unknown, not guessed
        return None
    try:
        return parse_dateline(text)
    except (ValueError, TypeError):
        return None


def dateline_date(line: Line) -> dt.date | None:
    """The date of a short line that is only a dateline ("الخميس ١٤ / نوفمبر / ٢٠٢٤")."""
    if line.words > 9 or is_paragraph(line):
        return None
    return parse_date(line.text)


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


def _removed(line: Line, kind: str) -> dict[str, Any]:
    return {"kind": kind, "text": line.text, "offset": line.offset}


def _note_meta(meta: dict[str, Any], kind: str, details: dict[str, Any]) -> None:
    for k, v in details.items():
        if v and k not in meta:
            meta[k] = v


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
        and not _BULLET.match(text)
        and not (line.words >= 20 and ends_sentence(text))
    )


def _head_kind(line: Line, bullets: set[str], meta: dict[str, Any]) -> str | None:
    """Kind of chrome of a line above the article (None: it may be the headline or text).

    ``bullets`` collects the menu entries seen so far (their expanded copies follow)."""
    bullet = _BULLET.match(line.text)
    if bullet:
        bullets.add(key(line.text[bullet.end():]))
        return "menu"
    if line.indent >= 2 and line.norm in bullets:  # expanded copy of a menu entry
        return "menu"
    cls = classify_line(line)
    if cls:
        kind, details = cls
        _note_meta(meta, kind, details)
        return kind
    if cut_marker(line):
        return "related"
    if dateline_date(line) is not None:
        # an unlabelled date above the headline is the site's "today" widget, not the
        # article's date (that one is labelled, or stands under the headline)
        return "page_date"
    if _is_ticker(line):
        return "ticker"
    if _place_byline(line, meta):
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
    removed.extend(_removed(lines[i], kinds.get(i, "menu")) for i in range(stop))
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
    rest = _after_prefix(line.norm, tables().inline_link_markers, seps=":-|")
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
                removed.append(_removed(line, kind))
                continue
            removed.extend(_removed(x, kind) for x in body[i:])
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
            _note_meta(meta, kind, details)
            removed.append(_removed(line, kind))
            continue
        if line.norm == title.norm or (not is_paragraph(line) and _similar(line.norm, title.norm) >= 0.9):
            removed.append(_removed(line, "caption"))
            continue
        if not seen_paragraph and not is_paragraph(line):
            if _place_byline(line, meta):
                removed.append(_removed(line, "byline"))
                continue
            d = dateline_date(line)
            if d is not None:
                _note_meta(meta, "dateline", {"published": d, "published_text": line.text})
                removed.append(_removed(line, "dateline"))
                continue
            nxt = body[i + 1] if i + 1 < len(body) else None
            prev = body[i - 1] if i > 0 else None
            if (nxt and nxt.norm == line.norm) or (prev and prev.norm == line.norm and not is_paragraph(prev)):
                removed.append(_removed(line, "caption"))
                continue
        if is_paragraph(line):
            seen_paragraph = True
        keep.append(line)
    return keep


def _similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _shingles(norm: str, n: int = 3) -> list[tuple[str, ...]]:
    words = re.findall(r"\w+", norm)
    return [tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))]


def _coverage(norm: str, seen: set[tuple[str, ...]]) -> float:
    """Share of the words of ``norm`` covered by a word 3-gram already seen."""
    words = re.findall(r"\w+", norm)
    if len(words) < 3:
        return 0.0
    covered = [False] * len(words)
    for i in range(len(words) - 2):
        if tuple(words[i:i + 3]) in seen:
            covered[i] = covered[i + 1] = covered[i + 2] = True
    return sum(covered) / len(words)


NEAR_DUPLICATE = 0.8


def drop_duplicates(title: Line, body: list[Line], removed: list[dict[str, Any]]) -> list[Line]:
    """Paragraphs printed twice: the first occurrence stays.

    A paragraph is a near duplicate when at least 80 % of its words lie in word 3-grams
    already printed (rewording of a word or two, or two earlier paragraphs merged into
    one).  When the article ends with a block of three or more paragraphs most of which
    (two in three) repeat earlier ones, the whole block is a re-print of an earlier
    version of the story and goes, together with the paragraphs mixed into it.
    """
    seen: set[tuple[str, ...]] = set(_shingles(title.norm))
    exact: dict[str, int] = {title.norm: -1}
    keep: list[Line] = []
    dup_of: list[int | None] = []  # for every kept-or-dropped body line: index of its original
    all_lines: list[Line] = []
    for line in body:
        orig: int | None = None
        if line.norm in exact:
            orig = exact[line.norm]
        elif len(re.findall(r"\w+", line.norm)) >= 8 and _coverage(line.norm, seen) >= NEAR_DUPLICATE:
            orig = _near_original(line.norm, all_lines, dup_of)
        all_lines.append(line)
        dup_of.append(orig)
        if orig is None:
            exact.setdefault(line.norm, len(all_lines) - 1)
            seen.update(_shingles(line.norm))
    # a re-printed block at the end
    start = _reprint_start(dup_of)
    for i, line in enumerate(all_lines):
        if dup_of[i] is not None:
            removed.append(_removed(line, "duplicate"))
        elif start is not None and i >= start:
            removed.append(_removed(line, "duplicate"))
        else:
            keep.append(line)
    return keep


def _near_original(norm: str, lines: list[Line], dup_of: list[int | None]) -> int | None:
    """The earlier paragraph ``norm`` repeats, or None when it only resembles earlier ones.

    The originals are the earlier paragraphs that share the most word 3-grams with it,
    taken while each adds words it covers (two paragraphs merged into one).  A repeat
    states the same numbers and dates as its originals together (:func:`number_signature`):
    "قتل 12 شخصا يوم الأحد" printed again as "قتل 14 شخصا يوم الاثنين" is a new fact,
    not a repeat."""
    mine = _shingles(norm)
    mine_set = set(mine)
    scored = []
    for i, line in enumerate(lines):
        if dup_of[i] is not None:
            continue
        shared = mine_set & set(_shingles(line.norm))
        if shared:
            scored.append((len(shared), -i, i, shared))
    if not scored:
        return None
    scored.sort(reverse=True)
    covered: set[tuple[str, ...]] = set()
    originals: list[int] = []
    for _, _, i, shared in scored:
        if shared - covered:
            originals.append(i)
            covered |= shared
    want = number_signature(norm)
    have: Counter[str] = Counter()
    for i in originals:
        have += number_signature(lines[i].norm)
    if want != have:
        return None
    return originals[0]


_DIGIT_RUN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def number_signature(norm: str) -> Counter[str]:
    """The numbers and date words of a normalized paragraph, as a multiset: digit runs
    (Arabic-Indic digits are already folded), number words read as their value
    ("ثلاثة آلاف" and "3000" are one number), ordinals, and the month and weekday names
    of the date tables."""
    sig: Counter[str] = Counter()
    rest = norm
    try:
        from .numbers import find_cardinals, find_ordinals
    except ImportError:  # pragma: no cover - the numbers module ships with the package
        find_cardinals = find_ordinals = None
    if find_cardinals is not None:
        chars = list(norm)
        for c in find_cardinals(norm):
            sig[str(c.value)] += 1
            chars[c.start:c.end] = " " * (c.end - c.start)
        for s, e, v in find_ordinals(norm):
            if norm[s:e].strip() and not norm[s:e].strip()[0].isdigit():
                sig[f"#{v}"] += 1
                chars[s:e] = " " * (e - s)
        rest = "".join(chars)
    for m in _DIGIT_RUN.finditer(rest):
        sig[m.group().lstrip("0") or "0"] += 1
    from . import morphology

    names = _date_names()
    for w in morphology.words(norm):
        cand = morphology.strip(w.text, "date_name", names)
        if cand:
            sig[names[cand]] += 1
    return sig


@lru_cache(maxsize=1)
def _date_names() -> dict[str, str]:
    """Month and weekday names (folded, one word) -> "month:N" / "weekday:N"."""
    try:
        from .dates import name_tables
    except ImportError:  # pragma: no cover
        return {}
    t = name_tables()
    out: dict[str, str] = {}
    for table, tag in (("months", "month"), ("hijri_months", "hmonth"), ("weekdays", "weekday")):
        for name, num in t[table].items():
            if " " not in name:  # two-word names ("كانون الثاني") differ in an ordinal
                out.setdefault(name, f"{tag}:{num}")
    return out


def _reprint_start(dup_of: list[int | None]) -> int | None:
    n = len(dup_of)
    for s in range(n):
        block = dup_of[s:]
        if len(block) < 3:
            break
        dups = [o for o in block if o is not None]
        if len(dups) * 3 < len(block) * 2:
            continue
        if all(o < s for o in dups):
            return s
    return None


def trim_trailer(body: list[Line], removed: list[dict[str, Any]]) -> list[Line]:
    """Short lines after the last paragraph that are not sentences (the site's name,
    a lone label) are page furniture left over from the cut."""
    end = len(body)
    while end > 0 and not is_paragraph(body[end - 1]) and body[end - 1].words <= 3 and not ends_sentence(body[end - 1].text):
        end -= 1
    if end == 0:
        return body
    removed.extend(_removed(x, "trailer") for x in body[end:])
    return body[:end]


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
    from .arabic import normalize

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


def _body_agency_credit(title: Line, body: list[Line]) -> str | None:
    """:func:`find_agency_credit` of the body, normalized as part of the article's text
    (title, newline, body: the string extraction normalizes next, so that work is shared
    through :func:`helpers.arabic.normalize`'s cache rather than done twice)."""
    from .arabic import Normalized, normalize

    body_text = "\n".join(x.text for x in body)
    full = normalize(title.text + "\n" + body_text)
    off = len(title.text) + 1
    k = full.norm_index(off)
    if not _agency_cue_re().search(full.text, k):
        return None
    src = full._src
    norm = Normalized(body_text, full.text[k:], tuple(i - off for i in src[k:]))
    return find_agency_credit(body_text, norm)


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
            removed.extend(_removed(x, classify_line(x)[0] if classify_line(x) else "masthead") for x in lines[:t_idx])
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
    body = drop_chrome(title, body, removed, meta)
    body = drop_duplicates(title, body, removed)
    body = trim_trailer(body, removed)
    if "credited_source" not in meta and body:
        agency = _body_agency_credit(title, body)
        if agency:
            meta["credited_source"] = agency
            meta["credited_source_basis"] = "body"
    return Cleaned(title, body, removed, meta)
