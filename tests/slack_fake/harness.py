"""Readout's Slack app served for real (waitress on a free loopback port) against FakeSlack."""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from slack_fake import Call, FakeSlack, form, sign

SECRET = "test-signing-secret"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


class Harness:
    """Signs and sends requests the way Slack does; waits for what the app sent back."""

    def __init__(self, db: Path, fake: FakeSlack, on_change: Any = None, **settings: Any) -> None:
        from bot.slack.app import build_app
        from bot.slack.server import make_server
        from bot.slack.settings import Settings
        from bot.store import Store

        self.fake = fake
        self.store = Store(db)
        self.settings = Settings(
            signing_secret=SECRET, bot_token="xoxb-test-token", db_path=db,
            api_url=fake.api_url, admins=frozenset({"UADMIN"}),
            allow_private_urls=settings.pop("allow_private_urls", True), **settings,
        )
        self.app = build_app(self.settings, self.store, on_subscriptions_changed=on_change)
        self.server = make_server(self.app, host="127.0.0.1", port=0, threads=8)
        self.url = f"http://127.0.0.1:{self.server.effective_port}/slack/events"
        self._thread = threading.Thread(target=self.server.run, daemon=True)
        self._thread.start()
        self.http = httpx.Client(timeout=10)

    def close(self) -> None:
        from bot.slack.app import shutdown

        self.http.close()
        self.server.close()
        shutdown(self.app)
        self.store.close()

    # -- sending ----------------------------------------------------------------------------
    def post(self, body: str, content_type: str, headers: dict[str, str] | None = None,
             timestamp: int | None = None, secret: str = SECRET) -> httpx.Response:
        h = {"Content-Type": content_type, **sign(secret, body, timestamp), **(headers or {})}
        return self.http.post(self.url, content=body.encode(), headers=h)

    def command(self, text: str, user: str = "U1", channel: str = "C1",
                **kw: Any) -> tuple[httpx.Response, str]:
        """A signed /readout; returns the HTTP response and its response_url's path."""
        name = uuid.uuid4().hex[:12]
        body = form(token="legacy", team_id="T0FAKE", team_domain="fake", channel_id=channel,
                    channel_name="general", user_id=user, user_name="analyst",
                    command="/readout", text=text, response_url=self.fake.response_url(name),
                    trigger_id="1.2.3", api_app_id="A0READOUT")
        return self.post(body, "application/x-www-form-urlencoded", **kw), f"/response/{name}"

    def event(self, event: dict[str, Any], event_id: str | None = None,
              retry: int | None = None) -> httpx.Response:
        payload = {
            "token": "legacy", "team_id": "T0FAKE", "api_app_id": "A0READOUT",
            "type": "event_callback", "event_id": event_id or "Ev" + uuid.uuid4().hex[:10],
            "event_time": int(time.time()), "event": event,
            "authorizations": [{"team_id": "T0FAKE", "user_id": "UBOT", "is_bot": True}],
        }
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} \
            if retry else None
        return self.post(json.dumps(payload), "application/json", headers=headers)

    def action(self, action: dict[str, Any], ephemeral: bool = True,
               channel: str = "C1") -> tuple[httpx.Response, str]:
        name = uuid.uuid4().hex[:12]
        payload = {
            "type": "block_actions", "team": {"id": "T0FAKE"}, "user": {"id": "U1"},
            "api_app_id": "A0READOUT", "token": "legacy", "trigger_id": "1.2.3",
            "channel": {"id": channel}, "response_url": self.fake.response_url(name),
            "container": {"type": "message", "is_ephemeral": ephemeral, "channel_id": channel},
            "actions": [{"block_id": "b1", "action_ts": "1.1", **action}],
        }
        body = form(payload=json.dumps(payload))
        return self.post(body, "application/x-www-form-urlencoded"), f"/response/{name}"

    # -- waiting ----------------------------------------------------------------------------
    def replies(self, path: str, count: int = 1, timeout: float = 10.0,
                notes: bool = False) -> list[Call]:
        """The answers posted to a response_url. A lookup slower than the working-note delay
        (a loaded machine) first gets a "Working on it…" note that its answer replaces; those
        notes are left out unless `notes`."""
        from bot.slack.courier import WORKING_TEXT

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = [c for c in self.fake.of("response_url") if c.path == path
                   and (notes or c.params.get("text") != WORKING_TEXT)]
            if len(got) >= count:
                return got
            time.sleep(0.02)
        raise AssertionError(f"no reply on {path} within {timeout}s")


def seeded_db(path: Path, *extra: Path) -> Path:
    """A database with the bundled seeds (and any extra files) indexed."""
    from bot.pipeline.ingest import index_sources
    from bot.store import Store

    store = Store(path)
    index_sources(store, [str(SEEDS), *(str(e) for e in extra)])
    store.close()
    return path


class SlowSite:
    """A local web server whose pages take `delay` seconds (or until `release()`): the slow
    lookups `/readout add <url>` makes while everything else must go on."""

    def __init__(self, delay: float = 8.0) -> None:
        import http.server

        self.gate = threading.Event()
        self.hits = 0
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site.hits += 1
                site.gate.wait(delay)
                n = self.path.strip("/").split(".")[0]
                body = (f" date 2026-03-0{len(n) % 9 + 1} Slow {n}\n\nBEIJING, March 3 (Xinhua)"
                        f" -- Chinese Foreign Minister Wang Yi said zqxslow{n} ties matter.\n")
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def release(self) -> None:
        self.gate.set()

    def stop(self) -> None:
        self.gate.set()
        self.server.shutdown()
