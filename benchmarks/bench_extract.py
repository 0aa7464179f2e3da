"""Benchmark: extraction throughput and date precision/recall, against dateparser.

    python benchmarks/bench_extract.py [--articles N] [--dateparser-articles M] [--seed S]

1. Builds a corpus of N articles (default 3000) from the seed articles: their date-free
   sentences shuffled into new paragraphs, numbers swapped, some texts in Arabic-Indic
   digits, and 1–4 planted date sentences per article written in the month-name systems
   Arabic outlets use (Egyptian/Gulf "يونيو", Levantine/Iraqi "حزيران", Maghrebi "جوان",
   the combined "حزيران/يونيو"), with day, month or year precision.  The planted dates
   are the ground truth.
2. Times ``python -m helpers extract`` over all files in one subprocess pinned to one
   core, process start included, and scores its dates against the planted ones.
3. Runs dateparser's ``search_dates(text, languages=["ar"])`` in-process on the first M
   articles (default 200; it is slow) and scores it the same way.

Prints a markdown table.  Targets: ≥ 1 MB/s on one core including process start,
≥ 20× dateparser's throughput, and a clearly higher F1.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# Month names per system (benchmark-local: the generator's vocabulary, not the extractor's).
MONTHS = {
    "egypt_gulf": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
                   "أكتوبر", "نوفمبر", "ديسمبر"],
    "levant": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
               "تشرين الأول", "تشرين الثاني", "كانون الأول"],
    "maghreb": ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
                "نونبر", "دجنبر"],
    "algeria_tunisia": ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر",
                        "أكتوبر", "نوفمبر", "ديسمبر"],
}
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
# Words that make a seed sentence date-bearing; such sentences are left out of the corpus
# so the planted dates are the only ones.
DATE_WORDS = ({m for ms in MONTHS.values() for m in ms} | set(WEEKDAYS) |
              {"أمس", "اليوم", "غدا", "الماضي", "الجاري", "المقبل", "العام", "عام", "شهر", "أسبوع",
               "فجر", "صباح", "مساء", "ليلة", "منذ", "ربيع", "صيف", "خريف", "شتاء", "أواخر", "أوائل"})
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

TEMPLATES = [
    "وقال المتحدث باسم الوزارة {d} إن المحادثات ستستمر.",
    "وأعلنت الحكومة {d} عن خطة جديدة لإعادة الإعمار.",
    "وكان الوفد قد وصل إلى العاصمة {d} في زيارة رسمية.",
    "وعقد الطرفان اجتماعا مطولا {d} لبحث الملفات العالقة.",
    "وأشار التقرير إلى أن الهجوم وقع {d} قرب الحدود.",
]


def seed_sentences() -> list[str]:
    from helpers.lang.arabic import sentences
    from helpers.read.corpus import load_corpus

    articles, _ = load_corpus(ROOT / "seeds")
    out = []
    for a in articles:
        body = a.body
        for s, e in sentences(body):
            sent = body[s:e]
            words = set(re.findall(r"[\w]+", sent))
            stripped = {w[1:] if w[:1] in "وفبل" else w for w in words}
            if re.search(r"[0-9٠-٩]", sent) or (words | stripped) & DATE_WORDS or len(sent) < 25:
                continue
            out.append(sent)
    return out


def plant(rng: random.Random) -> tuple[str, str]:
    """A date expression and its ISO value."""
    y = rng.randint(2015, 2025)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    system = rng.choice(list(MONTHS))
    month = MONTHS[system][m - 1]
    if system == "levant" and rng.random() < 0.4:
        month = f"{month}/{MONTHS['egypt_gulf'][m - 1]}"
    kind = rng.random()
    if kind < 0.55:
        form = rng.choice(["في {d} {M} {y}", "يوم {d} {M} {y}", "بتاريخ {d} {M} {y}", "في {d} {M} عام {y}"])
        return form.format(d=d, M=month, y=y), f"{y:04d}-{m:02d}-{d:02d}"
    if kind < 0.85:
        form = rng.choice(["في {M} {y}", "في شهر {M} {y}", "خلال {M} {y}", "منذ {M} {y}"])
        return form.format(M=month, y=y), f"{y:04d}-{m:02d}"
    form = rng.choice(["في عام {y}", "خلال عام {y}", "في العام {y}"])
    return form.format(y=y), f"{y:04d}"


def build_corpus(folder: Path, n: int, rng: random.Random) -> dict[str, set[str]]:
    pool = seed_sentences()
    truth: dict[str, set[str]] = {}
    for i in range(n):
        k = rng.randint(6, 14)
        body = rng.sample(pool, min(k, len(pool)))
        planted = set()
        # distinct templates: two sentences differing only in their date would be one
        # repeated paragraph to the cleaner
        for template in rng.sample(TEMPLATES, rng.randint(1, 4)):
            expr, iso = plant(rng)
            body.insert(rng.randint(0, len(body)), template.format(d=expr))
            planted.add(iso)
        # paragraphs of 1–3 sentences; numbers in the quantity sentences varied
        paras, j = [], 0
        while j < len(body):
            step = rng.randint(1, 3)
            paras.append(" ".join(body[j:j + step]))
            j += step
        text = f"خبر رقم {i}: تطورات جديدة\n" + "\n".join(paras) + "\n"
        text = re.sub(r"(?<![0-9])(?:500|12|11)(?= (?:ألف|ضابط))", lambda _m: str(rng.randint(2, 900)), text)
        if rng.random() < 0.3:
            text = text.translate(INDIC)
        doc = f"b{i:05d}"
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
        truth[doc] = planted
    return truth


def score(pred: dict[str, set[str]], truth: dict[str, set[str]], docs) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for d in docs:
        p, t = pred.get(d, set()), truth[d]
        tp += len(p & t)
        fp += len(p - t)
        fn += len(t - p)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def one_core():
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run_ours(folder: Path, files: list[Path]) -> tuple[float, dict[str, set[str]]]:
    cmd = [sys.executable, "-m", "helpers", "extract", "--published", "2025-06-01", "--format", "jsonl",
           *[str(f) for f in files]]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, preexec_fn=one_core)
    elapsed = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"extract failed ({p.returncode}): {p.stderr[:500]}")
    pred: dict[str, set[str]] = {}
    for line in p.stdout.splitlines():
        r = json.loads(line)
        if r["kind"] == "date" and r.get("value"):
            pred.setdefault(r["doc"], set()).add(r["value"])
    return elapsed, pred


def run_dateparser(files: list[Path]) -> tuple[float, dict[str, set[str]]]:
    from dateparser.search import search_dates

    search_dates("في 3 مارس 2024", languages=["ar"])  # warm up: load the language data
    pred: dict[str, set[str]] = {}
    t0 = time.perf_counter()
    for f in files:
        text = f.read_text(encoding="utf-8")
        found = search_dates(text, languages=["ar"]) or []
        vals = set()
        for phrase, when in found:
            # the precision the phrase states: a day number, a month, or a year only
            has_day = re.search(r"(?<![0-9٠-٩])[0-9٠-٩]{1,2}(?![0-9٠-٩])", phrase)
            has_year_only = re.fullmatch(r"\D*[0-9٠-٩]{4}\D*", phrase) and not any(
                mn in phrase for ms in MONTHS.values() for mn in ms)
            if has_year_only:
                vals.add(f"{when.year:04d}")
            elif has_day:
                vals.add(when.date().isoformat())
            else:
                vals.add(f"{when.year:04d}-{when.month:02d}")
        pred[f.stem] = vals
    return time.perf_counter() - t0, pred


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--dateparser-articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        folder = Path(tmp)
        truth = build_corpus(folder, args.articles, rng)
        files = sorted(folder.glob("*.txt"))
        size = sum(f.stat().st_size for f in files)
        ours_t, ours_pred = run_ours(folder, files)
        dp_files = files[: args.dateparser_articles]
        dp_size = sum(f.stat().st_size for f in dp_files)
        dp_t, dp_pred = run_dateparser(dp_files)
    ours_mbs = size / 1e6 / ours_t
    dp_mbs = dp_size / 1e6 / dp_t
    p, r, f = score(ours_pred, truth, [f.stem for f in files])
    p_sub, r_sub, f_sub = score(ours_pred, truth, [f.stem for f in dp_files])
    dp_p, dp_r, dp_f = score(dp_pred, truth, [f.stem for f in dp_files])
    print(f"corpus: {len(files)} articles, {size / 1e6:.2f} MB; dateparser on the first {len(dp_files)} "
          f"({dp_size / 1e6:.2f} MB)\n")
    print("| system | articles | MB/s (1 core) | date P | date R | date F1 |")
    print("|---|---|---|---|---|---|")
    print(f"| helpers extract (subprocess, start included) | {len(files)} | {ours_mbs:.2f} | {p:.3f} | {r:.3f} | {f:.3f} |")
    print(f"| helpers extract, same subset as dateparser | {len(dp_files)} | — | {p_sub:.3f} | {r_sub:.3f} | {f_sub:.3f} |")
    print(f"| dateparser search_dates(ar) (in-process) | {len(dp_files)} | {dp_mbs:.4f} | {dp_p:.3f} | {dp_r:.3f} | {dp_f:.3f} |")
    print(f"\nspeed ratio: {ours_mbs / dp_mbs:.0f}× dateparser; wall time {ours_t:.2f} s for {len(files)} files")
    ok = ours_mbs >= 1.0 and ours_mbs / dp_mbs >= 20 and f > dp_f
    print("targets (≥1 MB/s, ≥20×, higher F1):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
