"""A fake Slack: Web API + response_url recorder over real HTTP, and Slack-style request signing.

Modelled on slack-bolt's own tests/mock_web_api_server: a local HTTP server that answers the Web
API methods the app calls and records every request, so a test asserts on what Slack would
have received. `fail_next()` makes the next call of a method answer with an error such as a
429 with Retry-After. Accepted `chat.postMessage` calls are kept as channel history, served by
`conversations.history` and `conversations.replies` (metadata included), which is what the
digest poster reads to tell whether a post it lost track of reached Slack.
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


@dataclass
class Call:
    path: str
    method: str  # Web API method ("chat.postMessage"), "response_url" or "upload"
    headers: dict[str, str]
    params: dict[str, Any]
    raw: bytes
    at: float = field(default_factory=time.monotonic)


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack sends: v0 HMAC-SHA256 over `v0:{timestamp}:{body}`."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    base = f"v0:{ts}:{body}".encode()
    sig = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}


class FakeSlack:
    def __init__(self, parse: bool = True) -> None:
        self.parse = parse  # False: record raw bodies only (the benchmark's cheap mode)
        self.calls: list[Call] = []
        self._cond = threading.Condition()
        self._failures: dict[str, list[tuple[int, dict[str, str], dict[str, Any]]]] = {}
        self.responses: dict[str, dict[str, Any]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._ts = 0
        self.messages: dict[str, list[dict[str, Any]]] = {}

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

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Messages Slack accepted (failed attempts excluded), oldest first."""
        with self._cond:
            return [m for ch, msgs in self.messages.items() for m in msgs
                    if channel is None or ch == channel]

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}/response/{name}"

    def fail_next(self, method: str, status: int = 429, retry_after: int | None = 1,
                  body: dict[str, Any] | None = None) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        payload = body or {"ok": False, "error": "ratelimited"}
        self._failures.setdefault(method, []).append((status, headers, payload))

    def clear(self) -> None:
        with self._cond:
            self.calls.clear()

    def of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Block until `count` calls of `method` arrived; the calls, or AssertionError."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = sorted({c.method for c in self.calls})
                    raise AssertionError(f"{count} × {method} not seen in {timeout}s; saw {seen}")
                self._cond.wait(left)

    def wait_path(self, path: str, timeout: float = 10.0) -> Call | None:
        """The first call to `path` (a response_url), waiting for it; None on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for c in reversed(self.calls):
                    if c.path == path:
                        return c
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)

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
    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method in self.responses:
            return self.responses[method]
        self._ts += 1
        ts = f"1700000000.{self._ts:06d}"
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake", "user": "readout",
                    "team_id": "T0FAKE", "user_id": "UBOT", "bot_id": "BBOT"}
        if method == "chat.postMessage":
            meta = params.get("metadata")
            blocks = params.get("blocks")
            msg = {"ts": f"{time.time():.0f}.{self._ts:06d}", "channel": params.get("channel"),
                   "text": params.get("text"), "thread_ts": params.get("thread_ts"),
                   "metadata": json.loads(meta) if isinstance(meta, str) else meta,
                   "blocks": json.loads(blocks) if isinstance(blocks, str) else blocks}
            with self._cond:
                self.messages.setdefault(str(params.get("channel")), []).append(msg)
            return {"ok": True, "channel": params.get("channel"), "ts": msg["ts"],
                    "message": msg}
        if method == "conversations.history":
            oldest = float(params.get("oldest") or 0)
            msgs = [m for m in self.posts(params.get("channel"))
                    if not m["thread_ts"] and float(m["ts"]) >= oldest]
            return {"ok": True, "messages": msgs[::-1], "has_more": False}
        if method == "conversations.replies":
            msgs = [m for m in self.posts(params.get("channel"))
                    if params.get("ts") in (m["ts"], m["thread_ts"])]
            return {"ok": True, "messages": msgs, "has_more": False}
        if method in ("chat.postEphemeral", "chat.update"):
            return {"ok": True, "channel": params.get("channel"), "ts": ts,
                    "message": {"ts": ts, "text": params.get("text")}}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V1", "type": "home"}}
        if method == "users.conversations":
            return {"ok": True, "channels": [{"id": "CGENERAL"}, {"id": "CNEWS"}],
                    "response_metadata": {"next_cursor": ""}}
        if method == "files.getUploadURLExternal":
            return {"ok": True, "upload_url": f"{self.url}/upload/F0CHART", "file_id": "F0CHART"}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": "F0CHART", "title": "chart"}]}
        if method == "files.info":
            return {"ok": True, "file": {"id": "F0CHART"}}
        return {"ok": True}

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
                call = Call(path, method, dict(self.headers.items()), params, raw)
                with fake._cond:
                    fake.calls.append(call)
                    fake._cond.notify_all()
                queued = fake._failures.get(method)
                if queued:
                    status, headers, body = queued.pop(0)
                else:
                    status, headers = 200, {}
                    body = {"ok": True} if method in ("upload", "response_url") else \
                        fake._answer(method, params)
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


def blocks_text(blocks: list[dict[str, Any]]) -> str:
    """All visible text of Block Kit blocks, for assertions."""
    out: list[str] = []

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
