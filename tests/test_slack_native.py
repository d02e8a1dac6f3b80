"""What Slack users expect of an app, over a real `readout serve` and `readout socket`: link
unfurls for indexed articles, the "Find related statements" message shortcut, and a "working…"
note for a lookup that runs past the acknowledgement, replaced in place by the answer."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_fake import FakeSlack, blocks_text
from slack_fake.harness import SlowSite, seeded_db
from slack_fake.process import ReadoutProcess, launch, stop_quietly

ARTICLE = (" date 2026-02-02 Unfurl test\n\nBEIJING, Feb. 2 (Xinhua) -- Chinese Foreign Minister"
           " Wang Yi said zqxunfurl ties & trust <!channel> matter. South Korean Foreign"
           " Minister Cho Hyun said the two sides agreed to deepen zqxunfurl exchanges.\n")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()
    assert server.violations == []


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    (root / "a.txt").write_text(ARTICLE)

    def handler(*a: Any) -> http.server.SimpleHTTPRequestHandler:
        return http.server.SimpleHTTPRequestHandler(*a, directory=str(root))

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture(scope="module", params=["serve", "socket"])
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
        fake: FakeSlack) -> Iterator[ReadoutProcess]:
    db = seeded_db(tmp_path_factory.mktemp("native") / "readout.db")
    proc = launch(request.param, db, fake, env={"READOUT_ADMINS": "UADMIN"})
    yield proc
    stop_quietly(proc)


def _indexed(app: ReadoutProcess, url: str) -> None:
    reply, path = app.command(f"add {url}", user="UADMIN")
    assert reply.status == 200
    call = app.fake.wait_path(path, timeout=20)
    assert call is not None and "Indexed" in blocks_text(call.params["blocks"]), call


def test_links_to_indexed_articles_unfurl_with_meeting_date_and_statements(
        app: ReadoutProcess, fake: FakeSlack, site: str) -> None:
    url = f"{site}/a.txt"
    _indexed(app, url)
    before = len(fake.of("chat.unfurl"))
    app.event({"type": "link_shared", "channel": "C1", "user": "U1", "message_ts": "8.1",
               "unfurl_id": "Uf1", "source": "conversations_history",
               "links": [{"domain": "127.0.0.1", "url": url},
                         {"domain": "127.0.0.1", "url": f"{site}/not-indexed.html"}]})
    call = fake.wait_for("chat.unfurl", before + 1, timeout=15)[-1]
    unfurls = call.params["unfurls"]
    unfurls = json.loads(unfurls) if isinstance(unfurls, str) else unfurls
    assert list(unfurls) == [url]  # the unknown link is left to Slack
    text = blocks_text(unfurls[url]["blocks"])
    assert "2026-02-02" in text and "Wang Yi" in text and "Cho Hyun" in text
    assert "zqxunfurl" in text and "&lt;!channel&gt;" in text and "<!channel>" not in text
    assert call.params["unfurl_id"] == "Uf1"
    # nothing indexed: no chat.unfurl at all
    app.event({"type": "link_shared", "channel": "C1", "user": "U1", "message_ts": "8.2",
               "links": [{"domain": "127.0.0.1", "url": f"{site}/other.html"}]})
    fake.quiet(0.7)
    assert len(fake.of("chat.unfurl")) == before + 1


def test_find_related_statements_on_any_message(app: ReadoutProcess, fake: FakeSlack) -> None:
    _, path = app.shortcut({"type": "message", "ts": "9.1", "user": "U2",
                            "text": "Interesting: the talk about supply chains in Seoul"})
    msg = fake.wait_path(path, timeout=10).params
    assert msg["response_type"] == "ephemeral"
    text = blocks_text(msg["blocks"])
    assert "supply" in text.lower() and "statement" in text


def test_a_slow_lookup_gets_a_working_note_then_the_answer_in_its_place(
        app: ReadoutProcess, fake: FakeSlack) -> None:
    slow = SlowSite(delay=5)
    try:
        reply, path = app.command(f"add {slow.url}/w{app.mode}.txt", user="UADMIN")
        assert reply.status == 200 and reply.seconds < 3
        note = fake.wait_path(path, timeout=10)
        assert note is not None and "Working on it" in str(note.params.get("text"))
        answer = fake.wait_path(path, timeout=20, count=2)
        assert answer is not None and answer.params["replace_original"] is True
        assert "Indexed" in blocks_text(answer.params["blocks"])
        assert answer.at - note.at > 1
    finally:
        slow.stop()


def test_a_quick_lookup_gets_no_working_note(app: ReadoutProcess, fake: FakeSlack) -> None:
    _, path = app.command("themes")
    assert fake.wait_path(path) is not None
    fake.quiet(3.0)
    assert len(fake.at_path(path)) == 1


def test_unfurl_blocks_for_a_known_article(tmp_path: Path) -> None:
    from bot.slack.unfurl import key_statements

    sts = [{"speaker": None, "text": "n"}, {"speaker": "A", "text": "a1"},
           {"speaker": "A", "text": "a2"}, {"speaker": "B", "text": "b"}]
    assert [s["text"] for s in key_statements(sts)] == ["a1", "b", "n"]
