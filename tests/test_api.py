"""The package's public API: functions callable any number of times, and an extraction
path that leaves the heavy stack (pandas, matplotlib, Jupyter) unimported."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import helpers

ROOT = Path(__file__).resolve().parents[1]
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
STORY = ROOT / "stories" / "kursk.yaml"
HEAVY = ("pandas", "matplotlib", "nbformat", "papermill", "jupyter_client", "IPython")

SENTENCE = "أعلنت الوزارة في 3 مارس 2024 وصول 1500 جندي إلى المنطقة."


def test_all_names_are_functions():
    for name in helpers.__all__:
        assert hasattr(helpers, name), name
        if name != "__version__":
            assert callable(getattr(helpers, name)), name


def test_extract_twice_in_a_row():
    first = helpers.extract(SENTENCE, published="2024-03-05")
    second = helpers.extract(SENTENCE, published="2024-03-05")
    assert callable(helpers.extract)
    assert [(m.kind, m.value) for m in first] == [(m.kind, m.value) for m in second]
    assert ("quantity", 1500) in {(m.kind, m.value) for m in first}
    assert ("date", "2024-03-03") in {(m.kind, m.value) for m in first}


def _fresh_modules(code: str) -> list[str]:
    """Run ``code`` in a new interpreter; the heavy modules it left imported."""
    probe = code + f"\nimport sys, json\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_extract_path_stays_light():
    code = (f"import helpers\n"
            f"a = helpers.load_article({str(SEED)!r})\n"
            f"assert helpers.extract(a) and helpers.extract({SENTENCE!r})\n"
            f"s = helpers.load_story({str(STORY)!r})\n"
            f"assert helpers.story_facts(s, a, helpers.extract(a))\n")
    assert _fresh_modules(code) == []


def test_the_probe_sees_heavy_imports():
    # the check above can fail: a comparison does import pandas
    code = f"import helpers\nhelpers.build_comparison({str(STORY)!r}, {str(SEED.parent)!r})\n"
    assert "pandas" in _fresh_modules(code)
