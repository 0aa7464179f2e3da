"""Score the extractors against a gold file of expected mentions.

    python -m helpers evaluate GOLD DIR [DIR...] [--json]

``GOLD`` is a YAML file like ``tests/gold/mentions.yaml``; each document's path is looked
up as ``DIR/path`` in each ``DIR`` in turn, else as a file of that name anywhere under
them (so the project's ``seeds/`` and a separate evaluation folder holding ``dev/docs/``
can be scored together).  Each document is read with the corpus loader and extracted
with the gold's ``published`` date.

Matching, per document and kind, is by value with set semantics: several surface
mentions of one value count once; gold items marked ``optional: true`` are neither
required nor wrong.  Keys: quantity → value, date → ISO value, article_ref → (number,
instrument).  A gold file that lists only personnel counts (soldiers, officers,
generals: the first schema) scores only the counts of those units.  A date reported without a value (relative to a publication day the
article does not give, such as a bare weekday) claims no day and is not scored.  For matched quantities the qualifier (one of the gold's, when it gives a
list) and the attribution (the gold's name must appear in the reported source) are
scored as accuracies.  The command (:mod:`helpers.cli`) prints every miss and false positive with its text;
its exit code is 0 when every document could be read, 2 otherwise.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .lang.arabic import fold

KINDS = ("quantity", "date", "article_ref")
GOLD_LISTS = {"quantity": "quantities", "date": "dates", "article_ref": "article_refs"}
_SKIP_DIRS = {"__pycache__", "node_modules", "site-packages"}


def _key(kind: str, item: Any) -> Any:
    """The value a gold item or a mention is matched by."""
    if isinstance(item, dict):
        if kind == "quantity":
            return int(item["value"])
        if kind == "date":
            return str(item["value"])
        return (int(item["number"]), item.get("instrument"))
    if kind == "quantity":
        return int(item.value) if item.value is not None else None
    if kind == "date":
        return item.value
    return (item.number, item.instrument)


def _as_list(v: Any) -> list:
    return v if isinstance(v, list) else [v]


def find_doc(path: str, root: Path, *more: Path) -> Path | None:
    """``root/path`` if it exists (then the same under each further folder), else a file
    named like ``path`` anywhere under them, in the same order (hidden folders and
    virtual environments skipped)."""
    roots = [Path(r) for r in (root, *more)]
    for r in roots:
        direct = r / path
        if direct.is_file():
            return direct
    name = Path(path).name
    for r in roots:
        for folder, dirs, files in os.walk(r):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
            if name in files:
                return Path(folder) / name
    return None


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class Evaluation:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    qualifier: Accuracy = field(default_factory=Accuracy)
    attribution: Accuracy = field(default_factory=Accuracy)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    wrong_fields: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    per_doc: dict[str, dict[str, Tally]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kinds": {k: t.as_dict() for k, t in self.tallies.items()},
            "qualifier": self.qualifier.as_dict(),
            "attribution": self.attribution.as_dict(),
            "per_doc": {d: {k: t.as_dict() for k, t in ts.items()} for d, ts in self.per_doc.items()},
            "misses": self.misses,
            "false_positives": self.false_positives,
            "wrong_fields": self.wrong_fields,
            "errors": self.errors,
        }


def evaluate_doc(doc: str, gold: dict[str, Any], mentions: list, ev: Evaluation) -> None:
    """Score one document's mentions against its gold entry, adding to ``ev``."""
    ev.per_doc[doc] = {k: Tally() for k in KINDS}
    for kind in KINDS:
        items = gold.get(GOLD_LISTS[kind]) or []
        preds = [m for m in mentions if m.kind == kind and not (kind == "date" and m.value is None)]
        by_key: dict[Any, list] = {}
        for m in preds:
            by_key.setdefault(_key(kind, m), []).append(m)
        optional_keys = {_key(kind, g) for g in items if g.get("optional")}
        required = {}
        for g in items:
            if not g.get("optional"):
                required.setdefault(_key(kind, g), g)
        tally, doc_tally = ev.tallies[kind], ev.per_doc[doc][kind]
        for key, g in required.items():
            if key in by_key:
                tally.tp += 1
                doc_tally.tp += 1
                if kind == "quantity":
                    _score_fields(doc, g, by_key[key], ev)
            else:
                tally.fn += 1
                doc_tally.fn += 1
                ev.misses.append({"doc": doc, "kind": kind, "value": _show(key), "text": g.get("text", "")})
        for key, ms in by_key.items():
            if key in required or key in optional_keys:
                continue
            tally.fp += 1
            doc_tally.fp += 1
            m = ms[0]
            ev.false_positives.append({"doc": doc, "kind": kind, "value": _show(key), "text": m.text,
                                       "start": m.start, "end": m.end, "sentence": m.sentence})


def _show(key: Any) -> Any:
    return list(key) if isinstance(key, tuple) else key


def _score_fields(doc: str, g: dict[str, Any], ms: list, ev: Evaluation) -> None:
    if g.get("qualifier") is not None:
        want = _as_list(g["qualifier"])
        ok = any(m.qualifier in want for m in ms)
        ev.qualifier.total += 1
        ev.qualifier.right += ok
        if not ok:
            ev.wrong_fields.append({"doc": doc, "value": g["value"], "field": "qualifier", "want": want,
                                    "got": sorted({str(m.qualifier) for m in ms}), "text": ms[0].text})
    if g.get("attribution"):
        want = fold(str(g["attribution"]))
        ok = any(m.attribution and want in fold(m.attribution) for m in ms)
        ev.attribution.total += 1
        ev.attribution.right += ok
        if not ok:
            ev.wrong_fields.append({"doc": doc, "value": g["value"], "field": "attribution",
                                    "want": g["attribution"],
                                    "got": sorted({str(m.attribution) for m in ms}), "text": ms[0].text})
    for name in ("unit", "category"):
        if g.get(name) is not None:
            want = _as_list(g[name])
            if not any(getattr(m, name) in want for m in ms):
                ev.wrong_fields.append({"doc": doc, "value": g["value"], "field": name, "want": want,
                                        "got": sorted({str(getattr(m, name)) for m in ms}),
                                        "text": ms[0].text})


def evaluate(gold_path: str | os.PathLike,
             root: str | os.PathLike | list[str | os.PathLike] | tuple[str | os.PathLike, ...]) -> Evaluation:
    """Read the gold file, extract every document it names (under ``root``, one folder
    or several tried in turn), score."""
    from .read.corpus import load_article
    from .read.manifest import manifest_row_for, read_manifest
    from .extractors.pipeline import extract
    from .model import InputError

    with open(gold_path, encoding="utf-8") as fh:
        gold = yaml.safe_load(fh)
    if not isinstance(gold, dict) or not isinstance(gold.get("docs"), dict):
        raise ValueError(f"{gold_path}: a gold file needs a 'docs' mapping")
    ev = Evaluation()
    scope = _quantity_scope(gold)
    roots = [Path(r) for r in root] if isinstance(root, (list, tuple)) else [Path(root)]
    if not roots:
        raise ValueError("evaluate needs at least one folder to find the documents in")
    for path, entry in gold["docs"].items():
        entry = entry or {}
        found = find_doc(path, *roots)
        if found is None:
            ev.errors.append(f"{path}: not found under {' or '.join(str(r) for r in roots)}")
            continue
        published = entry.get("published")
        try:
            try:
                row = manifest_row_for(found, read_manifest(found.parent))
            except InputError:
                row = None
            article = load_article(found, manifest_row=row, published=published)
        except InputError as e:
            ev.errors.append(str(e))
            continue
        mentions = extract(article, published=published)
        if scope is not None:
            mentions = [m for m in mentions if m.kind != "quantity" or m.unit in scope]
        evaluate_doc(path, entry, mentions, ev)
    return ev


PERSONNEL = frozenset({"soldiers", "officers", "generals"})


def _quantity_scope(gold: dict) -> frozenset[str] | None:
    """The units a gold file scores: a file that lists only personnel counts (the first
    gold schema, troops only) scores only personnel counts; any other file, every unit."""
    units: set[str] = set()
    for entry in gold["docs"].values():
        for item in (entry or {}).get("quantities") or []:
            u = item.get("unit")
            units.update(u if isinstance(u, list) else [u])
    return PERSONNEL if units and units <= PERSONNEL else None


# ------------------------------------------------------------------ the facts table


FACT_CELLS = ("value", "qualifier", "source")
_CURRENCY_VALUE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([A-Z]{3})?\s*$")


@dataclass
class FactsEvaluation:
    """How many cells of the expected facts table the story's table matches."""

    cells: dict[str, Accuracy] = field(default_factory=lambda: {c: Accuracy() for c in FACT_CELLS})
    rows: int = 0
    missing: list[dict[str, Any]] = field(default_factory=list)  # expected, not reported
    wrong: list[dict[str, Any]] = field(default_factory=list)  # reported with a wrong cell
    extra: list[dict[str, Any]] = field(default_factory=list)  # reported, not expected
    errors: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        total = sum(a.total for a in self.cells.values())
        return sum(a.right for a in self.cells.values()) / total if total else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "share": round(self.share, 4),
                "cells": {c: a.as_dict() for c, a in self.cells.items()},
                "missing": self.missing, "wrong": self.wrong, "extra": self.extra, "errors": self.errors}


def _names(source: str) -> list[str]:
    """The names an expected source gives: "وزارة الداخلية (الكاتب العام)" is either."""
    parts = re.split(r"[()؛;،,]| عبر ", source)
    return [fold(p).strip() for p in parts if fold(p).strip()]


def source_matches(want: str, got: str) -> bool:
    """Both blank, or one names the other: an expected name inside the reported source
    ("الداخلية" in "وزارة الداخلية"), or the reported source inside an expected name."""
    want, got = (want or "").strip(), (got or "").strip()
    if not want or not got:
        return not want and not got
    g = fold(got)
    return any(n in g or (len(g) >= 4 and g in n) for n in _names(want))


def value_matches(kind: str, want: str, got: str, unit: str | None) -> bool:
    """A count by its number ("2946" = "2946.0"; "1000000000 USD" also needs the currency
    as the unit); anything else by its text."""
    want, got = str(want).strip(), str(got).strip()
    m = _CURRENCY_VALUE.match(want)
    if kind == "count" and m:
        try:
            same = float(m.group(1)) == float(got)
        except ValueError:
            return False
        return same and (m.group(2) is None or m.group(2) == unit)
    return want == got


def qualifier_matches(kind: str, want: str, got: str | None) -> bool:
    """A count's blank expected qualifier is "exact" (nothing said)."""
    want, got = (want or "").strip(), (got or "").strip()
    if kind == "count":
        return (want or "exact") == (got or "exact")
    return want == got


def _candidates(fact: Any, n: int) -> list[dict[str, Any]]:
    """What the table offers for a (doc, fact): its value, and when the expected table
    has several rows for it, the other values it keeps (alternatives) too."""
    out = [{"value": fact.value, "qualifier": fact.qualifier, "source": fact.source}]
    if n > 1:
        out += [{"value": a.value, "qualifier": a.qualifier, "source": a.source} for a in fact.alternatives]
    return out


def _cells(kind: str, want: dict[str, str], got: dict[str, Any], unit: str | None) -> dict[str, bool]:
    """Each cell the expected row gives (a table without a qualifier column scores none)."""
    cells = {"value": value_matches(kind, want.get("value", ""), got["value"], unit)}
    if "qualifier" in want:
        cells["qualifier"] = qualifier_matches(kind, want["qualifier"], got["qualifier"])
    if "source" in want:
        cells["source"] = source_matches(want["source"], got["source"])
    return cells


def score_facts(expected: list[dict[str, str]], reported: list[Any]) -> FactsEvaluation:
    """Score reported facts (:class:`~helpers.model.ReportedFact`) against expected rows
    (doc, fact, value, qualifier, source): three cells per expected row; a row the table
    does not have counts three wrong cells."""
    ev = FactsEvaluation()
    by_key = {(r.doc, r.fact): r for r in reported if r.reported}
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in expected:
        groups.setdefault((row.get("doc", "").strip(), row.get("fact", "").strip()), []).append(row)
    for key, rows in groups.items():
        ev.rows += len(rows)
        fact = by_key.get(key)
        if fact is None:
            for row in rows:
                for c in FACT_CELLS:
                    ev.cells[c].total += c in row
                ev.missing.append({"doc": key[0], "fact": key[1], **{c: row.get(c, "") for c in FACT_CELLS}})
            continue
        free = _candidates(fact, len(rows))
        for row in rows:
            scored = [(_cells(fact.fact_kind, row, g, fact.unit), g) for g in free]
            cells, got = max(scored, key=lambda s: sum(s[0].values()))
            free.remove(got)
            for c, ok in cells.items():
                ev.cells[c].total += 1
                ev.cells[c].right += ok
            if not all(cells.values()):
                bad = [c for c, ok in cells.items() if not ok]
                ev.wrong.append({"doc": key[0], "fact": key[1], "want": {c: row[c] for c in bad},
                                 "got": {c: got[c] or "" for c in bad},
                                 "unit": fact.unit or ""})
            if not free:
                break
        for row in rows[len(_candidates(fact, len(rows))):]:
            for c in FACT_CELLS:
                ev.cells[c].total += c in row
            ev.missing.append({"doc": key[0], "fact": key[1], **{c: row.get(c, "") for c in FACT_CELLS}})
    docs = {k[0] for k in groups}
    ev.extra = [{"doc": r.doc, "fact": r.fact, "value": r.value} for k, r in by_key.items()
                if k not in groups and r.doc in docs]
    return ev


def read_expected_facts(path: str | os.PathLike) -> list[dict[str, str]]:
    """An expected facts table: a CSV with at least the columns doc, fact, value; the
    qualifier and source cells are scored where the table has those columns (other
    columns, such as a note, are ignored)."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"doc", "fact", "value"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"missing column(s) {', '.join(sorted(missing))}")
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def evaluate_facts(expected_path: str | os.PathLike, story_path: str | os.PathLike,
                   articles: str | os.PathLike) -> FactsEvaluation:
    """Build the story's facts table for the articles of a folder (its manifest gives the
    doc ids and dates) and score it against the expected table."""
    from .compare.facts import story_facts
    from .compare.story import load_story
    from .extractors.pipeline import extract
    from .read.corpus import load_corpus

    story = load_story(story_path)
    expected = read_expected_facts(expected_path)
    arts, errors = load_corpus(articles)
    reported = [f for a in arts for f in story_facts(story, a, extract(a, published=a.meta.published))]
    ev = score_facts(expected, reported)
    ev.errors = [str(e) for e in errors]
    known = {a.doc for a in arts}
    ev.errors += [f"{d}: expected, but no such article in {articles}"
                  for d in sorted({r["doc"] for r in expected} - known)]
    return ev


if __name__ == "__main__":  # pragma: no cover - the older spelling of `python -m helpers evaluate`
    from helpers.cli import main

    sys.exit(main(["evaluate", *sys.argv[1:]]))
