"""The phrase tables of the cleaner (``data/chrome.yaml``) and :func:`key`, the normalized
form that lines are matched against them on."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang.arabic import fold
from ..lang.tables import load_data_table


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
    cookie_terms: tuple[str, ...]
    cookie_cues: tuple[str, ...]
    breadcrumb_homes: tuple[str, ...]
    post_signature_prefixes: tuple[str, ...]
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
        cookie_terms=_longest_first(data["cookie_notice"]["terms"]),
        cookie_cues=_longest_first(data["cookie_notice"]["cues"]),
        breadcrumb_homes=_longest_first(data["breadcrumb_homes"]),
        post_signature_prefixes=_longest_first(data["post_signature_prefixes"]),
        agency_cues=_longest_first(ag["cues"]),
        agency_words=frozenset(key(x) for x in ag["agency_words"]),
        agency_known=_longest_first(ag["known"]),
    )
