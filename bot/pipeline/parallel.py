"""Reading and analysing sources in worker processes, handed back in source order.

Reading HTML, attribution and tagging are pure CPU work per article and take about three
quarters of indexing time; SQLite has one writer, so storing stays in the calling process.
Results come back in submission order through a bounded window, so memory stays flat on a
100k-article run and the store sees the same order as a serial run.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.pipeline.analyse import Analysed, Pipeline, analyse_source

log = logging.getLogger(__name__)

# Below this many sources a pool costs more to start (~1 s) than it saves.
PARALLEL_MIN = 64
CHUNK = 16

_worker_pipeline: Pipeline | None = None


def default_workers() -> int:
    env = os.environ.get("READOUT_WORKERS")
    if env and env.isdigit():
        return int(env)
    return min(os.cpu_count() or 1, 4)


def _init(pipeline: Pipeline, parent: int) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline
    # A worker blocks on its task queue, whose write end it holds itself, so it would never
    # notice a parent killed with SIGKILL: watch for that and leave.
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(chunk: list[str], allow_private: bool) -> list[Analysed]:
    assert _worker_pipeline is not None
    return [analyse_source(s, _worker_pipeline, allow_private) for s in chunk]


def _serial(sources: list[str], pipeline: Pipeline, allow_private: bool) -> Iterator[Analysed]:
    for source in sources:
        yield analyse_source(source, pipeline, allow_private)


def analysed_in_order(
    sources: list[str], pipeline: Pipeline, allow_private: bool = False,
    workers: int | None = None,
) -> Iterator[Analysed]:
    workers = default_workers() if workers is None else workers
    if workers < 2 or len(sources) < PARALLEL_MIN:
        yield from _serial(sources, pipeline, allow_private)
        return
    try:
        pickle.dumps(pipeline)
    except Exception:  # a pipeline with unpicklable parts runs here, serially
        yield from _serial(sources, pipeline, allow_private)
        return
    chunks = [sources[i : i + CHUNK] for i in range(0, len(sources), CHUNK)]
    done = 0
    # spawn, not fork: the Slack server and the scheduler call this from threads; and not
    # forkserver, whose server would outlive a killed parent.
    ctx = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init,
                                 initargs=(pipeline, os.getpid())) as pool:
            window: deque[Future[list[Analysed]]] = deque()
            pending = iter(chunks)
            for chunk in pending:
                window.append(pool.submit(_work, chunk, allow_private))
                if len(window) >= workers * 4:
                    break
            while window:
                try:
                    results = window.popleft().result()
                except BrokenProcessPool:
                    raise
                except Exception:
                    # the chunk's result could not come back (it would not pickle, ...): redo
                    # its sources here, where each failure is that source's own reason
                    log.warning("a chunk failed in a worker; analysing it here", exc_info=True)
                    results = list(_serial(chunks[done], pipeline, allow_private))
                nxt = next(pending, None)
                if nxt is not None:
                    window.append(pool.submit(_work, nxt, allow_private))
                done += 1
                yield from results
    except BrokenProcessPool:
        # A worker died (out of memory, a crash in a C parser): finish here, losing nothing.
        log.warning("a worker process died; indexing the remaining sources serially")
        for chunk in chunks[done:]:
            yield from _serial(chunk, pipeline, allow_private)
