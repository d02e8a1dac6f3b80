"""`readout serve` (HTTP, with the digest scheduler) and `readout socket` (Socket Mode)."""

from __future__ import annotations

import argparse
import logging
import signal
from typing import Any

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="run the Slack app over HTTP (/slack/events)")
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, default=3000)
    p.add_argument("--threads", type=int, default=16, help="request threads (default 16)")
    p.add_argument("--answer-threads", type=int, default=4,
                   help="threads that run lookups after the acknowledgement (default 4)")
    p.add_argument("--answer-processes", type=int, default=2,
                   help="worker processes for lookups, 0 = in the serving process (default 2)")
    p.add_argument("--no-scheduler", action="store_true",
                   help="do not run the digest scheduler in this process")
    p.set_defaults(func=cmd_serve)
    s = sub.add_parser("socket", help="run the Slack app over Socket Mode (SLACK_APP_TOKEN)")
    s.add_argument("--no-scheduler", action="store_true")
    s.set_defaults(func=cmd_socket)


def _prepare(args: argparse.Namespace, socket_mode: bool) -> tuple[Any, Any, Any]:
    from bot.cli.common import open_store
    from bot.slack.app import build_app, client_factory
    from bot.slack.server import configure_logging
    from bot.slack.settings import Settings

    configure_logging()
    settings = Settings.from_env()
    settings.check_socket() if socket_mode else settings.check_http()
    store = open_store(args)
    holder: dict[str, Any] = {}

    def changed() -> None:
        sched = holder.get("scheduler")
        if sched is not None:
            sched.sync_subscriptions()

    app = build_app(settings, store, on_subscriptions_changed=changed,
                    answer_threads=getattr(args, "answer_threads", 4),
                    answer_processes=getattr(args, "answer_processes", 0))
    if not args.no_scheduler:
        holder["scheduler"] = _start_scheduler(store, client_factory(settings, app))
    return app, holder.get("scheduler"), settings


def _start_scheduler(store: Any, factory: Any) -> Any:
    try:
        from digests.schedule import start_scheduler
    except ImportError:
        log.warning("digest scheduler not available (digests.schedule missing); serving only")
        return None
    return start_scheduler(store, factory)


def cmd_serve(args: argparse.Namespace) -> int:
    import os
    import sys

    from bot.slack.server import make_server

    # A request thread waiting for the GIL behind CPU-bound lookups waits one switch interval
    # per I/O step; a shorter interval keeps acknowledgements fast (slack_bench.py measures).
    sys.setswitchinterval(float(os.environ.get("READOUT_SWITCH_INTERVAL", "0.001")))
    # SIGTERM (systemd, docker stop) unwinds like Ctrl-C, so the answer workers and the
    # scheduler are shut down instead of orphaned.
    signal.signal(signal.SIGTERM, _interrupt)
    app, scheduler, _ = _prepare(args, socket_mode=False)
    server = make_server(app, args.host, args.port, args.threads)
    log.info("Readout listening on http://%s:%s/slack/events", args.host, server.effective_port)
    try:
        server.run()
    except KeyboardInterrupt:
        log.info("stopping")
    finally:
        server.close()
        app.readout_answerer.shutdown()
        if scheduler is not None:
            scheduler.shutdown()
    return 0


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def cmd_socket(args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    app, scheduler, settings = _prepare(args, socket_mode=True)
    # apps.connections.open goes through app.client, so SLACK_API_URL applies here too.
    handler = SocketModeHandler(app, settings.app_token)
    try:
        handler.start()
    finally:
        if scheduler is not None:
            scheduler.shutdown()
    return 0
