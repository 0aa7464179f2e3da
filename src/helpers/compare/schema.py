"""The story file's schema: every key it may hold and every name a key may take.

:func:`helpers.compare.story.load_story` reads a story with these checks, so a typo is
refused instead of silently matching nothing.  Every refusal is a :class:`StoryError`
whose text is one line naming where the problem is, the key, and the nearest valid name
("fact 'deaths_total': unknown key 'categroy' (did you mean 'category'?)").  README's
"Writing a story file" section is the reference for what each key means.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, Iterable

FACT_KINDS = ("count", "presence", "date")

# what a count is of, and what happened to it (the quantity extractor's vocabulary)
UNITS = ("people", "soldiers", "officers", "generals", "money", "other")
CATEGORIES = ("killed", "wounded", "casualties", "missing", "captured", "detained", "displaced",
              "rescued", "evacuated", "affected", "deployed", "pledged", "spent", "needed", "other")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "up_to")
MENTION_KINDS = ("quantity", "date", "article_ref", "clause")
POLICIES = ("largest", "latest", "first")
CHARTS = {"count": ("bars", "over_time", "none"), "presence": ("table", "none"),
          "date": ("timeline", "none")}
SECTIONS = ("intro", "outlets", "matrix", "disagreements", "presence", "charts", "files")
LANGS = ("ar", "en")

STORY_KEYS = ("id", "title", "title_ar", "title_en", "sections", "facts", "date_rules", "match")
COMMON_FACT_KEYS = ("id", "kind", "label_ar", "label_en", "label", "about", "chart", "show_source",
                    "source")
# the keys a count fact selects its mentions by (each a name or a list of names, any matching)
COUNT_FILTERS = ("unit", "group", "category", "currency", "thing", "place", "source", "qualifier")
FACT_KEYS = {
    "count": COMMON_FACT_KEYS + COUNT_FILTERS + ("event", "pick", "total", "mentions", "source_from"),
    "presence": COMMON_FACT_KEYS + ("levels", "absent", "absent_label"),
    "date": COMMON_FACT_KEYS + ("cues", "context", "part"),
}
EVENT_KEYS = ("words", "within", "side", "after", "before")
SIDES = ("either", "after", "before")
LEVEL_KEYS = ("value", "label", "mentions")
CUE_KEYS = ("groups", "within", "unless")
CONTEXT_KEYS = ("words", "sentences_before")
SECTION_KEYS = ("title", "text")
DATE_RULE_KEYS = ("max_distance", "separator_penalty", "separators", "negators", "negation_window")
# a `mentions:` selector: fields of a mention (attributes or ``extra``)
MENTION_KEYS = ("kind", "unit", "category", "qualifier", "precision", "number", "instrument", "value",
                "attribution", "group", "currency", "thing", "place")
# the names a mention field may take, where the schema fixes them
VOCAB = {"unit": UNITS, "category": CATEGORIES, "qualifier": QUALIFIERS, "kind": MENTION_KINDS}
_ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")


class StoryError(ValueError):
    """One problem of a story file, as one line (the loader adds the file name)."""


def nearest(name: Any, valid: Iterable[str]) -> str:
    """" (did you mean 'x'?)" for the closest valid name, or "" when none is close."""
    close = difflib.get_close_matches(str(name), list(valid), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def fail(where: str, problem: str) -> StoryError:
    return StoryError(f"{where}: {problem}" if where else problem)


def check_keys(raw: dict, allowed: Iterable[str], where: str) -> None:
    """Refuse the first key of ``raw`` that is not in ``allowed``."""
    allowed = tuple(allowed)
    for key in raw:
        if key not in allowed:
            hint = nearest(key, allowed)
            if not hint and len(allowed) <= 6:
                hint = f"; valid keys: {', '.join(allowed)}"
            raise fail(where, f"unknown key {key!r}{hint}")


def mapping(raw: Any, where: str, what: str) -> dict:
    if not isinstance(raw, dict):
        raise fail(where, f"{what} must be a mapping (key: value lines), not {_shown(raw)}")
    return raw


def names(raw: Any, where: str, key: str) -> tuple[Any, ...]:
    """A name or a list of names as a tuple (``null`` kept: "the field is not given")."""
    items = raw if isinstance(raw, list) else [raw]
    if not items:
        raise fail(where, f"{key!r} is an empty list")
    for x in items:
        if x is not None and not isinstance(x, (str, int, float)):
            raise fail(where, f"{key!r} must be a name or a list of names, not {_shown(x)}")
    return tuple(x if x is None or isinstance(x, str) else str(x) for x in items)


def check_vocab(key: str, values: Iterable[Any], where: str) -> None:
    """A value of a field with a fixed vocabulary (unit, category, ...) must be one of it;
    a currency must be an ISO 4217 code."""
    if key == "currency":
        for v in values:
            if v is not None and not _ISO_CURRENCY.match(str(v)):
                hint = f" (did you mean {str(v).upper()!r}?)" if _ISO_CURRENCY.match(str(v).upper()) else ""
                raise fail(where, f"currency {v!r} is not a three-letter ISO code such as 'USD'{hint}")
        return
    vocab = VOCAB.get(key)
    if vocab is None:
        return
    for v in values:
        if v is not None and v not in vocab:
            raise fail(where, f"unknown {key} {v!r}{nearest(v, vocab)}; one of: {', '.join(vocab)}")


def choice(raw: Any, valid: Iterable[str], where: str, key: str) -> str:
    valid = tuple(valid)
    if raw not in valid:
        raise fail(where, f"unknown {key} {raw!r}{nearest(raw, valid)}; one of: {', '.join(valid)}")
    return str(raw)


def integer(raw: Any, where: str, key: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise fail(where, f"{key!r} must be a whole number, not {_shown(raw)}")
    return raw


def flag(raw: Any, where: str, key: str) -> bool:
    if not isinstance(raw, bool):
        raise fail(where, f"{key!r} must be true or false, not {_shown(raw)}")
    return raw


def day(raw: Any, where: str, key: str) -> dt.date:
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise fail(where, f"{key!r} must be a date written YYYY-MM-DD, not {_shown(raw)}") from None


def texts(raw: Any, where: str, key: str) -> dict[str, str]:
    """A text in both languages: one string for both, or ``{ar: ..., en: ...}``."""
    if isinstance(raw, str):
        return {"ar": raw, "en": raw}
    m = mapping(raw, where, repr(key))
    check_keys(m, LANGS, f"{where}: {key}")
    out = {lang: str(m[lang]) for lang in LANGS if m.get(lang) is not None}
    if not out:
        raise fail(where, f"{key!r} needs an 'ar' or an 'en' text")
    return {"ar": out.get("ar", out.get("en", "")), "en": out.get("en", out.get("ar", ""))}


def word_list(raw: Any, where: str, key: str) -> list[str]:
    if not isinstance(raw, list) or not raw or not all(isinstance(w, (str, int)) for w in raw):
        raise fail(where, f"{key!r} must be a list of words")
    return [str(w) for w in raw]


def _shown(v: Any) -> str:
    s = repr(v)
    return s if len(s) <= 40 else s[:37] + "..."
