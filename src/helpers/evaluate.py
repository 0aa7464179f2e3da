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


if __name__ == "__main__":  # pragma: no cover - the older spelling of `python -m helpers evaluate`
    from helpers.cli import main

    sys.exit(main(["evaluate", *sys.argv[1:]]))
