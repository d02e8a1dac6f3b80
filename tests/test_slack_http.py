"""The Slack app driven as Slack drives it: signed HTTP to a real server, Web API calls and
response_url posts recorded by a fake Slack. Seeds indexed through bot.ingest.index_sources."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from slack_fake import FakeSlack, blocks_text
from slack_fake.harness import SEEDS, Harness

LONG_WORDS = 20000  # ~ 190k characters: more than 60 sections of 3,000


def _article(path: Path, date: str, dateline: str, body: str) -> None:
    path.write_text(f" date {date} Synthetic {path.stem}\n\n{dateline} (Xinhua) -- {body}\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bot.pipeline.ingest import index_sources
    from bot.store import Store

    root = tmp_path_factory.mktemp("slack")
    extra = root / "extra"
    extra.mkdir()
    _article(extra / "ping.txt", "2026-01-05", "BEIJING, Jan. 5",
             "Chinese Foreign Minister Wang Yi said <!channel> zqxping talks & <@U999> "
             "matter.")
    _article(extra / "long.txt", "2026-01-06", "BEIJING, Jan. 6",
             "zqxlong " + " ".join(f"word{i}" for i in range(LONG_WORDS)))
    store = Store(root / "readout.db")
    report = index_sources(store, [str(SEEDS), str(extra)])
    assert report.added == 7, report.as_dict()
    store.close()
    return root / "readout.db"


@pytest.fixture(scope="module")
def fake() -> FakeSlack:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def h(db: Path, fake: FakeSlack) -> Harness:
    harness = Harness(db, fake)
    yield harness
    harness.close()


def _reply(h: Harness, text: str, **kw: object) -> dict:
    resp, path = h.command(text, **kw)
    assert resp.status_code == 200 and resp.text == ""  # acknowledged, answer follows
    return h.replies(path)[0].params


def _text(msg: dict) -> str:
    return blocks_text(msg.get("blocks", []))


def _buttons(msg: dict) -> dict[str, dict]:
    out = {}
    for b in msg.get("blocks", []):
        if b["type"] == "actions":
            for el in b["elements"]:
                out[el["text"]["text"]] = el
    return out


# -- signatures --------------------------------------------------------------------------------
def test_bad_signature_is_401_and_nothing_is_posted(h: Harness, fake: FakeSlack) -> None:
    before = len(fake.calls)
    resp, path = h.command("supply chain", secret="not-the-secret")
    assert resp.status_code == 401
    fake.quiet(0.5)
    assert [c for c in fake.calls[before:] if c.path == path] == []


def test_timestamp_older_than_five_minutes_is_401(h: Harness, fake: FakeSlack) -> None:
    resp, path = h.command("supply chain", timestamp=int(time.time()) - 6 * 60)
    assert resp.status_code == 401
    fake.quiet(0.5)
    assert [c for c in fake.calls if c.path == path] == []


# -- /readout -----------------------------------------------------------------------------------
def test_help_is_the_acknowledgement_itself(h: Harness) -> None:
    resp, _ = h.command("help")
    body = resp.json()
    assert body["response_type"] == "ephemeral"
    assert "/readout theme supply_chains" in blocks_text(body["blocks"])


def test_bare_query_searches_with_who_when_where_and_paging(h: Harness, db: Path) -> None:
    from bot.search import search
    from bot.store import Store

    expected = search(Store(db), "China", limit=10, offset=0)
    assert expected.total > 10  # the seeds say "China" far more than one page
    msg = _reply(h, "China")
    assert msg["response_type"] == "ephemeral"
    text = _text(msg)
    assert f"{expected.total} statements match" in text
    for hit in expected.hits:
        assert hit["event_date"] in text
    assert "Wang Yi* (China)" in text  # speaker and side on every statement line
    buttons = _buttons(msg)
    assert {"More results", "Share in channel"} <= set(buttons)
    page2 = json.loads(buttons["More results"]["value"])
    assert page2 == {"k": "search", "q": "China", "o": 10}


def test_more_results_button_posts_the_next_page(h: Harness, db: Path) -> None:
    from bot.search import search
    from bot.store import Store

    second = search(Store(db), "China", limit=10, offset=10)
    resp, path = h.action({"action_id": "readout_more", "type": "button",
                           "value": json.dumps({"k": "search", "q": "China", "o": 10})})
    assert resp.status_code == 200
    msg = h.replies(path)[0].params
    assert msg["response_type"] == "ephemeral" and msg["replace_original"] is True  # in place
    assert f"showing 11–{10 + len(second.hits)}" in _text(msg)


def test_share_button_posts_in_channel(h: Harness) -> None:
    _, path = h.action({"action_id": "readout_share", "type": "button",
                           "value": json.dumps({"k": "theme", "t": "supply_chains", "o": 0})})
    msg = h.replies(path)[0].params
    assert msg["response_type"] == "in_channel"
    assert "Share in channel" not in _buttons(msg)  # already shared


def test_themes_lists_the_taxonomy(h: Harness) -> None:
    from bot.analysis.themes import default_taxonomy

    text = _text(_reply(h, "themes"))
    for tid, theme in default_taxonomy().themes.items():
        assert f"`{tid}`" in text and theme.label.replace("&", "&amp;") in text


def test_theme_timeline_newest_first_both_sides(h: Harness, db: Path) -> None:
    msg = _reply(h, "theme supply_chains")
    text = _text(msg)
    dates = [line.split(" · ")[1] for line in text.splitlines() if " · " in line
             and line.startswith("*")]
    assert dates and dates == sorted(dates, reverse=True)
    assert "(China)" in text and "(South Korea)" in text
    assert {"Chart over time", "Share in channel"} <= set(_buttons(msg))


def test_unknown_theme_gets_help_listing_valid_ones(h: Harness) -> None:
    text = _text(_reply(h, "theme nosuchtheme"))
    assert "unknown theme" in text and "supply_chains" in text and "Traceback" not in text


def test_phrase_first_and_every_use(h: Harness) -> None:
    text = _text(_reply(h, 'phrase "decoupling"'))
    assert "*First used* 2025-07" in text and "by *Wang Yi*" in text
    assert "decoupling" in text


def test_meetings_and_meetings_by_person(h: Harness, db: Path) -> None:
    from bot.store import Store

    meetings = Store(db).meetings()
    text = _text(_reply(h, "meetings"))
    for m in meetings:
        assert m["id"] in text
    park = _text(_reply(h, "meetings Park Jin"))
    with_park = [m for m in meetings if "Park Jin" in m["participants"]]
    assert len(with_park) == 2
    assert all(m["id"] in park for m in with_park)
    assert all(m["id"] not in park for m in meetings if m not in with_park)


def test_compare_two_meetings_theme_by_theme(h: Harness, db: Path) -> None:
    from bot.store import Store

    ms = sorted((m for m in Store(db).meetings() if m["event_date"] < "2026"),
                key=lambda m: m["event_date"])
    first, last = ms[0], ms[-1]
    text = _text(_reply(h, f"compare {first['id']} {last['event_date']}"))
    assert first["id"] in text and last["id"] in text
    assert "Supply chains* (`supply_chains`)" in text


def test_bad_subcommand_input_gets_one_line_not_the_whole_help(h: Harness) -> None:
    msg = _reply(h, "subscribe hourly")
    text = _text(msg)
    assert "say daily or weekly first" in text and "subscribe daily 08:00 Asia/Seoul" in text
    assert "what did Wang say about Taiwan?" not in text  # not the whole help
    assert msg["text"] != "Readout help" and len(text) < 400


def test_subscribe_list_unsubscribe(h: Harness) -> None:
    pytest.importorskip("digests.subscriptions")
    msg = _reply(h, "subscribe weekly 09:30 supply_chains", channel="CSUB")
    assert "every Monday at 09:30" in _text(msg) and "supply_chains" in _text(msg)
    listed = _text(_reply(h, "subscriptions"))
    assert "CSUB" in listed and "weekly" in listed and "09:30" in listed
    assert "removed" not in _text(_reply(h, "unsubscribe", channel="CSUB"))
    assert "CSUB" not in _text(_reply(h, "subscriptions"))


def test_digest_preview_is_ephemeral(h: Harness) -> None:
    pytest.importorskip("digests.build")
    resp, path = h.command("digest", channel="CPREVIEW")
    assert resp.status_code == 200
    first = h.replies(path)[0].params
    assert first["response_type"] == "ephemeral" and first["text"].startswith("Preview")
    assert _text(first).startswith("Readout digest")
    h.fake.quiet(0.5)
    msgs = [c.params for c in h.fake.of("response_url") if c.path == path]
    assert all(len(m["blocks"]) <= 50 for m in msgs)
    assert "only you can see it" in _text(msgs[-1])


def test_add_is_for_admins_only(h: Harness) -> None:
    assert "Only Readout admins" in _text(_reply(h, "add https://example.com/a", user="U1"))


def test_add_refuses_loopback_unless_allowed(db: Path, fake: FakeSlack) -> None:
    strict = Harness(db, fake, allow_private_urls=False)
    try:
        text = _text(_reply(strict, "add http://127.0.0.1:9/article.html", user="UADMIN"))
        assert "Not added" in text and "loopback" in text
    finally:
        strict.close()


def test_add_indexes_an_article_from_a_url(h: Harness, fake: FakeSlack, tmp_path: Path) -> None:
    pytest.importorskip("bot.articles.fetch")
    import http.server
    import threading

    (tmp_path / "a.txt").write_text(
        " date 2026-02-02 Added by URL\n\nBEIJING, Feb. 2 (Xinhua) -- Chinese Foreign Minister"
        " Wang Yi said zqxadded matters.\n")
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path))  # noqa: E731
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{srv.server_address[1]}/a.txt"
        text = _text(_reply(h, f"add {url}", user="UADMIN"))
        assert "Indexed" in text and "1 article" in text
        assert "zqxadded" in _text(_reply(h, "zqxadded"))
    finally:
        srv.shutdown()


# -- escaping and limits ------------------------------------------------------------------------
def test_article_text_cannot_ping_channel(h: Harness) -> None:
    msg = _reply(h, "zqxping")
    raw = json.dumps(msg)
    assert "<!channel>" not in raw and "<@U999>" not in raw
    assert "&lt;!channel&gt;" in _text(msg) and "&amp;" in _text(msg)


def test_answer_over_50_blocks_is_paged_not_cut(h: Harness, db: Path) -> None:
    resp, path = h.command("zqxlong")
    assert resp.status_code == 200
    msgs = h.replies(path, count=2)
    time.sleep(0.3)
    msgs = [c.params for c in h.fake.of("response_url") if c.path == path]
    assert len(msgs) >= 2
    assert all(len(m["blocks"]) <= 50 for m in msgs)
    sections = [b["text"]["text"] for m in msgs for b in m["blocks"]
                if b["type"] == "section" and b["text"]["text"].startswith((">", "word"))]
    assert all(len(s) <= 3000 for s in sections)
    joined = " ".join(s.lstrip("> ") for s in sections)
    assert f"word{LONG_WORDS - 1}" in joined and joined.count("word") == LONG_WORDS


# -- events -------------------------------------------------------------------------------------
def test_dm_question_is_mapped_and_answered(h: Harness, fake: FakeSlack) -> None:
    before = len(fake.of("chat.postMessage"))
    resp = h.event({"type": "message", "channel_type": "im", "channel": "D1", "user": "U1",
                    "text": "has Korea talked about supply chains since 2024?", "ts": "1.1"})
    assert resp.status_code == 200
    call = fake.wait_for("chat.postMessage", before + 1)[-1]
    text = _text(call.params)
    assert call.params["channel"] == "D1"
    assert "side:south_korea" in text and "theme:supply_chains" in text
    assert "since:2024-01-01" in text


def test_unmappable_dm_gets_examples(h: Harness, fake: FakeSlack) -> None:
    before = len(fake.of("chat.postMessage"))
    h.event({"type": "message", "channel_type": "im", "channel": "D1", "user": "U1",
             "text": "hello?", "ts": "1.2"})
    text = _text(fake.wait_for("chat.postMessage", before + 1)[-1].params)
    assert "when was 'decoupling' first used?" in text


def test_mention_answers_in_thread(h: Harness, fake: FakeSlack) -> None:
    before = len(fake.of("chat.postMessage"))
    h.event({"type": "app_mention", "channel": "C1", "user": "U1", "ts": "42.0001",
             "text": "<@UBOT> when was 'decoupling' first used?"})
    call = fake.wait_for("chat.postMessage", before + 1)[-1]
    assert call.params["thread_ts"] == "42.0001"
    assert "First used* 2025-07" in _text(call.params)


def test_retried_event_is_answered_once(h: Harness, fake: FakeSlack) -> None:
    before = len(fake.of("chat.postMessage"))
    event = {"type": "message", "channel_type": "im", "channel": "D2", "user": "U1",
             "text": "what did Wang say about Taiwan?", "ts": "2.1"}
    assert h.event(event, event_id="EvRETRY1").status_code == 200
    assert h.event(event, event_id="EvRETRY1", retry=1).status_code == 200
    assert h.event(event, event_id="EvRETRY1", retry=2).status_code == 200
    fake.wait_for("chat.postMessage", before + 1)
    fake.quiet(0.7)
    assert len([c for c in fake.of("chat.postMessage") if c.params["channel"] == "D2"]) == 1


def test_app_home_opened_publishes_home(h: Harness, fake: FakeSlack, db: Path) -> None:
    from bot.store import Store

    before = len(fake.of("views.publish"))
    h.event({"type": "app_home_opened", "user": "U7", "channel": "D7", "tab": "home"})
    call = fake.wait_for("views.publish", before + 1)[-1]
    view = call.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert call.params["user_id"] == "U7" and view["type"] == "home"
    counts = Store(db).counts()
    assert f"{counts['articles']} articles, {counts['meetings']} meetings" in blocks_text(view)


def test_429_is_retried_after_retry_after(h: Harness, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=1)
    before = len(fake.of("chat.postMessage"))
    h.event({"type": "message", "channel_type": "im", "channel": "D3", "user": "U1",
             "text": "what did Wang say about Taiwan?", "ts": "3.1"})
    calls = fake.wait_for("chat.postMessage", before + 2, timeout=15)[before:]
    assert calls[1].at - calls[0].at >= 0.9
    assert calls[0].params == calls[1].params


def test_chart_button_uploads_a_private_png(h: Harness, fake: FakeSlack) -> None:
    before = len(fake.of("files.completeUploadExternal"))
    _, path = h.action({"action_id": "readout_chart", "type": "button",
                        "value": json.dumps({"k": "chart", "t": "supply_chains"})},
                       channel="C1")
    done = fake.wait_for("files.completeUploadExternal", before + 1)[-1]
    assert not done.params.get("channel_id") and not done.params.get("channels")
    upload = fake.of("upload")[-1]
    assert upload.raw.startswith(b"\x89PNG")
    msg = h.replies(path)[0].params  # shown only to the clicker
    assert msg["response_type"] == "ephemeral"
    assert msg["blocks"][0]["type"] == "image"
    assert msg["blocks"][0]["slack_file"] == {"id": "F0CHART"}


def test_earlier_on_theme_button(h: Harness) -> None:
    _, path = h.action({"action_id": "readout_earlier", "type": "button",
                        "value": json.dumps({"k": "earlier", "t": "supply_chains",
                                             "d": "2025-01-01", "s": 0})})
    text = _text(h.replies(path)[0].params)
    dates = [line.split(" · ")[1] for line in text.splitlines() if line.startswith("*")
             and " · " in line]
    assert dates and all(d < "2025-01-01" for d in dates)


def test_app_home_shows_the_workspaces_subscriptions_private_ones_to_members(
        h: Harness, fake: FakeSlack) -> None:
    subs = pytest.importorskip("digests.subscriptions")
    # the fake puts U8 in CGENERAL and CNEWS
    subs.subscribe(h.store, "CGENERAL", "daily", at="07:15", team_id="T0FAKE",
                   is_private=True)
    subs.subscribe(h.store, "COTHER", "weekly", at="09:00", team_id="T0FAKE",
                   is_private=True)
    subs.subscribe(h.store, "CPUBLIC", "weekly", at="10:00", team_id="T0FAKE")
    subs.subscribe(h.store, "CELSE", "daily", at="06:00", team_id="T0ELSE")
    try:
        before = len(fake.of("views.publish"))
        h.event({"type": "app_home_opened", "user": "U8", "channel": "D8", "tab": "home"})
        call = fake.wait_for("views.publish", before + 1)[-1]
        view = call.params["view"]
        text = blocks_text(json.loads(view) if isinstance(view, str) else view)
        assert "<#CGENERAL> daily, every day at 07:15" in text and "<#CPUBLIC>" in text
        assert "COTHER" not in text and "CELSE" not in text
        conv = fake.of("users.conversations")[-1]
        assert conv.params["user"] == "U8"
    finally:
        for ch in ("CGENERAL", "COTHER", "CPUBLIC", "CELSE"):
            subs.unsubscribe(h.store, ch)


def test_url_verification_challenge(h: Harness) -> None:
    resp = h.post(json.dumps({"type": "url_verification", "challenge": "c-123",
                              "token": "legacy"}), "application/json")
    assert resp.status_code == 200 and resp.json() == {"challenge": "c-123"}


def test_query_error_is_one_line_with_close_matches(h: Harness) -> None:
    text = _text(_reply(h, "trade side:atlantis"))
    assert "unknown side 'atlantis'" in text and "south_korea" in text
    assert "Traceback" not in text and "Ask Readout" not in text
    close = _text(_reply(h, "trade side:koreaa"))
    assert "south_korea" in close and len(close) < 400  # not every country
