"""The article store: ``index`` on an embedded Dask cluster and on a real scheduler with
a worker, mentions equal to ``extract``'s, resume after a killed run, append without
rewriting, exports as input, DuckDB views, and ``select`` writing a folder ``report`` reads."""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from helpers.cli import main  # noqa: E402
from helpers.read.corpus import load_corpus  # noqa: E402
from helpers.store import open_store, run_index  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SRC = ROOT / "src"

HEALTH = ("وزارة الدفاع تعلن وصول تعزيزات إلى الحدود\n"
          "أعلنت وزارة الدفاع يوم الثلاثاء 9 سبتمبر 2025 وصول 1500 جندي إلى المنطقة الحدودية، وفق بيان رسمي.\n"
          "وقال المتحدث باسم الوزارة إن 120 جنديا قتلوا في المعارك خلال الشهر الماضي.\n")
BRIDGE = ("افتتاح الجسر الجديد فوق النهر\n"
          "افتتحت البلدية في 3 أكتوبر 2025 الجسر الذي استغرق بناؤه عامين، بحضور 300 من السكان.\n"
          "وقال رئيس البلدية إن الجسر سيخدم نحو 20 ألف شخص يوميا.\n")
MANIFEST = ("id,file,outlet_ar,outlet_en,site,published\n"
            "h1,h1.txt,صحيفة الصباح,Morning Paper,morning.example,2025-09-09\n"
            "b1,b1.txt,إذاعة المدينة,City Radio,radio.example,2025-10-03\n")


def _extra_folder(base: Path) -> Path:
    d = base / "extra"
    d.mkdir()
    (d / "h1.txt").write_text(HEALTH, encoding="utf-8")
    (d / "b1.txt").write_text(BRIDGE, encoding="utf-8")
    (d / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    (d / "empty.txt").write_text("\n\n", encoding="utf-8")  # refused: no article text
    return d


def _index(paths, store, **kw):
    kw.setdefault("workers", 1)
    kw.setdefault("processes", False)
    kw.setdefault("progress", False)
    return run_index([str(p) for p in paths], store, **kw)


def _extract_records(files) -> list[dict]:
    out, err = io.StringIO(), io.StringIO()
    main(["extract", *map(str, files)], out=out, err=err)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _store_records(store) -> list[dict]:
    with open_store(store) as s:
        frame = s.sql("SELECT m.record FROM mentions m JOIN articles a USING (content_hash) "
                      "ORDER BY a.source, m.ordinal")
    return [json.loads(r) for r in frame["record"]]


def _parts(store: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(store)): (p.stat().st_ino, p.stat().st_mtime_ns)
            for t in ("articles", "mentions", "errors") for p in (store / t).rglob("*.parquet")}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    base = tmp_path_factory.mktemp("corpus")
    seeds = base / "seeds"
    shutil.copytree(SEEDS, seeds)
    extra = _extra_folder(base)
    store = base / "store"
    res = _index([seeds, extra], store, batch_size=3)
    return {"base": base, "seeds": seeds, "extra": extra, "store": store, "result": res}


def test_index_writes_the_three_tables(indexed):
    res = indexed["result"]
    assert res.articles == 7 and res.skipped == 0
    assert [Path(f).name for f, _ in res.errors] == ["empty.txt"]
    with open_store(indexed["store"]) as s:
        arts = s.sql("SELECT id, outlet, site, published, month, title, body, removed_summary, "
                     "tool_version FROM articles ORDER BY id")
        errors = s.sql("SELECT file, reason FROM errors")
    assert sorted(arts["id"]) == ["000", "001", "002", "003", "004", "b1", "h1"]
    h1 = arts[arts["id"] == "h1"].iloc[0]
    assert (h1["outlet"], h1["site"], h1["month"]) == ("صحيفة الصباح", "morning.example", "2025-09")
    assert h1["title"] == HEALTH.splitlines()[0] and "120 جنديا" in h1["body"]
    assert json.loads(arts[arts["id"] == "000"].iloc[0]["removed_summary"])
    assert errors["reason"].iloc[0] and errors["file"].iloc[0].endswith("empty.txt")
    months = {p.name for p in (indexed["store"] / "articles").iterdir()}
    assert months == {"month=2024-11", "month=2025-04", "month=2025-09", "month=2025-10"}


def test_mentions_equal_extract(indexed):
    files = sorted([*indexed["seeds"].glob("*.txt"), indexed["extra"] / "b1.txt", indexed["extra"] / "h1.txt"])
    expected = _extract_records(files)
    assert expected and _store_records(indexed["store"]) == expected


def test_duckdb_views(indexed):
    with open_store(indexed["store"]) as s:
        by_outlet = s.sql("SELECT outlet, count(*) AS n FROM mentions WHERE kind = 'quantity' "
                          "GROUP BY outlet ORDER BY outlet")
        deaths = s.sql("SELECT a.outlet, m.value_num FROM mentions m JOIN articles a ON a.id = m.article_id "
                       "WHERE m.kind = 'quantity' AND a.published BETWEEN DATE '2025-09-01' AND DATE '2025-09-30'")
        assert s.execute("SELECT count(*) FROM articles").fetchone()[0] == 7
    assert by_outlet["n"].sum() > 0
    assert 120.0 in set(deaths["value_num"]) and set(deaths["outlet"]) == {"صحيفة الصباح"}


def test_reindex_skips_and_append_keeps_the_past(indexed, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(indexed["store"], store)
    before = _parts(store)
    again = _index([indexed["seeds"], indexed["extra"]], store)
    assert (again.articles, again.skipped) == (0, 7)
    day = tmp_path / "day"
    day.mkdir()
    (day / "n1.txt").write_text(BRIDGE.replace("3 أكتوبر", "4 أكتوبر"), encoding="utf-8")
    added = _index([day], store)
    assert added.articles == 1
    after = _parts(store)
    assert {k: after[k] for k in before} == before  # no part rewritten
    assert len(after) > len(before)
    with open_store(store) as s:
        assert s.execute("SELECT count(*) FROM articles").fetchone()[0] == 8


def test_leftovers_of_a_killed_run_are_invisible_then_removed(indexed, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(indexed["store"], store)
    month = store / "articles" / "month=2025-09"
    part = next(month.glob("*.parquet"))
    shutil.copy(part, month / "20990101T000000-dead00-000001.parquet")  # renamed, never committed
    (month / ".20990101T000000-dead00-000002.parquet.0000.partial").write_bytes(b"PAR1 half")
    with open_store(store) as s:
        assert s.execute("SELECT count(*) FROM articles").fetchone()[0] == 7
    _index([indexed["extra"]], store)
    assert sorted(p.name for p in month.iterdir()) == [part.name]


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    rows = ["id,file,outlet_en,published"]
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(HEALTH.replace("120", str(100 + i)), encoding="utf-8")
        rows.append(f"a{i:03d},a{i:03d}.txt,Outlet {i % 3},2025-09-{1 + i % 28:02d}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_resume_after_a_killed_run(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 24)
    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "helpers", "index", str(corpus), "--store", str(store),
                             "--workers", "1", "--batch-size", "2", "--no-progress"],
                            env=_env(), start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(list((store / "_commits").glob("*.json"))
                                                  if (store / "_commits").is_dir() else []) < 2:
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    with open_store(store) as s:  # readable as it was left
        done = s.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < done < 24
    res = _index([corpus], store)
    assert res.skipped == done and res.articles == 24 - done
    with open_store(store) as s:
        ids = list(s.sql("SELECT id FROM articles")["id"])
    assert sorted(ids) == [f"a{i:03d}" for i in range(24)]


def test_jsonl_export_as_input(tmp_path):
    export = tmp_path / "export.jsonl"
    rows = [{"id": "x1", "text": HEALTH, "outlet": "Morning Paper", "url": "https://morning.example/a/1",
             "published": "2025-09-09T08:30:00Z"},
            {"text": BRIDGE, "outlet": "إذاعة المدينة", "url": "https://www.radio.example/b/2",
             "published": "2025-10-03"},
            {"outlet": "nobody", "url": "https://x.example/3"},
            {"text": BRIDGE, "published": "yesterday"}]
    export.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nnot json\n",
                      encoding="utf-8")
    store = tmp_path / "store"
    out, err = io.StringIO(), io.StringIO()
    code = main(["index", str(export), "--store", str(store), "--workers", "1", "--no-progress"], out=out, err=err)
    assert code == 2
    lines = err.getvalue().splitlines()
    assert [line.split(": ", 2)[2] for line in lines] == [
        "line 3: row without article text (a 'text' field)", "line 4: published 'yesterday' is not a date",
        "line 5: not a JSON object"]
    assert all(line.startswith(f"error: {export}: ") for line in lines)
    with open_store(store) as s:
        arts = s.sql("SELECT id, outlet_en, outlet_ar, site, published, published_basis FROM articles ORDER BY id")
        n_mentions = s.execute("SELECT count(*) FROM mentions WHERE article_id = 'x1'").fetchone()[0]
    assert len(arts) == 2 and arts["id"].iloc[1] == "x1"
    assert arts["id"].iloc[0].startswith("a") and arts["site"].tolist() == ["radio.example", "morning.example"]
    assert str(arts["published"].iloc[1])[:10] == "2025-09-09" and arts["published_basis"].iloc[1] == "export"
    # the same text read from a file with the same manifest row gives the same mentions
    folder = tmp_path / "same"
    folder.mkdir()
    (folder / "x1.txt").write_text(HEALTH, encoding="utf-8")
    (folder / "manifest.csv").write_text("id,file,outlet_en,url,published,published_basis\n"
                                         "x1,x1.txt,Morning Paper,https://morning.example/a/1,2025-09-09,export\n",
                                         encoding="utf-8")
    assert n_mentions == len(_extract_records([folder / "x1.txt"])) > 0


def test_csv_and_parquet_exports(tmp_path):
    import csv

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": "c1", "text": HEALTH, "outlet": "Morning Paper", "published": "2025-09-09"},
            {"id": "c2", "text": BRIDGE, "outlet": "City Radio", "published": "2025-10-03"}]
    with open(tmp_path / "export.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    pq.write_table(pa.Table.from_pylist([{**r, "id": r["id"].replace("c", "p")} for r in rows]),
                   tmp_path / "export.parquet")
    res = _index([tmp_path / "export.csv", tmp_path / "export.parquet"], tmp_path / "store")
    assert (res.articles, res.errors) == (4, [])
    with open_store(tmp_path / "store") as s:
        got = s.sql("SELECT id, count(m.kind) AS n FROM articles a LEFT JOIN mentions m ON m.article_id = a.id "
                    "GROUP BY id ORDER BY id")
    assert got["id"].tolist() == ["c1", "c2", "p1", "p2"]
    assert got["n"].tolist()[:2] == got["n"].tolist()[2:] and got["n"].iloc[0] > 0


def test_bad_inputs_are_one_line_each(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    missing = tmp_path / "nowhere"
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["index", str(missing), "--store", str(blocker / "s"), "--no-progress"], out=out, err=err) == 2
    assert err.getvalue().startswith("error: ") and len(err.getvalue().splitlines()) == 1
    err = io.StringIO()
    assert main(["select", "--store", str(missing), "--story", str(ROOT / "stories" / "kursk.yaml"),
                 "--out", str(tmp_path / "sel")], out=out, err=err) == 2
    assert err.getvalue() == f"error: {missing}: no such store\n"


def test_select_writes_a_folder_the_report_reads(indexed, tmp_path):
    story = tmp_path / "story.yaml"
    story.write_text((ROOT / "stories" / "kursk.yaml").read_text(encoding="utf-8").split("\nmatch:")[0]
                     + "\nmatch:\n  words: [كورسك, [كوريا الشمالية, بيونغ يانغ]]\n  from: 2025-01-01\n",
                     encoding="utf-8")
    sel = tmp_path / "sel"
    out, err = io.StringIO(), io.StringIO()
    assert main(["select", "--store", str(indexed["store"]), "--story", str(story), "--out", str(sel)],
                out=out, err=err) == 0, err.getvalue()
    articles, errors = load_corpus(sel)
    assert not errors and sorted(a.doc for a in articles) == ["000", "001", "002", "003"]
    original = {a.doc: a for a in load_corpus(indexed["seeds"])[0]}
    for a in articles:
        assert a.text == original[a.doc].text and a.meta.published == original[a.doc].meta.published
        assert a.label == original[a.doc].label
    # again, narrower: the earlier selection is replaced
    assert main(["select", "--store", str(indexed["store"]), "--story", str(story), "--out", str(sel),
                 "--outlets", "RT Arabic", "--to", "2025-04-28"], out=out, err=err) == 0
    assert [a.doc for a in load_corpus(sel)[0]] == ["000"]
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "mine.txt").write_text("x", encoding="utf-8")
    err = io.StringIO()
    assert main(["select", "--store", str(indexed["store"]), "--story", str(story),
                 "--out", str(tmp_path / "busy")], out=out, err=err) == 2
    assert "not empty" in err.getvalue()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_index_on_a_running_scheduler_and_worker(indexed, tmp_path):
    dask = Path(sys.executable).with_name("dask")
    if not dask.exists():
        pytest.skip("the dask command is not installed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], env=_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)]
    try:
        procs.append(subprocess.Popen([str(dask), "worker", address, "--nworkers", "1", "--nthreads", "1",
                                       "--no-dashboard", "--host", "127.0.0.1"], env=_env(),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(1, timeout=60)
        store = tmp_path / "store"
        out, err = io.StringIO(), io.StringIO()
        code = main(["index", str(indexed["seeds"]), "--store", str(store), "--scheduler", address,
                     "--no-progress"], out=out, err=err)
        assert code == 0, err.getvalue()
        assert "5 articles indexed" in out.getvalue()
        assert _store_records(store) == _extract_records(sorted(indexed["seeds"].glob("*.txt")))
    finally:
        for p in reversed(procs):
            os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
