"""Acknowledgements never wait behind work: with 8 slow lookups (`/readout add <url>` against a
site that does not answer) and a 429 storm (`Retry-After`) holding 8 DM answers, a real
`readout serve` and a real `readout socket` still acknowledge every request inside Slack's 3
seconds and answer the quick ones, for two workspaces at once. The latency numbers themselves
(ack p99 < 300 ms, answer p99 < 1 s) are measured by benchmarks/slack_bench.py."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_fake import FakeSlack, blocks_text
from slack_fake.harness import SlowSite, seeded_db
from slack_fake.process import ReadoutProcess, launch, stop_quietly


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()
    assert server.violations == []


@pytest.mark.parametrize("mode", ["serve", "socket"])
def test_acks_never_wait_behind_slow_lookups_or_a_429_storm(
        tmp_path: Path, fake: FakeSlack, mode: str) -> None:
    db = seeded_db(tmp_path / "readout.db")
    site = SlowSite(delay=30)
    app: ReadoutProcess = launch(mode, db, fake, env={"READOUT_ADMINS": "UADMIN"})
    try:
        slow = []
        for i in range(8):
            reply, path = app.command(f"add {site.url}/s{i}.txt", user="UADMIN", team="T1")
            assert reply.status == 200, reply
            slow.append(path)
        fake.fail_next("chat.postMessage", 429, retry_after=6, times=8)
        for i in range(8):
            reply = app.event({"type": "message", "channel_type": "im", "channel": f"D{i}",
                               "user": "U2", "text": "what did Wang say about Taiwan?",
                               "ts": f"5.{i}"}, team="T2")
            assert reply.status == 200
        fake.wait_for("chat.postMessage", 8, timeout=10)  # all 8 answers are held by 429s
        deadline = time.monotonic() + 5
        while site.hits < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        acks, quick = [], []
        for i in range(10):
            team = ("T1", "T2")[i % 2]
            for text in ("help", "themes", "theme supply_chains"):
                reply, path = app.command(text, team=team, user=f"U{10 + i}")
                acks.append((text, reply.status, reply.seconds))
                if text != "help":
                    quick.append(path)
        assert [a for a in acks if a[1] != 200] == []
        assert max(a[2] for a in acks) < 3.0, sorted(a[2] for a in acks)[-5:]
        for path in quick:  # answered while the slow ones still hang
            call = fake.wait_path(path, timeout=10)
            assert call is not None, f"no answer on {path}"
        done = [p for p in slow if any("Indexed" in blocks_text(c.params.get("blocks", []))
                                       for c in fake.at_path(p))]
        assert done == []  # the slow ones really were still in flight
        site.release()
        for path in slow:
            deadline = time.monotonic() + 30
            while not any("Indexed" in blocks_text(c.params.get("blocks", []))
                          for c in fake.at_path(path)):
                assert time.monotonic() < deadline, f"add on {path} never answered"
                time.sleep(0.1)
        deadline = time.monotonic() + 20
        while not all(fake.posts(f"D{i}") for i in range(8)):  # after their Retry-After
            assert time.monotonic() < deadline, [len(fake.posts(f"D{i}")) for i in range(8)]
            time.sleep(0.1)
        assert all(len(fake.posts(f"D{i}")) == 1 for i in range(8))  # once each
    finally:
        site.stop()
        stop_quietly(app)
