"""``index``'s driver: stream the inputs in batches of articles to a Dask cluster.

By default an embedded ``distributed.LocalCluster`` is started with one single-threaded
worker process per core (``workers``); with ``scheduler="tcp://HOST:PORT"`` the same
batches go to an existing cluster instead.  Every worker must then see the store folder
(and the article files of folder inputs) at the same path, and have this package
installed.  Export rows travel to the workers with their batch.

At most a few batches per worker are in flight at any time and workers write their
Parquet parts themselves, so the driver's memory does not grow with the archive.
"""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator

from . import layout
from .sources import count_units, units
from .work import index_batch

DEFAULT_BATCH = 100
IN_FLIGHT_PER_WORKER = 2


@dataclass
class IndexResult:
    articles: int = 0
    mentions: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    batches: int = 0
    seconds: float = 0.0


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _batches(paths: list[str], size: int) -> Iterator[list[tuple]]:
    it = units(paths)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def _client(workers: int | None, scheduler: str | None, processes: bool):
    """(client, cluster or None): connected to ``scheduler``, else to a new LocalCluster."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="20s"), None
    cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                           processes=processes, dashboard_address="127.0.0.1:0",  # any free local port
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def _progress(total: int | None, err: IO[str] | None, show: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit=" articles", file=err, disable=not show, smoothing=0.1,
                dynamic_ncols=True, mininterval=0.5)


def _drain(client, store: Path, paths: list[str], known, cfg: dict[str, Any], result: IndexResult,
           bar, on_error) -> None:
    """Submit the batches, keeping ``in_flight`` of them running, and collect summaries."""
    from distributed import as_completed

    import helpers

    batches = _batches(paths, cfg["batch_size"])
    seq = itertools.count(1)
    running = as_completed()

    def submit() -> bool:
        chunk = next(batches, None)
        if chunk is None:
            return False
        name = f"{cfg['run_id']}-{next(seq):06d}"
        running.add(client.submit(index_batch, chunk, str(store), name, known, helpers.__version__,
                                  key=f"index-{name}", pure=False))
        return True

    for _ in range(cfg["in_flight"]):
        if not submit():
            break
    for fut in running:
        summary = fut.result()
        fut.release()
        result.batches += 1
        result.articles += summary["articles"]
        result.mentions += summary["mentions"]
        result.skipped += summary["skipped"]
        for e in summary["errors"]:
            result.errors.append(tuple(e))
            on_error(*e)
        bar.update(summary["articles"] + summary["skipped"] + len(summary["errors"]))
        submit()


def run_index(paths: list[str], store: str | os.PathLike, *, workers: int | None = None,
              scheduler: str | None = None, batch_size: int = DEFAULT_BATCH, processes: bool = True,
              err: IO[str] | None = None, progress: bool = True, on_error=None) -> IndexResult:
    """Index ``paths`` into ``store``; raises :class:`~helpers.store.layout.StoreError`
    for a store that cannot be written.  ``on_error(file, reason)`` is called for each
    refused input as it is found."""
    import time

    import helpers

    store = Path(store)
    try:
        store.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise layout.StoreError(f"{store}: cannot create the store ({e.strerror or e})") from None
    if not os.access(store, os.W_OK):
        raise layout.StoreError(f"{store}: the store is not writable")
    result = IndexResult()
    started = time.monotonic()
    with layout.StoreLock(store):
        layout.remove_leftovers(store)
        known_set = layout.known_hashes(store, helpers.__version__)
        n_workers = workers or default_workers()
        cfg = {"run_id": layout.new_run_id(), "batch_size": max(1, batch_size),
               "in_flight": IN_FLIGHT_PER_WORKER * n_workers}
        client, cluster = _client(workers, scheduler, processes)
        try:
            if scheduler:
                cfg["in_flight"] = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
            known = client.scatter(known_set, broadcast=True) if known_set else None
            with _progress(count_units(paths), err, progress) as bar:
                _drain(client, store, paths, known, cfg, result, bar, on_error or (lambda f, r: None))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    result.seconds = time.monotonic() - started
    return result
