"""Scheduling you can trust, on both store backends: a scheduler killed with kill -9 and
restarted just before a digest is due posts it once; a lease held by a machine that went away
costs a late post, never a skipped one; `readout schedule` and the lease rules themselves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from schedule_support import set_next_run
from slack_fake import FakeSlack
from test_digest_fixtures import korea_history

from bot.store import Store
from digests import schedule, state
from digests.schedule import LEASE_NAME, acquire_lease, holder_gone, lease_holder
from digests.subscriptions import subscribe

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


def start_schedule(location: str, fake: FakeSlack, log: Path, **env: str) -> subprocess.Popen:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "READOUT_"))
            or k.startswith("READOUT_TEST_")}
    full = {**base, "PYTHONPATH": str(ROOT), "READOUT_DB": location,
            "SLACK_BOT_TOKEN": "xoxb-sched", "SLACK_API_URL": fake.api_url,
            "READOUT_WATCH_MINUTES": "0", "READOUT_TICK_SECONDS": "1", **env}
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "schedule"], env=full, cwd=ROOT,
                            stdout=log.open("a"), stderr=subprocess.STDOUT)


def wait_until(check, seconds: float = 30.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.1)
    return False


def holder_pid(store: Store) -> int | None:
    held = lease_holder(store)
    return int(held[0].split(":")[1]) if held else None


def test_killed_scheduler_restarted_just_before_due_posts_once(
        any_store_location: str, fake: FakeSlack, tmp_path: Path) -> None:
    store = Store(any_store_location)
    korea_history(store)
    subscribe(store, "C5", "daily", at="03:00")
    log = tmp_path / "schedule.log"
    first = start_schedule(any_store_location, fake, log)  # the real 30 s lease
    try:
        assert wait_until(lambda: holder_pid(store) == first.pid), log.read_text()
        set_next_run(any_store_location, "C5", datetime.now(UTC) + timedelta(hours=1))
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    # Its lease is still unexpired (for up to 30 s) when the scheduler comes back, a few
    # seconds before the digest is due.
    assert lease_holder(store) is not None
    due = datetime.now(UTC) + timedelta(seconds=4)
    set_next_run(any_store_location, "C5", due)
    second = start_schedule(any_store_location, fake, log)
    try:
        assert wait_until(lambda: len(fake.posts("C5")) >= 1, 30), log.read_text()[-3000:]
        posted_at = time.time()
        fake.quiet(2.0)
        assert len(fake.posts("C5")) == 1
        # The dead process's lease did not make it wait: the digest went out on time.
        assert due.timestamp() - 0.5 <= posted_at < due.timestamp() + 10
        assert holder_pid(store) == second.pid
        assert state.due_runs(store) == []
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    assert second.returncode == 0
    assert lease_holder(store) is None  # a clean stop releases the lease at once


def test_lease_of_a_vanished_machine_costs_a_late_post_not_a_skipped_one(
        any_store_location: str, fake: FakeSlack, tmp_path: Path) -> None:
    store = Store(any_store_location)
    korea_history(store)
    subscribe(store, "C6", "daily", at="03:00")
    setup = schedule.ReadoutScheduler(store, lambda _t: None, watch_minutes=0)
    setup.start(paused=True, keeper=False)
    setup.shutdown()  # the job is stored; the lease released
    # Another machine holds the lease and stops answering: no process here to ask about.
    lease = 4.0
    store.conn.execute("UPDATE digest_leases SET holder=?, expires_at=? WHERE name=?",
                       ("elsewhere.example:4242:0bad", time.time() + lease, LEASE_NAME))
    due = datetime.now(UTC) + timedelta(seconds=1)
    set_next_run(any_store_location, "C6", due)
    proc = start_schedule(any_store_location, fake, tmp_path / "s.log",
                          READOUT_LEASE_SECONDS=str(lease))
    try:
        assert wait_until(lambda: len(fake.posts("C6")) >= 1, 40), \
            (tmp_path / "s.log").read_text()[-3000:]
        posted_at = time.time()
        fake.quiet(2.0)
        assert len(fake.posts("C6")) == 1
        assert posted_at > due.timestamp() + 2  # late: after the old lease ran out
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)


def test_a_live_holder_keeps_its_lease_a_dead_one_on_this_machine_does_not(
        any_store_location: str) -> None:
    store = Store(any_store_location)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = f"{os.uname().nodename}:{sleeper.pid}:aaaa"
        assert acquire_lease(store, alive, ttl=60)
        assert not acquire_lease(store, "me:1:bbbb", ttl=60)
        assert not holder_gone(alive)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert holder_gone(alive)  # killed: its unexpired lease no longer counts
    assert acquire_lease(store, f"{os.uname().nodename}:{os.getpid()}:cccc", ttl=60)
    # A holder on another machine is never presumed dead; only expiry frees its lease.
    assert not holder_gone("elsewhere.example:1:dddd")
    store.conn.execute("UPDATE digest_leases SET holder='elsewhere.example:1:dddd'")
    assert not acquire_lease(store, "me:2:eeee", ttl=60)


def test_a_run_that_fired_on_a_dying_poster_is_posted_by_the_next(
        any_store_location: str, fake: FakeSlack) -> None:
    """The due record is written before anything else: a poster that dies after its job
    fired (APScheduler already moved the job to tomorrow) leaves it for the next poster."""
    from slack_sdk import WebClient

    store = Store(any_store_location)
    korea_history(store)
    subscribe(store, "C8", "daily", at="03:00")
    state.mark_due(store, "C8")  # the job fired; then the process died
    sched = schedule.ReadoutScheduler(
        store, lambda _t: WebClient(token="x", base_url=fake.base_url), watch_minutes=0)
    sched.start(keeper=False)
    try:
        assert wait_until(lambda: len(fake.posts("C8")) == 1, 20)
        assert wait_until(lambda: state.due_runs(store) == [], 10)
        sched.tick()  # and a later tick does not post it again
        fake.quiet(1.0)
        assert len(fake.posts("C8")) == 1
    finally:
        sched.shutdown()


def test_schedule_needs_a_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    proc = subprocess.run([sys.executable, "-m", "bot.cli", "--db", str(tmp_path / "x.db"),
                           "schedule"], env={**env, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stderr.startswith("readout: set SLACK_BOT_TOKEN")


def test_jobs_stored_by_an_older_readout_still_run(tmp_path: Path, fake: FakeSlack) -> None:
    """Jobs used to carry the database path and a lease job existed: after an upgrade the
    missed run is posted, the jobs carry the store's key, the old lease job is gone."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler
    from slack_sdk import WebClient

    path = tmp_path / "old.db"
    store = Store(path)
    korea_history(store)
    subscribe(store, "C3", "daily", at="03:00")
    old = BackgroundScheduler(timezone="UTC", jobstores={"default": SQLAlchemyJobStore(
        url=store.sqlalchemy_url, tablename=schedule.JOBS_TABLE)})
    old.start(paused=True)
    old.add_job("digests.schedule:run_subscription", "interval", days=1, id="digest:C3",
                args=[str(path), "C3"], next_run_time=datetime.now(UTC) - timedelta(minutes=5),
                misfire_grace_time=12 * 3600)
    old.add_job("digests.schedule:renew_lease", "interval", seconds=30, id="readout:lease",
                args=[str(path)])
    old.remove_jobstore("default")
    old.shutdown(wait=False)
    sched = schedule.ReadoutScheduler(
        store, lambda _t: WebClient(token="x", base_url=fake.base_url), watch_minutes=0)
    sched.start(keeper=False)
    try:
        assert wait_until(lambda: len(fake.posts("C3")) == 1, 20)
        assert sched.scheduler.get_job("readout:lease") is None
        job = sched.scheduler.get_job("digest:C3")
        assert job.args == (store.key, "C3") or list(job.args) == [store.key, "C3"]
    finally:
        sched.shutdown()
    fake.quiet(1.0)
    assert len(fake.posts("C3")) == 1
