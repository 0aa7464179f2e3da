"""One way of writing files: a reader sees the old content or the new, never half."""
from __future__ import annotations

import os
import stat

import pytest

from helpers.atomic import atomic_path, copy_atomic, is_temp_name, make_temp_file, write_atomic


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "sub" / "page.html"
    write_atomic(target, "قديم")
    write_atomic(target, "جديد")
    assert target.read_text(encoding="utf-8") == "جديد"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]


def test_text_is_utf8_with_newlines_as_given_and_bytes_are_verbatim(tmp_path):
    write_atomic(tmp_path / "t.csv", "أ,ب\r\nج,د\n")
    assert (tmp_path / "t.csv").read_bytes() == "أ,ب\r\nج,د\n".encode("utf-8")
    write_atomic(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"


def test_copy_atomic_copies_bytes(tmp_path):
    src = tmp_path / "src.png"
    src.write_bytes(bytes(range(256)) * 10)
    dest = copy_atomic(src, tmp_path / "out" / "dest.png")
    assert dest.read_bytes() == src.read_bytes()
    assert sorted(p.name for p in dest.parent.iterdir()) == ["dest.png"]


def test_failing_writer_keeps_the_old_file_and_leaves_nothing(tmp_path):
    target = tmp_path / "chart.png"
    target.write_bytes(b"good")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("writer failed")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def test_atomic_path_renames_what_the_writer_wrote(tmp_path):
    target = tmp_path / "a" / "chart.svg"
    with atomic_path(target) as tmp:
        assert tmp.parent == target.parent and tmp.name.startswith(".chart.svg.")
        tmp.write_text("<svg/>", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "<svg/>"
    assert [p.name for p in target.parent.iterdir()] == ["chart.svg"]


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_get_the_mode_of_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    write_atomic(tmp_path / "page.html", "صفحة")
    src = tmp_path / "src.bin"
    src.write_bytes(b"x")
    copy_atomic(src, tmp_path / "copy.bin")
    with atomic_path(tmp_path / "chart.png") as tmp:
        tmp.write_bytes(b"png")
    fd, made = make_temp_file(tmp_path, ".n.")
    os.close(fd)
    for name in ("page.html", "copy.bin", "chart.png", made.name):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name


def test_replacing_a_private_file_gives_the_umask_mode(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "index.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_temporary_names_are_recognised(tmp_path):
    fd, made = make_temp_file(tmp_path, ".index.html.")
    os.close(fd)
    assert is_temp_name(made.name)
    fd, other = make_temp_file(tmp_path, ".index.html.")
    os.close(fd)
    assert other != made


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_current_umask_reads_the_umask_and_leaves_it(umask, mask):
    from helpers.atomic import current_umask

    umask(mask)
    assert current_umask() == mask
    assert os.umask(mask) == mask  # unchanged by the reading
