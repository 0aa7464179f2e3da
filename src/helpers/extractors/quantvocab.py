"""The count vocabulary of ``data/quantities.yaml``, folded and indexed once (see
:mod:`helpers.extractors.quantities` for what counts as a count)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lang import morphology
from ..lang.arabic import fold
from ..lang.tables import load_data_table

__all__ = ["QuantTables", "tables", "strip", "with_proclitics", "PEOPLE_CATEGORIES"]

# categories that say something happened to people (a count after such a cue, with no
# noun, counts people)
PEOPLE_CATEGORIES = frozenset({"killed", "wounded", "casualties", "missing", "displaced", "rescued",
                               "evacuated", "affected", "detained"})


@dataclass(frozen=True)
class QuantTables:
    nouns: dict[str, str]
    of_nouns: dict[str, str]
    possessive: tuple[str, ...]
    people: dict[str, str | None]  # noun -> group (None: no group)
    group_categories: dict[str, str]
    group_defaults: dict[str, str]
    nisba_endings: tuple[str, ...]
    category_nouns: dict[str, str]
    injury_nouns: frozenset[str]
    people_category_nouns: frozenset[str]
    injury_categories: dict[str, str]
    case_words: frozenset[str]
    civilian: frozenset[str]
    currency_words: dict[str, int]  # word -> index in currencies
    currencies: tuple[dict, ...]  # {"default": code, "codes": {adjective: code}}
    currency_countries: dict[str, tuple[str, ...]]  # code -> country words
    things: dict[str, str]
    place_words: frozenset[str]
    countries: tuple[tuple[str, ...], ...]  # country names as word tuples, longest first
    place_preps: frozenset[str]
    dual_nouns: dict[str, str]
    military: frozenset[str]
    count_words: frozenset[str]
    others: frozenset[str]
    followers: frozenset[str]
    range_joiners: frozenset[str]
    qual_before: tuple[tuple[tuple[str, ...], str], ...]
    qual_before_index: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # last word -> phrases
    qual_after: tuple[tuple[tuple[str, ...], str], ...]
    estimate: frozenset[str]
    cue_index: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> (phrase, category)
    enumeration: frozenset[str]
    default_category: str
    unit_categories: dict[str, frozenset[str]]
    unit_defaults: dict[str, str]
    unit_aliases: dict[str, dict[str, str]]
    weak: frozenset[str]
    not_after: frozenset[str]


def _index_cues(cues: dict) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for cat, phrases in cues.items():
        for p in phrases:
            words = tuple(fold(p).split())
            out.setdefault(words[0], []).append((words, cat))
    for v in out.values():
        v.sort(key=lambda x: -len(x[0]))
    return out


def _by_key(d: dict) -> dict[str, str]:
    return {fold(w): k for k, ws in d.items() for w in ws}


def _phrases(d: dict) -> tuple:
    items = [(tuple(fold(p).split()), k) for k, ps in d.items() for p in ps]
    return tuple(sorted(items, key=lambda x: -len(x[0])))


def _by_last_word(phrases: tuple) -> dict[str, tuple]:
    """Phrases by their last word (the word right before a count), longest first."""
    out: dict[str, list] = {}
    for phrase, qual in phrases:
        out.setdefault(phrase[-1], []).append((phrase, qual))
    return {k: tuple(v) for k, v in out.items()}


def _currencies(raw: list) -> tuple[dict[str, int], tuple[dict, ...]]:
    words: dict[str, int] = {}
    entries = []
    for i, entry in enumerate(raw):
        for w in entry["words"]:
            words.setdefault(fold(w), i)
        codes = {fold(a): code for code, adjs in (entry.get("codes") or {}).items() for a in adjs}
        entries.append({"default": entry["default"], "codes": codes, "all": tuple((entry.get("codes") or {}))})
    return words, tuple(entries)


@lru_cache(maxsize=1)
def tables() -> QuantTables:
    raw = load_data_table("quantities.yaml")

    def fw(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in raw[key])

    people = {fold(w): (None if g == "none" else g) for g, ws in raw["people_nouns"].items() for w in ws}
    cwords, currencies = _currencies(raw["currencies"])
    countries = sorted({tuple(fold(c).split()) for c in raw["countries"]}, key=len, reverse=True)
    return QuantTables(
        nouns=_by_key(raw["nouns"]),
        of_nouns=_by_key(raw["of_nouns"]),
        possessive=morphology.suffixes("possessive"),
        people=people,
        group_categories=dict(raw["group_categories"]),
        group_defaults=dict(raw["group_defaults"]),
        nisba_endings=tuple(sorted((fold(e) for e in raw["nisba_endings"]), key=len, reverse=True)),
        category_nouns=_by_key(raw["category_nouns"]),
        injury_nouns=fw("injury_nouns"),
        people_category_nouns=fw("people_category_nouns"),
        injury_categories=dict(raw["injury_categories"]),
        case_words=fw("case_words"),
        civilian=fw("civilian_words"),
        currency_words=cwords,
        currencies=currencies,
        currency_countries={c: tuple(fold(w) for w in ws) for c, ws in raw["currency_countries"].items()},
        things=_by_key(raw["things"]),
        place_words=fw("place_words"),
        countries=tuple(countries),
        place_preps=fw("place_prepositions"),
        dual_nouns=_by_key(raw["dual_nouns"]),
        military=fw("military_words") | (frozenset(_by_key(raw["nouns"])) - fw("weak_nouns")),
        count_words=fw("count_words"),
        others=fw("others_words"),
        followers=fw("implicit_followers"),
        range_joiners=fw("range_joiners"),
        qual_before=_phrases(raw["qualifiers_before"]),
        qual_before_index=_by_last_word(_phrases(raw["qualifiers_before"])),
        qual_after=_phrases(raw["qualifiers_after"]),
        estimate=fw("estimate_words"),
        cue_index=_index_cues(raw["category_cues"]),
        enumeration=fw("enumeration_words"),
        default_category=raw["default_category"],
        unit_categories={u: frozenset(cs) for u, cs in raw["unit_categories"].items()},
        unit_defaults=dict(raw["unit_defaults"]),
        unit_aliases={u: dict(a) for u, a in raw["unit_category_aliases"].items()},
        weak=fw("weak_nouns"),
        not_after=fw("not_after"),
    )


def strip(word: str, known) -> str | None:
    """``word`` or ``word`` without a proclitic, whichever is in ``known``."""
    return with_proclitics(known).get(word)


_FORMS: dict[int, tuple[object, dict[str, str]]] = {}


def with_proclitics(known) -> dict[str, str]:
    """Every form of the words of ``known`` with and without a proclitic -> the word
    (the word itself first, then the proclitics in their order), built once per table."""
    hit = _FORMS.get(id(known))
    if hit is not None and hit[0] is known:
        return hit[1]
    forms = {w: w for w in known}
    for p in morphology.proclitics("noun"):
        for w in known:
            forms.setdefault(p + w, w)
    _FORMS[id(known)] = (known, forms)
    return forms
