"""Run digest subscriptions and the corpus watcher with APScheduler 3.

- Jobs live in APScheduler's SQLAlchemyJobStore in the same SQLite file as the index, one job
  per channel (id `digest:<channel>`), so schedules survive restarts.
- `coalesce=True`: after downtime the missed runs of a job collapse into one run.
- `misfire_grace_time` = 12 hours (daily) / 3 days (weekly): a bot down overnight posts its
  morning digest when it returns; a run later than that is skipped, and the next one covers the
  same statements anyway (the watermark only moves when a digest is delivered).
- One poster per database: a lease row in `digest_leases` (expiry LEASE_SECONDS, renewed every
  LEASE_SECONDS/3 and before each job). Every process may run a scheduler, but a job in a
  process that does not hold the lease does nothing, so two schedulers never both post.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
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
LEASE_JOB = "readout:lease"
LEASE_NAME = "digest-poster"
LEASE_SECONDS = 90.0
MISFIRE_GRACE = {"daily": 12 * 3600, "weekly": 3 * 24 * 3600}
JOBS_TABLE = "digest_apscheduler_jobs"

# Jobs are stored by reference (module:function + picklable args); the live objects they need
# are looked up here by database path, in the process that runs them.
_RUNNING: dict[str, ReadoutScheduler] = {}
_LOCK = threading.Lock()


def acquire_lease(store: Store, holder: str, ttl: float = LEASE_SECONDS) -> bool:
    """Take or renew the poster lease; False while another holder's lease is unexpired."""
    state.ensure_schema(store)
    now = time.time()
    with store.transaction() as c:
        c.execute("INSERT OR IGNORE INTO digest_leases(name, holder, expires_at) VALUES (?,?,0)",
                  (LEASE_NAME, holder))
        cur = c.execute(
            "UPDATE digest_leases SET holder=?, expires_at=? WHERE name=?"
            " AND (holder=? OR expires_at < ?)", (holder, now + ttl, LEASE_NAME, holder, now),
        )
        return bool(cur.rowcount)


def release_lease(store: Store, holder: str) -> None:
    with store.transaction() as c:
        c.execute("UPDATE digest_leases SET expires_at=0 WHERE name=? AND holder=?",
                  (LEASE_NAME, holder))


def job_id(channel: str) -> str:
    return f"{JOB_PREFIX}{channel}"


def trigger_for(sub: Subscription) -> CronTrigger:
    tz = ZoneInfo(sub.tz)
    if sub.cadence == "weekly":
        return CronTrigger(day_of_week=sub.weekday, hour=sub.hour, minute=sub.minute, timezone=tz)
    return CronTrigger(hour=sub.hour, minute=sub.minute, timezone=tz)


def run_subscription(db_path: str, channel: str) -> None:
    runtime = _RUNNING.get(db_path)
    if runtime is not None:
        runtime.post(channel)


def run_watcher(db_path: str) -> None:
    runtime = _RUNNING.get(db_path)
    if runtime is not None:
        runtime.watch()


def renew_lease(db_path: str) -> None:
    runtime = _RUNNING.get(db_path)
    if runtime is not None:
        runtime.holds_lease()


class ReadoutScheduler:
    def __init__(
        self,
        store: Store,
        client_factory: Callable[[str | None], WebClient],
        scheduler: BackgroundScheduler | None = None,
        holder: str | None = None,
        watch_minutes: float | None = None,
    ) -> None:
        self.store = store
        self.db_path = str(store.path)
        self.client_factory = client_factory
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.watch_minutes = watch_minutes if watch_minutes is not None else \
            float(os.environ.get("READOUT_WATCH_MINUTES", "15"))
        self.scheduler = scheduler or BackgroundScheduler(timezone="UTC")
        self.scheduler.configure(
            jobstores={"default": SQLAlchemyJobStore(url=store.sqlalchemy_url,
                                                     tablename=JOBS_TABLE)},
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": MISFIRE_GRACE["daily"]},
        )
        self.posts: list[Any] = []  # PostResults of this process, newest last

    # -- lifecycle --------------------------------------------------------------------------
    def start(self, paused: bool = False) -> ReadoutScheduler:
        state.ensure_schema(self.store)
        with _LOCK:
            _RUNNING[self.db_path] = self
        self.scheduler.start(paused=paused)
        self.sync_subscriptions()
        self.scheduler.add_job(renew_lease, "interval", seconds=LEASE_SECONDS / 3,
                               args=[self.db_path], id=LEASE_JOB, replace_existing=True)
        if self.watch_minutes > 0:
            self.scheduler.add_job(run_watcher, "interval", minutes=self.watch_minutes,
                                   args=[self.db_path], id=WATCH_JOB, replace_existing=True)
        self.holds_lease()
        return self

    def shutdown(self, wait: bool = True) -> None:
        if self.scheduler.running:
            # Detach the job store first: APScheduler 3 may process due jobs once more while
            # stopping, fail to submit them to the closed executor and still advance their next
            # run time, losing a run. Detached, the stored jobs stay as they are for the restart.
            self.scheduler.remove_jobstore("default")
            self.scheduler.shutdown(wait=wait)
        release_lease(self.store, self.holder)
        with _LOCK:
            if _RUNNING.get(self.db_path) is self:
                del _RUNNING[self.db_path]

    def holds_lease(self) -> bool:
        return acquire_lease(self.store, self.holder)

    # -- jobs -------------------------------------------------------------------------------
    def sync_subscriptions(self) -> None:
        """Make the job store match the subscriptions table; unchanged jobs keep their times."""
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
                run_subscription, trigger, args=[self.db_path, sub.channel], id=jid,
                name=sub.describe(), replace_existing=True,
                misfire_grace_time=MISFIRE_GRACE[sub.cadence],
            )

    def post(self, channel: str) -> Any:
        from digests.post import post_digest

        if not self.holds_lease():
            log.info("not posting to %s: another scheduler holds the lease", channel)
            return None
        subs = list_subscriptions(self.store, channel)
        team = subs[0].team_id if subs else None
        result = post_digest(self.store, channel, self.client_factory(team))
        self.posts.append(result)
        return result

    def watch(self) -> None:
        from digests.post import pending, post_digest
        from digests.watcher import watch_once

        if not self.holds_lease():
            return
        report = watch_once(self.store)
        if report.indexed.added or report.errors:
            log.info("watcher: %d files, %d links, %d added, errors %s", report.files,
                     report.links, report.indexed.added, report.errors)
        # Digests that Slack refused earlier (429/5xx beyond the client's retries) go out now.
        for channel in pending(self.store):
            subs = list_subscriptions(self.store, channel)
            self.posts.append(post_digest(self.store, channel,
                                          self.client_factory(subs[0].team_id if subs else None)))


def start_scheduler(
    store: Store,
    client_factory: Callable[[str | None], WebClient],
    *,
    scheduler: BackgroundScheduler | None = None,
) -> ReadoutScheduler:
    return ReadoutScheduler(store, client_factory, scheduler).start()
