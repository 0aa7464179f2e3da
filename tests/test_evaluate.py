"""The evaluation: its matching rules on hand-made mentions, then the real figures on the
gold (seeds, and the development excerpts from the evaluation data folder when it is
there), held to floors rather than pinned."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from helpers.cli import main
from helpers.evaluate import Evaluation, evaluate, evaluate_doc, find_doc
from helpers.model import Mention

from conftest import GOLD_MENTIONS, gold_is_dev

ROOT = Path(__file__).resolve().parents[1]
PROJECT_GOLD = ROOT / "tests" / "gold" / "mentions.yaml"
KINDS = ("quantity", "date", "article_ref")


def m(kind, value, text="x", **kw):
    return Mention(doc="d", kind=kind, text=text, start=0, end=len(text), sentence=text, value=value, **kw)


GOLD_DOC = {
    "quantities": [
        {"value": 500, "unit": "soldiers", "category": "killed", "qualifier": ["approx", "exact"],
         "attribution": "الجيش"},
        {"value": 2, "unit": "soldiers", "category": "captured", "qualifier": "exact", "optional": True},
    ],
    "dates": [{"value": "2024-05-01", "precision": "day"}, {"value": "2024-06", "precision": "month"}],
    "article_refs": [{"number": 4, "instrument": "treaty"}],
}


def test_set_semantics_optional_and_lists():
    ev = Evaluation()
    ms = [m("quantity", 500, qualifier="approx", attribution="الجيش الوطني", unit="soldiers", category="killed"),
          m("quantity", 500, qualifier="at_least", unit="soldiers", category="killed"),  # same value: once
          m("quantity", 2, unit="soldiers", category="captured"),  # optional: neither right nor wrong
          m("date", "2024-05-01"), m("date", "2024-05-01"),
          m("date", "2023", text="عام 2023"),  # not expected
          m("article_ref", 4, number=4, instrument="un_charter")]  # wrong instrument
    evaluate_doc("d", GOLD_DOC, ms, ev)
    q, d, r = ev.tallies["quantity"], ev.tallies["date"], ev.tallies["article_ref"]
    assert (q.tp, q.fp, q.fn) == (1, 0, 0)
    assert (d.tp, d.fp, d.fn) == (1, 1, 1)
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)
    assert d.precision == 0.5 and d.recall == 0.5 and d.f1 == 0.5
    assert ev.qualifier.value == 1.0 and ev.attribution.value == 1.0
    assert {(x["kind"], str(x["value"])) for x in ev.misses} == {("date", "2024-06"), ("article_ref", "[4, 'treaty']")}
    assert [x["text"] for x in ev.false_positives if x["kind"] == "date"] == ["عام 2023"]


def test_wrong_qualifier_and_attribution_are_reported():
    ev = Evaluation()
    evaluate_doc("d", GOLD_DOC, [m("quantity", 500, qualifier="up_to", attribution="وزارة", unit="soldiers",
                                   category="killed")], ev)
    assert ev.qualifier.value == 0.0 and ev.attribution.value == 0.0
    assert {w["field"] for w in ev.wrong_fields} == {"qualifier", "attribution"}


def test_find_doc_by_name_under_root(tmp_path):
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "x1.txt").write_text("نص", encoding="utf-8")
    assert find_doc("dev/docs/x1.txt", tmp_path) == tmp_path / "deep" / "er" / "x1.txt"
    assert find_doc("dev/docs/none.txt", tmp_path) is None


def test_find_doc_tries_each_folder_direct_paths_first(tmp_path):
    project, data = tmp_path / "project", tmp_path / "data"
    (project / "old").mkdir(parents=True)
    (data / "dev" / "docs").mkdir(parents=True)
    (project / "old" / "x1.txt").write_text("نص", encoding="utf-8")
    (data / "dev" / "docs" / "x1.txt").write_text("نص", encoding="utf-8")
    (project / "seeds").mkdir()
    (project / "seeds" / "s.txt").write_text("نص", encoding="utf-8")
    # a direct hit in a later folder beats a same-named file found by walking an earlier one
    assert find_doc("dev/docs/x1.txt", project, data) == data / "dev" / "docs" / "x1.txt"
    assert find_doc("seeds/s.txt", project, data) == project / "seeds" / "s.txt"
    assert find_doc("elsewhere/s.txt", data, project) == project / "seeds" / "s.txt"
    assert find_doc("dev/docs/none.txt", project, data) is None


def test_missing_document_is_an_error_line(tmp_path):
    g = tmp_path / "g.yaml"
    g.write_text("docs:\n  a/missing.txt: {published: 2025-01-01}\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["evaluate", str(g), str(tmp_path), str(tmp_path / "other")], out, err) == 2
    assert err.getvalue().startswith("error: a/missing.txt: not found")
    assert str(tmp_path / "other") in err.getvalue()  # every folder tried is named


def test_bad_gold_file(tmp_path):
    g = tmp_path / "g.yaml"
    g.write_text("- just a list\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["evaluate", str(g), str(tmp_path)], out, err) == 2
    assert err.getvalue().count("\n") == 1 and str(g) in err.getvalue()


# --- the real figures -------------------------------------------------------------------------
#
# Floors, not pins: each figure must stay at or above what was measured minus TOLERANCE, so
# a rule change that costs a mention or two does not need this file edited, a rule that
# stops working fails, and improvements never fail.  Raise MEASURED when the extractors
# get better (`python -m helpers evaluate GOLD . ../shared`, GOLD the gold of the documents).

# Measured on the gold (5 seeds + 5 development excerpts: 11 counts, 29 dates, 4 legal
# articles), all kinds at precision = recall = F1 = 1.0, as were the seeds alone.  These
# are the texts the rules were written against, hence the perfect scores.
MEASURED = {
    "all": {"quantity": (1.0, 1.0, 1.0), "date": (1.0, 1.0, 1.0), "article_ref": (1.0, 1.0, 1.0)},
    "seeds": {"quantity": (1.0, 1.0, 1.0), "date": (1.0, 1.0, 1.0), "article_ref": (1.0, 1.0, 1.0)},
}
MEASURED_ACCURACY = {"qualifier": 1.0, "attribution": 1.0}

# An absolute margin on precision, recall, F1 and accuracy (0-1 scale).  0.1 lets a change
# lose about one item in ten: one missed count of the 11 costs 0.09 recall, one of the 29
# dates 0.03; a lost legal article (1 of 4) or the loss of a whole rule is beyond it.
TOLERANCE = 0.10

# A single document may not fall below this F1 for any kind: a document that loses half of
# its mentions of a kind (or reports as many wrong ones) points at a broken rule or loader,
# which the totals could hide.
PER_DOC_F1_FLOOR = 0.5

# Known failures on single documents, each with its reason (none at the moment; add
# ("doc", "kind"): "reason" to mark one as an expected failure).
DEV_XFAIL: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def gold_eval(gold_path, doc_roots):
    """The gold evaluated on the seeds and, when present, the development excerpts."""
    return evaluate(gold_path, doc_roots)


def _subset(ev: Evaluation, keep) -> Evaluation:
    out = Evaluation()
    for doc, tallies in ev.per_doc.items():
        if keep(doc):
            for k, t in tallies.items():
                out.tallies[k].tp += t.tp
                out.tallies[k].fp += t.fp
                out.tallies[k].fn += t.fn
    return out


def _assert_floors(ev: Evaluation, measured: dict, context) -> None:
    for kind in KINDS:
        t = ev.tallies[kind]
        p, r, f = measured[kind]
        got = {"precision": t.precision, "recall": t.recall, "f1": t.f1}
        floors = {"precision": p - TOLERANCE, "recall": r - TOLERANCE, "f1": f - TOLERANCE}
        low = {n: (round(got[n], 3), round(floors[n], 3)) for n in got if got[n] < floors[n]}
        assert not low, (kind, low, context)
        assert t.tp > 0, (kind, "nothing matched: the figures would be vacuous")


def test_gold_documents_all_found(gold_eval, eval_data):
    assert gold_eval.errors == []
    assert set(gold_eval.per_doc) == set(GOLD_MENTIONS)
    assert any(gold_is_dev(k) for k in GOLD_MENTIONS)


def test_seeds_need_no_evaluation_data(gold_eval):
    seeds = {d for d in GOLD_MENTIONS if d.startswith("seeds/")}
    assert seeds and seeds <= set(gold_eval.per_doc)
    assert not [e for e in gold_eval.errors if e.startswith("seeds/")]


def test_project_gold_agrees_with_the_evaluation_folder(eval_data):
    """tests/gold/mentions.yaml describes the seeds as the evaluation folder's gold does,
    and only the seeds: the development excerpts' gold quotes their text, which stays in
    the evaluation folder."""
    shared = eval_data / "gold" / "mentions.yaml"
    if not shared.is_file():
        pytest.skip(f"no gold/mentions.yaml in the evaluation data folder {eval_data.name}/")
    ours = yaml.safe_load(PROJECT_GOLD.read_text(encoding="utf-8"))["docs"]
    theirs = yaml.safe_load(shared.read_text(encoding="utf-8"))["docs"]
    differ = sorted(k for k in ours if k in theirs and ours[k] != theirs[k])
    assert not differ, differ
    assert ours and not [k for k in ours if gold_is_dev(k)]


@pytest.mark.parametrize("kind", KINDS)
def test_gold_doc_floor(gold_eval, gold_key, gold_file, kind, request):
    # gold_file: the development excerpts skip when the evaluation data folder is absent
    if (gold_key, kind) in DEV_XFAIL:
        request.applymarker(pytest.mark.xfail(reason=DEV_XFAIL[(gold_key, kind)], strict=True))
    t = gold_eval.per_doc[gold_key][kind]
    misses = [x for x in gold_eval.misses if x["doc"] == gold_key and x["kind"] == kind]
    fps = [x for x in gold_eval.false_positives if x["doc"] == gold_key and x["kind"] == kind]
    assert t.f1 >= PER_DOC_F1_FLOOR, {"tally": t.as_dict(), "misses": misses, "false_positives": fps}


def test_seed_figures(gold_eval):
    _assert_floors(_subset(gold_eval, lambda d: d.startswith("seeds/")), MEASURED["seeds"],
                   (gold_eval.misses, gold_eval.false_positives))


def test_overall_figures_and_accuracies(gold_eval, eval_data):
    _assert_floors(gold_eval, MEASURED["all"], (gold_eval.misses, gold_eval.false_positives))
    for name, acc in (("qualifier", gold_eval.qualifier), ("attribution", gold_eval.attribution)):
        assert acc.value >= MEASURED_ACCURACY[name] - TOLERANCE, (name, gold_eval.wrong_fields)
    # the accuracies are measured on every matched count whose gold gives the field
    required = [q for d in GOLD_MENTIONS.values() for q in d.get("quantities") or [] if not q.get("optional")]
    missed = gold_eval.tallies["quantity"].fn
    for name, acc in (("qualifier", gold_eval.qualifier), ("attribution", gold_eval.attribution)):
        given = sum(1 for q in required if q.get(name) not in (None, ""))
        assert given - missed <= acc.total <= given, name
        assert acc.total > 0, name


def test_cli_json(gold_eval, gold_path, doc_roots, eval_data):
    out, err = io.StringIO(), io.StringIO()
    assert main(["evaluate", str(gold_path), *map(str, doc_roots), "--json"], out, err) == 0, err.getvalue()
    data = json.loads(out.getvalue())
    # the command reports what evaluate() measures
    assert data["kinds"] == {k: t.as_dict() for k, t in gold_eval.tallies.items()}
    assert data["qualifier"] == gold_eval.qualifier.as_dict()
    assert set(data["per_doc"]) == set(gold_eval.per_doc)
    out = io.StringIO()
    assert main(["evaluate", str(gold_path), *map(str, doc_roots)], out, err) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "| kind | tp | fp | fn | precision | recall | F1 |"
    assert [line.split(" | ")[0].lstrip("| ") for line in lines[2:5]] == list(KINDS)
