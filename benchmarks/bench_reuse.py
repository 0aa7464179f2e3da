"""Benchmark: shared-text detection over 1,000 and 10,000 articles with planted reuse.

    python benchmarks/bench_reuse.py [--texts DIR] [--sizes 1000,10000] [--reuse 0.1] [--seed S]

1. Learns a word chain (which word follows which) from the articles of ``--texts``
   (default ``seeds/``; any folder of articles, e.g. a development story's), then writes
   N articles into a temporary folder: a title, 4–7 paragraphs with numbers, a source
   line.  The chain follows the texts for at most three words, then jumps to a random
   word, so generated articles share short phrases but not passages: the independent
   articles are independent.  Every 5 articles tell "one
   event": they all carry the same figure phrase (a hard negative, not reuse).
2. Plants reuse in a share ``--reuse`` of the articles (default 0.1), each a copy of one
   original, five kinds in turn: whole copy; copy with one number changed; copy with
   the source line changed; copy with its paragraphs reordered; one or two paragraphs
   taken into an article of its own (partial copy).  The (original, copy) pairs are the
   ground truth.
3. Loads the folder (``load_corpus``, timed apart), then times the detection
   stage by stage (wall clock): words, MinHash LSH candidates (datasketch), exact
   alignment; and the detection's CPU time, which a busy machine does not inflate (the
   growth exponent is computed from it).
   Scores the pairs found against the planted ones.

Prints a markdown table, and how time grows with N (the exponent k of time ∝ N^k).
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers.read.corpus import load_corpus  # noqa: E402
from helpers.reuse.candidates import candidate_pairs  # noqa: E402
from helpers.reuse.detect import compare_pair  # noqa: E402
from helpers.reuse.words import words  # noqa: E402

AGENCIES = ["وكالة الأنباء الرسمية", "وكالة الصحافة المحلية", "مراسلنا", "وكالات", "وكالة الخليج"]
RUN = 3  # words taken in a row from the source texts, at most
KINDS = ("whole", "number", "source", "reordered", "partial")


def chain(folder: Path) -> dict[str, list[str]]:
    """Which word follows which in the articles of ``folder`` (words as the detection cuts
    them: a hashtag or a dash-joined run is several words, punctuation is dropped)."""
    articles, _ = load_corpus(folder)
    follow: dict[str, list[str]] = {}
    for a in articles:
        w = words(a.body)
        toks = [a.body[s:e] for s, e in zip(w.starts, w.ends)]
        for x, y in zip(toks, toks[1:]):
            follow.setdefault(x, []).append(y)
    if not follow:
        raise SystemExit(f"{folder}: no articles to learn words from")
    return follow


def sentence(follow: dict[str, list[str]], rng: random.Random, n: int) -> str:
    """``n`` words: the chain followed for at most :data:`RUN` words, then a jump."""
    starts = list(follow)
    w = rng.choice(starts)
    out, run = [w], 1
    while len(out) < n:
        nxt = follow.get(w)
        if nxt and run < RUN and rng.random() < 0.5:
            w, run = rng.choice(nxt), run + 1
        else:
            w, run = rng.choice(starts), 1
        out.append(w)
    return " ".join(out)


def own_article(follow, rng: random.Random, event: str) -> dict:
    """A title, 4–7 paragraphs with a number each; ``event`` (the figure phrase) ends one."""
    paras = []
    for _ in range(rng.randint(4, 7)):
        cut = sentence(follow, rng, rng.randint(25, 60)).split()
        cut.insert(rng.randint(0, len(cut)), str(rng.randint(2, 99999)))
        paras.append(" ".join(cut))
    k = rng.randrange(len(paras))
    paras[k] = paras[k] + " " + event
    return {"title": sentence(follow, rng, 8), "paras": paras, "source": rng.choice(AGENCIES)}


def copy_of(orig: dict, kind: str, follow, rng: random.Random, event: str) -> dict:
    c = {"title": orig["title"], "paras": list(orig["paras"]), "source": orig["source"]}
    if kind == "number":
        n = next(i for i, p in enumerate(c["paras"]) if any(t.isdigit() for t in p.split()))
        toks = c["paras"][n].split()
        k = next(i for i, t in enumerate(toks) if t.isdigit())
        toks[k] = str(int(toks[k]) + rng.randint(1, 999))
        c["paras"][n] = " ".join(toks)
    elif kind == "source":
        c["source"] = rng.choice([x for x in AGENCIES if x != orig["source"]])
    elif kind == "reordered":
        rng.shuffle(c["paras"])
    elif kind == "partial":
        own = own_article(follow, rng, event)
        k = rng.randint(0, len(orig["paras"]) - 2)
        taken = orig["paras"][k:k + rng.randint(1, 2)]
        at = rng.randint(0, len(own["paras"]))
        own["paras"][at:at] = taken
        c = own
    return c


def generate(folder: Path, n: int, share: float, follow, rng: random.Random) -> set[tuple[str, str]]:
    """Write ``n`` articles into ``folder``; the planted (original, copy) pairs by file stem."""
    n_copies = int(n * share)
    docs: list[dict] = []
    planted = set()
    for i in range(n - n_copies):
        event = f"وأفادت التقارير بسقوط {1000 + i // 5} ضحية في الحادث"
        docs.append(own_article(follow, rng, event))
    originals = rng.sample(range(len(docs)), n_copies)
    for k, o in enumerate(originals):
        docs.append(copy_of(docs[o], KINDS[k % len(KINDS)], follow, rng, f"وقال شهود إن {k} أسرة نزحت"))
        planted.add((f"a{o:05d}", f"a{len(docs) - 1:05d}"))
    for i, d in enumerate(docs):
        text = "\n".join([d["title"], *d["paras"], f"المصدر: {d['source']}"]) + "\n"
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
    return planted


def detect(articles) -> tuple[set[tuple[str, str]], dict[str, float], int]:
    """The pairs found (as sorted id pairs), seconds per stage, and candidates aligned."""
    c0 = time.process_time()
    t0 = time.perf_counter()
    ws = [words(a.text) for a in articles]
    t1 = time.perf_counter()
    cands = candidate_pairs(w.keys for w in ws)
    t2 = time.perf_counter()
    found = set()
    for i, j in sorted(cands):
        if compare_pair(articles[i], articles[j], ws[i], ws[j]) is not None:
            found.add(tuple(sorted((articles[i].doc, articles[j].doc))))
    t3 = time.perf_counter()
    return found, {"words": t1 - t0, "lsh": t2 - t1, "align": t3 - t2, "cpu": time.process_time() - c0}, len(cands)


def run(n: int, args, follow) -> dict:
    rng = random.Random(args.seed + n)
    with tempfile.TemporaryDirectory() as tmp:
        planted = generate(Path(tmp), n, args.reuse, follow, rng)
        t = time.perf_counter()
        articles, errors = load_corpus(tmp)
        load = time.perf_counter() - t
        if errors:
            print(f"warning: {len(errors)} generated files refused, e.g. {errors[0]}", file=sys.stderr)
        found, stages, n_cands = detect(articles)
    tp = len(found & planted)
    return {"n": n, "load": load, **stages, "total": stages["words"] + stages["lsh"] + stages["align"], "candidates": n_cands,
            "planted": len(planted), "found": len(found), "tp": tp,
            "precision": tp / len(found) if found else 1.0, "recall": tp / len(planted) if planted else 1.0,
            "missed": sorted(planted - found)[:5], "extra": sorted(found - planted)[:5]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", default=str(ROOT / "seeds"), help="folder of articles to learn words from")
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--reuse", type=float, default=0.1, help="share of articles that are copies")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    follow = chain(Path(args.texts))
    rows = [run(int(s), args, follow) for s in args.sizes.split(",")]
    print("| N | load s | detect s (words / LSH / align) | detect CPU s | candidates | planted | found | precision | recall |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['n']} | {r['load']:.1f} | {r['total']:.1f} ({r['words']:.1f} / {r['lsh']:.1f} / "
              f"{r['align']:.1f}) | {r['cpu']:.1f} | {r['candidates']} | {r['planted']} | {r['found']} | "
              f"{r['precision']:.3f} | {r['recall']:.3f} |")
    for a, b in zip(rows, rows[1:]):
        k = math.log(b["cpu"] / a["cpu"]) / math.log(b["n"] / a["n"])
        print(f"\n{a['n']} → {b['n']} articles: detection CPU time × {b['cpu'] / a['cpu']:.1f}, "
              f"time ∝ N^{k:.2f}")
    for r in rows:
        if r["missed"] or r["extra"]:
            print(f"N={r['n']}: missed {r['missed']} found but not planted {r['extra']}")


if __name__ == "__main__":
    main()
