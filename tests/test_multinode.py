"""Several app servers on one PostgreSQL, as a deployment runs them: real `readout serve`
processes, requests signed as Slack signs them, the fake Web API.

- an article added through one server is found by a search through the other;
- a Slack event delivered to both is answered once;
- the server posting a digest dies mid-post (after Slack accepted the message, before it
  recorded that): the other takes over and the channel has the digest exactly once.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from schedule_support import set_next_run
from slack_fake import FakeSlack, blocks_text, form, sign

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SECRET = "multi-node-secret"
pytestmark = pytest.mark.postgres

STORY = """Seoul, March 3 (Yonhap) -- Foreign Minister Cho Tae-yul met Chinese Foreign Minister
Wang Yi in Seoul on Monday.

Cho said the two sides agreed to resume talks on fisheries quotas in the Yellow Sea.

Wang said China values the quinquennial marine survey as a basis for cooperation.
"""


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def site() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = STORY.encode()
            self.send_response(200)
            self.send_header("content-type", "text/plain; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Node:
    """One `readout serve` process with its own port and its own search index directory."""

    def __init__(self, name: str, url: str, fake: FakeSlack, tmp: Path, *args: str,
                 **env: str) -> None:
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        base_env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("SLACK_", "READOUT_"))}
        self.env = {**base_env, "PYTHONPATH": str(ROOT), "READOUT_DB": url,
                    "READOUT_INDEX_DIR": str(tmp / f"index-{name}"),
                    "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-multi",
                    "SLACK_API_URL": fake.api_url, "READOUT_ADMINS": "UADMIN",
                    "READOUT_ALLOW_PRIVATE_URLS": "1", "READOUT_WATCH_MINUTES": "0",
                    "READOUT_LEASE_SECONDS": "3", "READOUT_TICK_SECONDS": "1", **env}
        self.log = tmp / f"{name}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1", "--port",
             str(self.port), "--answer-processes", "0", "--log-format", "json", *args],
            env=self.env, cwd=ROOT, stdout=self.log.open("w"), stderr=subprocess.STDOUT)

    def ready(self, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"{self.name} exited: {self.log.read_text()[-3000:]}")
            try:
                r = httpx.get(f"{self.base}/readyz", timeout=5)
                if r.status_code == 200:
                    return dict(r.json())
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{self.name} never ready: {self.log.read_text()[-3000:]}")

    def post(self, body: str, content_type: str) -> httpx.Response:
        return httpx.post(f"{self.base}/slack/events", content=body.encode(), timeout=10,
                          headers={"Content-Type": content_type, **sign(SECRET, body)})

    def command(self, fake: FakeSlack, text: str, user: str = "U1") -> str:
        name = uuid.uuid4().hex[:12]
        body = form(token="legacy", team_id="T0FAKE", channel_id="C1", user_id=user,
                    command="/readout", text=text, response_url=fake.response_url(name))
        assert self.post(body, "application/x-www-form-urlencoded").status_code == 200
        return f"/response/{name}"

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.log.read_text()


@pytest.fixture
def nodes() -> Iterator[list[Node]]:
    started: list[Node] = []
    yield started
    for n in started:
        n.stop()


def answer_text(fake: FakeSlack, path: str, timeout: float = 15) -> str:
    call = fake.wait_path(path, timeout=timeout)
    assert call is not None, f"no answer at {path}"
    return blocks_text(call.params.get("blocks") or []) + " " + str(call.params.get("text"))


def test_article_added_through_one_server_is_found_through_the_other(
        pg_url: str, fake: FakeSlack, site: str, tmp_path: Path, nodes: list[Node]) -> None:
    a = Node("a", pg_url, fake, tmp_path, "--no-scheduler")
    b = Node("b", pg_url, fake, tmp_path, "--no-scheduler")
    nodes += [a, b]
    a.ready()
    b.ready()
    before = answer_text(fake, b.command(fake, "quinquennial"))
    assert "0 statements match" in before and "marine survey" not in before
    added = answer_text(fake, a.command(fake, f"add {site}/story.txt", user="UADMIN"))
    assert "Indexed" in added, added
    t0 = time.monotonic()
    found = ""
    while time.monotonic() - t0 < 15:
        found = answer_text(fake, b.command(fake, "quinquennial"))
        if "marine survey" in found:
            break
        time.sleep(0.5)
    assert "marine survey" in found, found
    # Within seconds: b's follower applies the journal about once a second.
    assert time.monotonic() - t0 < 10
    status = b.ready()
    assert status["index"]["lag"] == 0 and status["index"]["following"]


def test_an_event_delivered_to_both_servers_is_answered_once(
        pg_url: str, fake: FakeSlack, tmp_path: Path, nodes: list[Node]) -> None:
    from bot.pipeline.ingest import index_sources
    from bot.store import Store

    assert index_sources(Store(pg_url), [str(SEEDS)]).added == 5
    a = Node("a", pg_url, fake, tmp_path, "--no-scheduler")
    b = Node("b", pg_url, fake, tmp_path, "--no-scheduler")
    nodes += [a, b]
    a.ready()
    b.ready()
    event_id = "Ev" + uuid.uuid4().hex[:10]
    payload = json.dumps({
        "token": "legacy", "team_id": "T0FAKE", "api_app_id": "A0READOUT",
        "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
        "event": {"type": "app_mention", "user": "U1", "text": "<@UBOT> supply chains",
                  "ts": "1700000001.000100", "channel": "C7"},
        "authorizations": [{"team_id": "T0FAKE", "user_id": "UBOT", "is_bot": True}],
    })
    # A load balancer retried it on the other server while the first was still acking.
    results: list[int] = []
    threads = [threading.Thread(target=lambda n=n: results.append(
        n.post(payload, "application/json").status_code)) for n in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200, 200]
    fake.wait_for("chat.postMessage", timeout=15)
    fake.quiet(2.0)
    answers = [c for c in fake.of("chat.postMessage") if c.params.get("channel") == "C7"]
    assert len(answers) == 1, [c.params.get("text") for c in answers]


def test_poster_killed_mid_digest_the_other_server_posts_it_once(
        pg_url: str, fake: FakeSlack, tmp_path: Path, nodes: list[Node]) -> None:
    from test_digest_fixtures import korea_history

    from bot.store import Store
    from digests.subscriptions import subscribe

    store = Store(pg_url)
    korea_history(store)
    subscribe(store, "C9", "daily", at="03:00", tz="UTC")
    # a dies right after Slack accepted its post, before it recorded it (a power cut).
    a = Node("a", pg_url, fake, tmp_path, READOUT_CRASH_AT="after_post")
    nodes.append(a)
    assert a.ready()["poster"] is True
    b = Node("b", pg_url, fake, tmp_path)
    nodes.append(b)
    assert b.ready()["poster"] is False
    set_next_run(pg_url, "C9", datetime.now(UTC) + timedelta(seconds=2))
    assert a.proc.wait(timeout=30) == 17  # READOUT_CRASH_AT's exit status
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        row = store.conn.execute("SELECT status FROM digest_outbox WHERE channel='C9'"
                                 ).fetchone()
        if row is not None and row[0] == "done":
            break
        time.sleep(0.2)
    assert row is not None and row[0] == "done", b.log.read_text()[-3000:]
    fake.quiet(1.0)
    posts = fake.posts("C9")
    assert len(posts) == 1, [p["text"] for p in posts]
    assert b.ready()["poster"] is True
    assert store.conn.execute("SELECT count(*) FROM digest_due").fetchone()[0] == 0
    # b recorded a's message rather than posting again: its log says so.
    log = [json.loads(line) for line in b.stop().splitlines() if line.startswith("{")]
    assert any("C9: already_posted" in e["msg"] for e in log), log[-20:]
