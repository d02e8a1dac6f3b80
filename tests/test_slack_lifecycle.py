"""Installations over their life, driven through a real `readout serve` / `readout socket`:
uninstalling cleans the workspace's data (installation, subscriptions, their digest state) and
nothing of the other workspace; revoked tokens are deleted; one workspace gone never stops the
scheduler posting for the others; rotating tokens are refreshed (Bolt for requests, the
scheduler's client factory for digests); SIGTERM releases the scheduler's lease."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_fake import FakeSlack
from slack_fake.harness import seeded_db
from slack_fake.process import ReadoutProcess, launch, stop_quietly

ALICE, CAROL = "UALICE1", "UCAROL3"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    server.add_workspace("T1", users={ALICE: "Asia/Seoul"})
    server.add_workspace("T2", users={CAROL: "America/Chicago"})
    for ch, team, user in (("C1A", "T1", ALICE), ("C1B", "T1", ALICE), ("C2A", "T2", CAROL)):
        server.add_channel(ch, team, members=(user,))
    yield server
    server.stop()
    assert server.violations == []


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Through the store, so that the PostgreSQL pass reads the database the app writes."""
    from bot.store import Store

    store = Store(db)
    try:
        return [tuple(r) for r in store.conn.execute(sql, params).fetchall()]
    finally:
        store.close()


def wait_until(check: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition never met"
        time.sleep(0.05)


def answer(app: ReadoutProcess, text: str, **kw: Any) -> None:
    reply, path = app.command(text, **kw)
    assert reply.status == 200 and app.fake.wait_path(path, timeout=10) is not None


def _digest_state(db: Path, fake: FakeSlack, env: dict[str, str], channels: list[str],
                  team_of: dict[str, str]) -> None:
    """Post a digest to each channel (watermark), and leave one undelivered (outbox)."""
    from bot.slack.app import build_app, client_factory, shutdown
    from bot.slack.settings import Settings
    from bot.store import Store
    from digests.post import post_digest

    store = Store(db)
    settings = Settings.from_env(env)
    app = build_app(settings, store)
    make = client_factory(settings, app)
    try:
        for ch in channels:
            assert post_digest(store, ch, make(team_of[ch])).status == "posted"
        with store.transaction() as c:  # an undelivered digest for each channel, too
            for ch in channels:
                c.execute("INSERT INTO digest_outbox(digest_id, channel, from_sid, to_sid,"
                          " payload, payload_hash, status, created_at, updated_at)"
                          " VALUES (?,?,0,0,'{}','x','built','t','t')", (f"open-{ch}", ch))
    finally:
        shutdown(app)
        store.close()


@pytest.mark.parametrize("mode", ["serve", "socket"])
def test_uninstall_forgets_the_workspace_and_only_it(tmp_path: Path, fake: FakeSlack,
                                                     mode: str) -> None:
    db = seeded_db(tmp_path / "readout.db")
    installer = launch("serve", db, fake, oauth=True)
    app = installer
    try:
        for team in ("T1", "T2"):
            assert installer.install(team).status_code == 200
        if mode == "socket":
            app = launch("socket", db, fake, oauth=True)
        answer(app, "subscribe daily", team="T1", user=ALICE, channel="C1A")
        answer(app, "subscribe weekly", team="T1", user=ALICE, channel="C1B")
        answer(app, "subscribe daily", team="T2", user=CAROL, channel="C2A")
        _digest_state(db, fake, installer.env, ["C1A", "C1B", "C2A"],
                      {"C1A": "T1", "C1B": "T1", "C2A": "T2"})
        assert app.event({"type": "app_uninstalled"}, team="T1").status == 200
        wait_until(lambda: not rows(db, "SELECT 1 FROM slack_bots WHERE team_id='T1'"))
        wait_until(lambda: not rows(db, "SELECT 1 FROM digest_subscriptions WHERE"
                                        " team_id='T1'"))
        assert not rows(db, "SELECT 1 FROM slack_installations WHERE team_id='T1'")
        assert not rows(db, "SELECT 1 FROM digest_outbox WHERE channel IN ('C1A', 'C1B')")
        assert not rows(db, "SELECT 1 FROM digest_watermarks WHERE destination IN"
                            " ('C1A', 'C1B')")
        # the other workspace keeps everything and is still answered with its token
        assert rows(db, "SELECT channel FROM digest_subscriptions") == [("C2A",)]
        assert rows(db, "SELECT 1 FROM digest_outbox WHERE channel='C2A'")
        assert rows(db, "SELECT 1 FROM digest_watermarks WHERE destination='C2A'")
        assert rows(db, "SELECT 1 FROM slack_bots WHERE team_id='T2'")
        app.event({"type": "message", "channel_type": "im", "channel": "DT2", "user": CAROL,
                   "text": "what did Wang say about Taiwan?", "ts": "1.1"}, team="T2")
        post = fake.wait_for("chat.postMessage",
                             where=lambda c: c.params.get("channel") == "DT2")[-1]
        assert post.team == "T2"
    finally:
        if app is not installer:
            stop_quietly(app)
        stop_quietly(installer)


def test_revoked_tokens_are_deleted(tmp_path: Path, fake: FakeSlack) -> None:
    db = seeded_db(tmp_path / "readout.db")
    app = launch("serve", db, fake, oauth=True)
    try:
        for team in ("T1", "T2"):
            assert app.install(team).status_code == 200
        assert app.event({"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}},
                         team="T2").status == 200
        wait_until(lambda: not rows(db, "SELECT 1 FROM slack_bots WHERE team_id='T2'"))
        assert rows(db, "SELECT 1 FROM slack_bots WHERE team_id='T1'")
    finally:
        stop_quietly(app)


def test_one_workspace_gone_never_stops_the_others_digests(tmp_path: Path,
                                                           fake: FakeSlack) -> None:
    from bot.slack.app import build_app, client_factory, shutdown
    from bot.slack.settings import Settings
    from bot.store import Store
    from digests.post import pending, post_digest
    from digests.schedule import ReadoutScheduler

    db = seeded_db(tmp_path / "readout.db")
    app = launch("serve", db, fake, oauth=True)
    try:
        for team in ("T1", "T2"):
            assert app.install(team).status_code == 200
        answer(app, "subscribe daily", team="T1", user=ALICE, channel="C1A")
        answer(app, "subscribe daily", team="T2", user=CAROL, channel="C2A")
        store = Store(db)
        settings = Settings.from_env(app.env)
        bolt = build_app(settings, store)
        make = client_factory(settings, bolt)
        for ch, team in (("C1A", "T1"), ("C2A", "T2")):  # both fail once: pending retries
            fake.fail_next("chat.postMessage", 500, None, {"ok": False, "error": "fatal"},
                           times=3)
            assert post_digest(store, ch, make(team)).status == "failed"
        assert pending(store) == ["C1A", "C2A"]
        bolt.installation_store.delete_all(enterprise_id=None, team_id="T1")  # T1 is gone
        sched = ReadoutScheduler(store, make, watch_minutes=0).start(paused=True, keeper=False)
        sched.tick()  # the retry loop over pending digests, as the scheduler runs it
        sched.shutdown()
        results = {r.channel: r for r in sched.posts}
        assert results["C1A"].status == "failed" and results["C1A"].error == "not_installed"
        assert results["C2A"].status == "posted"
        assert {p["team"] for p in fake.posts("C2A") if p.get("metadata")} == {"T2"}
        assert "C1A" not in pending(store)  # waits for a person: not retried every 15 minutes
        shutdown(bolt)
        store.close()
    finally:
        stop_quietly(app)


def test_rotating_tokens_are_refreshed_for_requests_and_for_digests(
        tmp_path: Path, fake: FakeSlack) -> None:
    from bot.slack.app import build_app, client_factory, shutdown
    from bot.slack.settings import Settings
    from bot.store import Store

    fake.rotation = True
    fake.expires_in = 600  # inside the 2-hour window: every use refreshes first
    db = seeded_db(tmp_path / "readout.db")
    app = launch("serve", db, fake, oauth=True)
    try:
        assert app.install("T1").status_code == 200
        first = rows(db, "SELECT bot_token, bot_refresh_token FROM slack_bots"
                         " WHERE team_id='T1' ORDER BY id DESC LIMIT 1")[0]
        assert first[1]  # a rotating installation: it has a refresh token
        app.event({"type": "message", "channel_type": "im", "channel": "DROT", "user": ALICE,
                   "text": "what did Wang say about Taiwan?", "ts": "1.1"}, team="T1")
        post = fake.wait_for("chat.postMessage",
                             where=lambda c: c.params.get("channel") == "DROT")[-1]
        assert post.token != first[0] and post.team == "T1"  # refreshed before use
        refreshes = [c for c in fake.of("oauth.v2.access")
                     if c.params.get("grant_type") == "refresh_token"]
        assert refreshes
        # the scheduler's factory refreshes too, and saves the new token
        store = Store(db)
        settings = Settings.from_env(app.env)
        bolt = build_app(settings, store)
        client = client_factory(settings, bolt)("T1")
        latest = rows(db, "SELECT bot_token FROM slack_bots WHERE team_id='T1'"
                          " ORDER BY id DESC LIMIT 1")[0][0]
        assert client.token == latest and client.token not in (first[0], post.token)
        assert client.auth_test()["team_id"] == "T1"
        shutdown(bolt)
        store.close()
    finally:
        stop_quietly(app)


@pytest.mark.parametrize("mode", ["serve", "socket"])
def test_sigterm_releases_the_scheduler_lease(tmp_path: Path, fake: FakeSlack,
                                              mode: str) -> None:
    db = seeded_db(tmp_path / "readout.db")
    app = launch(mode, db, fake, scheduler=True)
    wait_until(lambda: rows(db, "SELECT holder FROM digest_leases WHERE expires_at > ?",
                            time.time()) if _has_leases(db) else False, timeout=20)
    code, out = app.stop(signal.SIGTERM, timeout=15)
    assert code == 0, out
    assert rows(db, "SELECT expires_at FROM digest_leases") == [(0,)]
    assert "Traceback" not in out


def _has_leases(db: Path) -> bool:
    try:
        rows(db, "SELECT 1 FROM digest_leases LIMIT 1")
    except Exception:  # not created yet (sqlite3 or psycopg says so in its own words)
        return False
    return True
