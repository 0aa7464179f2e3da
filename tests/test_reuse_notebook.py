"""The comparison notebook's shared-text section, on the seeds and with an edited copy."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_notebooks import output_text, run, visible

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.notebook
def test_the_shared_text_section_tells_an_edited_copy(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "seeds", folder)
    seed = next(folder.glob("002_*.txt"))
    text = seed.read_text(encoding="utf-8")
    (folder / "007_edited.txt").write_text(text.replace("12 ألف جندي", "15 ألف جندي", 1), encoding="utf-8")
    nb = run("compare_outlets.ipynb", tmp_path, tmp_path, articles_dir=str(folder), lang="en",
             output_dir=str(tmp_path / "cmp"))
    shown = visible(output_text(nb))
    assert "One pair of articles shares text." in shown
    assert "with ≈12,000 changed to ≈15,000" in shown or "with 12,000 changed to 15,000" in shown
    assert "12 → 15" in shown  # the differing words of the pair


@pytest.mark.notebook
def test_on_the_seeds_no_article_shares_a_passage(tmp_path):
    nb = run("compare_outlets.ipynb", tmp_path, tmp_path, articles_dir=str(ROOT / "seeds"), lang="en",
             output_dir=str(tmp_path / "cmp"))
    assert "No two articles share a passage" in visible(output_text(nb))
