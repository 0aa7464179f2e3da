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
                             "published": None, "lang": "ar", "output_dir": None,
                             "output_name": None, "max_article_bytes": None},
    "compare_outlets.ipynb": {"story": "stories/kursk.yaml", "articles_dir": "seeds", "outlets": None,
                              "lang": "ar", "output_dir": None, "max_article_bytes": None},
}


# ---------------------------------------------------------------- structure (no kernel)


@pytest.mark.parametrize("name", sorted(EXPECTED_PARAMETERS))
def test_notebook_committed_clean_with_parameters_cell(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert all(c.get("id") for c in nb.cells), "every cell has an id (nbformat 4.5)"
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
def test_compare_notebook_default_parameters_from_notebooks_folder(tmp_path, project_copy, assert_matches_gold,
                                                                   monkeypatch):
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # the kernel's temporary folder
    nb = run("compare_outlets.ipynb", tmp_path, project_copy / "notebooks")
    page = output_text(nb)
    text = visible(page)
    # exploring writes into the notebook's scratch folder, never into the project's reports
    assert not any((project_copy / "reports").iterdir())
    facts, = scratch.glob("helpers-scratch-*/compare/facts.csv")
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


@pytest.mark.parametrize(
    "name, parameters, message",
    [
        ("compare_outlets.ipynb", {"lang": "fr"}, "lang: 'fr' is not one of ar, en"),
        ("compare_outlets.ipynb", {"story": "stories/none.yaml"}, "story: stories/none.yaml: no such file"),
        ("compare_outlets.ipynb", {"outlets": 2.5}, "outlets: 2.5 is not a list of article ids"),
        ("outlet_profile.ipynb", {"published": "10/11/2024"}, "published: '10/11/2024' is not a date"),
        ("outlet_profile.ipynb", {"articles_dir": "no-such-folder"}, "articles_dir: no-such-folder: no such folder"),
    ],
)
def test_bad_parameter_stops_in_the_next_cell_with_one_line(tmp_path, name, parameters, message):
    import papermill as pm

    out = tmp_path / "out.ipynb"
    with pytest.raises(pm.PapermillExecutionError) as err:
        pm.execute_notebook(str(NOTEBOOKS / name), str(out), parameters=parameters, kernel_name="python3",
                            cwd=str(ROOT / "notebooks"), progress_bar=False, log_output=False)
    assert message in str(err.value.evalue)
    nb = nbformat.read(out, as_version=4)
    failed = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
              and any(o.output_type == "error" for o in c.get("outputs", []))]
    params = next(i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", []))
    code_after = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and i > params]
    assert failed == [code_after[0]]  # the cell right after the parameters, not three cells later


def test_parameter_error_renders_as_one_line_in_jupyter():
    from helpers.present.parameters import ParameterError, check_compare

    with pytest.raises(ParameterError) as err:
        check_compare(str(ROOT / "stories" / "kursk.yaml"), str(ROOT / "seeds"), None, "fr", None)
    assert err.value._render_traceback_() == ["error: lang: 'fr' is not one of ar, en"]


def test_interactive_output_folder_is_scratch_unless_given(tmp_path, monkeypatch):
    import tempfile

    from helpers.present.parameters import output_folder

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert output_folder(None, "compare").parent.parent == tmp_path
    assert output_folder("x/y", "compare") == Path("x/y")


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
def test_outlet_profile_default_parameters(tmp_path, project_copy, assert_matches_gold, monkeypatch):
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # the kernel's temporary folder
    nb = run("outlet_profile.ipynb", tmp_path, project_copy / "notebooks")
    text = output_text(nb)  # HTML: checks the markup
    assert not any((project_copy / "reports").iterdir())  # never into a report
    facts, = scratch.glob("helpers-scratch-*/outlets/000/facts.csv")
    rows = read_csv(facts)
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
