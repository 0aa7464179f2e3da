"""The lines of a captured page and what each one is on its own.

:func:`split_lines` cuts the text into :class:`Line` objects; the predicates below read
a line as running text, a heading, a menu entry, a byline, a caption, a source credit or
a dateline (:func:`classify_line` is the one the pipeline asks first).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..lang import morphology
from .phrases import key, tables


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
BULLET = re.compile(r"^[•·▪◦●■►▶✓✔]\s*")
_IMAGE_MD = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
# a weather widget's temperature: "24°", "24 °C", "36.5 C", "18°م"
_WEATHER = re.compile(r"^-?\d{1,2}(?:[.,]\d{1,2})?\s*(?:°\s*[CFcfم]?|[CF])$")
_TEMPERATURE = re.compile(r"-?\d{1,2}(?:[.,]\d{1,2})?\s*°")
HASHTAG = re.compile(r"(?<![\w&])#\w+")
_ONLY_PUNCT = re.compile(r"^[\W_]+$")
_BREADCRUMB = re.compile(r"\s(?:»|›|>|/|\\)\s")
_CRUMB_SEP = re.compile(r"^\s*(?:»|›|>|/|\\|\||<|«|‹|\"|:)")  # matched on folded text: » and « read as "
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


def after_prefix(norm: str, prefixes: tuple[str, ...], seps: str = ":-|") -> str | None:
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


def place_byline(line: Line, meta: dict[str, Any]) -> bool:
    """"موسكو - حسن عمارة": place and author, above the article's first paragraph."""
    if line.words > 8 or ends_sentence(line.text):
        return False
    bl = _split_byline(line.text)
    if not bl:
        return False
    note_meta(meta, "byline", {"dateline_place": bl[0], "byline": bl[1]})
    return True


def _has_present_verb(norm: str) -> bool:
    """Whether a word may be a verb in the present tense (ي/ت/ن/أ prefix, no article).

    Deliberately loose: nouns such as "تقرير" also count, so a line is only taken for a
    caption when nothing in it can be a verb."""
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
    if n in t.ui_lines or _WEATHER.match(text) or (line.words <= 6 and _TEMPERATURE.search(text) and not ends_sentence(text)):
        return "ui", {}
    m = re.match(r"^(\d+)\s+(\S+)$", n)
    if m and m.group(2) in t.count_units:
        return "menu", {}
    if n in t.share_lines or (line.words <= 15 and after_prefix(n, t.share_prefixes, seps=":-| ") is not None):
        return "share", {}
    if any(mk in n for mk in t.masthead_markers) and not is_paragraph(line):
        return "masthead", {}
    rest = after_prefix(n, t.tag_prefixes)
    if rest is not None and not ends_sentence(text):
        return "tags", {}
    src = _source_line(line)
    if src is not None:
        return "source", src
    pub = _published_line(line)
    if pub is not None:
        return "published", pub
    if is_cookie_notice(line):
        return "cookies", {}
    if _home_breadcrumb(line):
        return "breadcrumb", {}
    if hashtag_share(line) >= 0.6:  # "#السيول #الطريق_الساحلي": a hashtag list
        return "tags", {}
    if line.words <= 8 and not ends_sentence(text):
        if _BREADCRUMB.search(text) and (text.count("»") or text.count("›") or n.startswith(key("الرئيسية"))):
            return "breadcrumb", {}
        rest = after_prefix(n, t.byline_prefixes, seps=":")
        if rest:
            return "byline", {"byline": _orig_after_colon(text)}
        rest = after_prefix(n, t.byline_words, seps=" ")
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


def is_cookie_notice(line: Line) -> bool:
    """The site's cookie banner: it names cookies and speaks to the reader about the
    site or their consent ("نستعمل في موقعنا ملفات تعريف الارتباط ... أوافق")."""
    t = tables()
    n = line.norm
    if line.words > 80 or not any(term in n for term in t.cookie_terms):
        return False
    return any(cue in n for cue in t.cookie_cues)


def _home_breadcrumb(line: Line) -> bool:
    """"الرئيسية / سياسة / <the headline>": the trail opens with the home page's name and
    a separator; its last step may be the whole headline, so any length up to 40 words."""
    if line.words > 40:
        return False
    n = line.norm
    for home in tables().breadcrumb_homes:
        if n.startswith(home) and _CRUMB_SEP.match(n[len(home):]):
            return True
    return False


def hashtag_share(line: Line) -> float:
    """Share of the line's words that are hashtags ("#السيول #الشمال" -> 1.0)."""
    words = line.text.split()
    if not words:
        return 0.0
    return sum(1 for w in words if HASHTAG.fullmatch(w.strip(".,،؛:|"))) / len(words)


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
    if after_prefix(line.norm, t.source_prefixes, seps=":") is None or line.words > 20:
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
    labelled = after_prefix(line.norm, t.published_prefixes, seps=":|-") is not None
    if not labelled:
        # "نشر في 12/1/2025": without a colon only when a number follows the prefix
        rest = after_prefix(line.norm, t.published_prefixes, seps=" ")
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
    if any(n == p or n.startswith((p + " ", p + ":")) for p in t.caption_prefixes) and (" / " in line.text or line.words <= 8):
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
    """A publication date written in ``text`` (via :func:`helpers.extractors.dates.parse_dateline`)."""
    from ..extractors.dates import parse_dateline  # here: the date module reads the cleaner's tables

    try:
        return parse_dateline(text)
    except (ValueError, TypeError):
        return None


# what closes a dateline that opens a paragraph: an agency in brackets or between
# slashes, then a dash or a colon ("الخرطوم 25 أبريل 2023 (وال)- ...", "جنيف 1 يوليو
# 2024 – ...", "القاهرة 3 مايو 2024 /أ ش أ/ ...")
_LEAD_CLOSE = re.compile(r"[^\S\n]*(?:[(（][^()\n]{1,40}[)）][^\S\n]*)?(?:/[^/\n]{1,30}/|[-–—:ـ])")


def lead_dateline(line: Line) -> dict[str, Any] | None:
    """A dateline opening a paragraph: at most three words (the place) and a complete
    date, closed by an agency credit, a dash or a colon.  The paragraph stays the
    article's text; its date is the publication date ({"published", "published_text"})."""
    head = line.text[:160]
    from ..extractors.dates import first_full_date  # as in parse_date

    found = first_full_date(head)
    if found is None:
        return None
    day, start, end = found
    place = head[:start].split()
    if len(place) > 3 or not all(w.isalpha() for w in place):
        return None
    close = _LEAD_CLOSE.match(head, end)
    if close is None:
        return None
    return {"published": day, "published_text": head[:close.end()].strip()}


_DATE_JOIN = re.compile(r"\s+[-–—|]\s+")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?:\s*\S{1,3})?$")


def dateline_date(line: Line) -> dt.date | None:
    """The date of a short line that is only a dateline ("الخميس ١٤ / نوفمبر / ٢٠٢٤"), or
    only dates and times joined by dashes or bars ("الأحد 24 صفر 1445 هـ - 10 سبتمبر 2023
    م", the Hijri and the Gregorian date side by side)."""
    if line.words <= 9:
        return None if is_paragraph(line) else parse_date(line.text)
    if line.words > 16 or ends_sentence(line.text):
        return None
    parts = _DATE_JOIN.split(line.text)
    if len(parts) < 2 or any(len(p.split()) > 9 for p in parts):
        return None
    if not all(_CLOCK.match(p) or parse_date(p) for p in parts):
        return None
    return parse_date(line.text)


# --- what the steps record ---------------------------------------------------------------


def removal(line: Line, kind: str) -> dict[str, Any]:
    return {"kind": kind, "text": line.text, "offset": line.offset}


def note_meta(meta: dict[str, Any], kind: str, details: dict[str, Any]) -> None:
    for k, v in details.items():
        if v and k not in meta:
            meta[k] = v

