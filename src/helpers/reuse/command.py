"""``python -m helpers reuse FILE_OR_DIR...``: the pairs of articles that share text.

Folders are read like ``load_corpus`` (every article file, with the folder's manifest);
files one by one, with the manifest of their folder.  A file or folder the tool cannot
read gives one line ``error: PATH: reason`` on ``err`` and the others are still
compared; the exit code is then 2.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from ..model import Article, InputError

TABLE_COLUMNS = ["a", "b", "share_a", "share_b", "passages", "shared_words", "differences"]


def _load_file(path: Path, manifests: dict[Path, dict], err: TextIO) -> Article | None:
    from ..read.corpus import load_article, manifest_row_for, read_manifest

    folder = path.parent
    if folder not in manifests:
        try:
            manifests[folder] = read_manifest(folder)
        except InputError as e:
            err.write(f"error: {e.path}: {e.reason}\n")
            manifests[folder] = {}
    try:
        return load_article(path, manifest_row_for(path, manifests[folder]))
    except InputError as e:
        err.write(f"error: {path}: {e.reason}\n")
    except (OSError, UnicodeDecodeError, ValueError) as e:
        err.write(f"error: {path}: {e.__class__.__name__}: {e}".replace("\n", " ").rstrip() + "\n")
    return None


def load_inputs(paths: list[str], err: TextIO) -> tuple[list[Article], bool]:
    """The articles of ``paths`` (files and folders) and whether any input was refused."""
    from ..read.corpus import load_corpus

    articles: list[Article] = []
    manifests: dict[Path, dict] = {}
    failed = False
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found, errors = load_corpus(p)
            articles += found
            for e in errors:
                err.write(f"error: {e.path}: {e.reason}\n")
            failed = failed or bool(errors)
        elif p.is_file():
            art = _load_file(p, manifests, err)
            failed = failed or art is None
            if art is not None:
                articles.append(art)
        else:
            err.write(f"error: {given}: no such file or folder\n")
            failed = True
    return _once(articles), failed


def _once(articles: list[Article]) -> list[Article]:
    """Each file once, however many times it was named (a folder and a file in it)."""
    seen, out = set(), []
    for a in articles:
        key = Path(a.path).resolve()
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _differences(pair) -> str:
    shown = [f"{d.text_a or '∅'} → {d.text_b or '∅'}".replace("\n", " ") for d in pair.differences]
    return "; ".join(shown)


def write_table(pairs: list, out: TextIO) -> None:
    """Aligned text, one line per pair."""
    rows = [[p.a, p.b, f"{p.share_a:.3f}", f"{p.share_b:.3f}", str(len(p.passages)),
             str(sum(x.words for x in p.passages)), _differences(p)] for p in pairs]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(TABLE_COLUMNS)]
    out.write("  ".join(c.ljust(w) for c, w in zip(TABLE_COLUMNS, widths)).rstrip() + "\n")
    for r in rows:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() + "\n")


def run_reuse(paths: list[str], fmt: str, out: TextIO, err: TextIO) -> int:
    """Print one record per pair of articles that share text; 2 when an input was refused."""
    from .detect import find_reuse

    articles, failed = load_inputs(paths, err)
    pairs = find_reuse(articles)
    if fmt == "table":
        if pairs:
            write_table(pairs, out)
    else:
        for p in pairs:
            out.write(json.dumps(p.to_json(), ensure_ascii=False) + "\n")
    out.flush()
    return 2 if failed else 0
