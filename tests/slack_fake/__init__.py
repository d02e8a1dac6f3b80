"""A fake Slack: Web API + response_url recorder over real HTTP, and Slack-style request signing.

Modelled on slack-bolt's own tests/mock_web_api_server: a local HTTP server that answers the Web
API methods the app calls and records every request, so a test asserts on what Slack would
have received. `fail_next()` makes the next call of a method answer with an error such as a
429 with Retry-After; `slow` delays a method's answers.

Workspaces: every token belongs to one workspace (`add_workspace`, or an OAuth install through
`oauth.v2.access`), and a call is recorded with the team its token belongs to, so a test can
tell which workspace's token reached Slack. Channels registered with `add_channel` behave as
Slack's do: the bot must be a member to post (`not_in_channel`), only public channels can be
joined, private ones are `channel_not_found` to a bot outside them. Unregistered channels accept
everything (the older tests' world). Accepted `chat.postMessage` calls are kept as channel
history, served by `conversations.history` and `conversations.replies` (metadata included).

Every message, view and unfurl the app sends is checked against Block Kit with slack_sdk's
models and Slack's published limits (`blockkit.problems`); problems are collected in
`violations`, which the tests assert stays empty.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode

from slack_fake import blockkit

BOT_USER = "UBOT"


@dataclass
class Call:
    path: str
    method: str  # Web API method ("chat.postMessage"), "response_url" or "upload"
    headers: dict[str, str]
    params: dict[str, Any]
    raw: bytes
    at: float = field(default_factory=time.monotonic)
    team: str | None = None  # the workspace whose token made the call
    token: str | None = None


@dataclass
class Workspace:
    team_id: str
    enterprise_id: str | None = None
    bot_token: str = ""
    users: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {"tz": ...}


def sign(secret: str, body: str | bytes, timestamp: int | str | None = None) -> dict[str, str]:
    """The headers Slack sends: v0 HMAC-SHA256 over `v0:{timestamp}:{body}`."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    raw = body if isinstance(body, bytes) else body.encode()
    sig = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:".encode() + raw,
                           hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}


class FakeSlack:
    def __init__(self, parse: bool = True) -> None:
        self.parse = parse  # False: record raw bodies only (the benchmark's cheap mode)
        self.calls: list[Call] = []
        self._cond = threading.Condition()
        self._failures: dict[str, list[tuple[int, dict[str, str], dict[str, Any]]]] = {}
        self.responses: dict[str, dict[str, Any]] = {}
        self.slow: dict[str, float] = {}  # method -> seconds to wait before answering
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._ts = 0
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.workspaces: dict[str, Workspace] = {}
        self.tokens: dict[str, str] = {}  # token -> team id
        self.revoked: set[str] = set()
        self.channels: dict[str, dict[str, Any]] = {}
        self.codes: dict[str, str] = {}  # OAuth code -> team id
        self.rotation = False  # oauth.v2.access hands out refresh tokens and expiring tokens
        self.expires_in = 43200  # seconds an access token lives when rotation is on
        self.validate = True
        self.violations: list[str] = []
        self._issued = 0

    # -- control ----------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    base_url = api_url  # the name WebClient gives it

    def add_workspace(self, team_id: str, token: str | None = None,
                      enterprise_id: str | None = None, code: str | None = None,
                      users: dict[str, str] | None = None) -> Workspace:
        """A workspace, its bot token, an OAuth code that installs it, its users' time zones."""
        ws = Workspace(team_id, enterprise_id, token or f"xoxb-{team_id}-fake",
                       {u: {"tz": tz} for u, tz in (users or {}).items()})
        self.workspaces[team_id] = ws
        self.tokens[ws.bot_token] = team_id
        self.codes[code or f"code-{team_id}"] = team_id
        return ws

    def add_channel(self, channel: str, team: str, private: bool = False,
                    members: tuple[str, ...] = (), bot: bool = True,
                    archived: bool = False) -> None:
        self.channels[channel] = {
            "team": team, "private": private, "archived": archived,
            "members": set(members) | ({BOT_USER} if bot else set()),
        }

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Messages Slack accepted (failed attempts excluded), oldest first."""
        with self._cond:
            return [m for ch, msgs in self.messages.items() for m in msgs
                    if channel is None or ch == channel]

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}/response/{name}"

    def fail_next(self, method: str, status: int = 429, retry_after: int | None = 1,
                  body: dict[str, Any] | None = None, times: int = 1) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        payload = body or {"ok": False, "error": "ratelimited"}
        for _ in range(times):
            self._failures.setdefault(method, []).append((status, headers, payload))

    def clear(self) -> None:
        with self._cond:
            self.calls.clear()

    def of(self, method: str, team: str | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method
                    and (team is None or c.team == team)]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0,
                 where: Any = None) -> list[Call]:
        """Block until `count` calls of `method` (matching `where`) arrived, or AssertionError."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method
                         and (where is None or where(c))]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = sorted({c.method for c in self.calls})
                    raise AssertionError(f"{count} × {method} not seen in {timeout}s; saw {seen}")
                self._cond.wait(left)

    def wait_path(self, path: str, timeout: float = 10.0, count: int = 1) -> Call | None:
        """The `count`-th call to `path` (a response_url), waiting for it; None on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.path == path]
                if len(found) >= count:
                    return found[count - 1]
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)

    def at_path(self, path: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.path == path]

    def quiet(self, seconds: float = 0.5) -> None:
        """Wait until no call has arrived for `seconds` (for asserting that nothing more came)."""
        while True:
            with self._cond:
                last = self.calls[-1].at if self.calls else 0.0
            idle = time.monotonic() - last
            if idle >= seconds:
                return
            time.sleep(seconds - idle)

    # -- answers ----------------------------------------------------------------------------
    def _team_of(self, token: str | None) -> str | None:
        if token is None:
            return None
        return self.tokens.get(token, "T0FAKE")  # an unknown token: the single-workspace world

    def _issue_token(self, team: str) -> str:
        self._issued += 1
        token = f"xoxb-{team}-{self._issued}"
        self.tokens[token] = team
        self.workspaces[team].bot_token = token
        return token

    def _install(self, team: str) -> dict[str, Any]:
        ws = self.workspaces[team]
        out: dict[str, Any] = {
            "ok": True, "app_id": "A0READOUT", "token_type": "bot",
            "access_token": self._issue_token(team), "bot_user_id": BOT_USER,
            "scope": "chat:write,commands", "authed_user": {"id": "U1"},
            "team": {"id": team, "name": f"Team {team}"},
            "enterprise": {"id": ws.enterprise_id, "name": "Org"} if ws.enterprise_id else None,
            "is_enterprise_install": False,
        }
        if self.rotation:
            out.update(refresh_token=f"xoxe-1-{team}-{self._issued}",
                       expires_in=self.expires_in)
        return out

    def _channel_error(self, channel: str | None, team: str | None,
                       join: bool = False) -> str | None:
        ch = self.channels.get(channel or "")
        if ch is None:
            return None
        if team is not None and ch["team"] != team:
            return "channel_not_found"
        if ch["private"] and BOT_USER not in ch["members"]:
            return "channel_not_found"
        if ch["archived"]:
            return "is_archived"
        if not join and BOT_USER not in ch["members"]:
            return "not_in_channel"
        return None

    def _answer(self, method: str, params: dict[str, Any], token: str | None,
                team: str | None) -> dict[str, Any]:
        if method in self.responses:
            return self.responses[method]
        if token in self.revoked and method != "oauth.v2.access":
            return {"ok": False, "error": "token_revoked"}
        self._ts += 1
        ts = f"1700000000.{self._ts:06d}"
        if method == "auth.test":
            ws = self.workspaces.get(team or "")
            return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake", "user": "readout",
                    "team_id": team or "T0FAKE", "user_id": BOT_USER, "bot_id": "BBOT",
                    "enterprise_id": ws.enterprise_id if ws else None}
        if method == "oauth.v2.access":
            if params.get("grant_type") == "refresh_token":
                refresh = str(params.get("refresh_token") or "")
                found = next((t for t in self.workspaces if f"-{t}-" in refresh), None)
                return self._install(found) if found else {"ok": False,
                                                           "error": "invalid_refresh_token"}
            code_team = self.codes.get(str(params.get("code")))
            return self._install(code_team) if code_team else {"ok": False,
                                                               "error": "invalid_code"}
        if method == "chat.postMessage":
            channel = str(params.get("channel"))
            error = None if channel.startswith(("U", "W", "D")) else \
                self._channel_error(channel, team)
            if error:
                return {"ok": False, "error": error}
            meta = params.get("metadata")
            blocks = params.get("blocks")
            msg = {"ts": f"{time.time():.0f}.{self._ts:06d}", "channel": channel,
                   "text": params.get("text"), "thread_ts": params.get("thread_ts"),
                   "metadata": json.loads(meta) if isinstance(meta, str) else meta,
                   "blocks": json.loads(blocks) if isinstance(blocks, str) else blocks,
                   "team": team}
            with self._cond:
                self.messages.setdefault(channel, []).append(msg)
            return {"ok": True, "channel": channel, "ts": msg["ts"], "message": msg}
        if method == "conversations.history":
            error = self._channel_error(params.get("channel"), team)
            if error:
                return {"ok": False, "error": error}
            oldest = float(params.get("oldest") or 0)
            msgs = [m for m in self.posts(params.get("channel"))
                    if not m["thread_ts"] and float(m["ts"]) >= oldest]
            return {"ok": True, "messages": msgs[::-1], "has_more": False}
        if method == "conversations.replies":
            msgs = [m for m in self.posts(params.get("channel"))
                    if params.get("ts") in (m["ts"], m["thread_ts"])]
            return {"ok": True, "messages": msgs, "has_more": False}
        if method == "conversations.info":
            cid = str(params.get("channel"))
            ch = self.channels.get(cid)
            if ch is None:
                return {"ok": True, "channel": {
                    "id": cid, "is_channel": cid.startswith("C"), "is_private": False,
                    "is_im": cid.startswith("D"), "is_mpim": False, "is_member": True,
                    "is_archived": False, "name": cid.lower()}}
            if (team and ch["team"] != team) or (ch["private"] and BOT_USER not in ch["members"]):
                return {"ok": False, "error": "channel_not_found"}
            return {"ok": True, "channel": {
                "id": cid, "is_channel": not ch["private"], "is_group": ch["private"],
                "is_private": ch["private"], "is_im": False, "is_mpim": False,
                "is_member": BOT_USER in ch["members"], "is_archived": ch["archived"],
                "name": cid.lower()}}
        if method == "conversations.join":
            cid = str(params.get("channel"))
            ch = self.channels.get(cid)
            if ch is not None:
                if ch["private"]:
                    error = "channel_not_found" if BOT_USER not in ch["members"] else \
                        "method_not_supported_for_channel_type"
                    return {"ok": False, "error": error}
                error = self._channel_error(cid, team, join=True)
                if error:
                    return {"ok": False, "error": error}
                ch["members"].add(BOT_USER)
            return {"ok": True, "channel": {"id": cid, "is_member": True}}
        if method == "users.info":
            uid = str(params.get("user"))
            ws = self.workspaces.get(team or "")
            tz = (ws.users.get(uid, {}) if ws else {}).get("tz", "America/New_York")
            return {"ok": True, "user": {"id": uid, "tz": tz, "name": uid.lower(),
                                         "team_id": team}}
        if method == "users.conversations":
            uid = str(params.get("user"))
            mine = [c for c, ch in self.channels.items()
                    if (team is None or ch["team"] == team) and uid in ch["members"]]
            if not self.channels:
                mine = ["CGENERAL", "CNEWS"]
            return {"ok": True, "channels": [{"id": c} for c in mine],
                    "response_metadata": {"next_cursor": ""}}
        if method in ("chat.postEphemeral", "chat.update"):
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts") or ts,
                    "message": {"ts": ts, "text": params.get("text")}}
        if method in ("views.publish", "views.open", "views.update"):
            return {"ok": True, "view": {"id": "V1", "type": "home"}}
        if method == "files.getUploadURLExternal":
            return {"ok": True, "upload_url": f"{self.url}/upload/F0CHART", "file_id": "F0CHART"}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": "F0CHART", "title": "chart"}]}
        if method == "files.info":
            return {"ok": True, "file": {"id": "F0CHART"}}
        if method == "apps.connections.open":
            return {"ok": False, "error": "not_configured"}
        return {"ok": True}

    def _check(self, method: str, params: dict[str, Any]) -> None:
        if not self.validate:
            return
        found = blockkit.problems(method, params)
        if found:
            with self._cond:
                self.violations.extend(f"{method}: {p}" for p in found)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._handle()

            def do_POST(self) -> None:
                self._handle()

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                path = self.path.split("?")[0]
                ctype = self.headers.get("Content-Type", "")
                params: dict[str, Any] = {}
                if path.startswith("/upload/"):
                    method = "upload"
                elif path.startswith("/response/"):
                    method = "response_url"
                else:
                    method = path.removeprefix("/api/")
                if method != "upload" and (fake.parse or method != "response_url"):
                    if "json" in ctype and raw:
                        params = json.loads(raw)
                    elif raw:
                        params = dict(parse_qsl(raw.decode()))
                    if "?" in self.path:
                        params.update(parse_qsl(self.path.split("?", 1)[1]))
                auth = self.headers.get("Authorization", "")
                token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else \
                    params.get("token")
                team = fake._team_of(token)
                call = Call(path, method, dict(self.headers.items()), params, raw,
                            team=team, token=token)
                if fake.parse and method != "upload":
                    fake._check(method, params)
                with fake._cond:
                    fake.calls.append(call)
                    fake._cond.notify_all()
                delay = fake.slow.get(method)
                if delay:
                    time.sleep(delay)
                queued = fake._failures.get(method)
                if queued:
                    status, headers, body = queued.pop(0)
                else:
                    status, headers = 200, {}
                    body = {"ok": True} if method in ("upload", "response_url") else \
                        fake._answer(method, params, token, team)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        return Handler


def form(**fields: str) -> str:
    return urlencode(fields)


def blocks_text(blocks: Any) -> str:
    """All visible text of Block Kit blocks, for assertions."""
    out: list[str] = []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and "text" in node:
                out.append(node["text"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(blocks)
    return "\n".join(out)
