"""``python -m helpers body``: output per file, JSON lines, errors and exit codes."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from helpers.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

TITLE = "افتتاح جسر جديد يربط ضفتي النهر بعد ثلاث سنوات من العمل"
P1 = "افتتح رئيس البلدية صباح اليوم الجسر الجديد الذي يربط ضفتي النهر، بحضور مئات من سكان الأحياء المجاورة."
P2 = "وقال إن الجسر سيخفف الازدحام عن الطريق القديم، وإن كلفته بلغت أقل مما قدر له في البداية."
ARTICLE = f"{TITLE}\n{P1}\n{P2}\n"


def run(files, as_json=False):
    out, err = io.StringIO(), io.StringIO()
    code = main(["body", *map(str, files), *(["--json"] if as_json else [])], out, err)
    return code, out.getvalue(), err.getvalue()


def test_one_file_prints_title_then_body(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("الرئيسية » محليات\n" + ARTICLE + "اقرأ أيضا\nخبر آخر عن الطقس\n", encoding="utf-8")
    code, out, err = run([f])
    assert (code, err) == (0, "")
    assert out == f"{TITLE}\n{P1}\n{P2}\n"


def test_several_files_get_headers_like_tail(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(f"{P2}\n", encoding="utf-8")
    code, out, err = run([a, b])
    assert code == 0
    assert out == f"==> {a} <==\n{TITLE}\n{P1}\n{P2}\n\n==> {b} <==\n{P2}\n"


def test_bad_files_are_reported_and_the_others_printed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    missing = tmp_path / "missing.txt"
    code, out, err = run([empty, good, binary, missing])
    assert code == 2
    assert err.splitlines() == [
        f"error: {empty}: empty file",
        f"error: {binary}: binary file (not text)",
        f"error: {missing}: no such file",
    ]
    assert f"==> {good} <==\n{TITLE}\n" in out
    assert "Traceback" not in err


def test_json_lines_with_metadata_from_the_manifest():
    files = sorted(SEEDS.glob("*.txt"))
    code, out, err = run(files, as_json=True)
    assert (code, err) == (0, "")
    recs = [json.loads(line) for line in out.splitlines()]
    assert [r["doc"] for r in recs] == ["000", "001", "002", "003", "004"]
    first = recs[0]
    assert set(first) == {"doc", "path", "title", "text", "meta", "removed"}
    assert first["text"].split("\n")[0] == first["title"]
    assert first["meta"]["outlet_ar"] == "روسيا اليوم"
    assert first["meta"]["published"] == "2025-04-28"
    # the manifest's evidence for the date travels with it
    assert first["meta"]["published_basis"].startswith("manifest: text: ")
    assert {"kind", "text"} <= set(first["removed"][0])
    byline = recs[3]["meta"]
    assert (byline["dateline_place"], byline["byline"]) == ("موسكو", "حسن عمارة")


def test_subprocess_exit_codes_and_stderr(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("   \n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    ok = subprocess.run([sys.executable, "-m", "helpers", "body", str(good)], capture_output=True, text=True, env=env)
    assert ok.returncode == 0
    assert ok.stdout.splitlines() == [TITLE, P1, P2]
    mixed = subprocess.run(
        [sys.executable, "-m", "helpers", "body", "--json", str(bad), str(good)], capture_output=True, text=True, env=env
    )
    assert mixed.returncode == 2
    assert mixed.stderr == f"error: {bad}: empty file\n"
    assert json.loads(mixed.stdout)["title"] == TITLE
