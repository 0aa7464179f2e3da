"""A story's ``match:`` section: which articles of an archive belong to the story.

::

    match:
      words:                      # every entry must occur in the title or body ...
        - كورسك
        - [كوريا الشمالية, بيونغ يانغ]   # ... a list entry: at least one of its phrases
      from: 2024-10-01            # publication window (either end may be left out)
      to: 2025-12-31
      outlets: [RT Arabic]        # optional: only these outlets (name or site)

The section is optional and read here, beside the story loader, which ignores it.
Phrases are compared folded like the text (:func:`helpers.lang.arabic.fold`), as
whole words that may carry a proclitic (و ف ب ل ك ال لل) or an attached pronoun.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import InputError

_PREFIX = r"(?:[وف]?(?:[بلك]|ال|لل|بال|كال)?)"
_SUFFIX = r"(?:ه|ها|هما|هم|هن|ي|يه|ين|ون|ات)?"


@dataclass
class StoryMatch:
    groups: list[tuple[str, ...]] = field(default_factory=list)  # each: alternatives
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outlets: tuple[str, ...] = ()
    _patterns: list[re.Pattern] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        from ..lang.arabic import fold

        self._patterns = []
        for group in self.groups:
            alts = []
            for phrase in group:
                words = [re.escape(w) for w in fold(phrase).split()]
                if words:
                    alts.append(r"\s+".join(words))
            if alts:
                self._patterns.append(re.compile(
                    rf"(?<!\w){_PREFIX}(?:{'|'.join(alts)}){_SUFFIX}(?!\w)"))

    def matches_text(self, text: str) -> bool:
        """Whether every word group occurs in ``text``."""
        if not self._patterns:
            return True
        from ..lang.arabic import fold

        folded = fold(text)
        return all(p.search(folded) for p in self._patterns)


def _date(value: Any, where: str, path: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(path, f"match: {where} {value!r} is not a date (YYYY-MM-DD)") from None


def _group(entry: Any, path: str) -> tuple[str, ...]:
    if isinstance(entry, (str, int, float)):
        return (str(entry),)
    if isinstance(entry, list) and entry and all(isinstance(x, (str, int, float)) for x in entry):
        return tuple(str(x) for x in entry)
    raise InputError(path, f"match: words: {entry!r} is neither a phrase nor a list of phrases")


def story_match(path: str | os.PathLike) -> StoryMatch:
    """The ``match:`` section of the story file at ``path`` (an empty match when it has
    none: every article).  A malformed file or section raises :class:`InputError`."""
    import yaml

    spath = os.fspath(path)
    try:
        with open(spath, encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except FileNotFoundError:
        raise InputError(spath, "no such story file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(spath, f"cannot read the story ({e.__class__.__name__})") from None
    except yaml.YAMLError:
        raise InputError(spath, "not valid YAML") from None
    if not isinstance(raw, dict):
        raise InputError(spath, "a story file is a YAML mapping")
    section = raw.get("match") or {}
    if not isinstance(section, dict):
        raise InputError(spath, "match: must be a mapping (words, from, to, outlets)")
    unknown = sorted(set(section) - {"words", "from", "to", "outlets"})
    if unknown:
        raise InputError(spath, f"match: unknown key(s) {', '.join(map(str, unknown))}")
    words = section.get("words") or []
    if not isinstance(words, list):
        words = [words]
    outlets = section.get("outlets") or []
    if isinstance(outlets, str):
        outlets = [outlets]
    return StoryMatch(groups=[_group(w, spath) for w in words],
                      date_from=_date(section.get("from"), "from", spath),
                      date_to=_date(section.get("to"), "to", spath),
                      outlets=tuple(str(o) for o in outlets))
