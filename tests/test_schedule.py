"""The scheduler, with time driven by the test: time zones, restarts, coalescing, one poster."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from slack_fake import FakeSlack
from slack_sdk import WebClient
from test_digest_fixtures import fresh_store, korea_history

from bot.store import Store
from digests import schedule
from digests.schedule import ReadoutScheduler, acquire_lease, trigger_for
from digests.subscriptions import list_subscriptions, subscribe, unsubscribe

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def factory(fake: FakeSlack):
    return lambda _team: WebClient(token="xoxb-test", base_url=fake.base_url)


def wait_for(check, seconds: float = 15.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_trigger_fires_at_local_time_in_its_zone(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    sub = subscribe(store, "C1", "daily", at="08:00", tz="Asia/Seoul")
    trig = trigger_for(sub)
    # 23:30 UTC on Jan 1 is 08:30 on Jan 2 in Seoul: the next run is Jan 3, 08:00 KST.
    nxt = trig.get_next_fire_time(None, datetime(2026, 1, 1, 23, 30, tzinfo=UTC))
    assert nxt == datetime(2026, 1, 3, 8, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    assert nxt.astimezone(UTC) == datetime(2026, 1, 2, 23, 0, tzinfo=UTC)
    weekly = trigger_for(subscribe(store, "C2", "weekly", at="17:45", tz="America/New_York",
                                   weekday="fri"))
    nxt = weekly.get_next_fire_time(None, datetime(2026, 3, 2, 12, 0, tzinfo=UTC))  # a Monday
    local = nxt.astimezone(ZoneInfo("America/New_York"))
    assert (local.weekday(), local.hour, local.minute) == (4, 17, 45)


def test_subscription_validation_is_clear(tmp_path: Path) -> None:
    from bot.errors import QueryError

    store = fresh_store(tmp_path)
    with pytest.raises(QueryError, match="HH:MM"):
        subscribe(store, "C1", "daily", at="25:00")
    with pytest.raises(QueryError, match="unknown time zone 'Mars/Base'"):
        subscribe(store, "C1", "daily", tz="Mars/Base")
    with pytest.raises(QueryError, match="valid themes"):
        subscribe(store, "C1", "daily", themes=["taiwn"])
    with pytest.raises(QueryError, match="daily or weekly"):
        subscribe(store, "C1", "hourly")
    subscribe(store, "C1", "weekly", at="7:05", themes=["taiwan"], weekday="Thursday")
    [sub] = list_subscriptions(store)
    assert (sub.at, sub.weekday, sub.themes) == ("07:05", "thu", ["taiwan"])
    assert unsubscribe(store, "C1") == 1 and list_subscriptions(store) == []


def test_due_subscription_posts_and_jobs_survive_restart(tmp_path: Path, slack: FakeSlack) -> None:
    store = fresh_store(tmp_path)
    korea_history(store)
    subscribe(store, "C1", "daily", at="08:00", tz="Asia/Seoul")
    first = ReadoutScheduler(store, factory(slack), watch_minutes=0).start(paused=True)
    job = first.scheduler.get_job(schedule.job_id("C1"))
    assert job.next_run_time.astimezone(ZoneInfo("Asia/Seoul")).time().isoformat() == "08:00:00"
    due = datetime.now(UTC) - timedelta(minutes=1)
    job.modify(next_run_time=due)
    first.shutdown()
    # A new process: the job comes back from the database with its (missed) run time...
    second = ReadoutScheduler(Store(tmp_path / "x.db"), factory(slack), watch_minutes=0)
    second.start(paused=True)
    again = second.scheduler.get_job(schedule.job_id("C1"))
    assert abs((again.next_run_time - due).total_seconds()) < 1
    # ...and fires when the scheduler runs.
    second.scheduler.resume()
    assert wait_for(lambda: len(slack.posts("C1")) == 1)
    assert again.id in {j.id for j in second.scheduler.get_jobs()}
    second.shutdown()


def test_missed_runs_coalesce_into_one_post(tmp_path: Path, slack: FakeSlack) -> None:
    store = fresh_store(tmp_path)
    korea_history(store)
    at = (datetime.now(UTC) - timedelta(minutes=2)).strftime("%H:%M")
    subscribe(store, "C1", "daily", at=at, tz="UTC")
    sched = ReadoutScheduler(store, factory(slack), watch_minutes=0).start(paused=True)
    # The bot was down for three days: three runs and today's were missed.
    sched.scheduler.get_job(schedule.job_id("C1")).modify(
        next_run_time=datetime.now(UTC) - timedelta(days=3, minutes=2))
    sched.scheduler.resume()
    assert wait_for(lambda: len(slack.posts("C1")) >= 1)
    time.sleep(1.0)
    assert len(slack.posts("C1")) == 1
    nxt = sched.scheduler.get_job(schedule.job_id("C1")).next_run_time
    assert nxt > datetime.now(UTC)  # the next run is tomorrow, not another catch-up
    sched.shutdown()


def test_sync_follows_subscribe_and_unsubscribe(tmp_path: Path, slack: FakeSlack) -> None:
    store = fresh_store(tmp_path)
    sched = ReadoutScheduler(store, factory(slack), watch_minutes=0).start(paused=True)
    subscribe(store, "C1", "daily")
    subscribe(store, "C2", "weekly", weekday="wed")
    sched.sync_subscriptions()
    ids = {j.id for j in sched.scheduler.get_jobs()}
    assert {"digest:C1", "digest:C2"} <= ids
    before = sched.scheduler.get_job("digest:C1").next_run_time
    subscribe(store, "C1", "daily", tz="Asia/Tokyo")
    unsubscribe(store, "C2")
    sched.sync_subscriptions()
    assert sched.scheduler.get_job("digest:C2") is None
    assert sched.scheduler.get_job("digest:C1").next_run_time != before
    sched.shutdown()


def test_lease_has_one_holder_until_it_expires(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    assert acquire_lease(store, "a", ttl=0.5)
    assert not acquire_lease(store, "b", ttl=0.5)
    assert acquire_lease(store, "a", ttl=0.5)  # renewal
    time.sleep(0.6)
    assert acquire_lease(store, "b", ttl=0.5)  # a stopped renewing: b takes over


CHILD = """
import json, sys, time
from slack_sdk import WebClient
from bot.store import Store
from digests.schedule import ReadoutScheduler
store = Store(sys.argv[1])
s = ReadoutScheduler(store, lambda team: WebClient(token="x", base_url=sys.argv[2]),
                     watch_minutes=0).start()
time.sleep(float(sys.argv[3]))
holder = store.conn.execute("SELECT holder FROM digest_leases").fetchone()[0]
print(json.dumps({"posts": [p.status for p in s.posts if p], "holder": holder == s.holder}))
s.shutdown()
"""


def test_two_scheduler_processes_post_once(tmp_path: Path, slack: FakeSlack) -> None:
    store = fresh_store(tmp_path)
    korea_history(store)
    subscribe(store, "C1", "daily")
    setup = ReadoutScheduler(store, factory(slack), watch_minutes=0).start(paused=True)
    setup.scheduler.get_job("digest:C1").modify(
        next_run_time=datetime.now(UTC) - timedelta(minutes=1))
    setup.shutdown()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path / "x.db"),
                               slack.base_url, "6"], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _o, e in outs]
    results = [json.loads(o.strip().splitlines()[-1]) for o, _e in outs]
    assert len(slack.posts("C1")) == 1, (results, [e[-3000:] for _o, e in outs])
    posted = [r for r in results if r["posts"]]
    assert len(posted) == 1 and posted[0]["holder"]  # only the lease holder posted
