"""Slack pieces that need no server: signing, escaping, Block Kit limits, dedupe, settings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from slack_fake import sign
from slack_sdk.signature import SignatureVerifier

from bot.slack.blocks import MAX_BLOCKS, MAX_SECTION, Answer, esc, link, paginate, sections
from bot.slack.dedupe import EventDeduper
from bot.slack.server import RedactTokens
from bot.slack.settings import Settings
from bot.store import Store

# Slack's published example (api.slack.com "Verifying requests from Slack").
VECTOR_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
VECTOR_TS = 1531420618
VECTOR_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F3977008"
    "85554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c4"
    "47fce8b6703c"
)
VECTOR_SIG = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


class _Clock:
    def __init__(self, now: float) -> None:
        self.t = now

    def now(self) -> float:
        return self.t


def test_verifier_accepts_slacks_published_vector() -> None:
    verifier = SignatureVerifier(VECTOR_SECRET, clock=_Clock(VECTOR_TS + 10))
    headers = {"x-slack-request-timestamp": str(VECTOR_TS), "x-slack-signature": VECTOR_SIG}
    assert verifier.is_valid_request(VECTOR_BODY, headers)
    assert verifier.generate_signature(timestamp=str(VECTOR_TS), body=VECTOR_BODY) == VECTOR_SIG


def test_test_client_signs_exactly_like_slack() -> None:
    assert sign(VECTOR_SECRET, VECTOR_BODY, VECTOR_TS)["X-Slack-Signature"] == VECTOR_SIG


def test_verifier_rejects_tampering_and_old_timestamps() -> None:
    headers = {"x-slack-request-timestamp": str(VECTOR_TS), "x-slack-signature": VECTOR_SIG}
    fresh = SignatureVerifier(VECTOR_SECRET, clock=_Clock(VECTOR_TS + 10))
    assert not fresh.is_valid_request(VECTOR_BODY.replace("foobar", "foobaz"), headers)
    stale = SignatureVerifier(VECTOR_SECRET, clock=_Clock(VECTOR_TS + 5 * 60 + 1))
    assert not stale.is_valid_request(VECTOR_BODY, headers)


def test_escape_neutralises_mentions_and_links() -> None:
    assert esc("<!channel> & <@U1> <http://x|y>") == (
        "&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;http://x|y&gt;")
    assert link("https://a.example/p?q=1&r=<2>|x", "A <b>") == (
        "<https://a.example/p?q=1&amp;r=%3C2%3E%7Cx|A &lt;b&gt;>")
    assert link("javascript:alert(1)", "x") == "x"


def test_long_text_is_split_into_sections_without_loss() -> None:
    text = esc("a&b " * 2000)  # 16,000 characters of entities and spaces
    pieces = [b.text.text for b in sections(text)]
    assert len(pieces) == 6 and all(len(p) <= MAX_SECTION for p in pieces)
    assert " ".join(pieces) == text
    solid = esc("x" + "&" * 1000)  # no space to cut at: never inside an entity either
    pieces = [b.text.text for b in sections(solid)]
    assert len(pieces) == 2 and "".join(pieces) == solid
    assert all(p.count("&amp;") == p.count("&") for p in pieces)


def test_paginate_keeps_groups_whole_and_under_50_blocks() -> None:
    ans = Answer("x")
    for i in range(40):
        ans.add(*sections(f"statement {i}"), *sections(f"context {i}"))
    msgs = ans.messages()
    assert [len(m["blocks"]) for m in msgs] == [50, 30]
    flat = [b["text"]["text"] for m in msgs for b in m["blocks"]]
    assert flat == [t for i in range(40) for t in (f"statement {i}", f"context {i}")]
    assert msgs[0]["text"] == "x (1/2)"
    huge = paginate([sections("y " * 100_000)], "big")
    assert all(len(m["blocks"]) <= MAX_BLOCKS for m in huge) and len(huge) >= 2


def test_event_ids_are_deduped_across_processes(tmp_path: Path) -> None:
    one, two = Store(tmp_path / "x.db"), Store(tmp_path / "x.db")
    a, b = EventDeduper(one), EventDeduper(two)
    assert a.first_time("Ev1") is True
    assert b.first_time("Ev1") is False
    assert b.first_time("Ev2") is True


def test_settings_from_env_and_no_secret_in_repr(tmp_path: Path) -> None:
    s = Settings.from_env({
        "SLACK_BOT_TOKEN": "xoxb-secret-1", "SLACK_SIGNING_SECRET": "shh",
        "SLACK_API_URL": "http://127.0.0.1:9/api", "READOUT_ADMINS": "U1, U2",
        "READOUT_ALLOW_PRIVATE_URLS": "yes", "READOUT_DB": str(tmp_path / "r.db"),
    })
    assert s.api_url == "http://127.0.0.1:9/api/" and s.admins == {"U1", "U2"}
    assert s.allow_private_urls and s.db_path == tmp_path / "r.db"
    assert "xoxb" not in repr(s) and "shh" not in repr(s)


def test_log_filter_redacts_tokens(caplog: object) -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token %s and %s", (
        "xoxb-123-456-abc", "xapp-1-A1-2-ff"), None)
    RedactTokens().filter(record)
    assert record.getMessage() == "token xoxb-(redacted) and xapp-(redacted)"


@pytest.mark.sqlite_only  # reads the SQLite file itself
def test_database_holding_tokens_is_owner_only(tmp_path: Path) -> None:
    Store(tmp_path / "tokens.db")
    assert (tmp_path / "tokens.db").stat().st_mode & 0o077 == 0


def test_refusal_of_private_and_loopback_addresses() -> None:
    from bot.slack.commands import refusal

    assert "loopback" in (refusal("http://127.0.0.1/a", allow_private=False) or "")
    assert "private" in (refusal("http://10.1.2.3/a", allow_private=False) or "")
    assert refusal("http://127.0.0.1/a", allow_private=True) is None
    assert "http" in (refusal("file:///etc/passwd", allow_private=True) or "")
