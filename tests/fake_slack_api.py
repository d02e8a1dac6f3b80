"""A local stand-in for the Slack Web API: records calls, keeps channel history, injects failures.

Used with `WebClient(base_url=server.base_url)`. Only what digests use: chat.postMessage (with
metadata and thread_ts), conversations.history and conversations.replies (with metadata).
`fail_next` holds HTTP statuses to answer the next chat.postMessage calls with (500, 429, ...).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.fail_next: list[int] = []
        self._lock = threading.Lock()
        self._seq = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _args(self) -> dict[str, Any]:
                url = urlparse(self.path)
                args: dict[str, Any] = {k: v[0] for k, v in parse_qs(url.query).items()}
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                ctype = self.headers.get("content-type", "")
                if body and "json" in ctype:
                    args.update(json.loads(body))
                elif body:
                    args.update({k: v[0] for k, v in parse_qs(body.decode()).items()})
                return args

            def _handle(self) -> None:
                method = urlparse(self.path).path.rsplit("/", 1)[-1]
                status, payload, headers = fake.handle(method, self._args())
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _handle
            do_POST = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def start(self) -> FakeSlack:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        return [a for m, a in self.calls if m == "chat.postMessage" and a.get("_accepted")
                and (channel is None or a["channel"] == channel)]

    def handle(self, method: str, args: dict[str, Any]) -> tuple[int, dict[str, Any], dict]:
        with self._lock:
            record = dict(args)
            self.calls.append((method, record))
            if method == "chat.postMessage":
                if self.fail_next:
                    code = self.fail_next.pop(0)
                    if code == 429:
                        return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"}
                    return code, {"ok": False, "error": "fatal_error"}, {}
                self._seq += 1
                ts = f"{time.time():.0f}.{self._seq:06d}"
                meta = args.get("metadata")
                if isinstance(meta, str):
                    meta = json.loads(meta)
                msg = {"ts": ts, "text": args.get("text"), "metadata": meta,
                       "thread_ts": args.get("thread_ts"),
                       "blocks": args.get("blocks")}
                self.messages.setdefault(args["channel"], []).append(msg)
                record["_accepted"] = True
                return 200, {"ok": True, "channel": args["channel"], "ts": ts,
                             "message": msg}, {}
            if method == "conversations.history":
                oldest = float(args.get("oldest") or 0)
                msgs = [m for m in self.messages.get(args["channel"], [])
                        if not m["thread_ts"] and float(m["ts"]) >= oldest]
                return 200, {"ok": True, "messages": msgs[::-1], "has_more": False}, {}
            if method == "conversations.replies":
                msgs = [m for m in self.messages.get(args["channel"], [])
                        if m["ts"] == args["ts"] or m["thread_ts"] == args["ts"]]
                return 200, {"ok": True, "messages": msgs, "has_more": False}, {}
            return 200, {"ok": False, "error": "unknown_method"}, {}
