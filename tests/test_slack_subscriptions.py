"""Subscriptions people can set up, and digests that never fail silently, over a real
`readout serve` and `readout socket` with two workspaces installed through OAuth.

- `/readout subscribe daily 08:00 Asia/Seoul` works; weekly takes a weekday; the time zone
  defaults to the user's (`users.info`); a bad one gets a one-line answer with close names.
- The bot makes sure it can post: it joins a public channel, and says how to invite it to a
  private one; the channel is told, in the channel, that a digest will be posted there.
- The form (from `/readout subscribe` and the App Home) and the App Home's list with last
  post, next run, last error and pause / edit / delete buttons.
- A digest that fails (`not_in_channel`) is reported to the subscriber once, by DM, and shown
  in the App Home; it waits for the next scheduled run instead of being retried every minute.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from slack_fake import BOT_USER, FakeSlack, blocks_text
from slack_fake.harness import seeded_db
from slack_fake.process import ReadoutProcess, launch, stop_quietly

ALICE, BOB, CAROL = "UALICE1", "UBOB22", "UCAROL3"  # T1 (Seoul), T1 (Paris), T2 (Chicago)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    server.add_workspace("T1", users={ALICE: "Asia/Seoul", BOB: "Europe/Paris"})
    server.add_workspace("T2", users={CAROL: "America/Chicago"})
    yield server
    server.stop()
    assert server.violations == []


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory, fake: FakeSlack,
         ) -> Iterator[dict[str, ReadoutProcess]]:
    db = seeded_db(tmp_path_factory.mktemp("subs") / "readout.db")
    serve = launch("serve", db, fake, oauth=True)
    for team in ("T1", "T2"):
        assert serve.install(team).status_code == 200
    socket = launch("socket", db, fake, oauth=True)
    yield {"serve": serve, "socket": socket}
    stop_quietly(socket)
    stop_quietly(serve)


@pytest.fixture(params=["serve", "socket"])
def app(request: pytest.FixtureRequest, apps: dict[str, ReadoutProcess]) -> ReadoutProcess:
    return apps[request.param]


def subs(app: ReadoutProcess) -> dict[str, Any]:
    from bot.store import Store
    from digests.subscriptions import as_dict, get_subscription, list_subscriptions

    store = Store(app.db)
    try:
        list_subscriptions(store)  # creates the tables on a fresh database
        out = {}
        for row in store.conn.execute("SELECT channel FROM digest_subscriptions"):
            sub = get_subscription(store, row[0])
            assert sub is not None
            out[row[0]] = as_dict(sub)
        return out
    finally:
        store.close()


def answer(app: ReadoutProcess, text: str, **kw: Any) -> str:
    reply, path = app.command(text, **kw)
    assert reply.status == 200, reply
    call = app.fake.wait_path(path, timeout=10)
    assert call is not None, f"no answer to {text!r}"
    return blocks_text(call.params.get("blocks", []))


def channel_name(app: ReadoutProcess, base: str) -> str:
    return f"{base}{app.mode.upper()}"


def test_subscribe_daily_at_a_time_in_a_time_zone_joins_and_tells_the_channel(
        app: ReadoutProcess, fake: FakeSlack) -> None:
    ch = channel_name(app, "CJOIN")
    fake.add_channel(ch, "T1", members=(ALICE,), bot=False)
    text = answer(app, "subscribe daily 08:00 Asia/Seoul", team="T1", user=ALICE, channel=ch)
    assert "every day at 08:00 Asia/Seoul" in text
    assert [c.params["channel"] for c in fake.of("conversations.join")].count(ch) == 1
    sub = subs(app)[ch]
    assert (sub["cadence"], sub["at"], sub["tz"], sub["team_id"], sub["created_by"]) == (
        "daily", "08:00", "Asia/Seoul", "T1", ALICE)
    notice = [p for p in fake.posts(ch) if not p.get("metadata")]
    assert len(notice) == 1 and notice[0]["team"] == "T1"
    shown = blocks_text(notice[0]["blocks"])
    assert f"<@{ALICE}> subscribed this channel" in shown and "08:00 Asia/Seoul" in shown
    answer(app, "unsubscribe", team="T1", user=ALICE, channel=ch)


def test_private_channel_without_the_bot_says_how_to_invite_it(
        app: ReadoutProcess, fake: FakeSlack) -> None:
    ch = channel_name(app, "GPRIV")
    fake.add_channel(ch, "T1", private=True, members=(ALICE,), bot=False)
    text = answer(app, "subscribe daily", team="T1", user=ALICE, channel=ch)
    assert "/invite @readout" in text and ch not in subs(app)
    fake.channels[ch]["members"].add(BOT_USER)  # invited
    assert "Subscribed" in answer(app, "subscribe daily", team="T1", user=ALICE, channel=ch)
    assert subs(app)[ch]["is_private"] is True
    answer(app, "unsubscribe", team="T1", user=ALICE, channel=ch)


def test_weekly_on_a_weekday_defaults_to_the_users_time_zone(
        app: ReadoutProcess, fake: FakeSlack) -> None:
    ch = channel_name(app, "CWEEK")
    fake.add_channel(ch, "T1", members=(BOB,))
    text = answer(app, "subscribe weekly friday 17:30 taiwan", team="T1", user=BOB, channel=ch)
    assert "every Friday at 17:30 Europe/Paris" in text
    sub = subs(app)[ch]
    assert (sub["weekday"], sub["tz"], sub["themes"]) == ("fri", "Europe/Paris", ["taiwan"])
    assert fake.of("users.info")[-1].params["user"] == BOB
    text = answer(app, "subscribe weekly", team="T1", user=BOB, channel=ch)
    assert "every Monday at 08:00 Europe/Paris" in text
    answer(app, "unsubscribe", team="T1", user=BOB, channel=ch)


@pytest.mark.parametrize(("words", "says"), [
    ("daily 08:00 Asia/Seul", "did you mean Asia/Seoul"),
    ("daily 8:00 taiwn", "did you mean taiwan"),
    ("hourly", "say daily or weekly first"),
])
def test_a_bad_subscription_is_one_line_and_stores_nothing(
        apps: dict[str, ReadoutProcess], words: str, says: str) -> None:
    app = apps["serve"]
    text = answer(app, f"subscribe {words}", team="T1", user=ALICE, channel="CBAD")
    assert says in text and "CBAD" not in subs(app)
    assert "Ask Readout" not in text and len(text) < 400  # not the whole help


def _form(fake: FakeSlack, trigger: str) -> dict[str, Any]:
    call = fake.wait_for("views.open", where=lambda c: c.params.get("trigger_id") == trigger)[-1]
    view = call.params["view"]
    return json.loads(view) if isinstance(view, str) else view


def _element(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)["element"]


def test_bare_subscribe_opens_the_form_with_the_users_time_zone(
        app: ReadoutProcess, fake: FakeSlack) -> None:
    reply, path = app.command("subscribe", team="T1", user=ALICE, channel="C1")
    assert reply.status == 200
    view = _form(fake, f"trigger-{path.rsplit('/', 1)[1]}")
    assert view["callback_id"] == "readout_subscribe" and view["type"] == "modal"
    picker = _element(view, "channel")
    assert picker["type"] == "conversations_select" and picker["initial_conversation"] == "C1"
    assert _element(view, "tz")["initial_value"] == "Asia/Seoul"
    assert _element(view, "at")["type"] == "timepicker"
    assert {o["value"] for o in _element(view, "weekday")["options"]} >= {"mon", "sun"}
    assert "taiwan" in {o["value"] for o in _element(view, "themes")["options"]}


def submission(channel: str, tz: str, cadence: str = "weekly", day: str = "wed",
               at: str = "06:45", themes: tuple[str, ...] = ("trade",),
               edit: str | None = None) -> dict[str, Any]:
    def opt(v: str) -> dict[str, Any]:
        return {"selected_option": {"value": v, "text": {"type": "plain_text", "text": v}}}

    values = {
        "channel": {"v": {"type": "conversations_select", "selected_conversation": channel}},
        "cadence": {"v": {"type": "radio_buttons", **opt(cadence)}},
        "weekday": {"v": {"type": "static_select", **opt(day)}},
        "at": {"v": {"type": "timepicker", "selected_time": at}},
        "tz": {"v": {"type": "plain_text_input", "value": tz}},
        "themes": {"v": {"type": "multi_static_select", "selected_options": [
            {"value": t, "text": {"type": "plain_text", "text": t}} for t in themes]}},
    }
    return {"id": "V1", "type": "modal", "callback_id": "readout_subscribe",
            "private_metadata": json.dumps({"edit": edit}), "state": {"values": values}}


def test_form_submission_checks_the_zone_then_subscribes(app: ReadoutProcess,
                                                         fake: FakeSlack) -> None:
    ch = channel_name(app, "CFORM")
    fake.add_channel(ch, "T2", members=(CAROL,), bot=False)
    bad = app.view_submission(submission(ch, "Mars/Base"), team="T2", user=CAROL)
    assert bad.status == 200
    body = bad.json()
    assert body["response_action"] == "errors" and "unknown time zone" in body["errors"]["tz"]
    assert ch not in subs(app)
    def told(c: Any) -> bool:
        return c.params.get("channel") == CAROL and ch in str(c.params.get("blocks"))

    ok = app.view_submission(submission(ch, "America/Chicago"), team="T2", user=CAROL)
    assert ok.status == 200 and not ok.json().get("response_action")
    dm = fake.wait_for("chat.postMessage", where=told)[-1]
    assert "Subscribed" in str(dm.params.get("text"))
    assert dm.team == "T2"
    sub = subs(app)[ch]
    assert (sub["cadence"], sub["weekday"], sub["at"], sub["tz"], sub["themes"]) == (
        "weekly", "wed", "06:45", "America/Chicago", ["trade"])
    assert [p for p in fake.posts(ch) if "Wednesday at 06:45" in blocks_text(p["blocks"])]
    answer(app, "unsubscribe", team="T2", user=CAROL, channel=ch)


def _home(app: ReadoutProcess, fake: FakeSlack, team: str, user: str) -> dict[str, Any]:
    def mine(c: Any) -> bool:
        return bool(c.params.get("user_id") == user)

    before = len([c for c in fake.of("views.publish") if mine(c)])
    app.event({"type": "app_home_opened", "user": user, "channel": "DH", "tab": "home"},
              team=team)
    view = fake.wait_for("views.publish", before + 1, where=mine)[-1].params["view"]
    return json.loads(view) if isinstance(view, str) else view


def _buttons(view: dict[str, Any], channel: str) -> dict[str, dict[str, Any]]:
    out = {}
    for b in view["blocks"]:
        for el in b.get("elements") or []:
            if el.get("type") == "button" and json.loads(el.get("value") or "{}").get(
                    "c") == channel:
                out[el["text"]["text"]] = el
    return out


def _press(app: ReadoutProcess, fake: FakeSlack, button: dict[str, Any], team: str,
           user: str) -> None:
    def mine(c: Any) -> bool:
        return bool(c.params.get("user_id") == user)

    before = len([c for c in fake.of("views.publish") if mine(c)])
    reply, _ = app.action({"action_id": button["action_id"], "value": button["value"]},
                          team=team, user=user, channel=None,
                          container={"type": "view", "view_id": "VHOME"})
    assert reply.status == 200
    if button["action_id"] != "readout_sub_edit":
        fake.wait_for("views.publish", before + 1, where=mine)


def test_app_home_lists_and_manages_the_workspaces_subscriptions(
        app: ReadoutProcess, fake: FakeSlack) -> None:
    ch = channel_name(app, "CHOME")
    fake.add_channel(ch, "T1", members=(ALICE, BOB))
    answer(app, "subscribe daily 07:00 Asia/Seoul", team="T1", user=ALICE, channel=ch)
    view = _home(app, fake, "T1", BOB)
    text = blocks_text(view)
    assert f"<#{ch}>" in text and "Last posted: never" in text and "Next run: <!date^" in text
    buttons = _buttons(view, ch)
    assert set(buttons) == {"Pause", "Edit", "Delete"}
    assert buttons["Delete"]["confirm"]  # asks first
    assert "New subscription" in text
    _press(app, fake, buttons["Pause"], "T1", BOB)
    assert subs(app)[ch]["paused"] is True
    view = _home(app, fake, "T1", BOB)
    assert "Next run: paused" in blocks_text(view) and "Resume" in _buttons(view, ch)
    assert ch not in {s for s in subs(app) if not subs(app)[s]["paused"]}
    _press(app, fake, _buttons(view, ch)["Resume"], "T1", BOB)
    assert subs(app)[ch]["paused"] is False
    # Edit opens the form filled in with the subscription
    before = len(fake.of("views.open"))
    _press(app, fake, buttons["Edit"], "T1", BOB)
    form = fake.wait_for("views.open", before + 1)[-1].params["view"]
    form = json.loads(form) if isinstance(form, str) else form
    assert _element(form, "channel")["initial_conversation"] == ch
    assert _element(form, "tz")["initial_value"] == "Asia/Seoul"
    assert _element(form, "at")["initial_time"] == "07:00"
    # another workspace's user cannot touch it, whatever the button says
    _press(app, fake, buttons["Delete"], "T2", CAROL)
    assert ch in subs(app)
    _press(app, fake, buttons["Delete"], "T1", BOB)
    assert ch not in subs(app)


def test_new_subscription_button_opens_the_form(app: ReadoutProcess, fake: FakeSlack) -> None:
    view = _home(app, fake, "T2", CAROL)
    new = next(el for b in view["blocks"] if b.get("accessory")
               for el in [b["accessory"]] if el.get("action_id") == "readout_sub_new")
    before = len(fake.of("views.open"))
    app.action({"action_id": new["action_id"], "value": new["value"]}, team="T2", user=CAROL,
               channel=None, container={"type": "view", "view_id": "VHOME"})
    form = fake.wait_for("views.open", before + 1)[-1].params["view"]
    form = json.loads(form) if isinstance(form, str) else form
    assert _element(form, "tz")["initial_value"] == "America/Chicago"
    assert _element(form, "channel").get("default_to_current_conversation") is True


def test_a_failed_digest_is_reported_to_the_subscriber_and_shown_in_the_home(
        apps: dict[str, ReadoutProcess], fake: FakeSlack) -> None:
    from bot.slack.app import build_app, client_factory, shutdown
    from bot.slack.settings import Settings
    from bot.store import Store
    from digests.post import pending, post_digest

    app = apps["serve"]
    ch = "CKICKED"
    fake.add_channel(ch, "T1", members=(ALICE,))
    answer(app, "subscribe daily 07:00", team="T1", user=ALICE, channel=ch)
    fake.channels[ch]["members"].discard(BOT_USER)  # someone removed the bot
    store = Store(app.db)
    settings = Settings.from_env(app.env)
    bolt = build_app(settings, store)
    make = client_factory(settings, bolt)
    try:
        history = len(fake.of("conversations.history"))
        result = post_digest(store, ch, make("T1"))
        assert result.status == "failed" and result.error == "not_in_channel"
        dms = [c for c in fake.of("chat.postMessage") if c.params.get("channel") == ALICE
               and "could not post" in str(c.params.get("text"))]
        assert len(dms) == 1 and dms[0].team == "T1"
        assert "/invite @readout" in blocks_text(dms[0].params["blocks"])
        assert ch not in pending(store)  # waits for a person, not retried every few minutes
        again = post_digest(store, ch, make("T1"))  # the next scheduled run
        assert again.status == "failed"
        dms = [c for c in fake.of("chat.postMessage") if c.params.get("channel") == ALICE
               and "could not post" in str(c.params.get("text"))]
        assert len(dms) == 1  # told once
        # Slack answered not_in_channel: nothing was posted, so no history check was needed
        assert len(fake.of("conversations.history")) == history
        text = blocks_text(_home(app, fake, "T1", ALICE))
        assert "Last error" in text and "invite me" in text
        fake.channels[ch]["members"].add(BOT_USER)  # invited back
        done = post_digest(store, ch, make("T1"))
        assert done.status == "posted" and len(fake.of("conversations.history")) == history
        text = blocks_text(_home(app, fake, "T1", ALICE))
        assert "Last error" not in text and "Last posted: <!date^" in text
    finally:
        shutdown(bolt)
        store.close()
        answer(app, "unsubscribe", team="T1", user=ALICE, channel=ch)
