"""Hostile and broken requests against a real `readout serve`: a non-numeric timestamp is 401,
malformed signed bodies are 400, each with one log line, no traceback and no body in the log;
a huge POST is refused before it is read; `serve` and `socket` that cannot reach Slack, or
whose token Slack refuses, exit with one line."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from slack_fake import FakeSlack, sign
from slack_fake.harness import seeded_db
from slack_fake.process import ROOT, SECRET, ReadoutProcess, launch, stop_quietly

MARK = "zqxbodymarker"  # must never reach the log


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, fake: FakeSlack) -> Iterator[ReadoutProcess]:
    db = seeded_db(tmp_path_factory.mktemp("hostile") / "readout.db")
    proc = launch("serve", db, fake)
    yield proc
    stop_quietly(proc)


def _new_log(app: ReadoutProcess, before: int) -> str:
    time.sleep(0.3)
    return app.output()[before:]


def test_a_non_numeric_timestamp_is_401_without_a_traceback(app: ReadoutProcess) -> None:
    before = len(app.output())
    body = urlencode({"command": "/readout", "text": MARK}).encode()
    for ts in ("abc", "1e9", "", "-5", "9" * 40):
        headers = {**sign(SECRET, body), "X-Slack-Request-Timestamp": ts}
        reply = app.post_raw(body, "application/x-www-form-urlencoded", headers, signed=False)
        assert reply.status == 401, (ts, reply)
    log = _new_log(app, before)
    assert "Traceback" not in log and MARK not in log
    assert log.count("refused") == 5


MALFORMED = [
    (b"[]", "application/json"), (b"null", "application/json"), (b"42", "application/json"),
    (b'"text"', "application/json"), (b"{not json", "application/json"),
    (b'{"type": "event_callback", "event": null}', "application/json"),
    (b'{"type": "event_callback", "event": [1]}', "application/json"),
    (b"\xff\xfe" + MARK.encode(), "application/json"),
    (b"payload=" + MARK.encode(), "application/x-www-form-urlencoded"),
    (b"payload=%5B%5D", "application/x-www-form-urlencoded"),
    (b"payload=null", "application/x-www-form-urlencoded"),
    (b"payload=%7B%7D", "application/x-www-form-urlencoded"),
    (b"payload=" + b"%FF%FE", "application/x-www-form-urlencoded"),
    (b"text=" + MARK.encode(), "application/x-www-form-urlencoded"),
    (b"\xc3\x28" + MARK.encode(), "application/x-www-form-urlencoded"),
    (MARK.encode(), "text/plain"),
    (b"", "application/json"),
]


def test_malformed_signed_bodies_are_400_with_one_log_line_each(app: ReadoutProcess) -> None:
    before = len(app.output())
    for body, ctype in MALFORMED:
        reply = app.post_raw(body, ctype)
        assert reply.status == 400, (body, ctype, reply)
    log = _new_log(app, before)
    assert "Traceback" not in log and MARK not in log
    assert len([ln for ln in log.splitlines() if "refused" in ln]) == len(MALFORMED)
    # still serving, and a well-formed request right after is answered
    reply, path = app.command("themes")
    assert reply.status == 200 and app.fake.wait_path(path) is not None


def test_unsigned_bodies_are_401_and_never_logged(app: ReadoutProcess) -> None:
    before = len(app.output())
    body = json.dumps({"type": "event_callback", "event": {"text": MARK * 1000}}).encode()
    reply = app.post_raw(body, "application/json", signed=False)
    assert reply.status == 401
    wrong = {**sign("not-the-secret", body)}
    assert app.post_raw(body, "application/json", wrong, signed=False).status == 401
    log = _new_log(app, before)
    assert MARK not in log and "Traceback" not in log and log.count("refused") == 2


def test_a_huge_post_is_refused_before_it_is_read(app: ReadoutProcess) -> None:
    before = len(app.output())
    port = int(app.base.rsplit(":", 1)[1])
    huge = 50 * 1024 * 1024
    t0 = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                  b"\r\nContent-Length: " + str(huge).encode() + b"\r\n\r\n")
        s.sendall(b"{" + b"a" * 65536)  # only the first bytes: the server must not wait
        answer = s.recv(4096).decode(errors="replace")
    assert answer.startswith("HTTP/1.1 413"), answer[:80]
    assert time.monotonic() - t0 < 5
    chunked = app.http.post(f"{app.base}/slack/events", headers={
        "Content-Type": "application/json"}, content=iter([b"x" * 1_000_000] * 3))
    assert chunked.status_code == 413
    assert MARK not in _new_log(app, before)


def test_bad_input_gets_one_line_not_the_whole_help(app: ReadoutProcess) -> None:
    from slack_fake import blocks_text

    for text, says in (("theme", "Which theme?"), ("compare 2024", "two meetings"),
                       ("trade side:narnia", "unknown side 'narnia'")):
        _reply, path = app.command(text)
        msg = app.fake.wait_path(path).params
        shown = blocks_text(msg["blocks"])
        assert says in shown and "Ask Readout" not in shown, shown
        assert msg["text"] != "Readout help" and len(shown) < 400


def _run(cmd: str, db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "READOUT_"))}
    return subprocess.run([sys.executable, "-m", "bot.cli", cmd, "--no-scheduler"],
                          env={**base, "PYTHONPATH": str(ROOT), "READOUT_DB": str(db),
                               "SLACK_SIGNING_SECRET": "s", **env},
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("cmd", ["serve", "socket"])
def test_unreachable_slack_or_a_refused_token_is_one_line(tmp_path: Path, fake: FakeSlack,
                                                           cmd: str) -> None:
    db = tmp_path / "r.db"
    extra = {"SLACK_APP_TOKEN": "xapp-1-x"} if cmd == "socket" else {}
    down = _run(cmd, db, SLACK_API_URL="http://127.0.0.1:9/api/",
                SLACK_BOT_TOKEN="xoxb-1", **extra)
    fake.revoked.add("xoxb-refused")
    refused = _run(cmd, db, SLACK_API_URL=fake.api_url, SLACK_BOT_TOKEN="xoxb-refused",
                   **extra)
    for proc, says in ((down, "cannot reach the Slack API"), (refused, "Slack refused")):
        assert proc.returncode == 1, proc.stderr
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("readout:") and says in lines[0], lines
        assert "Traceback" not in proc.stderr and "xoxb-refused" not in proc.stderr
