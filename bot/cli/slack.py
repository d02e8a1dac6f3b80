"""`readout serve` (HTTP, with the digest scheduler) and `readout socket` (Socket Mode)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import threading
from typing import Any

from bot.cli import logs

log = logging.getLogger(__name__)

DEPLOYMENT = """\
several app servers on one PostgreSQL (docs/operations.md has systemd units):
  export READOUT_DB=postgresql://readout@db.internal/readout
  readout serve --port 3000      # on app1: answers Slack, may post digests
  readout serve --port 3000      # on app2: the same; exactly one of them posts
  # a load balancer sends /slack/events to both and checks GET /readyz on each
Each server keeps its own search index ($READOUT_INDEX_DIR) and follows the database's change
journal, so an article indexed anywhere is found everywhere within seconds. Digests are posted
by whichever server holds the poster lease; if it dies another takes over within a minute.
Or run the scheduler apart: `readout serve --no-scheduler` + `readout schedule` elsewhere."""


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="run the Slack app over HTTP (/slack/events)",
                       epilog=DEPLOYMENT, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, default=3000)
    p.add_argument("--threads", type=int, default=16, help="request threads (default 16)")
    p.add_argument("--answer-threads", type=int, default=4,
                   help="threads that run lookups when there are no worker processes"
                        " (default 4)")
    p.add_argument("--answer-processes", type=int, default=2,
                   help="worker processes for lookups, 0 = in the serving process (default 2)")
    p.add_argument("--no-scheduler", action="store_true",
                   help="do not run the digest scheduler in this process")
    logs.add_argument(p)
    p.set_defaults(func=cmd_serve)
    s = sub.add_parser("socket", help="run the Slack app over Socket Mode (SLACK_APP_TOKEN)")
    s.add_argument("--answer-processes", type=int, default=0,
                   help="worker processes for lookups, 0 = in this process (default 0)")
    s.add_argument("--no-scheduler", action="store_true",
                   help="do not run the digest scheduler in this process")
    logs.add_argument(s)
    s.set_defaults(func=cmd_socket)


def _prepare(args: argparse.Namespace, socket_mode: bool) -> tuple[Any, Any, Any]:
    from bot.cli.common import open_store
    from bot.search import follow
    from bot.slack.app import build_app, client_factory
    from bot.slack.lifecycle import verify
    from bot.slack.settings import Settings

    logs.configure(getattr(args, "log_format", None))
    settings = Settings.from_env()
    settings.check_socket() if socket_mode else settings.check_http()
    me = verify(settings)  # one line and exit 1 if Slack is unreachable or refuses the token
    store = open_store(args)
    if me.get("team_id"):
        _adopt(store, me["team_id"], me.get("enterprise_id"))
    # This machine's search index follows the store's journal in the background: articles
    # indexed through any server (or `readout index` anywhere) are found here within seconds.
    follow(store)
    holder: dict[str, Any] = {}

    def changed() -> None:
        sched = holder.get("scheduler")
        if sched is not None:
            sched.sync_subscriptions()

    app = build_app(settings, store, on_subscriptions_changed=changed,
                    answer_threads=getattr(args, "answer_threads", 4),
                    answer_processes=getattr(args, "answer_processes", 0))
    if not args.no_scheduler:
        holder["scheduler"] = _start_scheduler(store, client_factory(settings, app),
                                               settings.allow_private_urls)
    return app, holder.get("scheduler"), settings


def _adopt(store: Any, team_id: str, enterprise_id: str | None) -> None:
    """Subscriptions from before workspaces were recorded belong to the bot token's one."""
    try:
        from digests.subscriptions import adopt_unscoped
    except ImportError:
        return
    adopted = adopt_unscoped(store, team_id, enterprise_id)
    if adopted:
        log.info("%d subscription(s) recorded as workspace %s's", adopted, team_id)


def _start_scheduler(store: Any, factory: Any, allow_private: bool = False) -> Any:
    try:
        from digests.schedule import start_scheduler
    except ImportError:
        log.warning("digest scheduler not available (digests.schedule missing); serving only")
        return None
    return start_scheduler(store, factory, allow_private=allow_private)


def _stop(app: Any, scheduler: Any) -> None:
    from bot.slack.app import shutdown

    shutdown(app)
    if scheduler is not None:
        scheduler.shutdown(wait=False)  # releases the poster lease for another process


def cmd_serve(args: argparse.Namespace) -> int:
    import os
    import sys

    from bot.slack.health import with_health
    from bot.slack.server import make_server

    # A request thread waiting for the GIL behind CPU-bound lookups waits one switch interval
    # per I/O step; a shorter interval keeps acknowledgements fast (slack_bench.py measures).
    sys.setswitchinterval(float(os.environ.get("READOUT_SWITCH_INTERVAL", "0.001")))
    # SIGTERM (systemd, docker stop) unwinds like Ctrl-C, so the answer workers and the
    # scheduler are shut down instead of orphaned.
    signal.signal(signal.SIGTERM, _interrupt)
    app, scheduler, settings = _prepare(args, socket_mode=False)
    try:
        store = app.readout_answerer.store
        server = make_server(app, args.host, args.port, args.threads, settings,
                             wrap=lambda inner: with_health(inner, store, lambda: scheduler))
    except OSError as exc:
        _stop(app, scheduler)
        from bot.errors import ConfigError

        raise ConfigError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    log.info("Readout listening on http://%s:%s/slack/events", args.host, server.effective_port)
    try:
        server.run()
    except KeyboardInterrupt:
        log.info("stopping")
    finally:
        server.close()
        _stop(app, scheduler)
    return 0


# Set by the SIGTERM/SIGINT handler; `readout socket`'s main thread waits on it.
_STOPPING = threading.Event()
# How long the main thread may sleep before it looks at _STOPPING again.
_STOP_POLL = 0.5


def _interrupt(signum: int, frame: Any) -> None:
    _STOPPING.set()
    raise KeyboardInterrupt


def wait_for_stop(stopping: threading.Event = _STOPPING, poll: float = _STOP_POLL) -> None:
    """Block the main thread until a stop signal arrives.

    Not signal.pause() (seen in CI: SIGTERM right after connecting, no "stopping" line, killed
    after 15 s). The kernel may deliver the signal to any of slack_sdk's or APScheduler's
    threads; Python then only marks it pending for the main thread, which pause(2) never wakes.
    A signal arriving between the interpreter's last check and the pause(2) call is lost the
    same way. A timed wait returns to the interpreter every `poll` seconds, where the pending
    handler runs; the event it sets also ends the wait if library code swallowed the
    KeyboardInterrupt.
    """
    while not stopping.wait(poll):
        pass
    raise KeyboardInterrupt


def cmd_socket(args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)  # Ctrl-C sets _STOPPING too
    app, scheduler, settings = _prepare(args, socket_mode=True)
    # apps.connections.open goes through app.client, so SLACK_API_URL applies here too.
    handler = SocketModeHandler(app, settings.app_token)
    try:
        handler.connect()
        log.info("Readout connected over Socket Mode")
        wait_for_stop()
    except KeyboardInterrupt:
        log.info("stopping")
    except Exception as exc:  # apps.connections.open refused: one line, not a traceback
        from bot.errors import ConfigError

        raise ConfigError(f"Socket Mode connection failed: {exc}") from None
    finally:
        close_socket(handler)
        _stop(app, scheduler)
    return 0


# slack_sdk's message processor reads its queue with timeout=1 (socket_mode/client.py).
_PROCESSOR_POLL = 1.5


def close_socket(handler: Any, timeout: float = 3.0) -> bool:
    """Close a Socket Mode handler without letting slack_sdk's close race hang the shutdown.

    slack_sdk's SocketModeClient.close() marks the session terminated and joins the session
    runner; a runner that had just passed its is_active() check resets `terminated` to False
    and then reads forever, so the join never returns (seen once in CI: SIGTERM right after
    connecting, killed after 15 s). The close runs in a side thread; if it is still joining
    after `timeout`, the flag is set again, which ends the runner's loop. Its threads are
    daemons, so nothing left behind keeps the process alive. Returns whether close finished.

    The second wait is longer by _PROCESSOR_POLL: once the runner ends, close() still joins the
    message processor, which blocks in a one-second queue read (seen in CI: a 0.5 s bound
    ended just before that read did).
    """

    def close() -> None:
        with contextlib.suppress(Exception):  # already closed
            handler.close()

    closer = threading.Thread(target=close, name="socket-close", daemon=True)
    closer.start()
    closer.join(timeout)
    if closer.is_alive():
        log.warning("Socket Mode close is stuck behind the session runner; ending it")
        state = getattr(getattr(handler, "client", None), "current_session_state", None)
        if state is not None:
            state.terminated = True
        closer.join(timeout + _PROCESSOR_POLL)
    return not closer.is_alive()
