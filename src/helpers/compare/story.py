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
from ..read.limits import format_size

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


MAX_STORY_BYTES = 1 << 20  # a story is a few kilobytes; a larger file is refused unread
MAX_ALIASES = 100  # YAML aliases (``*name``) a story may use
MAX_ALIAS_NODES = 10_000  # values those aliases stand for, counted expanded


class YAMLLimit(yaml.YAMLError):
    """A YAML document refused before it is built; ``str()`` is the reason."""


class CountingLoader(yaml.SafeLoader):
    """PyYAML's safe loader that counts alias uses and the values they expand to (an
    alias of an alias counts everything it stands for), and refuses a document beyond
    :data:`MAX_ALIASES` uses, :data:`MAX_ALIAS_NODES` values or an alias inside its own
    anchor — a "billion laughs" stops at its first lines instead of filling memory."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self.aliases = 0
        self.alias_nodes = 0
        self._sizes: dict[int, int] = {}
        self._open: set[int] = set()

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            node = self.anchors.get(self.peek_event().anchor)
            if node is not None:
                self._count_alias(node)
        return super().compose_node(parent, index)

    def compose_sequence_node(self, anchor: Any) -> Any:
        return self._composing(super().compose_sequence_node, anchor)

    def compose_mapping_node(self, anchor: Any) -> Any:
        return self._composing(super().compose_mapping_node, anchor)

    def _composing(self, compose: Any, anchor: Any) -> Any:
        if anchor is None:
            return compose(anchor)
        self._open.add(anchor)
        try:
            return compose(anchor)
        finally:
            self._open.discard(anchor)

    def _count_alias(self, node: Any) -> None:
        anchor = self.peek_event().anchor
        if anchor in self._open:
            raise YAMLLimit(f"YAML alias *{anchor} inside its own anchor (a recursive story)")
        self.aliases += 1
        self.alias_nodes += self._size(node)
        if self.aliases > MAX_ALIASES:
            raise YAMLLimit(f"more than {MAX_ALIASES} YAML aliases")
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise YAMLLimit(f"YAML aliases expand to more than {MAX_ALIAS_NODES:,} values")

    def _size(self, node: Any) -> int:
        """Values under ``node`` once every alias is expanded (each node counted once)."""
        key = id(node)
        if key not in self._sizes:
            if isinstance(node, yaml.SequenceNode):
                n = 1 + sum(self._size(x) for x in node.value)
            elif isinstance(node, yaml.MappingNode):
                n = 1 + sum(self._size(k) + self._size(v) for k, v in node.value)
            else:
                n = 1
            self._sizes[key] = n
        return self._sizes[key]


def _read_yaml(spath: str) -> Any:
    """The story file's YAML, after the size check; InputError on anything wrong."""
    try:
        size = os.stat(spath).st_size
        if size > MAX_STORY_BYTES:
            raise InputError(spath, f"story file larger than {format_size(MAX_STORY_BYTES)} "
                                    f"({format_size(size)}); a story is a short YAML file")
        with open(spath, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=CountingLoader)  # noqa: S506 - a SafeLoader
    except FileNotFoundError:
        raise InputError(spath, "no such story file") from None
    except IsADirectoryError:
        raise InputError(spath, "is a folder, not a story file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(spath, f"cannot read the story ({e.__class__.__name__})") from None
    except YAMLLimit as e:
        raise InputError(spath, f"refused: {e}") from None
    except RecursionError:
        raise InputError(spath, "refused: YAML nested too deeply") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(spath, f"not valid YAML{at}") from None


_CACHE: dict[tuple[str, str, int, int], Story] = {}
_CACHE_SIZE = 8


def load_story(path: str | os.PathLike) -> Story:
    """Read a story catalogue.  A file that is missing, malformed, larger than
    :data:`MAX_STORY_BYTES` or whose aliases expand beyond the limits of
    :class:`CountingLoader` raises :class:`InputError` with one line naming the file and
    the problem.  A file is read once per process while its time and size stay the
    same; the same :class:`Story` is returned again (treat it as read-only)."""
    spath = os.fspath(path)
    try:
        st = os.stat(spath)
        key: tuple[str, str, int, int] | None = (spath, os.path.realpath(spath), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    try:
        story = _story(spath)
    except RecursionError:
        raise InputError(spath, "refused: YAML nested too deeply") from None
    if key is not None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = story
    return story


def _story(spath: str) -> Story:
    raw = _read_yaml(spath)
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
