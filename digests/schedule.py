"""Run digest subscriptions and the corpus watcher with APScheduler 3, on one machine of many.

- Jobs live in APScheduler's SQLAlchemyJobStore in the store's own database (SQLite or
  PostgreSQL), one job per channel (id `digest:<channel>`), so schedules survive restarts and
  every app server sees the same ones.
- One poster: a lease row in `digest_leases` (LEASE_SECONDS, renewed every RENEW_SECONDS).
  Every `readout serve` / `readout schedule` process runs a lease keeper, but only the holder
  runs APScheduler at all. (APScheduler 3 does not coordinate several schedulers on one job
  store: a scheduler that is not the poster would still advance a due job's next run time, and
  the poster would never see it due.) When the holder dies its lease expires and another
  process takes over within LEASE_SECONDS + RENEW_SECONDS; a holder on this machine whose
  process is gone (kill -9, then a restart) is replaced at once.
- Nothing skipped: when a job fires, a `digest_due` row is written before anything else and
  removed only when the digest was delivered (or was empty). The poster checks those rows
  every TICK_SECONDS and on taking over, so a run that fired on a process that then died, or
  that lost its lease mid-run, is posted late by whoever holds the lease. `coalesce=True` and
  `misfire_grace_time` (12 hours daily, 3 days weekly) post a run missed while no one held the
  lease when the next poster starts.
- Nothing twice: digests go through post.py's outbox (one row per digest, the channel's history
  checked for an attempt that may have reached Slack), and a due row is considered delivered
  once the channel's watermark moved after it was written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from slack_sdk import WebClient

from bot.store import Store
from digests import state
from digests.subscriptions import Subscription, list_subscriptions

log = logging.getLogger(__name__)

JOB_PREFIX = "digest:"
WATCH_JOB = "readout:watcher"
TICK_JOB = "readout:tick"
OLD_LEASE_JOB = "readout:lease"
LEASE_NAME = "digest-poster"
LEASE_SECONDS = float(os.environ.get("READOUT_LEASE_SECONDS", "30"))
RENEW_SECONDS = LEASE_SECONDS / 3
TICK_SECONDS = float(os.environ.get("READOUT_TICK_SECONDS", "15"))
MISFIRE_GRACE = {"daily": 12 * 3600, "weekly": 3 * 24 * 3600}
JOBS_TABLE = "digest_apscheduler_jobs"

# Jobs are stored by reference (module:function + picklable args); the live objects they need
# are looked up here by the store's key (never its URL, which may hold a password).
_RUNNING: dict[str, ReadoutScheduler] = {}
_LOCK = threading.Lock()


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def new_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def holder_gone(holder: str) -> bool:
    """A holder on this machine whose process no longer runs (or is this process under an
    earlier incarnation's pid, as in a container restarted as pid 1) holds nothing."""
    host, _, rest = holder.partition(":")
    pid, _, _tag = rest.partition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True  # our pid, another holder string: an earlier life of this pid
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def acquire_lease(store: Store, holder: str, ttl: float = LEASE_SECONDS) -> bool:
    """Take or renew the poster lease; False while another live holder's lease is unexpired.

    Single statements, no writer lock: the conditional UPDATE is the compare-and-swap, so a
    lease check never waits behind an index run."""
    state.ensure_schema(store)
    now = time.time()
    conn = store.conn
    conn.execute("INSERT OR IGNORE INTO digest_leases(name, holder, expires_at) VALUES (?,?,0)",
                 (LEASE_NAME, holder))
    row = conn.execute("SELECT holder, expires_at FROM digest_leases WHERE name=?",
                       (LEASE_NAME,)).fetchone()
    current = str(row[0]) if row else ""
    takeover = current != holder and float(row[1]) >= now and holder_gone(current)
    cur = conn.execute(
        "UPDATE digest_leases SET holder=?, expires_at=? WHERE name=?"
        " AND (holder=? OR expires_at < ? OR holder=?)",
        (holder, now + ttl, LEASE_NAME, holder, now, current if takeover else holder),
    )
    if cur.rowcount and takeover:
        log.info("took the poster lease from %s (its process is gone)", current)
    return bool(cur.rowcount)


def release_lease(store: Store, holder: str) -> None:
    store.conn.execute("UPDATE digest_leases SET expires_at=0 WHERE name=? AND holder=?",
                       (LEASE_NAME, holder))


def lease_holder(store: Store) -> tuple[str, float] | None:
    """(holder, seconds left) of the current lease, if any."""
    state.ensure_schema(store)
    row = store.conn.execute("SELECT holder, expires_at FROM digest_leases WHERE name=?",
                             (LEASE_NAME,)).fetchone()
    if row is None or float(row[1]) < time.time():
        return None
    return str(row[0]), float(row[1]) - time.time()


def job_id(channel: str) -> str:
    return f"{JOB_PREFIX}{channel}"


def trigger_for(sub: Subscription) -> CronTrigger:
    tz = ZoneInfo(sub.tz)
    if sub.cadence == "weekly":
        return CronTrigger(day_of_week=sub.weekday, hour=sub.hour, minute=sub.minute, timezone=tz)
    return CronTrigger(hour=sub.hour, minute=sub.minute, timezone=tz)


def _runtime(key: str) -> ReadoutScheduler | None:
    with _LOCK:
        found = _RUNNING.get(key)
        if found is None and len(_RUNNING) == 1:
            # A job stored by an older Readout (keyed by the database path) in this process's
            # only scheduler: it is ours.
            found = next(iter(_RUNNING.values()))
        return found


def run_subscription(key: str, channel: str) -> None:
    runtime = _runtime(key)
    if runtime is not None:
        with runtime._job():
            runtime.run_due(channel)


def run_watcher(key: str) -> None:
    runtime = _runtime(key)
    if runtime is not None:
        with runtime._job():
            runtime.watch()


def renew_lease(key: str) -> None:
    """A job of older Readouts (renewal is the keeper thread's now); removed on takeover."""
    runtime = _runtime(key)
    if runtime is not None:
        runtime.holds_lease()


def run_tick(key: str) -> None:
    runtime = _runtime(key)
    if runtime is not None:
        with runtime._job():
            runtime.tick()


class ReadoutScheduler:
    def __init__(
        self,
        store: Store,
        client_factory: Callable[[str | None], WebClient],
        scheduler: BackgroundScheduler | None = None,
        holder: str | None = None,
        watch_minutes: float | None = None,
        allow_private: bool | None = None,
    ) -> None:
        self.store = store
        self.key = store.key
        self.client_factory = client_factory
        self.holder = holder or new_holder()
        self.watch_minutes = watch_minutes if watch_minutes is not None else \
            float(os.environ.get("READOUT_WATCH_MINUTES", "15"))
        # The private-address allowance the configuration gives (READOUT_ALLOW_PRIVATE_URLS)
        # reaches the watcher's feeds and links too.
        self.allow_private = allow_private if allow_private is not None else \
            _flag(os.environ.get("READOUT_ALLOW_PRIVATE_URLS"))
        self.scheduler = scheduler or self._new_scheduler()
        self._given_scheduler = scheduler is not None
        self._used = False
        self.posts: list[Any] = []  # PostResults of this process, newest last
        self.started = False
        self.paused = False
        self._poster_lock = threading.RLock()  # becoming / ceasing to be the poster
        self._post_lock = threading.Lock()
        self._stop = threading.Event()
        self._keeper: threading.Thread | None = None
        self._inflight = 0
        self._inflight_done = threading.Condition()

    def _new_scheduler(self) -> BackgroundScheduler:
        sched = BackgroundScheduler(timezone="UTC")
        sched.configure(
            jobstores={"default": SQLAlchemyJobStore(url=self.store.sqlalchemy_url,
                                                     tablename=JOBS_TABLE)},
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": MISFIRE_GRACE["daily"]},
        )
        return sched

    # -- lifecycle --------------------------------------------------------------------------
    @property
    def is_poster(self) -> bool:
        return bool(self.scheduler.running)

    def start(self, paused: bool = False, keeper: bool = True) -> ReadoutScheduler:
        """Register, and become the poster at once if the lease is free; a keeper thread
        renews the lease, or keeps trying to take it, every RENEW_SECONDS."""
        state.ensure_schema(self.store)
        with _LOCK:
            _RUNNING[self.key] = self
        self.started = True
        self.paused = paused
        if self.holds_lease():
            self._become_poster()
        else:
            held = lease_holder(self.store)
            log.info("digest scheduler standing by: %s holds the poster lease",
                     held[0] if held else "another process")
        if keeper:
            self._keeper = threading.Thread(target=self._keep, name="readout-lease",
                                            daemon=True)
            self._keeper.start()
        return self

    def _keep(self) -> None:
        while not self._stop.wait(RENEW_SECONDS):
            try:
                if self.holds_lease():
                    if not self.is_poster:
                        self._become_poster()
                elif self.is_poster:
                    log.warning("lost the poster lease; standing by")
                    self._stand_down()
            except Exception as exc:  # the store is unreachable, say: keep trying
                log.warning("lease keeper: %s", exc)

    def _become_poster(self) -> None:
        with self._poster_lock:
            if self.is_poster:
                return
            if self._used and not self._given_scheduler:
                self.scheduler = self._new_scheduler()  # a stopped one is not restarted
            self._used = True
            for attempt in range(3):
                try:
                    self.scheduler.start(paused=self.paused)
                    break
                except Exception:  # another process creating the job table at this moment
                    if attempt == 2:
                        raise
                    self.scheduler = self._new_scheduler() if not self._given_scheduler \
                        else self.scheduler
                    time.sleep(0.5)
            log.info("this process posts digests (lease holder %s)", self.holder)
            self._upgrade_jobs()
            self.sync_subscriptions()
            self.scheduler.add_job(run_tick, "interval", seconds=TICK_SECONDS, args=[self.key],
                                   id=TICK_JOB, replace_existing=True,
                                   next_run_time=datetime.now(UTC))
            if self.watch_minutes > 0:
                self.scheduler.add_job(run_watcher, "interval", minutes=self.watch_minutes,
                                       args=[self.key], id=WATCH_JOB, replace_existing=True)

    def _stand_down(self) -> None:
        with self._poster_lock:
            if self.scheduler.running:
                # Detach the job store first: APScheduler 3 may process due jobs once more
                # while stopping, fail to submit them to the closed executor and still advance
                # their next run time, losing a run. Detached, the stored jobs stay as they are.
                self.scheduler.remove_jobstore("default")
                self.scheduler.shutdown(wait=False)

    def shutdown(self, wait: bool = True) -> None:
        """Stop posting, let a job in flight finish (with `wait`), release the lease."""
        self._stop.set()
        with self._poster_lock:
            if self.scheduler.running:
                self.scheduler.remove_jobstore("default")
                # Never wait inside APScheduler's shutdown: it holds the job store lock while
                # joining its threads, and a running job that asks for a job (a tick syncing
                # subscriptions) would wait for that lock forever. We wait below instead.
                self.scheduler.shutdown(wait=False)
        if wait:
            with self._inflight_done:
                self._inflight_done.wait_for(lambda: self._inflight == 0, timeout=120)
        if self.started:
            release_lease(self.store, self.holder)
        with _LOCK:
            if _RUNNING.get(self.key) is self:
                del _RUNNING[self.key]

    def holds_lease(self) -> bool:
        if self._stop.is_set():
            return False  # stopping: never take (or renew) the lease again
        return acquire_lease(self.store, self.holder)

    @contextlib.contextmanager
    def _job(self) -> Iterator[None]:
        """A job's work, counted so that shutdown can wait for it."""
        with self._inflight_done:
            self._inflight += 1
        try:
            yield
        finally:
            with self._inflight_done:
                self._inflight -= 1
                self._inflight_done.notify_all()

    # -- jobs -------------------------------------------------------------------------------
    def _upgrade_jobs(self) -> None:
        """Jobs stored by an older Readout carry the database path as their first argument;
        they now carry the store's key. Modified in place, so a missed run keeps its time."""
        for job in self.scheduler.get_jobs():
            if job.id == OLD_LEASE_JOB:
                job.remove()
            elif job.args and job.args[0] != self.key:
                job.modify(args=[self.key, *job.args[1:]])

    def sync_subscriptions(self) -> None:
        """Make the job store match the subscriptions table; unchanged jobs keep their times.
        Only the poster runs APScheduler; elsewhere the poster's next tick picks changes up."""
        if not self.scheduler.running:
            return
        subs = {job_id(s.channel): s for s in list_subscriptions(self.store)}
        for job in self.scheduler.get_jobs():
            if job.id.startswith(JOB_PREFIX) and job.id not in subs:
                job.remove()
        for jid, sub in subs.items():
            trigger = trigger_for(sub)
            existing = self.scheduler.get_job(jid)
            if existing is not None and repr(existing.trigger) == repr(trigger):
                continue
            self.scheduler.add_job(
                run_subscription, trigger, args=[self.key, sub.channel], id=jid,
                name=sub.describe(), replace_existing=True,
                misfire_grace_time=MISFIRE_GRACE[sub.cadence],
            )

    def run_due(self, channel: str) -> Any:
        """A subscription's time came: record it durably, then post (if we hold the lease)."""
        state.mark_due(self.store, channel)
        return self.post(channel)

    def post(self, channel: str, only_if: Callable[[], bool] | None = None) -> Any:
        """Post the channel's digest; one post at a time in this process (the outbox keeps
        other processes apart), and `only_if` is checked once it is our turn."""
        from digests.post import post_digest

        with self._post_lock:
            if only_if is not None and not only_if():
                return None
            if not self.holds_lease():
                log.info("not posting to %s: another scheduler holds the lease", channel)
                return None
            subs = list_subscriptions(self.store, channel)
            team = subs[0].team_id if subs else None
            result = post_digest(self.store, channel, self.client_factory(team))
            self.posts.append(result)
            if result.status in ("posted", "already_posted", "empty"):
                state.clear_due(self.store, channel)
            log.info("digest for %s: %s", channel, result.status)
            return result

    def _still_due(self, channel: str) -> bool:
        due = dict(state.due_runs(self.store)).get(channel)
        if due is None:
            return False
        if state.delivered_since(self.store, channel, due):
            state.clear_due(self.store, channel)
            return False
        log.info("posting the digest for %s due at %s", channel, due)
        return True

    def tick(self) -> None:
        """Every TICK_SECONDS on the poster: renew, pick up subscription changes made on other
        machines, post runs that fired but were not delivered, retry refused digests."""
        from digests.post import pending

        if not self.holds_lease():
            return
        self.sync_subscriptions()
        for channel, _due in state.due_runs(self.store):
            self.post(channel, only_if=lambda c=channel: self._still_due(c))  # type: ignore[misc]
        # Digests that Slack refused earlier (429/5xx beyond the client's retries) go out now.
        for channel in pending(self.store):
            self.post(channel,
                      only_if=lambda c=channel: c in pending(self.store))  # type: ignore[misc]

    def watch(self) -> None:
        from digests.watcher import watch_once

        if not self.holds_lease():
            return
        report = watch_once(self.store, allow_private=self.allow_private)
        if report.indexed.added or report.errors:
            log.info("watcher: %d files, %d links, %d added, errors %s", report.files,
                     report.links, report.indexed.added, report.errors)


def start_scheduler(
    store: Store,
    client_factory: Callable[[str | None], WebClient],
    *,
    scheduler: BackgroundScheduler | None = None,
    allow_private: bool | None = None,
) -> ReadoutScheduler:
    return ReadoutScheduler(store, client_factory, scheduler,
                            allow_private=allow_private).start()
