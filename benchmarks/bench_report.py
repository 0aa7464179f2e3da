"""Wall time of the batch report against its floor.

* floor: a fresh Python process that imports papermill and executes, with the same
  parallelism, as many trivial notebooks (one parameter cell, one addition) as the
  report runs — the cost of papermill and kernels alone in this environment;
* ``report --force``: ``python -m helpers report --force`` on the articles (every
  notebook executed and exported, index written);
* rerun: the same command again with nothing changed.

Each figure is the median of ``--repeat`` runs, each in a new process.  Prints a
markdown table.

    .venv/bin/python benchmarks/bench_report.py [--articles seeds] [--jobs N] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FLOOR = r"""
import sys
from concurrent.futures import ThreadPoolExecutor
import nbformat, papermill as pm
folder, n, jobs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
nb = nbformat.v4.new_notebook()
p = nbformat.v4.new_code_cell("x = 0")
p.metadata["tags"] = ["parameters"]
nb.cells = [p, nbformat.v4.new_code_cell("x + 1")]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbformat.write(nb, f"{folder}/trivial.ipynb")
def run(i):
    pm.execute_notebook(f"{folder}/trivial.ipynb", f"{folder}/out{i}.ipynb", parameters={"x": i},
                        kernel_name="python3", progress_bar=False)
with ThreadPoolExecutor(jobs) as pool:
    list(pool.map(run, range(n)))
"""


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t0
    if res.returncode not in (0, 1):
        sys.exit(f"bench_report: {' '.join(cmd)} exited {res.returncode}:\n{res.stderr[-2000:]}")
    return elapsed, res.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", default="seeds")
    ap.add_argument("--story", default=None)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    from helpers.cli import default_jobs
    from helpers.batch.plan import list_articles

    jobs = args.jobs or default_jobs()
    articles = (ROOT / args.articles) if not Path(args.articles).is_absolute() else Path(args.articles)
    n = len(list_articles(articles)) + 1
    py = sys.executable

    floor, force, rerun = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        out = Path(tmp) / "reports"
        cmd = [py, "-m", "helpers", "report", "--articles", str(articles), "--out", str(out),
               "--jobs", str(jobs)]
        if args.story:
            cmd += ["--story", args.story]
        for i in range(args.repeat):
            d = Path(tmp) / f"floor{i}"
            d.mkdir()
            floor.append(timed([py, "-c", FLOOR, str(d), str(n), str(jobs)], ROOT)[0])
            t, code = timed(cmd + ["--force"], ROOT)
            force.append(t)
            rerun.append(timed(cmd, ROOT)[0])
    f, r, z = statistics.median(floor), statistics.median(force), statistics.median(rerun)
    print(f"notebooks: {n} ({n - 1} outlets + comparison), jobs: {jobs}, cores: {os.cpu_count()}, "
          f"median of {args.repeat}\n")
    print("| run | wall time (s) | vs floor |")
    print("|---|---:|---:|")
    print(f"| floor: papermill, {n} trivial notebooks | {f:.2f} | 1.00x |")
    print(f"| `report --force` | {r:.2f} | {r / f:.2f}x |")
    print(f"| rerun, nothing changed | {z:.2f} | {z / f:.2f}x |")
    if code:
        print("\n(note: some notebooks failed in the forced run; see `python -m helpers report`)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
