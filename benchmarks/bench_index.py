"""Benchmark: ``python -m helpers index`` over a generated archive.

The archive is generated at run time in a temporary folder from the seed articles: every
article a copy of a seed with a distinct id, title and publication day, in folders of
``--per-folder`` articles (one folder per day of captures, each with its manifest), the
way an archive grows.  For each size and worker count the whole command runs in a fresh
process on a fresh store; the figures are wall time (process start included),
articles/s, and the peak resident memory of the driver and of the whole process tree
(driver, nannies, workers), sampled every 0.2 s.

    python benchmarks/bench_index.py --sizes 20000 100000 --workers 1 2
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def generate(folder: Path, n: int, per_folder: int) -> None:
    """``n`` articles made from the seeds, ``per_folder`` per day folder."""
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    start = dt.date(2025, 1, 1)
    for first in range(0, n, per_folder):
        day = start + dt.timedelta(days=first // per_folder)
        sub = folder / day.isoformat()
        sub.mkdir(parents=True)
        rows = ["id,file,outlet_en,site,published"]
        for i in range(first, min(n, first + per_folder)):
            text = texts[i % len(texts)]
            head, _, rest = text.lstrip().partition("\n")
            name = f"a{i:07d}.txt"
            (sub / name).write_text(f"{head} ({i})\n{rest}", encoding="utf-8")
            rows.append(f"a{i:07d},{name},Outlet {i % 150},outlet{i % 150}.example,{day.isoformat()}")
        (sub / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _tree_rss(proc) -> tuple[int, int]:
    import psutil

    try:
        own = proc.memory_info().rss
        total = own + sum(c.memory_info().rss for c in proc.children(recursive=True))
    except psutil.Error:
        return 0, 0
    return own, total


def run_index(archive: Path, store: Path, workers: int, batch: int) -> dict:
    import psutil

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    cmd = [sys.executable, "-m", "helpers", "index", *sorted(map(str, archive.iterdir())),
           "--store", str(store), "--workers", str(workers), "--batch-size", str(batch), "--no-progress"]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak_own = peak_total = 0
    while proc.poll() is None:
        own, total = _tree_rss(ps)
        peak_own, peak_total = max(peak_own, own), max(peak_total, total)
        time.sleep(0.2)
    seconds = time.monotonic() - started
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"index failed ({proc.returncode}): {err.strip()[-2000:]}")
    return {"seconds": seconds, "driver_mb": peak_own / 2**20, "total_mb": peak_total / 2**20,
            "summary": out.strip()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20000, 100000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--per-folder", type=int, default=1000)
    ap.add_argument("--batch-size", type=int, default=100)
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    args = ap.parse_args(argv)
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-index-"))
    print(f"| articles | workers | seconds | articles/s | peak driver MB | peak total MB |")
    print(f"|---|---|---|---|---|---|")
    try:
        for n in args.sizes:
            archive = base / f"archive-{n}"
            if not archive.is_dir():
                generate(archive, n, args.per_folder)
            for w in args.workers:
                store = base / f"store-{n}-{w}"
                shutil.rmtree(store, ignore_errors=True)
                r = run_index(archive, store, w, args.batch_size)
                print(f"| {n} | {w} | {r['seconds']:.1f} | {n / r['seconds']:.1f} | {r['driver_mb']:.0f} "
                      f"| {r['total_mb']:.0f} |", flush=True)
                shutil.rmtree(store, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
