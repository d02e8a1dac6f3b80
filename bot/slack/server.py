"""Production serving: Bolt's WSGI adapter under waitress, a threaded pure-Python server, behind a
guard that turns hostile requests away before Bolt sees them.

Bolt's own `app.start()` is a single-threaded http.server meant for development: one slow
request there delays every other acknowledgement. waitress serves requests from a thread pool,
so acks stay fast while the work runs elsewhere (benchmarks/slack_bench.py measures both).

The guard (`wsgi_app`), for POSTs to /slack/events, in this order:
- a body over `Settings.max_body` is refused with 413 before it is read (waitress enforces
  the same cap on chunked bodies);
- a missing or non-numeric timestamp, or a bad signature, is 401;
- a signed body that is not UTF-8, not the JSON object or form Slack sends, or whose
  `payload` is not a JSON object, is 400;
each with one log line that never includes the body. Only then does Bolt parse the request.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.slack.settings import MAX_BODY, Settings

log = logging.getLogger(__name__)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
EVENTS_PATH = "/slack/events"


class Refused(Exception):
    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def check_body(body: bytes, content_type: str) -> None:
    """Is this the shape Slack sends? Refused(400) if not. (Signature already checked.)"""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("400 Bad Request", "body is not UTF-8") from None
    if "json" in content_type:
        try:
            data = json.loads(text)
        except ValueError:
            raise Refused("400 Bad Request", "body is not JSON") from None
        if not isinstance(data, dict):
            raise Refused("400 Bad Request", f"JSON body is a {type(data).__name__}")
        event = data.get("event")
        if data.get("type") == "event_callback" and not isinstance(event, dict):
            raise Refused("400 Bad Request", "event_callback without an event object")
        return
    if "x-www-form-urlencoded" not in content_type:
        raise Refused("400 Bad Request", "unexpected content type")
    fields = parse_qs(text, keep_blank_values=True)
    if "payload" in fields:
        try:
            payload = json.loads(fields["payload"][0])
        except ValueError:
            raise Refused("400 Bad Request", "payload is not JSON") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
            raise Refused("400 Bad Request", "payload is not an interaction object")
        return
    if not fields.get("command") and not fields.get("ssl_check"):
        raise Refused("400 Bad Request", "form without a command or payload")


def signed(secret: str, body: bytes, timestamp: str, signature: str,
           now: float | None = None) -> bool:
    """Slack's v0 signature over the raw bytes (slack_sdk's verifier decodes the body first,
    which fails on a body that is not UTF-8), within Slack's 5-minute window."""
    if not re.fullmatch(r"\d{1,12}", timestamp):
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > 300:
        return False
    base = f"v0:{timestamp}:".encode() + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def _respond(start_response: Callable[..., Any], status: str, body: bytes,
             ctype: str = "application/json") -> list[bytes]:
    start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
    return [body]


def wsgi_app(app: App, settings: Settings | None = None) -> WsgiApp:
    """/slack/events (+ /slack/install, /slack/oauth_redirect with OAuth) and /healthz."""
    settings = settings or getattr(getattr(app, "readout", None), "settings", None)
    secret = settings.signing_secret if settings else ""
    max_body = settings.max_body if settings else MAX_BODY
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def refuse(start_response: Callable[..., Any], exc: Refused,
               environ: dict[str, Any]) -> list[bytes]:
        log.warning("refused %s from %s: %s", environ.get("PATH_INFO"),
                    environ.get("REMOTE_ADDR", "?"), exc.reason)
        error = exc.status.split(" ", 1)[1].lower()
        return _respond(start_response, exc.status, json.dumps({"error": error}).encode())

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if path == "/healthz":
            return _respond(start_response, "200 OK", b"ok", "text/plain")
        if path != EVENTS_PATH or environ.get("REQUEST_METHOD") != "POST":
            return slack(environ, start_response)
        try:
            body = _read(environ, max_body)
            ts = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
            sig = environ.get("HTTP_X_SLACK_SIGNATURE", "")
            if not re.fullmatch(r"\d{1,12}", ts) or not sig:
                raise Refused("401 Unauthorized", "missing or malformed signature headers")
            if not signed(secret, body, ts, sig):
                raise Refused("401 Unauthorized", "invalid signature or stale timestamp")
            check_body(body, environ.get("CONTENT_TYPE", ""))
        except Refused as exc:
            return refuse(start_response, exc, environ)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        try:
            return slack(environ, start_response)
        except Exception as exc:  # Bolt choked on a signed request: one line, no body
            log.error("could not handle a signed request: %s", type(exc).__name__)
            return _respond(start_response, "400 Bad Request", b'{"error": "bad request"}')

    return serve


def _read(environ: dict[str, Any], max_body: int) -> bytes:
    raw = environ.get("CONTENT_LENGTH") or ""
    stream = environ["wsgi.input"]
    if raw:
        if not raw.isdigit():
            raise Refused("400 Bad Request", "bad Content-Length")
        if int(raw) > max_body:
            raise Refused("413 Payload Too Large", f"body of {raw} bytes")
        return stream.read(int(raw))
    body = stream.read(max_body + 1)
    if len(body) > max_body:
        raise Refused("413 Payload Too Large", "body over the cap")
    return body


def make_server(app: App, host: str = "0.0.0.0", port: int = 3000, threads: int = 16,
                settings: Settings | None = None,
                wrap: Callable[[WsgiApp], WsgiApp] | None = None) -> Any:
    """A waitress server, not yet running: `.run()` blocks, `.close()` stops it. `wrap` puts
    a WSGI layer in front of the guard (health.with_health: /healthz, /readyz)."""
    from waitress.server import create_server

    settings = settings or getattr(getattr(app, "readout", None), "settings", None)
    cap = settings.max_body if settings else MAX_BODY
    served = wsgi_app(app, settings)
    if wrap is not None:
        served = wrap(served)
    return create_server(served, host=host, port=port, threads=threads,
                         ident="readout", channel_timeout=30, max_request_body_size=cap)


class RedactTokens(logging.Filter):
    """Slack tokens and secrets never reach a log line, whoever logs them."""

    _TOKEN = re.compile(r"\b(xox[abposre]|xapp|xoxe(?:\.xox[bp])?)-[\w-]+")

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        clean = self._TOKEN.sub(r"\1-(redacted)", msg)
        if clean != msg:
            record.msg, record.args = clean, None
        return True


class NoBodies(logging.Filter):
    """Bolt logs request bodies in a few messages (a failed signature check at INFO, an
    unhandled request at WARNING): drop the body, keep the line."""

    _BODY = re.compile(r"(body: |request \(|Unhandled request \()(.{0,2}).*", re.S)

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith("slack_bolt"):
            return True
        msg = record.getMessage()
        if "body" in msg or "request (" in msg:
            clean = self._BODY.sub(r"\1(body not logged))", msg)
            record.msg, record.args = clean.split("\n", 1)[0], None
        return True


def configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactTokens())
        handler.addFilter(NoBodies())
