"""Benchmark: hostile inputs that used to take minutes or gigabytes, against their limits.

    python benchmarks/bench_limits.py [--repeat 3]

1. Cleaning a page of 10,000 and 20,000 short paragraphs that all read alike but each
   states another number (every one is checked as a near duplicate, none is one): the
   near-duplicate check looks paragraphs up in an index of word 3-grams, so twice the
   lines should take about twice the time.
2. A 300 KB "sentence" of dates with no full stop, loaded and extracted: the extractors
   read it as sentences of at most 2,000 characters.
3. A YAML alias bomb (nine levels of nine aliases) as a story: refused before it grows.
4. A 20 MB article (a sparse file): refused from its size, unread.

Each figure is the best of ``--repeat`` runs in this process, then the peak memory the
step allocates in one more run (tracemalloc, which slows it down: not timed).  Prints a markdown table.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TITLE = "حصيلة جديدة لضحايا الفيضانات في الإقليم الشمالي"


def short_lines(n: int) -> str:
    lines = [f"وقالت السلطات إن {i} منزلا تضرر في القرى الواقعة على ضفاف النهر خلال الليل." for i in range(n)]
    return "\n".join([TITLE, *lines]) + "\n"


def dates_sentence(kb: int) -> str:
    unit = "في 12 يونيو 2024 و"
    count = kb * 1024 // len(unit.encode("utf-8"))
    return TITLE + "\nوقال البيان إن الاجتماعات عقدت " + unit * count + " بحضور الوفود.\n"


def alias_bomb() -> str:
    levels = ['a: &a ["ها", "ها", "ها", "ها", "ها", "ها", "ها", "ها", "ها"]']
    for i in range(8):
        name, prev = chr(98 + i), chr(97 + i)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(levels + ["facts:", "  - {id: x, kind: count, label_ar: *i, mentions: {kind: quantity}}", ""])


def measure(step, repeat: int) -> tuple[float, float, str]:
    """(best seconds of ``repeat`` runs, peak MB allocated in one more run traced by
    tracemalloc, what the step returned)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    result = step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, peak / (1 << 20), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from helpers.clean.pipeline import clean
    from helpers.compare.story import load_story
    from helpers.extractors.pipeline import extract
    from helpers.model import InputError
    from helpers.read.corpus import load_article

    tmp = Path(tempfile.mkdtemp(prefix="bench-limits-"))
    clean(short_lines(10))  # tables loaded outside the timings

    def cleaning(n: int):
        text = short_lines(n)
        return lambda: f"{len(clean(text).body):,} paragraphs kept"

    def dates():
        path = tmp / "dates.txt"
        path.write_text(dates_sentence(300), encoding="utf-8")
        return lambda: f"{sum(m.kind == 'date' for m in extract(load_article(path))):,} dates"

    def refused(load, path: Path):
        def step() -> str:
            try:
                load(path)
            except InputError as e:
                return e.reason
            return "accepted"
        return step

    bomb = tmp / "bomb.yaml"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    huge = tmp / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(20 << 20)

    rows = [
        ("clean 10,000 short lines", cleaning(10_000)),
        ("clean 20,000 short lines", cleaning(20_000)),
        ("load + extract a 300 KB sentence of dates", dates()),
        ("story with an alias bomb", refused(load_story, bomb)),
        ("article of 20 MB", refused(load_article, huge)),
    ]
    print("| input | seconds (best of %d) | peak MB | result |" % args.repeat)
    print("|---|---|---|---|")
    for name, step in rows:
        seconds, peak, result = measure(step, args.repeat)
        print(f"| {name} | {seconds:.3f} | {peak:.1f} | {result} |", flush=True)


if __name__ == "__main__":
    main()
