"""Small stand-in notebooks and article folders for the batch-report tests.

The stand-ins take the same parameters as the project's notebooks and write the same
kind of outputs, but run in a fraction of a second, so the tests exercise the report
machinery (incremental runs, failures, interruption, HTML safety) and not the
extractors."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat

OUTLET_SOURCE = r'''
import html, time
from pathlib import Path
from IPython.display import HTML, display
raw = Path(article).read_bytes()
if not raw.strip():
    raise ValueError(f"{Path(article).name}: empty file")
text = raw.decode("utf-8")  # a binary file raises here
if "RAISE-IN-CELL" in text:
    raise RuntimeError("deliberate failure in a cell")
time.sleep(float(delay))
Path(output_dir).mkdir(parents=True, exist_ok=True)
(Path(output_dir) / Path(article).stem).mkdir(parents=True, exist_ok=True)
(Path(output_dir) / Path(article).stem / "profile.txt").write_text(text[:50], encoding="utf-8")
display(HTML("<h2>" + html.escape(Path(article).stem) + "</h2>"
             + "".join(f'<p dir="rtl">{html.escape(line)}</p>' for line in text.splitlines() if line.strip())))
'''

COMPARE_SOURCE = r'''
import csv, json, html, base64
from pathlib import Path
from IPython.display import HTML, display
out = Path(output_dir)
out.mkdir(parents=True, exist_ok=True)
folder = Path(articles_dir)
docs = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and p.name != "manifest.csv")
rows, mentions = [], []
for p in docs:
    try:
        text = p.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        continue
    if not text.strip():
        continue
    rows.append({"doc": p.stem, "fact": "length", "value": str(len(text)), "outlet": "", "published": ""})
    mentions.append({"doc": p.stem, "kind": "quantity", "text": str(len(text)), "start": 0, "end": 1})
with open(out / "facts.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.DictWriter(fh, fieldnames=["doc", "fact", "value", "outlet", "published"])
    w.writeheader(); w.writerows(rows)
with open(out / "mentions.jsonl", "w", encoding="utf-8") as fh:
    for m in mentions:
        fh.write(json.dumps(m, ensure_ascii=False) + "\n")
# a 1x1 PNG stands in for a chart
png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")
(out / "chart_counts.png").write_bytes(png)
display(HTML("<table dir='rtl'>" + "".join(f"<tr><td>{html.escape(r['doc'])}</td><td>{r['value']}</td></tr>" for r in rows) + "</table>"))
'''


def _notebook(params: str, source: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    p = nbformat.v4.new_code_cell(params)
    p.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# تقرير تجريبي"), p, nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def write_notebooks(folder: Path, delay: float = 0.0) -> Path:
    """Stand-in ``outlet_profile.ipynb`` and ``compare_outlets.ipynb`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    outlet = _notebook(
        "article = None\narticles_dir = None\nstory = None\npublished = None\nlang = 'ar'\n"
        f"output_dir = None\ndelay = {delay!r}", OUTLET_SOURCE)
    compare = _notebook("story = None\narticles_dir = None\noutlets = None\nlang = 'ar'\noutput_dir = None",
                        COMPARE_SOURCE)
    nbformat.write(outlet, str(folder / "outlet_profile.ipynb"))
    nbformat.write(compare, str(folder / "compare_outlets.ipynb"))
    return folder


def write_articles(folder: Path, texts: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        (folder / name).write_bytes(data)
    return folder


def write_story(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("story: test\nfacts: []\n", encoding="utf-8")
    return path


def sidecars(out: Path) -> dict[str, dict]:
    return {p.relative_to(out).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in out.rglob("*.inputs.json")}
