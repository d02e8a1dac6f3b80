"""Exactly once: a digest is posted once and nothing is skipped, whatever fails.

Crash tests run the poster in a real subprocess that dies (os._exit) at a chosen step, then run
it again, against a local fake of the Slack Web API.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_fake import FakeSlack
from slack_sdk import WebClient
from test_digest_fixtures import WANG, fresh_store, korea_history, meeting

from digests import state
from digests.post import post_digest
from digests.subscriptions import subscribe

ROOT = Path(__file__).resolve().parents[1]
CHANNEL = "C0DIGEST"

CHILD = """
import json, sys
from slack_sdk import WebClient
from bot.store import Store
from digests.post import post_digest
r = post_digest(Store(sys.argv[1]), sys.argv[2], WebClient(token="xoxb-test", base_url=sys.argv[3]))
print(json.dumps({"status": r.status, "digest_id": r.digest_id, "ts": r.ts}))
"""


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def fail_post(fake: FakeSlack, status: int) -> None:
    if status == 429:
        fake.fail_next("chat.postMessage", 429, retry_after=0)
    else:
        fake.fail_next("chat.postMessage", status, retry_after=None,
                       body={"ok": False, "error": "fatal_error"})


def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.base_url)


def run_child(db: Path, fake: FakeSlack, crash_at: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("READOUT_CRASH_AT", None)
    if crash_at:
        env["READOUT_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-c", CHILD, str(db), CHANNEL, fake.base_url],
                          env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)


def digest_ids(fake: FakeSlack) -> list[str]:
    out = []
    for p in fake.posts(CHANNEL):
        meta = p["metadata"] if isinstance(p["metadata"], dict) else json.loads(p["metadata"])
        out.append(meta["event_payload"]["digest_id"])
    return out


@pytest.mark.parametrize("crash_at", ["after_build", "after_post", "after_record"])
def test_killed_at_each_step_posts_once_and_skips_nothing(
    tmp_path: Path, slack: FakeSlack, crash_at: str
) -> None:
    db = tmp_path / "x.db"
    store = fresh_store(tmp_path)
    korea_history(store)
    subscribe(store, CHANNEL, "daily")
    first = run_child(db, slack, crash_at)
    assert first.returncode == 17, first.stderr  # died where told
    # A statement indexed while the poster was down must go into the next digest, not this one.
    meeting(store, "late.txt", "2026-03-01", [WANG, ("Cho Hyun", "south_korea")], [
        (WANG, "Wang said relations show a momentum of improvement.", ["relations"]),
    ])
    late_sid = state.max_sid(store)
    second = run_child(db, slack, None)
    assert second.returncode == 0, second.stderr
    result = json.loads(second.stdout)
    ids = digest_ids(slack)
    if crash_at == "after_build":
        assert result["status"] == "posted"
    elif crash_at == "after_post":
        assert result["status"] == "already_posted"  # found by its metadata in history
    else:
        assert result["status"] == "posted"  # the first digest was done: this is the next one
    assert len(ids) == len(set(ids))  # never the same digest twice
    assert state.watermark(store, CHANNEL) == (late_sid if crash_at == "after_record"
                                               else late_sid - 1)
    third = run_child(db, slack, None)
    assert third.returncode == 0, third.stderr
    ids = digest_ids(slack)
    assert len(ids) == len(set(ids)) == 2  # the first digest, then the one with the late meeting
    assert state.watermark(store, CHANNEL) == late_sid
    texts = [json.dumps(p["blocks"]) for p in slack.posts(CHANNEL)]
    assert "2026-03-01" in texts[-1] and "2026-03-01" not in texts[0]


def test_server_errors_retry_then_leave_it_open_for_later(
    tmp_path: Path, slack: FakeSlack
) -> None:
    store = fresh_store(tmp_path)
    korea_history(store)
    for _ in range(3):  # one call plus slack_sdk's two retries
        fail_post(slack, 500)
    result = post_digest(store, CHANNEL, client(slack))
    assert result.status == "failed" and not slack.posts()
    assert state.watermark(store, CHANNEL) == 0
    again = post_digest(store, CHANNEL, client(slack))
    assert again.status == "posted" and again.digest_id == result.digest_id
    assert len(slack.posts()) == 1 and state.watermark(store, CHANNEL) == state.max_sid(store)


def test_rate_limit_is_retried_by_the_client(tmp_path: Path, slack: FakeSlack) -> None:
    store = fresh_store(tmp_path)
    korea_history(store)
    fail_post(slack, 429)
    result = post_digest(store, CHANNEL, client(slack))
    assert result.status == "posted" and len(slack.posts()) == 1


def test_nothing_new_posts_nothing(tmp_path: Path, slack: FakeSlack) -> None:
    store = fresh_store(tmp_path)
    assert post_digest(store, CHANNEL, client(slack)).status == "empty"
    assert slack.posts() == []


def test_long_digest_posts_thread_parts_once(tmp_path: Path, slack: FakeSlack) -> None:
    store = fresh_store(tmp_path)
    long_text = "Wang said that " + " ".join(f"cooperation item{i} matters" for i in range(900))
    meeting(store, "huge.txt", "2026-01-05", [WANG, ("Cho Hyun", "south_korea")],
            [(WANG, f"{long_text} number {n}.", ["relations", "trade"]) for n in range(30)])
    result = post_digest(store, CHANNEL, client(slack))
    assert result.status == "posted" and result.thread_ts
    posts = slack.posts(CHANNEL)
    assert all(p.get("thread_ts") == result.ts for p in posts[1:])
    assert post_digest(store, CHANNEL, client(slack)).status == "empty"
    assert len(slack.posts(CHANNEL)) == len(posts)


def test_attempt_in_flight_elsewhere_is_left_alone_dead_one_is_taken_over(
    tmp_path: Path, slack: FakeSlack
) -> None:
    import socket
    import time

    store = fresh_store(tmp_path)
    korea_history(store)
    for _ in range(3):
        fail_post(slack, 500)
    failed = post_digest(store, CHANNEL, client(slack))
    assert failed.status == "failed"
    live = f"{socket.gethostname()}:{os.getppid()}"  # a process that is still running
    with store.transaction() as c:
        c.execute("UPDATE digest_outbox SET error=NULL, last_attempt=?, claimed_by=?",
                  (time.time(), live))
    assert post_digest(store, CHANNEL, client(slack)).status == "in_progress"
    assert slack.posts() == []
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    with store.transaction() as c:
        c.execute("UPDATE digest_outbox SET claimed_by=?", (f"{socket.gethostname()}:{dead}",))
    assert post_digest(store, CHANNEL, client(slack)).status == "posted"
    assert len(slack.posts()) == 1
