"""Where the work after an acknowledgement runs, kept apart so nothing waits behind anything else.

- Acknowledgements run on the thread that received the request (waitress's request threads, or
  the Socket Mode client's), and do nothing but parse, `ack()` and queue: Bolt's
  `process_before_response` mode, so no ack ever sits in a pool behind a lookup.
- Lookups (search, timelines, phrases, comparisons, questions, paging) run on the `Answerer`
  (worker processes, or a few threads); their future is handed to the courier, which delivers
  the messages when it completes. No thread waits for a lookup.
- `slow` runs what waits on the outside world for long (`/readout add <url>` fetches a page).
- `io` runs short Web API work (App Home, modals, subscribing, unfurls, charts).
- The courier delivers messages on its own pool and puts 429s on the timer (courier.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient

from bot.slack.client import web_client
from bot.slack.courier import Courier, Timer
from bot.slack.dedupe import EventDeduper
from bot.slack.settings import Settings
from bot.slack.workers import Answerer
from bot.store import Store

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    store: Store
    answerer: Answerer
    on_subscriptions_changed: Callable[[], None] | None = None
    io: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(
        8, thread_name_prefix="readout-io"))
    slow: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(
        4, thread_name_prefix="readout-slow"))
    timer: Timer = field(default_factory=Timer)
    delivery: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(
        8, thread_name_prefix="readout-send"))
    courier: Courier = field(init=False)
    deduper: EventDeduper = field(init=False)
    installation_store: Any = None

    def __post_init__(self) -> None:
        self.courier = Courier(self.delivery, self.timer)
        self.deduper = EventDeduper(self.store)

    def in_io(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future[Any]:
        return self.io.submit(_logged, fn, *args, **kwargs)

    def in_slow(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future[Any]:
        return self.slow.submit(fn, *args, **kwargs)

    def first_time(self, body: dict[str, Any]) -> bool:
        """Events API retries are answered once; checked after the ack, off the request path."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if not event_id:
            return True
        if self.deduper.first_time(str(event_id)):
            return True
        log.info("event %s already answered", event_id)
        return False

    def changed(self) -> None:
        if self.on_subscriptions_changed:
            try:
                self.on_subscriptions_changed()
            except Exception:  # the scheduler's sync must not fail the user's request
                log.exception("re-syncing the scheduler failed")

    def sender(self, client: WebClient) -> WebClient:
        """A client for the courier: same workspace token, raises on 429 instead of sleeping."""
        return web_client(self.settings, client.token, rate_limit_retries=0)

    def shutdown(self) -> None:
        for pool in (self.io, self.slow, self.delivery):
            pool.shutdown(wait=False, cancel_futures=True)
        self.timer.stop()
        self.answerer.shutdown()


def scope(context: Any) -> tuple[str, str]:
    """(team_id, enterprise_id) of the request, '' where Slack gives none."""
    return str(context.team_id or ""), str(context.enterprise_id or "")


def _logged(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except Exception:
        log.exception("%s failed", getattr(fn, "__name__", "a job"))
        return None
