"""A story file: the facts a fact-checker compares across outlets, and how each is found.

A story is a YAML file (``stories/kursk.yaml``); see its header for the rules.  Three
kinds of fact: ``count`` (a quantity mention matching a selector), ``presence`` (levels
such as ``explicit`` / ``clause`` / ``absent``) and ``date`` (a date near the words that
name the event).  :func:`load_story` reads and checks the file into a :class:`Story` of
:class:`FactRule`s; :mod:`helpers.compare.facts` applies it to an article.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..lang import morphology
from ..lang.arabic import fold
from ..model import InputError

FACT_KINDS = ("count", "presence", "date")


@dataclass(frozen=True)
class CueSet:
    # group → words → folded tokens; a group given as {instrument: KIND} is every legal
    # instrument of that kind the legal extractor recognizes ("معاهدة الشراكة", "الاتفاق")
    groups: tuple[Any, ...]
    within: int
    unless: frozenset[str] = frozenset()  # words that, inside the cue's span, void it


@dataclass
class FactRule:
    """One fact of the catalogue: what it is called and which mentions report it."""

    id: str
    kind: str
    label_ar: str
    label_en: str
    selector: dict[str, Any] = field(default_factory=dict)
    levels: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    absent: str = "absent"
    source: str = "attribution"  # or "none"
    source_from: str | None = None
    cues: list[CueSet] = field(default_factory=list)
    context: tuple[frozenset[str], int] | None = None


@dataclass
class Story:
    id: str
    title_ar: str
    title_en: str
    facts: list[FactRule]
    path: str = ""
    max_distance: int = 16
    separator_penalty: int = 4
    separators: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    negation_window: int = 2

    def fact(self, fact_id: str) -> FactRule:
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    @property
    def labels(self) -> dict[str, tuple[str, str, str]]:
        """fact id → (kind, Arabic label, English label)."""
        return {f.id: (f.kind, f.label_ar, f.label_en) for f in self.facts}


def _words(phrase: str) -> tuple[str, ...]:
    """A cue phrase as the words the text is matched word by word in (the same
    tokenizer as :attr:`TextContext.words`, so "شمال-شرق" is two words there and here)."""
    words = tuple(w.text for w in morphology.words(fold(str(phrase))))
    if not words:
        raise ValueError(f"cue {phrase!r} has no word in it")
    return words


def _selector(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or "kind" not in raw:
        raise ValueError(f"{where}: 'mentions' must be a mapping with at least 'kind'")
    return dict(raw)


def _fact(raw: Any, i: int) -> FactRule:
    where = f"fact #{i + 1}"
    if not isinstance(raw, dict) or not raw.get("id"):
        raise ValueError(f"{where}: each fact needs an 'id'")
    where = f"fact {raw['id']!r}"
    kind = raw.get("kind")
    if kind not in FACT_KINDS:
        raise ValueError(f"{where}: kind must be one of {', '.join(FACT_KINDS)}, not {kind!r}")
    f = FactRule(id=str(raw["id"]), kind=kind, label_ar=str(raw.get("label_ar") or raw["id"]),
                 label_en=str(raw.get("label_en") or raw.get("label_ar") or raw["id"]),
                 source=str(raw.get("source", "attribution")), source_from=raw.get("source_from"))
    if f.source not in ("attribution", "none"):
        raise ValueError(f"{where}: source must be 'attribution' or 'none'")
    if kind == "count":
        f.selector = _selector(raw.get("mentions"), where)
    elif kind == "presence":
        levels = raw.get("levels")
        if not isinstance(levels, list) or not levels:
            raise ValueError(f"{where}: a presence fact needs 'levels'")
        for lv in levels:
            if not isinstance(lv, dict) or "value" not in lv:
                raise ValueError(f"{where}: each level needs a 'value' and 'mentions'")
            f.levels.append((str(lv["value"]), _selector(lv.get("mentions"), where)))
        f.absent = str(raw.get("absent", "absent"))
    else:
        cues = raw.get("cues")
        if not isinstance(cues, list) or not cues:
            raise ValueError(f"{where}: a date fact needs 'cues'")
        for c in cues:
            groups = c.get("groups") if isinstance(c, dict) else None
            if not isinstance(groups, list) or not groups or not all(
                    (isinstance(g, list) and g) or (isinstance(g, dict) and g.get("instrument")) for g in groups):
                raise ValueError(f"{where}: each cue set needs 'groups', lists of words or {{instrument: KIND}}")
            parsed = tuple(tuple(_words(w) for w in g) if isinstance(g, list) else ("instrument", str(g["instrument"]))
                           for g in groups)
            f.cues.append(CueSet(parsed, int(c.get("within", 8)),
                                 frozenset(fold(str(w)) for w in c.get("unless", []))))
        ctx = raw.get("context")
        if ctx:
            f.context = (frozenset(fold(w) for w in ctx.get("words", [])), int(ctx.get("sentences_before", 0)))
    return f


def load_story(path: str | os.PathLike) -> Story:
    """Read a story catalogue.  A file that is missing or malformed raises
    :class:`InputError` with one line naming the file and the problem."""
    spath = os.fspath(path)
    try:
        with open(spath, encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except FileNotFoundError:
        raise InputError(spath, "no such story file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(spath, f"cannot read the story ({e.__class__.__name__})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(spath, f"not valid YAML{at}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("facts"), list) or not raw["facts"]:
        raise InputError(spath, "a story needs a 'facts' list")
    try:
        facts = [_fact(f, i) for i, f in enumerate(raw["facts"])]
    except (ValueError, TypeError, AttributeError) as e:
        raise InputError(spath, str(e)) from None
    ids = [f.id for f in facts]
    if len(set(ids)) != len(ids):
        raise InputError(spath, "fact ids must be unique")
    for f in facts:
        if f.source_from and f.source_from not in ids:
            raise InputError(spath, f"fact {f.id!r}: source_from names no fact ({f.source_from!r})")
    rules = raw.get("date_rules") or {}
    return Story(
        id=str(raw.get("id") or os.path.splitext(os.path.basename(spath))[0]),
        title_ar=str(raw.get("title_ar") or raw.get("title_en") or ""),
        title_en=str(raw.get("title_en") or raw.get("title_ar") or ""),
        facts=facts,
        path=spath,
        max_distance=int(rules.get("max_distance", 16)),
        separator_penalty=int(rules.get("separator_penalty", 4)),
        separators=frozenset(fold(str(s)) for s in rules.get("separators", ["،", ","])),
        negators=frozenset(fold(str(s)) for s in rules.get("negators", [])),
        negation_window=int(rules.get("negation_window", 2)),
    )
