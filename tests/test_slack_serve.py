"""`readout serve` / `readout socket` as a user runs them, OAuth installs, the manifest, and a
subscribed channel's digest posted through the fake Slack."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from slack_fake import FakeSlack, blocks_text, form, sign
from slack_fake.harness import SEEDS, Harness

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bot.pipeline.ingest import index_sources
    from bot.store import Store

    path = tmp_path_factory.mktemp("serve") / "readout.db"
    assert index_sources(Store(path), [str(SEEDS)]).added == 5
    return path


@pytest.fixture
def fake() -> FakeSlack:
    server = FakeSlack().start()
    yield server
    server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(fake: FakeSlack, db: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "READOUT_")) or k.startswith("READOUT_TEST_")}
    return {**env, "SLACK_API_URL": fake.api_url, "READOUT_DB": str(db),
            "PYTHONPATH": str(ROOT), **extra}


def test_readout_serve_answers_signed_commands(db: Path, fake: FakeSlack) -> None:
    port = _free_port()
    env = _env(fake, db, SLACK_SIGNING_SECRET="s3cret", SLACK_BOT_TOKEN="xoxb-serve-test")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--no-scheduler"], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").text == "ok":
                    break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        name = uuid.uuid4().hex
        body = form(team_id="T0FAKE", channel_id="C1", user_id="U1", command="/readout",
                    text="theme supply_chains", response_url=fake.response_url(name))
        t0 = time.monotonic()
        resp = httpx.post(f"http://127.0.0.1:{port}/slack/events", content=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", **sign("s3cret", body)})
        assert resp.status_code == 200 and time.monotonic() - t0 < 3
        call = fake.wait_for("response_url", timeout=3)[0]
        assert call.path == f"/response/{name}"
        assert "Timeline: Supply chains" in blocks_text(call.params["blocks"])
        # auth.test went to the fake with the bot token; the token never reached the log
        auth = fake.of("auth.test")[0]
        assert auth.headers["Authorization"] == "Bearer xoxb-serve-test"
    finally:
        proc.terminate()
        out = proc.communicate(timeout=10)[0].decode()
    assert "xoxb-serve-test" not in out and "s3cret" not in out


@pytest.mark.parametrize(("cmd", "missing"), [
    ("serve", "SLACK_SIGNING_SECRET"), ("socket", "SLACK_APP_TOKEN")])
def test_missing_settings_are_one_line(db: Path, fake: FakeSlack, cmd: str,
                                       missing: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "bot.cli", cmd], env=_env(fake, db),
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("readout:") and missing in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.sqlite_only  # reads the SQLite file itself
def test_oauth_install_page_and_installation_store_in_the_same_db(
        tmp_path: Path, fake: FakeSlack) -> None:
    import sqlite3

    from bot.slack.app import build_app
    from bot.slack.server import wsgi_app
    from bot.slack.settings import Settings
    from bot.store import Store

    path = tmp_path / "oauth.db"
    settings = Settings(signing_secret="x", client_id="111.222", client_secret="cs",
                        db_path=path, api_url=fake.api_url)
    app = build_app(settings, Store(path))
    assert path.stat().st_mode & 0o077 == 0
    tables = {r[0] for r in sqlite3.connect(path).execute(
        "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"slack_installations", "slack_bots", "slack_oauth_states", "statements"} <= tables
    client = httpx.Client(transport=httpx.WSGITransport(app=wsgi_app(app)),
                          base_url="http://readout.test")
    page = client.get("/slack/install")
    assert page.status_code == 200
    assert re.search(r"oauth/v2/authorize\?state=[^&]+&amp;client_id=111\.222", page.text)
    assert "chat:write" in page.text


def test_manifest_matches_the_app() -> None:
    from bot.slack.settings import BOT_SCOPES

    text = (ROOT / "manifest.yml").read_text()
    bot_block = text.split("    bot:\n", 1)[1].split("settings:", 1)[0]
    assert sorted(re.findall(r"- (\S+)", bot_block)) == sorted(BOT_SCOPES)
    events = re.findall(r"^      - (\S+)$", text.split("bot_events:", 1)[1], re.M)
    assert events[:3] == ["app_home_opened", "app_mention", "message.im"]
    assert "command: /readout" in text


def test_subscribed_channel_gets_its_digest_posted(db: Path, fake: FakeSlack) -> None:
    """/readout subscribe -> the scheduler's job for the channel -> its digest in the channel,
    through the app's own client factory (bot token, API URL, 429 retries)."""
    schedule = pytest.importorskip("digests.schedule")
    from bot.slack.app import client_factory

    holder: dict = {}
    h = Harness(db, fake, on_change=lambda: holder["s"].sync_subscriptions())
    holder["s"] = schedule.start_scheduler(h.store, client_factory(h.settings, h.app))
    try:
        _, path = h.command("subscribe daily 07:00", channel="CDIGEST")
        assert "daily, every day at 07:00" in blocks_text(h.replies(path)[0].params["blocks"])
        jobs = [j for j in holder["s"].scheduler.get_jobs() if "CDIGEST" in j.id]
        assert len(jobs) == 1 and "07:00" in jobs[0].name
        fake.fail_next("chat.postMessage", status=429, retry_after=1)
        holder["s"].post("CDIGEST")  # what the job runs at 07:00
        posted = [c for c in fake.of("chat.postMessage") if c.params["channel"] == "CDIGEST"
                  and "metadata" in c.params]  # the digest, not the subscription's notice
        assert len(posted) >= 2 and posted[0].params == posted[1].params  # 429, then retried
        assert all(len(c.params["blocks"]) <= 50 for c in posted)
        assert "Readout digest" in blocks_text(posted[0].params["blocks"])
        assert posted[0].headers["Authorization"] == "Bearer xoxb-test-token"
        _, path = h.command("unsubscribe", channel="CDIGEST")
        h.replies(path)
        assert not [j for j in holder["s"].scheduler.get_jobs() if "CDIGEST" in j.id]
    finally:
        holder["s"].shutdown()
        h.close()


def test_readout_socket_opens_its_connection_through_the_api_url(
        db: Path, fake: FakeSlack) -> None:
    """Socket Mode asks apps.connections.open (with the app token) at SLACK_API_URL; the
    websocket itself is Slack's, so the test stops there."""
    fake.responses["apps.connections.open"] = {"ok": True, "url": "ws://127.0.0.1:9/link"}
    env = _env(fake, db, SLACK_APP_TOKEN="xapp-1-A1-sock-test", SLACK_BOT_TOKEN="xoxb-sock-test")
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "socket", "--no-scheduler"],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        call = fake.wait_for("apps.connections.open", timeout=30)[0]
        assert call.headers["Authorization"] == "Bearer xapp-1-A1-sock-test"
    finally:
        proc.terminate()
        out = proc.communicate(timeout=10)[0].decode()
    assert "xapp-1-A1-sock-test" not in out and "xoxb-sock-test" not in out
