"""Nothing a user types reaches Slack unescaped: `<!channel>`, `<@U…>`, `&` and links in a
question, a search, a phrase, a person's name, a shared answer are shown as text in every field
the app sends (top-level notification `text`, plain_text headers, mrkdwn), over a real
`readout serve` and `readout socket`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_fake import Call, FakeSlack
from slack_fake.harness import seeded_db
from slack_fake.process import ReadoutProcess, launch, stop_quietly

HOSTILE = ("<!channel>", "<!here>", "<@U999>", "<https://evil.example|click>", "<#C999>")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()
    assert server.violations == []


@pytest.fixture(scope="module", params=["serve", "socket"])
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
        fake: FakeSlack) -> Iterator[ReadoutProcess]:
    db = seeded_db(tmp_path_factory.mktemp("esc") / "readout.db")
    proc = launch(request.param, db, fake)
    yield proc
    stop_quietly(proc)


OPAQUE = ("value", "private_metadata", "metadata")  # handed back to the app, never displayed


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        try:
            parsed = json.loads(node)
        except ValueError:
            yield node
            return
        if isinstance(parsed, dict | list):
            yield from strings(parsed)
        else:
            yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            if k not in OPAQUE:
                yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def leaks(calls: list[Call]) -> list[str]:
    """Every field of every call that carries one of the hostile strings raw."""
    found = []
    for call in calls:
        for s in strings(call.params):
            found += [f"{call.method}: {h} in {s[:120]!r}" for h in HOSTILE if h in s]
    return found


def test_user_text_is_escaped_in_every_field(app: ReadoutProcess, fake: FakeSlack) -> None:
    fake.clear()
    words = " ".join(HOSTILE)
    paths = []
    for text in (f"China {words}", f'phrase "{words}"', f"meetings {words}",
                 f"compare {words} 2025", f"theme {HOSTILE[0]}", f"China & {HOSTILE[2]}"):
        reply, path = app.command(text)
        assert reply.status == 200
        paths.append(path)
    app.event({"type": "app_mention", "channel": "C1", "user": "U1", "ts": "7.1",
               "text": f"<@UBOT> when was '{HOSTILE[0]}' first used?"})
    app.event({"type": "message", "channel_type": "im", "channel": "D7", "user": "U1",
               "ts": "7.2", "text": f"what did Wang say about {words}?"})
    state = json.dumps({"k": "search", "q": f"China {HOSTILE[0]}", "o": 0})
    _, share = app.action({"action_id": "readout_share", "value": state})
    _, page = app.action({"action_id": "readout_more", "value": state}, ephemeral=False)
    _, related = app.shortcut({"type": "message", "ts": "7.3", "user": "U2",
                               "text": f"Wang Yi on supply chains {words}"})
    for path in [*paths, share, page, related]:
        assert fake.wait_path(path, timeout=10) is not None, path
    fake.wait_for("chat.postMessage", 2, timeout=10)
    fake.quiet(0.5)
    calls = [c for c in fake.calls if c.method in ("chat.postMessage", "response_url",
                                                  "chat.update", "views.publish")]
    assert len(calls) >= 11  # 6 commands, 3 buttons and shortcut, a mention, a DM
    assert leaks(calls) == []
    shared = fake.at_path(share)[0].params
    assert shared["response_type"] == "in_channel"
    assert "&lt;!channel&gt;" in shared["text"]  # the notification shows it as text
    mention = next(c for c in calls if c.method == "chat.postMessage"
               and c.params.get("channel") == "C1").params
    blocks = mention["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    header = next(b for b in blocks if b["type"] == "header")
    assert "&lt;!channel&gt;" in header["text"]["text"]


def test_the_checker_sees_a_leak() -> None:
    call = Call("/api/chat.postMessage", "chat.postMessage", {},
                {"text": "hi <!channel>", "blocks": "[]"}, b"")
    assert leaks([call]) == ["chat.postMessage: <!channel> in 'hi <!channel>'"]


def test_escaping_keeps_entities_whole_when_clipped(tmp_path: Path) -> None:
    from bot.slack.blocks import MAX_HEADER, header, plain

    long = "&" * 400
    for text in (plain(long, 100), header(long).text.text):
        assert len(text) <= max(100, MAX_HEADER)
        body = text.rstrip("…")
        assert body.replace("&amp;", "") == ""  # only whole entities
