"""The two notebooks: committed clean, parameterised for papermill, and run end to end
(marked ``notebook``) with default and other parameters, from different working
directories, on the seeds and on a folder with one more article of our own."""
from __future__ import annotations

import ast
import html
import re
import csv
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

EXPECTED_PARAMETERS = {
    "outlet_profile.ipynb": {"article": "000", "articles_dir": "seeds", "story": "stories/kursk.yaml",
                             "published": None, "lang": "ar", "output_dir": "reports/outlets",
                             "output_name": None, "max_article_bytes": None},
    "compare_outlets.ipynb": {"story": "stories/kursk.yaml", "articles_dir": "seeds", "outlets": None,
                              "lang": "ar", "output_dir": "reports/compare", "max_article_bytes": None},
}


# ---------------------------------------------------------------- structure (no kernel)


@pytest.mark.parametrize("name", sorted(EXPECTED_PARAMETERS))
def test_notebook_committed_clean_with_parameters_cell(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].metadata.get("tags") == ["parameters"]
    params = {}
    for node in ast.parse(code[0].source).body:
        assert isinstance(node, ast.Assign), "the parameters cell only assigns values"
        params[node.targets[0].id] = ast.literal_eval(node.value)
    assert params == EXPECTED_PARAMETERS[name]
    for c in code:
        assert c.outputs == [] and c.execution_count is None
    # no logic living only in a cell: no function or class definitions in the notebook
    for c in code:
        tree = ast.parse(c.source)
        assert not any(isinstance(n, (ast.FunctionDef, ast.ClassDef)) for n in ast.walk(tree))
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= 5


# ---------------------------------------------------------------- running them


def run(name, tmp_path, cwd, **parameters):
    import papermill as pm

    out = tmp_path / f"out-{name}"
    pm.execute_notebook(str(NOTEBOOKS / name), str(out), parameters=parameters, kernel_name="python3",
                        cwd=str(cwd), progress_bar=False, log_output=False)
    return nbformat.read(out, as_version=4)


def output_text(nb) -> str:
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            assert o.output_type != "error", o
            if o.output_type == "stream":
                parts.append(o.text)
            else:
                data = o.get("data", {})
                parts.append(data.get("text/html", "") or data.get("text/plain", ""))
    return "\n".join(parts)


def visible(html_text: str) -> str:
    """What a reader sees: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def assert_matches_gold(gold_story_facts):
    """``assert_matches_gold(facts_rows, docs=None)``: every gold (doc, fact) of ``docs``
    (default: all) is in facts.csv with the gold value; the gold source (when given) is
    part of the reported source.  Extra rows are fine."""
    def check(facts_rows, docs=None):
        by_key = {}
        for r in facts_rows:
            by_key.setdefault((r["doc"], r["fact"]), []).append(r)
        problems = []
        for g in gold_story_facts:
            if docs is not None and g["doc"] not in docs:
                continue
            got = by_key.get((g["doc"], g["fact"]), [])
            if not any(r["value"] == g["value"] and g["source"] in r["source"] for r in got):
                problems.append(f"{g['doc']} {g['fact']}: want {g['value']!r} ({g['source']}), "
                                f"got {[(r['value'], r['source']) for r in got]}")
        assert not problems, "\n".join(problems)

    return check


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project's layout: its root markers (``pyproject.toml`` and an
    empty ``src/helpers/``; the package itself is imported from where it is installed),
    ``notebooks/``, ``seeds/``, ``stories/`` and an empty ``reports/``.  The notebooks'
    default paths are relative ones resolved against the project root when run from
    ``notebooks/``; in this copy they write into its ``reports/``, not the project's."""
    root = tmp_path / "project"
    (root / "src" / "helpers").mkdir(parents=True)
    shutil.copy2(ROOT / "pyproject.toml", root / "pyproject.toml")
    for name in ("notebooks", "seeds", "stories"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    (root / "reports").mkdir()
    return root


@pytest.mark.notebook
def test_compare_notebook_default_parameters_from_notebooks_folder(tmp_path, project_copy, assert_matches_gold):
    nb = run("compare_outlets.ipynb", tmp_path, project_copy / "notebooks")
    page = output_text(nb)
    text = visible(page)
    facts = project_copy / "reports" / "compare" / "facts.csv"  # "reports/compare" from notebooks/ goes to the project's
    rows = read_csv(facts)
    assert list(rows[0])[:4] == ["doc", "fact", "value", "source"]
    assert_matches_gold(rows)
    assert (facts.parent / "mentions.jsonl").stat().st_size > 0
    assert 'class="fact-matrix"' in page and 'dir="rtl"' in page
    # the computed disagreement on the troop count, in Arabic, with both sources
    assert "11,000" in text and "≈12,000" in text
    assert "زيلينسكي" in text and "الاستخبارات الأوكرانية" in text and "مقابل" in text
    assert "500 ضابط" in text and "3 جنرالات" in text
    assert page.count("data:image/png;base64,") == 3


@pytest.mark.notebook
def test_compare_notebook_subset_in_english_from_another_cwd(tmp_path, assert_matches_gold):
    out = tmp_path / "cmp"
    nb = run("compare_outlets.ipynb", tmp_path, tmp_path, outlets=["002", "004"], lang="en",
             output_dir=str(out), articles_dir=str(ROOT / "seeds"))
    rows = read_csv(out / "facts.csv")
    assert {r["doc"] for r in rows} == {"002", "004"}
    assert_matches_gold(rows, docs={"002", "004"})
    page = output_text(nb)
    assert 'dir="ltr"' in page
    text = visible(page)
    assert "Sada El Balad" in text and "Islamic World Union" in text
    assert re.search(r"11,000 \([^()]*زيلينسكي", text) and " against ≈12,000 including 500 officers and 3 generals" in text
    assert "an article of 10 Nov 2024" in text and "an article of 28 Apr 2025" in text
    assert "RT Arabic" not in text


NEW_ARTICLE = """\
سيول: بيونغ يانغ رفعت عدد جنودها في روسيا
سيول - وكالات
قال وزير الدفاع الكوري الجنوبي إن كوريا الشمالية أرسلت 15 ألف جندي إلى روسيا للقتال في منطقة كورسك.
وأضاف الوزير في مؤتمر صحفي أن الجنود الجدد وصلوا على دفعات خلال الأسابيع الماضية.
"""


@pytest.mark.notebook
def test_an_added_article_joins_the_comparison_without_code_change(tmp_path, assert_matches_gold):
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "seeds", folder)
    (folder / "905_extra.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with open(folder / "manifest.csv", "a", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(open(ROOT / "seeds" / "manifest.csv", encoding="utf-8")))
        row = {k: "" for k in header}
        row.update(id="905", file="905_extra.txt", outlet_ar="صحيفة الاختبار", outlet_en="Test Daily",
                   published="2025-02-03", published_basis="manifest")
        csv.DictWriter(fh, fieldnames=header).writerow(row)
    out = tmp_path / "cmp"
    nb = run("compare_outlets.ipynb", tmp_path, tmp_path, articles_dir=str(folder), lang="en",
             output_dir=str(out))
    rows = read_csv(out / "facts.csv")
    assert_matches_gold(rows)
    mine = [r for r in rows if r["doc"] == "905" and r["value"] == "15000"]
    assert mine and "وزير الدفاع" in mine[0]["source"]
    text = visible(output_text(nb))
    assert "15,000 (وزير الدفاع" in text
    assert "in Test Daily, an article of 3 Feb 2025" in text
    assert re.search(r"11,000 \([^()]*زيلينسكي", text)  # the seeds' disagreement is still there


@pytest.mark.notebook
def test_outlet_profile_default_parameters(tmp_path, project_copy, assert_matches_gold):
    nb = run("outlet_profile.ipynb", tmp_path, project_copy / "notebooks")
    text = output_text(nb)  # HTML: checks the markup
    rows = read_csv(project_copy / "reports" / "outlets" / "000" / "facts.csv")  # the project's reports/
    assert {r["doc"] for r in rows} == {"000"}
    assert_matches_gold(rows, docs={"000"})
    assert "روسيا اليوم" in text and "نوفوستي" in text
    assert 'class="article" dir="rtl"' in text and 'class="mention mention-date"' in text
    assert 'class="mention mention-article_ref"' in text


@pytest.mark.notebook
def test_outlet_profile_by_path_with_date_override_in_english(tmp_path):
    src = ROOT / "seeds" / "004_5b4fb7313eaaba86.txt"
    copy = tmp_path / "story.txt"
    copy.write_bytes(src.read_bytes())
    out = tmp_path / "prof"
    nb = run("outlet_profile.ipynb", tmp_path, tmp_path, article=str(copy), published="2024-11-11",
             lang="en", output_dir=str(out), articles_dir=str(ROOT / "seeds"))
    page = output_text(nb)
    text = visible(page)
    rows = read_csv(out / "story" / "facts.csv")
    troops = [r for r in rows if r["value"] == "11000"]
    assert troops and "زيلينسكي" in troops[0]["source"]
    assert {r["published"] for r in rows} == {"2024-11-11"}
    assert "11 Nov 2024" in text and "override" in text
    assert 'title="quantity: 11,000 soldiers, deployed' in page  # the highlight's tooltip
