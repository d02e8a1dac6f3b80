"""Each workspace sees only its own: two workspaces installed through OAuth at once, driven over
a real `readout serve` and a real `readout socket` (sharing the installations in one database).
Subscriptions, the App Home, admins, digests and Web API tokens are all scoped by team."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from slack_fake import FakeSlack, blocks_text
from slack_fake.harness import seeded_db
from slack_fake.process import ReadoutProcess, launch, stop_quietly

ALICE, BOB, CAROL = "UALICE1", "UBOB22", "UCAROL3"  # T1; T1 (not in the private channel); T2
DAVE = "WDAVE44"  # T3, a workspace of the Enterprise Grid org E1


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    server.add_workspace("T1", users={ALICE: "Asia/Seoul", BOB: "Europe/Paris"})
    server.add_workspace("T2", users={CAROL: "America/Chicago"})
    server.add_workspace("T3", enterprise_id="E1", users={DAVE: "Europe/Berlin"})
    server.add_channel("C3PUB", "T3", members=(DAVE,))
    server.add_channel("C1PRIV", "T1", private=True, members=(ALICE,))
    server.add_channel("C1PUB", "T1", members=(ALICE, BOB))
    server.add_channel("C2PUB", "T2", members=(CAROL,))
    server.add_channel("CSHARED", "T1", members=(ALICE,))
    yield server
    server.stop()
    assert server.violations == []


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory, fake: FakeSlack,
         ) -> Iterator[dict[str, ReadoutProcess]]:
    db = seeded_db(tmp_path_factory.mktemp("teams") / "readout.db")
    admins = {"READOUT_ADMINS": f"T1:{ALICE},{CAROL}"}
    serve = launch("serve", db, fake, oauth=True, env=admins)
    for team in ("T1", "T2", "T3"):
        assert serve.install(team).status_code == 200
    socket = launch("socket", db, fake, oauth=True, env=admins)
    yield {"serve": serve, "socket": socket}
    stop_quietly(socket)
    stop_quietly(serve)


@pytest.fixture(params=["serve", "socket"])
def app(request: pytest.FixtureRequest, apps: dict[str, ReadoutProcess]) -> ReadoutProcess:
    return apps[request.param]


def answer(app: ReadoutProcess, text: str, **kw: Any) -> str:
    reply, path = app.command(text, **kw)
    assert reply.status == 200, reply
    call = app.fake.wait_path(path, timeout=10)
    assert call is not None, f"no answer to {text!r}"
    return blocks_text(call.params.get("blocks", [])) + "\n" + str(call.params.get("text"))


def test_each_workspace_is_answered_with_its_own_token(app: ReadoutProcess,
                                                        fake: FakeSlack) -> None:
    for team, user in (("T1", ALICE), ("T2", CAROL)):
        channel = f"D{team}{app.mode}"
        app.event({"type": "message", "channel_type": "im", "channel": channel, "user": user,
                   "text": "what did Wang say about Taiwan?", "ts": "9.1"}, team=team)
        call = fake.wait_for("chat.postMessage",
                             where=lambda c, ch=channel: c.params.get("channel") == ch)[-1]
        assert call.team == team and call.token.startswith(f"xoxb-{team}-")


def test_subscriptions_are_listed_per_workspace(app: ReadoutProcess) -> None:
    assert "Subscribed" in answer(app, "subscribe daily 07:00", team="T1", user=ALICE,
                                  channel="C1PRIV")
    assert "Subscribed" in answer(app, "subscribe weekly 09:00", team="T2", user=CAROL,
                                  channel="C2PUB")
    try:
        t2 = answer(app, "subscriptions", team="T2", user=CAROL, channel="C2PUB")
        assert "C2PUB" in t2 and "C1PRIV" not in t2
        t1 = answer(app, "subscriptions", team="T1", user=ALICE, channel="C1PUB")
        assert "C1PRIV" in t1 and "C2PUB" not in t1
        bob = answer(app, "subscriptions", team="T1", user=BOB, channel="C1PUB")
        assert "C1PRIV" not in bob  # a private channel's subscription, to a non-member
        # unsubscribe in T2 cannot remove T1's subscription
        answer(app, "unsubscribe", team="T2", user=CAROL, channel="C1PRIV")
        assert "C1PRIV" in answer(app, "subscriptions", team="T1", user=ALICE)
    finally:
        answer(app, "unsubscribe", team="T1", user=ALICE, channel="C1PRIV")
        answer(app, "unsubscribe", team="T2", user=CAROL, channel="C2PUB")


def test_a_channel_of_another_workspace_cannot_be_taken_over(app: ReadoutProcess) -> None:
    answer(app, "subscribe daily", team="T1", user=ALICE, channel="CSHARED")
    try:
        text = answer(app, "subscribe weekly", team="T2", user=CAROL, channel="CSHARED")
        assert "another workspace" in text
        assert "daily" in answer(app, "subscriptions", team="T1", user=ALICE)
    finally:
        answer(app, "unsubscribe", team="T1", user=ALICE, channel="CSHARED")


def _home(app: ReadoutProcess, fake: FakeSlack, team: str, user: str) -> str:
    def mine(c: Any) -> bool:
        return bool(c.params.get("user_id") == user)

    before = len([c for c in fake.of("views.publish") if mine(c)])
    app.event({"type": "app_home_opened", "user": user, "channel": "DHOME", "tab": "home"},
              team=team)
    call = fake.wait_for("views.publish", before + 1, where=mine)[-1]
    view = call.params["view"]
    assert call.team == team
    return blocks_text(json.loads(view) if isinstance(view, str) else view)


def test_app_home_shows_only_the_workspaces_subscriptions(app: ReadoutProcess,
                                                          fake: FakeSlack) -> None:
    answer(app, "subscribe daily 07:00", team="T1", user=ALICE, channel="C1PRIV")
    answer(app, "subscribe daily 07:30", team="T1", user=ALICE, channel="C1PUB")
    answer(app, "subscribe weekly 09:00", team="T2", user=CAROL, channel="C2PUB")
    try:
        alice = _home(app, fake, "T1", ALICE)
        assert "C1PRIV" in alice and "C1PUB" in alice and "C2PUB" not in alice
        bob = _home(app, fake, "T1", BOB)
        assert "C1PUB" in bob and "C1PRIV" not in bob
        carol = _home(app, fake, "T2", CAROL)
        assert "C2PUB" in carol and "C1P" not in carol
        # users.conversations failing must not show everything: private ones are hidden
        fake.fail_next("users.conversations", 200, None, {"ok": False, "error": "fatal_error"})
        alice = _home(app, fake, "T1", ALICE)
        assert "C1PUB" in alice and "C1PRIV" not in alice and "C2PUB" not in alice
    finally:
        for team, user, ch in (("T1", ALICE, "C1PRIV"), ("T1", ALICE, "C1PUB"),
                               ("T2", CAROL, "C2PUB")):
            answer(app, "unsubscribe", team=team, user=user, channel=ch)


def test_admins_are_checked_by_workspace_and_user(app: ReadoutProcess) -> None:
    url = "http://127.0.0.1:9/nothing.txt"
    # CAROL is listed without a workspace: with OAuth installs that admits nobody
    assert "Only Readout admins" in answer(app, f"add {url}", team="T2", user=CAROL)
    assert "Only Readout admins" in answer(app, f"add {url}", team="T2", user=ALICE)
    assert "Only Readout admins" not in answer(app, f"add {url}", team="T1", user=ALICE)


def test_digest_preview_uses_only_the_workspaces_subscription(app: ReadoutProcess) -> None:
    answer(app, "subscribe daily taiwan", team="T1", user=ALICE, channel="CSHARED")
    try:
        mine = answer(app, "digest", team="T1", user=ALICE, channel="CSHARED")
        other = answer(app, "digest", team="T2", user=CAROL, channel="CSHARED")
        assert "Preview" in mine and "Preview" in other
        assert len(other) > len(mine)  # T2 does not get T1's theme filter
    finally:
        answer(app, "unsubscribe", team="T1", user=ALICE, channel="CSHARED")


def test_an_enterprise_workspace_is_scoped_by_org_and_team(app: ReadoutProcess,
                                                           fake: FakeSlack) -> None:
    from bot.store import Store
    from digests.subscriptions import get_subscription

    text = answer(app, "subscribe daily 09:00", team="T3", user=DAVE, channel="C3PUB",
                  enterprise="E1")
    try:
        assert "Europe/Berlin" in text
        store = Store(app.db)
        sub = get_subscription(store, "C3PUB")
        store.close()
        assert sub is not None and (sub.team_id, sub.enterprise_id) == ("T3", "E1")
        assert "C3PUB" in answer(app, "subscriptions", team="T3", user=DAVE, enterprise="E1")
        assert "C3PUB" not in answer(app, "subscriptions", team="T1", user=ALICE)
        notice = [p for p in fake.posts("C3PUB") if not p.get("metadata")][-1]
        assert notice["team"] == "T3"
    finally:
        answer(app, "unsubscribe", team="T3", user=DAVE, channel="C3PUB", enterprise="E1")


def test_scheduler_posts_each_workspaces_digest_with_its_token(
        apps: dict[str, ReadoutProcess], fake: FakeSlack) -> None:
    """The scheduler's client factory, as `readout serve` builds it, on the same database."""
    from bot.slack.app import build_app, client_factory, shutdown
    from bot.slack.settings import Settings
    from bot.store import Store
    from digests.post import post_digest

    serve = apps["serve"]
    answer(serve, "subscribe daily", team="T1", user=ALICE, channel="C1PUB")
    answer(serve, "subscribe daily", team="T2", user=CAROL, channel="C2PUB")
    answer(serve, "subscribe daily", team="T3", user=DAVE, channel="C3PUB", enterprise="E1")
    store = Store(serve.db)
    settings = Settings.from_env(serve.env)
    app = build_app(settings, store)
    try:
        make = client_factory(settings, app)
        for team, channel in (("T1", "C1PUB"), ("T2", "C2PUB"), ("T3", "C3PUB")):
            result = post_digest(store, channel, make(team))
            assert result.status == "posted", result
            post = [c for c in fake.of("chat.postMessage")
                    if c.params.get("channel") == channel and "metadata" in c.params][-1]
            assert post.team == team
    finally:
        shutdown(app)
        answer(serve, "unsubscribe", team="T1", user=ALICE, channel="C1PUB")
        answer(serve, "unsubscribe", team="T2", user=CAROL, channel="C2PUB")
        answer(serve, "unsubscribe", team="T3", user=DAVE, channel="C3PUB", enterprise="E1")
        time.sleep(0.1)
