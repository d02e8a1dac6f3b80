"""Outgoing messages, delivered in order per destination, without ever holding a thread on a 429.

A destination is a `response_url` (answers to commands, buttons, shortcuts) or a conversation
(DM and mention answers, via chat.postMessage / chat.update). Each delivery is a list of steps
run one after another on a small pool; when Slack answers 429, the remaining steps are put on
the timer for `Retry-After` seconds and the thread goes back to the pool. So a storm of 429s
delays only the messages it concerns, never an acknowledgement or another user's answer.

Slack allows 5 posts to one response_url: a destination counts what it has queued and folds
an overlong answer's tail into a last message that says what was left out and where to get it.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from slack_sdk.webhook import WebhookClient

log = logging.getLogger(__name__)

RESPONSE_URL_POSTS = 5  # Slack: up to 5 times within 30 minutes
WORKING_AFTER = 2.5  # seconds: a lookup still running then gets a "working on it" note
WORKING_TEXT = "Working on it… this lookup is taking longer than usual."


class RateLimited(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited for {retry_after:.0f}s")
        self.retry_after = retry_after


def retry_after(headers: Any, default: float = 1.0) -> float:
    for key in ("Retry-After", "retry-after"):
        value = (headers or {}).get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None:
            try:
                return max(0.0, float(value))
            except ValueError:
                return default
    return default


class Timer:
    """One thread running callbacks at their time; `after()` returns a cancel function."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._cancelled: set[int] = set()
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="readout-timer", daemon=True)
        self._thread.start()

    def after(self, seconds: float, fn: Callable[[], None]) -> Callable[[], None]:
        n = next(self._seq)
        with self._cond:
            heapq.heappush(self._heap, (time.monotonic() + seconds, n, fn))
            self._cond.notify()

        def cancel() -> None:
            with self._cond:
                self._cancelled.add(n)

        return cancel

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._stopped and (
                        not self._heap or self._heap[0][0] > time.monotonic()):
                    wait = self._heap[0][0] - time.monotonic() if self._heap else None
                    self._cond.wait(wait)
                if self._stopped:
                    return
                _, n, fn = heapq.heappop(self._heap)
                if n in self._cancelled:
                    self._cancelled.discard(n)
                    continue
            try:
                fn()
            except Exception:  # a callback's bug must not stop the timer
                log.exception("timer callback failed")

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify()


@dataclass(eq=False)
class Destination:
    """Where an answer goes; `answered` and `noted` coordinate the working note."""

    lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    answered: bool = field(default=False, init=False)
    noted: bool = field(default=False, init=False)

    @property
    def key(self) -> str:
        raise NotImplementedError

    def prepare(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return messages

    def send(self, message: dict[str, Any], first: bool) -> None:
        raise NotImplementedError

    def send_note(self) -> None:
        raise NotImplementedError


@dataclass(eq=False)
class ResponseUrl(Destination):
    url: str = ""
    ephemeral: bool = True
    replace: bool = False  # the first message replaces the message the button was on
    timeout: int = 15
    queued: int = field(default=0, init=False)

    @property
    def key(self) -> str:
        return self.url

    def prepare(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        room = RESPONSE_URL_POSTS - self.queued
        if room <= 0:
            log.warning("answer dropped: its response_url has had %d posts", self.queued)
            return []
        if len(messages) > room:
            left = len(messages) - room + 1
            messages = [*messages[: room - 1], _overflow(left)]
        self.queued += len(messages)
        return messages

    def _post(self, body: dict[str, Any]) -> None:
        hook = WebhookClient(self.url, timeout=self.timeout,
                             retry_handlers=[ConnectionErrorRetryHandler()])
        resp = hook.send_dict(body)
        if resp.status_code == 429:
            raise RateLimited(retry_after(resp.headers))
        if resp.status_code >= 400:
            log.warning("response_url answered %s", resp.status_code)

    def send(self, message: dict[str, Any], first: bool) -> None:
        replace = first and (self.replace or self.noted)
        kind = "ephemeral" if self.ephemeral else "in_channel"
        self._post({"response_type": kind, "replace_original": replace, **message})

    def send_note(self) -> None:
        self._post({"response_type": "ephemeral", "replace_original": False,
                    **_note_message()})


@dataclass(eq=False)
class Conversation(Destination):
    """A channel or DM the bot posts in (chat.postMessage), optionally in a thread."""

    client: WebClient | None = None
    channel: str = ""
    thread_ts: str | None = None
    note_ts: str | None = field(default=None, init=False)

    @property
    def key(self) -> str:
        return f"{self.channel}:{self.thread_ts or ''}"

    def _call(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except SlackApiError as exc:
            if exc.response.status_code == 429:
                raise RateLimited(retry_after(exc.response.headers)) from None
            raise

    def send(self, message: dict[str, Any], first: bool) -> None:
        assert self.client is not None
        client = self.client
        if first and self.note_ts:
            self._call(lambda: client.chat_update(channel=self.channel, ts=self.note_ts,
                                                  **message))
            return
        self._call(lambda: client.chat_postMessage(
            channel=self.channel, thread_ts=self.thread_ts, unfurl_links=False,
            unfurl_media=False, **message))

    def send_note(self) -> None:
        assert self.client is not None
        client = self.client
        resp = self._call(lambda: client.chat_postMessage(
            channel=self.channel, thread_ts=self.thread_ts, **_note_message()))
        self.note_ts = resp.get("ts")


def _note_message() -> dict[str, Any]:
    return {"text": WORKING_TEXT, "blocks": [{"type": "context", "elements": [
        {"type": "mrkdwn", "text": f":hourglass_flowing_sand: {WORKING_TEXT}"}]}]}


def _overflow(count: int) -> dict[str, Any]:
    text = (f"{count} more part{'s' * (count != 1)} of this answer did not fit: Slack lets an"
            " app reply to one command 5 times. Ask me in a DM for the whole answer, or narrow"
            " the question.")
    return {"text": text, "blocks": [{"type": "section",
                                      "text": {"type": "mrkdwn", "text": text}}]}


@dataclass(eq=False)
class _Job:
    dest: Destination
    steps: deque[Callable[[], None]]


class Courier:
    def __init__(self, pool: Executor, timer: Timer) -> None:
        self.pool = pool
        self.timer = timer
        self._lock = threading.Lock()
        self._queues: dict[str, deque[_Job]] = {}

    # -- public -----------------------------------------------------------------------------
    def deliver(self, dest: Destination, messages: list[dict[str, Any]]) -> None:
        """Queue an answer's messages for `dest`, after whatever is queued there already."""
        with dest.lock:
            dest.answered = True
            messages = dest.prepare(list(messages))
        steps: deque[Callable[[], None]] = deque(
            (lambda m=m, first=(i == 0): dest.send(m, first)) for i, m in enumerate(messages))
        self._enqueue(_Job(dest, steps))

    def answer_when_done(self, future: Future[list[dict[str, Any]]], dest: Destination,
                         working_after: float | None = WORKING_AFTER) -> None:
        """Deliver the future's messages when it completes; a note if it takes a while."""
        cancel = self.timer.after(working_after, lambda: self._working(dest)) \
            if working_after else None

        def done(f: Future[list[dict[str, Any]]]) -> None:
            if cancel:
                cancel()
            try:
                messages = f.result()
            except Exception:  # compute() answers every error; this is a bug
                log.exception("an answer failed")
                messages = [{"text": "Something went wrong on our side; it has been logged."}]
            self.deliver(dest, messages)

        future.add_done_callback(done)

    # -- internals --------------------------------------------------------------------------
    def _working(self, dest: Destination) -> None:
        with dest.lock:
            if dest.answered or dest.noted:
                return
            if isinstance(dest, ResponseUrl):
                if dest.queued >= RESPONSE_URL_POSTS - 1:
                    return
                dest.queued += 1
            dest.noted = True
        self._enqueue(_Job(dest, deque([dest.send_note])))

    def _enqueue(self, job: _Job) -> None:
        key = job.dest.key
        with self._lock:
            queue = self._queues.get(key)
            if queue is not None:  # a job for this destination is running: wait behind it
                queue.append(job)
                return
            self._queues[key] = deque()
        self._submit(job)

    def _submit(self, job: _Job) -> None:
        try:
            self.pool.submit(self._run, job)
        except RuntimeError:  # shutting down
            log.warning("shutting down: %d message(s) to %s not sent", len(job.steps),
                        type(job.dest).__name__)

    def _run(self, job: _Job) -> None:
        while job.steps:
            try:
                job.steps[0]()
            except RateLimited as rl:
                log.info("429 from Slack: retrying in %.0fs", rl.retry_after)
                self.timer.after(rl.retry_after, lambda: self._submit(job))
                return
            except Exception as exc:  # one failed message must not stop the others
                error = exc.response.get("error") if isinstance(exc, SlackApiError) else exc
                log.warning("a message to Slack failed: %s", error)
            job.steps.popleft()
        with self._lock:
            queue = self._queues.get(job.dest.key)
            nxt = queue.popleft() if queue else None
            if nxt is None:
                self._queues.pop(job.dest.key, None)
        if nxt is not None:
            self._submit(nxt)
