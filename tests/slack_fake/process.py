"""`readout serve` and `readout socket` run as a user runs them (a subprocess of the CLI), driven
the way Slack drives them: signed HTTP requests, or envelopes over a local Socket Mode websocket.

Both transports have one interface, so a test runs unchanged over either: `command()`,
`event()`, `action()`, `view_submission()`, `shortcut()` send what Slack would send for a
workspace (team id, enterprise id) and return the acknowledgement (status, body, seconds).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from slack_fake import FakeSlack, form, sign
from slack_fake.socket_mode import FakeSocketMode

ROOT = Path(__file__).resolve().parents[2]
SECRET = "process-signing-secret"
CLIENT_ID, CLIENT_SECRET = "111.222", "client-secret"


@dataclass
class Reply:
    status: int
    body: Any
    seconds: float

    def json(self) -> dict[str, Any]:
        return self.body if isinstance(self.body, dict) else json.loads(self.body or "{}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ReadoutProcess:
    def __init__(self, mode: str, db: Path, fake: FakeSlack, *, oauth: bool = False,
                 scheduler: bool = False, env: dict[str, str] | None = None,
                 args: tuple[str, ...] = ()) -> None:
        assert mode in ("serve", "socket")
        self.mode, self.db, self.fake = mode, db, fake
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.ws: FakeSocketMode | None = None
        self.log = Path(tempfile.mkstemp(prefix=f"readout-{mode}-", suffix=".log")[1])
        # The test's own configuration is dropped, except the PostgreSQL pass's redirection
        # (conftest.py): the app must use the same database as the test that reads it.
        base_env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("SLACK_", "READOUT_")) or k == "READOUT_TEST_POSTGRES"}
        self.env = {**base_env, "SLACK_API_URL": fake.api_url, "READOUT_DB": str(db),
                    "PYTHONPATH": str(ROOT), "SLACK_SIGNING_SECRET": SECRET,
                    "READOUT_ALLOW_PRIVATE_URLS": "1"}
        if oauth:
            self.env.update(SLACK_CLIENT_ID=CLIENT_ID, SLACK_CLIENT_SECRET=CLIENT_SECRET)
        else:
            self.env["SLACK_BOT_TOKEN"] = "xoxb-test-token"
        cmd = [sys.executable, "-m", "bot.cli", mode]
        if mode == "serve":
            cmd += ["--host", "127.0.0.1", "--port", str(self.port), "--answer-processes", "0"]
        else:
            self.env["SLACK_APP_TOKEN"] = "xapp-1-A0READOUT-1-test"
            self.ws = FakeSocketMode()
            fake.responses["apps.connections.open"] = {"ok": True, "url": self.ws.url}
        if not scheduler:
            cmd.append("--no-scheduler")
        self.env.update(env or {})
        self.cmd = [*cmd, *args]
        self.proc: subprocess.Popen[bytes] | None = None
        self.http = httpx.Client(timeout=15)

    # -- lifecycle --------------------------------------------------------------------------
    def start(self, timeout: float = 60.0) -> ReadoutProcess:
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(self.cmd, env=self.env, cwd=ROOT, stdout=out,
                                         stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        if self.ws is not None:
            while True:
                try:
                    self.ws.wait_connected(0.2)
                    return self
                except AssertionError:
                    if self.proc.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError(
                            f"readout socket did not connect:\n{self.output()}") from None
        while True:
            try:
                if self.http.get(f"{self.base}/healthz").text == "ok":
                    return self
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"readout serve did not start:\n{self.output()}")
            time.sleep(0.1)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20.0) -> tuple[int, str]:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.http.close()
        if self.ws is not None:
            self.ws.stop()
        return self.proc.returncode, self.output()

    # -- OAuth (serve only) ------------------------------------------------------------------
    def install(self, team: str) -> httpx.Response:
        """The OAuth install a workspace admin clicks through: /slack/install, Slack's
        authorize page (skipped: its redirect carries the code), /slack/oauth_redirect."""
        page = self.http.get(f"{self.base}/slack/install")
        state = re.search(r"state=([^&\"]+)", page.text)
        assert state, page.text
        # The state cookie is Secure (HTTPS only): a browser behind TLS would send it back.
        cookie = page.headers.get("set-cookie", "").split(";")[0]
        return self.http.get(f"{self.base}/slack/oauth_redirect",
                             params={"code": f"code-{team}", "state": state.group(1)},
                             headers={"Cookie": cookie})

    # -- sending ----------------------------------------------------------------------------
    def send(self, kind: str, payload: dict[str, Any], headers: dict[str, str] | None = None,
             ) -> Reply:
        """One request as Slack sends it: form-encoded commands, JSON events, form `payload=`
        interactions over HTTP; the same payloads as envelopes over Socket Mode."""
        if self.ws is not None:
            eid = self.ws.send(kind, payload)
            got = self.ws.ack(eid, timeout=10)
            return Reply(0, None, 99.0) if got is None else Reply(200, got[1], got[0])
        if kind == "slash_commands":
            body, ctype = form(**payload), "application/x-www-form-urlencoded"
        elif kind == "events_api":
            body, ctype = json.dumps(payload), "application/json"
        else:
            body, ctype = form(payload=json.dumps(payload)), "application/x-www-form-urlencoded"
        return self.post_raw(body.encode(), ctype, headers)

    def post_raw(self, body: bytes, ctype: str, headers: dict[str, str] | None = None,
                 signed: bool = True) -> Reply:
        h = {"Content-Type": ctype, **(sign(SECRET, body) if signed else {}), **(headers or {})}
        t0 = time.monotonic()
        resp = self.http.post(f"{self.base}/slack/events", content=body, headers=h)
        took = time.monotonic() - t0
        try:
            data: Any = resp.json()
        except ValueError:
            data = resp.text
        return Reply(resp.status_code, data, took)

    def command(self, text: str, team: str = "T1", user: str = "U1", channel: str = "C1",
                enterprise: str | None = None) -> tuple[Reply, str]:
        name = uuid.uuid4().hex[:12]
        payload = {"token": "legacy", "team_id": team, "team_domain": team.lower(),
                   "channel_id": channel, "channel_name": channel.lower(), "user_id": user,
                   "user_name": user.lower(), "command": "/readout", "text": text,
                   "response_url": self.fake.response_url(name),
                   "trigger_id": f"trigger-{name}", "api_app_id": "A0READOUT"}
        if enterprise:
            payload["enterprise_id"] = enterprise
        return self.send("slash_commands", payload), f"/response/{name}"

    def event(self, event: dict[str, Any], team: str = "T1", event_id: str | None = None,
              enterprise: str | None = None) -> Reply:
        payload = {
            "token": "legacy", "team_id": team, "enterprise_id": enterprise,
            "api_app_id": "A0READOUT", "type": "event_callback",
            "event_id": event_id or "Ev" + uuid.uuid4().hex[:10],
            "event_time": int(time.time()), "event": event,
            "authorizations": [{"team_id": team, "enterprise_id": enterprise,
                                "user_id": "UBOT", "is_bot": True}],
        }
        return self.send("events_api", payload)

    def action(self, action: dict[str, Any], team: str = "T1", user: str = "U1",
               channel: str | None = "C1", ephemeral: bool = True,
               container: dict[str, Any] | None = None,
               extra: dict[str, Any] | None = None) -> tuple[Reply, str]:
        name = uuid.uuid4().hex[:12]
        payload: dict[str, Any] = {
            "type": "block_actions", "team": {"id": team}, "user": {"id": user, "team_id": team},
            "api_app_id": "A0READOUT", "token": "legacy", "trigger_id": f"trigger-{name}",
            "response_url": self.fake.response_url(name),
            "container": container or {"type": "message", "is_ephemeral": ephemeral,
                                       "channel_id": channel, "message_ts": "1.000001"},
            "actions": [{"block_id": "b1", "action_ts": "1.1", "type": "button", **action}],
        }
        if channel:
            payload["channel"] = {"id": channel}
        payload.update(extra or {})
        return self.send("interactive", payload), f"/response/{name}"

    def view_submission(self, view: dict[str, Any], team: str = "T1",
                        user: str = "U1") -> Reply:
        payload = {"type": "view_submission", "team": {"id": team},
                   "user": {"id": user, "team_id": team}, "api_app_id": "A0READOUT",
                   "token": "legacy", "trigger_id": "trigger-view", "view": view}
        return self.send("interactive", payload)

    def shortcut(self, message: dict[str, Any], team: str = "T1", user: str = "U1",
                 channel: str = "C1", callback_id: str = "readout_related",
                 ) -> tuple[Reply, str]:
        name = uuid.uuid4().hex[:12]
        payload = {"type": "message_action", "callback_id": callback_id,
                   "team": {"id": team}, "user": {"id": user, "team_id": team},
                   "channel": {"id": channel}, "message": message,
                   "message_ts": message.get("ts", "1.1"), "trigger_id": f"trigger-{name}",
                   "response_url": self.fake.response_url(name), "token": "legacy",
                   "api_app_id": "A0READOUT"}
        return self.send("interactive", payload), f"/response/{name}"


def launch(mode: str, db: Path, fake: FakeSlack, **kw: Any) -> ReadoutProcess:
    return ReadoutProcess(mode, db, fake, **kw).start()


def stop_quietly(proc: ReadoutProcess) -> None:
    with contextlib.suppress(Exception):  # a test already stopped it
        proc.stop(signal.SIGTERM)
