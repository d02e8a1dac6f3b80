"""Lookups in worker processes, so acknowledgements never wait behind them for the GIL.

A lookup over a large index is CPU-bound Python; in the serving process it would share one GIL
with the threads that must acknowledge Slack within 3 seconds. `Answerer` runs the lookups
(search, theme, phrase, meetings, compare, questions, buttons) in a small process pool, each
worker with its own Store on the same database, and hands back plain message dicts. With
`processes=0` (tests, Socket Mode) they run on a few threads of the serving process instead.
`submit()` returns a future: nobody waits for it, the courier delivers its messages when done.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from bot.store import Store

log = logging.getLogger(__name__)

# Subcommands that change state or need the serving process (scheduler, settings) stay there.
IN_PROCESS = frozenset({"subscribe", "unsubscribe", "subscriptions", "digest", "add"})

_store: Store | None = None


def _init(db_path: str) -> None:
    global _store
    _store = Store(db_path)
    parent = os.getppid()

    def exit_with_parent() -> None:  # a killed server must not leave workers behind
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=exit_with_parent, daemon=True).start()


def compute(store: Store, kind: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The messages of one lookup; every error is already an answer, never raised."""
    from bot.slack import answers, commands
    from bot.slack.answers import answer_question
    from bot.slack.settings import Settings

    try:
        if kind == "command":
            inv = commands.Invocation(payload["text"], payload["user"], payload["channel"],
                                      payload.get("team"), Settings(), store)
            return commands.run(inv).messages()
        if kind == "question":
            return answer_question(store, payload["text"],
                                   ephemeral=payload.get("ephemeral", False)).messages()
        if kind == "state":
            ans = answers.run_state(store, payload["state"], payload["ephemeral"])
            if payload.get("shared_by"):
                ans.credit(payload["shared_by"])
            return ans.messages()
        if kind == "related":
            return answers.related_answer(store, payload["text"]).messages()
        raise ValueError(f"unknown lookup kind {kind!r}")
    except Exception as exc:
        from bot.errors import ReadoutError

        if not isinstance(exc, ReadoutError | KeyError | ValueError | TypeError):
            log.exception("lookup %s failed", kind)
        problem = str(exc) if isinstance(exc, ReadoutError) else \
            "That request could not be answered; it has been logged."
        return answers.problem_answer(problem).messages()


def _run(kind: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
    assert _store is not None
    return compute(_store, kind, payload)


def _warm() -> int:
    from bot.analysis.themes import default_taxonomy
    from bot.slack import answers  # noqa: F401  (imports and taxonomy load before traffic)

    return len(default_taxonomy().ids())


class Answerer:
    def __init__(self, store: Store, processes: int = 0, threads: int = 4) -> None:
        self.store = store
        # Without processes, lookups run on these few threads: CPU-bound under one GIL, more
        # threads would only delay the acknowledgements (benchmarks/slack_bench.py).
        self.threads = ThreadPoolExecutor(threads, thread_name_prefix="readout-lookup")
        self.pool: ProcessPoolExecutor | None = None
        if processes > 0:
            # spawn, not fork: the serving process has threads (waitress, scheduler) and a
            # forked child would inherit their locks mid-flight.
            self.pool = ProcessPoolExecutor(
                processes, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init, initargs=(str(store.path),),
            )
            for f in [self.pool.submit(_warm) for _ in range(processes)]:
                f.result(timeout=120)

    def submit(self, kind: str, payload: dict[str, Any]) -> Future[list[dict[str, Any]]]:
        """The lookup's messages, later; a dead worker process falls back to a thread."""
        if self.pool is None:
            return self.threads.submit(compute, self.store, kind, payload)
        out: Future[list[dict[str, Any]]] = Future()

        def fallback() -> None:
            log.error("answer worker died; answering in the serving process")
            self.threads.submit(compute, self.store, kind, payload).add_done_callback(
                lambda f: out.set_result(f.result()))

        def done(f: Future[list[dict[str, Any]]]) -> None:
            try:
                out.set_result(f.result())
            except BrokenProcessPool:
                fallback()
            except Exception as exc:
                out.set_exception(exc)

        try:
            self.pool.submit(_run, kind, payload).add_done_callback(done)
        except BrokenProcessPool:
            fallback()
        return out

    def run(self, kind: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
        return self.submit(kind, payload).result(timeout=120)

    def shutdown(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.threads.shutdown(wait=False, cancel_futures=True)
