"""``python -m helpers reuse``: one record per pair that shares text, errors as one line."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from helpers.cli import main
from reuse_texts import OTHER, OTHER_TITLE, WIRE, WIRE_TITLE

ROOT = Path(__file__).resolve().parents[1]


def write(folder: Path, name: str, title: str, paragraphs: list[str]) -> Path:
    f = folder / name
    f.write_text("\n".join([title, *paragraphs]) + "\n", encoding="utf-8")
    return f


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main(["reuse", *map(str, args)], out, err)
    return code, out.getvalue(), err.getvalue()


def folder_of_three(tmp_path: Path) -> Path:
    write(tmp_path, "a.txt", WIRE_TITLE, WIRE)
    edited = [p.replace("14 شخصا", "16 شخصا") for p in WIRE]
    write(tmp_path, "b.txt", WIRE_TITLE, edited)
    write(tmp_path, "c.txt", OTHER_TITLE, OTHER)
    return tmp_path


def test_jsonl_one_record_per_pair_with_offsets_into_the_cleaned_text(tmp_path):
    import helpers

    code, out, err = run(folder_of_three(tmp_path))
    assert (code, err) == (0, "")
    records = [json.loads(x) for x in out.splitlines()]
    assert len(records) == 1
    r = records[0]
    assert (r["a"], r["b"]) == ("a", "b")
    assert 0.95 < r["share_a"] < 1 and 0.95 < r["share_b"] < 1
    assert [(d["text_a"], d["text_b"]) for d in r["differences"]] == [("14", "16")]
    a, b = helpers.load_article(tmp_path / "a.txt"), helpers.load_article(tmp_path / "b.txt")
    for s in r["spans"]:
        assert a.text[s["start_a"]:s["end_a"]] == s["text"]
        assert b.text[s["start_b"]:s["end_b"]] == s["text_b"]


def test_table_format(tmp_path):
    code, out, err = run("--format", "table", folder_of_three(tmp_path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["a", "b", "share_a", "share_b", "passages", "shared_words", "differences"]
    assert len(lines) == 2 and lines[1].split()[:2] == ["a", "b"] and "14 → 16" in lines[1]


def test_files_and_folders_mix_and_nothing_shared_prints_nothing(tmp_path):
    c = write(tmp_path, "c.txt", OTHER_TITLE, OTHER)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.txt", WIRE_TITLE, WIRE)
    assert run(c, tmp_path / "sub") == (0, "", "")
    write(tmp_path, "d.txt", WIRE_TITLE, WIRE[:3])
    code, out, err = run(c, tmp_path / "d.txt", tmp_path / "sub")
    assert code == 0 and [json.loads(x)["b"] for x in out.splitlines()] == ["a"]
    # a file named twice (alone and in its folder) is one article, not a copy of itself
    code, out, err = run(tmp_path / "sub" / "a.txt", tmp_path / "sub")
    assert (code, out, err) == (0, "", "")


def test_bad_inputs_give_one_error_line_each_and_the_rest_is_compared(tmp_path):
    (tmp_path / "ok").mkdir()
    folder = folder_of_three(tmp_path / "ok")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(folder, tmp_path / "missing.txt", empty)
    assert code == 2
    lines = err.splitlines()
    assert lines == [f"error: {tmp_path / 'missing.txt'}: no such file or folder",
                     lines[1]] and lines[1].startswith(f"error: {empty}: ")
    assert "Traceback" not in err
    assert len(out.splitlines()) == 1


def test_the_module_runs_from_the_shell(tmp_path):
    folder_of_three(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "helpers", "reuse", str(tmp_path), str(tmp_path / "nope")],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert proc.stderr == f"error: {tmp_path / 'nope'}: no such file or folder\n"
    assert len(proc.stdout.splitlines()) == 1
