"""A story file: the facts a fact-checker compares across outlets, and how each is found.

A story is a YAML file (``stories/kursk.yaml``; README's "Writing a story file" has the
reference of every key).  Three kinds of fact: ``count`` (quantity mentions selected by
unit, group, category, place, event, source ... and a policy to pick one, see
:mod:`helpers.compare.select`), ``presence`` (levels such as ``explicit`` / ``clause`` /
``absent``) and ``date`` (a date near the words that name the event).  The story also gives
its own title, section texts and chart choices.  :func:`load_story` reads and checks the
file (:mod:`helpers.compare.schema`: an unknown key or name is one line with the nearest
valid one) into a :class:`Story` of :class:`FactRule`s; :mod:`helpers.compare.facts`
applies it to an article.
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
from . import schema as sc
from .schema import FACT_KINDS, StoryError
from .select import CountSelect, Event

__all__ = ["FACT_KINDS", "CueSet", "FactRule", "Story", "StoryError", "load_story"]


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
    select: CountSelect | None = None  # count facts
    levels: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    level_labels: dict[str, dict[str, str]] = field(default_factory=dict)  # value → {ar, en}
    absent: str = "absent"
    source: str = "attribution"  # or "none": the facts table shows no source for it
    source_from: str | None = None
    cues: list[CueSet] = field(default_factory=list)
    context: tuple[frozenset[str], int] | None = None
    part: str = "start"  # date facts: "end" reads the end of a date range
    chart: str = ""  # bars | over_time | table | timeline | none (default by kind)
    about: dict[str, str] = field(default_factory=dict)  # what the fact is, per language

    @property
    def selector(self) -> dict[str, Any]:
        """The raw ``mentions:`` part of a count fact's selection (``{kind: quantity}``)."""
        return dict(self.select.base) if self.select else {}

    def label(self, lang: str = "ar") -> str:
        return self.label_en if lang == "en" else self.label_ar


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
    # section id → {"title": {ar, en}, "text": {ar, en}} (either may be missing)
    sections: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def fact(self, fact_id: str) -> FactRule:
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    @property
    def labels(self) -> dict[str, tuple[str, str, str]]:
        """fact id → (kind, Arabic label, English label)."""
        return {f.id: (f.kind, f.label_ar, f.label_en) for f in self.facts}

    def title(self, lang: str = "ar") -> str:
        return self.title_en if lang == "en" else self.title_ar

    def section(self, key: str, lang: str = "ar") -> tuple[str, str]:
        """(title, text) the story gives for a page section ("" where it gives none)."""
        s = self.sections.get(key, {})
        return s.get("title", {}).get(lang, ""), s.get("text", {}).get(lang, "")

    @property
    def charts(self) -> dict[str, str]:
        """fact id → the chart the story asks for (``none``: no chart)."""
        return {f.id: f.chart for f in self.facts}


def _words(phrase_: str, where: str = "") -> tuple[str, ...]:
    """A cue phrase as the words the text is matched word by word in (the same
    tokenizer as :attr:`TextContext.words`, so "شمال-شرق" is two words there and here)."""
    words = tuple(w.text for w in morphology.words(fold(str(phrase_))))
    if not words:
        raise sc.fail(where, f"{phrase_!r} has no word in it")
    return words


def _selector(raw: Any, where: str, kind: str | None = None) -> dict[str, Any]:
    """A raw ``mentions:`` selector: mention fields and the values they must have."""
    if not isinstance(raw, dict) or ("kind" not in raw and kind is None):
        raise sc.fail(where, "'mentions' must be a mapping with at least 'kind'")
    sc.check_keys(raw, sc.MENTION_KEYS, f"{where}: mentions")
    out = dict(raw)
    if kind is not None:
        out.setdefault("kind", kind)
        if out["kind"] != kind:
            raise sc.fail(where, f"a {kind} selector cannot select kind {out['kind']!r}")
    for key, want in out.items():
        sc.check_vocab(key, want if isinstance(want, list) else [want], f"{where}: mentions")
    return out


def _event(raw: Any, where: str) -> Event:
    if isinstance(raw, list):
        raw = {"words": raw}
    m = sc.mapping(raw, where, "'event'")
    sc.check_keys(m, sc.EVENT_KEYS, f"{where}: event")
    if not m:
        raise sc.fail(where, "'event' needs 'words', 'after' or 'before'")
    words = tuple(_words(w, where) for w in sc.word_list(m["words"], where, "event: words")) if "words" in m else ()
    after = sc.day(m["after"], where, "event: after") if m.get("after") is not None else None
    before = sc.day(m["before"], where, "event: before") if m.get("before") is not None else None
    if after and before and after > before:
        raise sc.fail(where, "event: 'after' is later than 'before'")
    within = sc.integer(m["within"], where, "event: within") if m.get("within") is not None else None
    side = sc.choice(m.get("side", "either"), sc.SIDES, f"{where}: event", "side")
    if (within is not None or "side" in m) and not words:
        raise sc.fail(where, "event: 'within' and 'side' need 'words'")
    return Event(words, after, before, within, side)


def _count(raw: dict, where: str) -> CountSelect:
    base = _selector(raw["mentions"], where, "quantity") if "mentions" in raw else {"kind": "quantity"}
    if not any(k in raw for k in sc.COUNT_FILTERS + ("mentions", "event")):
        raise sc.fail(where, "a count fact needs at least one of "
                      + ", ".join(sc.COUNT_FILTERS[:-1]) + ", event or 'mentions'")
    names, words, sources = {}, {}, ()
    for key in sc.COUNT_FILTERS:
        if key not in raw:
            continue
        values = sc.names(raw[key], where, key)
        sc.check_vocab(key, values, where)
        if key in ("thing", "place"):
            words[key] = tuple(None if v is None else _words(v, where) for v in values)
        elif key == "source":
            sources = tuple(None if v is None else fold(v) for v in values)
        else:
            names[key] = values
    return CountSelect(names=names, words=words, sources=sources,
                       event=_event(raw["event"], where) if "event" in raw else None, base=base,
                       pick=sc.choice(raw.get("pick", "largest"), sc.POLICIES, where, "pick"),
                       total=sc.flag(raw.get("total", False), where, "total"))


def _presence(raw: dict, f: FactRule, where: str) -> None:
    levels = raw.get("levels")
    if not isinstance(levels, list) or not levels:
        raise sc.fail(where, "a presence fact needs 'levels'")
    for lv in levels:
        if not isinstance(lv, dict) or "value" not in lv:
            raise sc.fail(where, "each level needs a 'value' and 'mentions'")
        at = f"{where}: level {lv['value']!r}"
        sc.check_keys(lv, sc.LEVEL_KEYS, at)
        f.levels.append((str(lv["value"]), _selector(lv.get("mentions"), at)))
        if "label" in lv:
            f.level_labels[str(lv["value"])] = sc.texts(lv["label"], at, "label")
    f.absent = str(raw.get("absent", "absent"))
    if "absent_label" in raw:
        f.level_labels[f.absent] = sc.texts(raw["absent_label"], where, "absent_label")


def _cue(c: Any, where: str) -> CueSet:
    groups = c.get("groups") if isinstance(c, dict) else None
    if not isinstance(groups, list) or not groups or not all(
            (isinstance(g, list) and g) or (isinstance(g, dict) and g.get("instrument")) for g in groups):
        raise sc.fail(where, "each cue set needs 'groups', lists of words or {instrument: KIND}")
    sc.check_keys(c, sc.CUE_KEYS, f"{where}: cues")
    for g in groups:
        if isinstance(g, dict):
            sc.check_keys(g, ("instrument",), f"{where}: cues: groups")
    parsed = tuple(tuple(_words(w, where) for w in g) if isinstance(g, list) else ("instrument", str(g["instrument"]))
                   for g in groups)
    return CueSet(parsed, sc.integer(c.get("within", 8), where, "within"),
                  frozenset(fold(str(w)) for w in c.get("unless", [])))


def _date(raw: dict, f: FactRule, where: str) -> None:
    cues = raw.get("cues")
    if not isinstance(cues, list) or not cues:
        raise sc.fail(where, "a date fact needs 'cues'")
    f.cues = [_cue(c, where) for c in cues]
    f.part = sc.choice(raw.get("part", "start"), ("start", "end"), where, "part")
    ctx = raw.get("context")
    if ctx:
        sc.check_keys(sc.mapping(ctx, where, "'context'"), sc.CONTEXT_KEYS, f"{where}: context")
        f.context = (frozenset(fold(w) for w in sc.word_list(ctx.get("words"), where, "context: words")),
                     sc.integer(ctx.get("sentences_before", 0), where, "sentences_before"))


def _show_source(raw: dict, kind: str, where: str) -> str:
    """"attribution" or "none": ``show_source: false``, or the older ``source: none`` of a
    presence or date fact (on a count fact ``source`` names the attribution to match)."""
    if "show_source" in raw:
        return "attribution" if sc.flag(raw["show_source"], where, "show_source") else "none"
    if kind != "count" and "source" in raw:
        return sc.choice(raw["source"], ("attribution", "none"), where, "source")
    return "attribution"


def _labels(raw: dict, fid: str, where: str) -> tuple[str, str]:
    both = sc.texts(raw["label"], where, "label") if "label" in raw else {}
    ar = raw.get("label_ar") or both.get("ar") or raw.get("label_en") or fid
    en = raw.get("label_en") or both.get("en") or raw.get("label_ar") or fid
    return str(ar), str(en)


def _fact(raw: Any, i: int) -> FactRule:
    where = f"fact #{i + 1}"
    if not isinstance(raw, dict) or not raw.get("id"):
        raise sc.fail(where, "each fact needs an 'id'")
    where = f"fact {str(raw['id'])!r}"
    kind = raw.get("kind")
    if kind not in FACT_KINDS:
        raise sc.fail(where, f"kind must be one of {', '.join(FACT_KINDS)}, not {kind!r}{sc.nearest(kind, FACT_KINDS)}")
    sc.check_keys(raw, sc.FACT_KEYS[kind], where)
    label_ar, label_en = _labels(raw, str(raw["id"]), where)
    f = FactRule(id=str(raw["id"]), kind=kind, label_ar=label_ar, label_en=label_en,
                 source=_show_source(raw, kind, where), source_from=raw.get("source_from"),
                 chart=sc.choice(raw.get("chart", sc.CHARTS[kind][0]), sc.CHARTS[kind], where, "chart"),
                 about=sc.texts(raw["about"], where, "about") if "about" in raw else {})
    if kind == "count":
        f.select = _count(raw, where)
    elif kind == "presence":
        _presence(raw, f, where)
    else:
        _date(raw, f, where)
    return f


def _sections(raw: Any) -> dict[str, dict[str, dict[str, str]]]:
    if raw is None:
        return {}
    sc.mapping(raw, "sections", "'sections'")
    sc.check_keys(raw, sc.SECTIONS, "sections")
    out = {}
    for key, s in raw.items():
        where = f"section {key!r}"
        if isinstance(s, str):
            s = {"text": s}
        sc.check_keys(sc.mapping(s, where, "a section"), sc.SECTION_KEYS, where)
        out[key] = {k: sc.texts(v, where, k) for k, v in s.items()}
    return out


def _title(raw: dict) -> tuple[str, str]:
    both = sc.texts(raw["title"], "story", "title") if raw.get("title") is not None else {}
    ar = raw.get("title_ar") or both.get("ar") or raw.get("title_en") or ""
    en = raw.get("title_en") or both.get("en") or raw.get("title_ar") or ""
    return str(ar), str(en)


def _date_rules(raw: Any) -> dict[str, Any]:
    rules = sc.mapping(raw or {}, "date_rules", "'date_rules'")
    sc.check_keys(rules, sc.DATE_RULE_KEYS, "date_rules")
    return rules


def _story(raw: dict, spath: str) -> Story:
    """The checked story of a parsed YAML mapping (StoryError on the first problem)."""
    if isinstance(raw, dict):
        # top-level keys starting with "x-" only hold YAML anchors for reuse ("x-label: &l ...")
        sc.check_keys({k: v for k, v in raw.items() if not str(k).startswith("x-")}, sc.STORY_KEYS, "")
    if not isinstance(raw, dict) or not isinstance(raw.get("facts"), list) or not raw["facts"]:
        raise StoryError("a story needs a 'facts' list")
    facts = [_fact(f, i) for i, f in enumerate(raw["facts"])]
    ids = [f.id for f in facts]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise StoryError(f"fact {dup!r}: fact ids must be unique")
    for f in facts:
        if f.source_from and f.source_from not in ids:
            raise StoryError(f"fact {f.id!r}: source_from names no fact ({f.source_from!r})"
                             f"{sc.nearest(f.source_from, ids)}")
        if f.source_from and story_kind(facts, f.source_from) != "count":
            raise StoryError(f"fact {f.id!r}: source_from must name a count fact")
    rules = _date_rules(raw.get("date_rules"))
    title_ar, title_en = _title(raw)
    return Story(
        id=str(raw.get("id") or os.path.splitext(os.path.basename(spath))[0]),
        title_ar=title_ar, title_en=title_en, facts=facts, path=spath,
        max_distance=sc.integer(rules.get("max_distance", 16), "date_rules", "max_distance"),
        separator_penalty=sc.integer(rules.get("separator_penalty", 4), "date_rules", "separator_penalty"),
        separators=frozenset(fold(str(s)) for s in rules.get("separators", ["،", ","])),
        negators=frozenset(fold(str(s)) for s in rules.get("negators", [])),
        negation_window=sc.integer(rules.get("negation_window", 2), "date_rules", "negation_window"),
        sections=_sections(raw.get("sections")),
    )


def story_kind(facts: list[FactRule], fact_id: str) -> str:
    return next(f.kind for f in facts if f.id == fact_id)


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
        story = _story_file(spath)
    except RecursionError:
        raise InputError(spath, "refused: YAML nested too deeply") from None
    if key is not None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = story
    return story


def _story_file(spath: str) -> Story:
    raw = _read_yaml(spath)
    try:
        return _story(raw, spath)
    except (ValueError, TypeError, AttributeError) as e:
        raise InputError(spath, str(e)) from None
