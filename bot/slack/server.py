"""Production serving: Bolt's WSGI adapter under waitress, a threaded pure-Python server.

Bolt's own `app.start()` is a single-threaded http.server meant for development: one slow
request there delays every other acknowledgement. waitress serves requests from a thread pool,
so acks stay fast while lazy listeners work (benchmarks/slack_bench.py measures both).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

log = logging.getLogger(__name__)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def wsgi_app(app: App) -> WsgiApp:
    """/slack/events (+ /slack/install, /slack/oauth_redirect with OAuth) and /healthz."""
    slack = SlackRequestHandler(app, path="/slack/events")

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        return slack(environ, start_response)

    return serve


def make_server(app: App, host: str = "0.0.0.0", port: int = 3000, threads: int = 16) -> Any:
    """A waitress server, not yet running: `.run()` blocks, `.close()` stops it."""
    from waitress.server import create_server

    return create_server(wsgi_app(app), host=host, port=port, threads=threads,
                         ident="readout", channel_timeout=30)


class RedactTokens(logging.Filter):
    """Slack tokens and secrets never reach a log line, whoever logs them."""

    _TOKEN = re.compile(r"\b(xox[abposr]|xapp|xoxe(?:\.xox[bp])?)-[\w-]+")

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        clean = self._TOKEN.sub(r"\1-(redacted)", msg)
        if clean != msg:
            record.msg, record.args = clean, None
        return True


def configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactTokens())
