"""Log output for the long-running commands (serve, socket, schedule, watch): plain lines for a
terminal, or one JSON object a line (`--log-format json`, `$READOUT_LOG_FORMAT`) for a log
collector. Slack tokens are redacted either way (bot.slack.server.RedactTokens)."""

from __future__ import annotations

import json
import logging
import os
import socket
from datetime import UTC, datetime
from typing import Any

FORMATS = ("text", "json")


class JsonFormatter(logging.Formatter):
    """{"ts", "level", "logger", "msg", "host", "pid", "thread"[, "exc"]}, one per line."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "host": socket.gethostname(),
            "pid": record.process,
            "thread": record.threadName,
        }
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def add_argument(parser: Any) -> None:
    parser.add_argument("--log-format", choices=FORMATS, default=None,
                        help="text (default) or json: one JSON object a line"
                             " (also $READOUT_LOG_FORMAT)")


def configure(fmt: str | None = None, level: int = logging.INFO) -> None:
    from bot.slack.server import RedactTokens, configure_logging

    fmt = (fmt or os.environ.get("READOUT_LOG_FORMAT") or "text").lower()
    configure_logging(level)
    for handler in logging.getLogger().handlers:
        if fmt == "json":
            handler.setFormatter(JsonFormatter())
        if not any(isinstance(f, RedactTokens) for f in handler.filters):
            handler.addFilter(RedactTokens())
