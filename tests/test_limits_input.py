"""Limits on what is read: the article size limit (flag, environment, messages) and the
story loader (file size, YAML aliases, nesting, one load per process)."""
from __future__ import annotations

import argparse
import io
import os
import time

import pytest

from helpers.cli import main
from helpers.compare import story as story_mod
from helpers.compare.story import MAX_ALIASES, MAX_STORY_BYTES, load_story
from helpers.model import InputError
from helpers.read.corpus import load_article, load_corpus
from helpers.read.limits import (DEFAULT_MAX_ARTICLE_BYTES, ENV_MAX_ARTICLE_BYTES, MB, format_size,
                                 max_article_bytes, parse_size)

# invented sentences
ARTICLE = ("الأمطار تغلق طريقا جبليا\n"
           "قالت السلطات المحلية إن الأمطار الغزيرة أغلقت الطريق الجبلي صباح الثلاثاء، "
           "وإن فرق الصيانة تعمل على فتحه قبل المساء.\n")
STORY = "facts:\n  - {id: rain, kind: count, label_ar: أمطار, mentions: {kind: quantity}}\n"


def _big(path, size: int):
    """A file of ``size`` bytes that costs nothing to write (a sparse file)."""
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(argv, out, err), out.getvalue(), err.getvalue()


# ---------------------------------------------------------------- sizes


@pytest.mark.parametrize("text, size", [
    ("20MB", 20 * MB), ("500KB", 500 * 1024), ("1048576", 1048576), ("5 mb", 5 * MB), ("1.5M", int(1.5 * MB)),
    ("2GiB", 2 * 1024 * MB), ("300b", 300), ("7 bytes", 7), (4096, 4096),
])
def test_sizes_are_read_with_or_without_unit(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "20 MBB", "-5MB", "0", "0KB", "1e6", "20 TB", "abc"])
def test_what_is_not_a_size_is_refused(text):
    with pytest.raises(ValueError):
        parse_size(text)


def test_sizes_are_shown_short():
    assert format_size(5 * MB) == "5 MB"
    assert format_size(20 * MB + 300 * 1024) == "20.3 MB"
    assert format_size(500 * 1024) == "500 KB"
    assert format_size(900) == "900 bytes"


def test_the_limit_comes_from_the_flag_then_the_environment(monkeypatch):
    monkeypatch.delenv(ENV_MAX_ARTICLE_BYTES, raising=False)
    assert max_article_bytes() == DEFAULT_MAX_ARTICLE_BYTES == 5 * MB
    monkeypatch.setenv(ENV_MAX_ARTICLE_BYTES, "20MB")
    assert max_article_bytes() == 20 * MB
    assert max_article_bytes("1KB") == 1024
    monkeypatch.setenv(ENV_MAX_ARTICLE_BYTES, "lots")
    with pytest.raises(ValueError, match=ENV_MAX_ARTICLE_BYTES):
        max_article_bytes()


# ---------------------------------------------------------------- articles


def test_a_large_article_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_MAX_ARTICLE_BYTES, raising=False)
    big = _big(tmp_path / "big.txt", 20 * MB)
    opened = []
    real_open = open

    def spy(path, *a, **kw):
        opened.append(os.fspath(path))
        return real_open(path, *a, **kw)

    monkeypatch.setattr("builtins.open", spy)
    with pytest.raises(InputError) as e:
        load_article(big)
    assert str(e.value) == f"{big}: larger than 5 MB (20 MB); raise the limit with --max-article-size"
    assert str(big) not in opened


def test_the_limit_can_be_raised_or_lowered(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    assert load_article(p, max_bytes="1MB").title.startswith("الأمطار")
    with pytest.raises(InputError, match=r"larger than 100 bytes \("):
        load_article(p, max_bytes=100)


def test_a_folder_keeps_its_other_articles(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    _big(tmp_path / "b.txt", 6 * MB)
    articles, errors = load_corpus(tmp_path)
    assert [a.doc for a in articles] == ["a"]
    assert [(os.path.basename(e.path), e.reason.split(";")[0]) for e in errors] == [("b.txt", "larger than 5 MB (6 MB)")]


@pytest.mark.parametrize("command", ["body", "extract"])
def test_commands_refuse_a_large_article_in_one_line_and_go_on(tmp_path, command, monkeypatch):
    monkeypatch.delenv(ENV_MAX_ARTICLE_BYTES, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    _big(tmp_path / "big.txt", 20 * MB)
    code, out, err = _run([command, "big.txt", "a.txt"])
    assert code == 2
    assert err == "error: big.txt: larger than 5 MB (20 MB); raise the limit with --max-article-size\n"
    assert out.strip()  # the other file is still processed
    code, out, err = _run([command, "--max-article-size", "25MB", "a.txt"])
    assert code == 0 and not err


@pytest.mark.parametrize("command", ["body", "extract", "report"])
def test_a_bad_size_flag_is_one_line(tmp_path, command):
    code, out, err = _run([command, "--max-article-size", "huge"] + ([] if command == "report" else ["x.txt"]))
    assert code == 2
    assert err.strip().splitlines() == ["error: --max-article-size: 'huge' is not a size "
                                        "(write e.g. 20MB, 500KB or a number of bytes)"]


def test_a_bad_size_in_the_environment_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_MAX_ARTICLE_BYTES, "-3")
    code, _, err = _run(["body", str(tmp_path / "x.txt")])
    assert code == 2
    assert err.startswith(f"error: {ENV_MAX_ARTICLE_BYTES}: ") and err.count("\n") == 1


def test_report_parser_accepts_the_size_flag():
    from helpers.cli import build_parser

    args = build_parser().parse_args(["report", "--max-article-size", "20MB"])
    assert isinstance(args, argparse.Namespace) and args.max_article_size == "20MB"


# ---------------------------------------------------------------- stories


BOMB = "\n".join(
    ['a: &a ["ها", "ها", "ها", "ها", "ها", "ها", "ها", "ها", "ها"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    + ["facts:", "  - {id: x, kind: count, label_ar: *i, mentions: {kind: quantity}}", ""])


def test_an_alias_bomb_is_refused_fast(tmp_path):
    p = tmp_path / "bomb.yaml"
    p.write_text(BOMB, encoding="utf-8")
    t0 = time.perf_counter()
    with pytest.raises(InputError) as e:
        load_story(p)
    assert time.perf_counter() - t0 < 1.0
    assert str(e.value) == f"{p}: refused: YAML aliases expand to more than 10,000 values"


def test_an_alias_bomb_is_one_line_from_extract(tmp_path):
    p = tmp_path / "bomb.yaml"
    p.write_text(BOMB, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = _run(["extract", "--story", str(p), str(tmp_path / "a.txt")])
    assert code == 2 and not out
    assert err == f"error: {p}: refused: YAML aliases expand to more than 10,000 values\n"


def test_many_small_aliases_are_refused(tmp_path):
    p = tmp_path / "many.yaml"
    uses = ", ".join(["*w"] * (MAX_ALIASES + 1))
    p.write_text(f"words: &w x\nother: [{uses}]\n{STORY}", encoding="utf-8")
    with pytest.raises(InputError, match=f"more than {MAX_ALIASES} YAML aliases"):
        load_story(p)


def test_a_few_aliases_are_fine(tmp_path):
    p = tmp_path / "ok.yaml"
    p.write_text("x-label: &l أمطار\nfacts:\n  - {id: rain, kind: count, label_ar: *l, mentions: {kind: quantity}}\n",
                 encoding="utf-8")
    assert load_story(p).fact("rain").label_ar == "أمطار"


def test_a_recursive_alias_is_refused(tmp_path):
    p = tmp_path / "rec.yaml"
    p.write_text(f"loop: &loop [*loop]\n{STORY}", encoding="utf-8")
    with pytest.raises(InputError, match="inside its own anchor"):
        load_story(p)


def test_deep_nesting_is_refused(tmp_path):
    p = tmp_path / "deep.yaml"
    p.write_text("facts: " + "[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="nested too deeply"):
        load_story(p)


def test_a_story_too_large_is_refused_unread(tmp_path):
    p = tmp_path / "huge.yaml"
    line = "  - {id: f%d, kind: count, mentions: {kind: quantity}}\n"
    with open(p, "w", encoding="utf-8") as fh:
        fh.write("facts:\n")
        i = 0
        while fh.tell() <= MAX_STORY_BYTES:
            fh.write(line % i)
            i += 1
    with pytest.raises(InputError) as e:
        load_story(p)
    assert str(e.value).startswith(f"{p}: story file larger than 1 MB (")
    code, _, err = _run(["extract", "--story", str(p), str(p)])
    assert code == 2 and err.count("\n") == 1 and "larger than 1 MB" in err


def test_a_story_is_read_once_while_unchanged(tmp_path, monkeypatch):
    p = tmp_path / "s.yaml"
    p.write_text(STORY, encoding="utf-8")
    reads = []
    real = story_mod._read_yaml
    monkeypatch.setattr(story_mod, "_read_yaml", lambda path: reads.append(path) or real(path))
    first = load_story(p)
    assert load_story(p) is first and len(reads) == 1
    p.write_text(STORY.replace("أمطار", "مطر"), encoding="utf-8")
    os.utime(p, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert load_story(p).fact("rain").label_ar == "مطر" and len(reads) == 2


# ---------------------------------------------------------------- the report's plan


def test_the_limit_reaches_the_notebooks_and_their_fingerprint(tmp_path, make_report, monkeypatch):
    from dataclasses import replace

    from helpers.batch import plan as plan_mod

    cfg = make_report({"a.txt": ARTICLE})
    _big(cfg.articles / "big.txt", 20 * MB)
    hashed = []
    real = plan_mod.sha256_file
    monkeypatch.setattr(plan_mod, "sha256_file", lambda p: hashed.append(p.name) or real(p))
    jobs = plan_mod.plan(cfg)
    assert {j.parameters["max_article_bytes"] for j in jobs} == {5 * MB}
    assert "big.txt" not in hashed  # a file refused for its size is not read to be fingerprinted
    raised = plan_mod.plan(replace(cfg, max_article_bytes=30 * MB))
    assert {j.parameters["max_article_bytes"] for j in raised} == {30 * MB}
    assert all(a.digest != b.digest for a, b in zip(jobs, raised))
    assert "big.txt" in hashed


def test_report_refuses_a_bad_story_once_before_running(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB, encoding="utf-8")
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = _run(["report", "--story", str(bomb), "--articles", str(arts), "--out", str(tmp_path / "o")])
    assert code == 2 and not out
    assert err == f"error: {bomb}: refused: YAML aliases expand to more than 10,000 values\n"
    assert not (tmp_path / "o").exists()
