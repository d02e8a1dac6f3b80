"""Operations: `readout schedule` (the digest scheduler alone), `readout watch [--once]` (the
corpus watcher), `readout subscriptions list|add|remove` (digest subscriptions, the options of
Slack's `/readout subscribe`)."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from typing import Any

from bot.cli import logs
from bot.cli.common import open_store

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "schedule", help="run the digest scheduler alone (post subscribed digests, watch feeds)",
        description="Posts subscribed channels' digests and runs the corpus watcher. Several may"
                    " run on one database: one holds the poster lease, the others stand by and"
                    " take over within a minute if it dies.")
    p.add_argument("--watch-minutes", type=float, default=None,
                   help="run the corpus watcher every N minutes, 0 = never"
                        " (default $READOUT_WATCH_MINUTES or 15)")
    logs.add_argument(p)
    p.set_defaults(func=cmd_schedule)

    p = sub.add_parser("watch", help="index what is new in watched folders and feeds"
                                     " ($READOUT_WATCH, $READOUT_FEEDS)")
    p.add_argument("--once", action="store_true", help="one scan, then exit")
    p.add_argument("--every", type=float, default=None, metavar="MINUTES",
                   help="minutes between scans (default $READOUT_WATCH_MINUTES or 15)")
    p.add_argument("--allow-private", action="store_true",
                   help="allow feeds and links on private or loopback addresses"
                        " (also READOUT_ALLOW_PRIVATE_URLS=1)")
    p.add_argument("--json", action="store_true", help="print each scan's report as JSON")
    logs.add_argument(p)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("subscriptions", help="list, add or remove channels' digest subscriptions")
    ops = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = ops.add_parser("list", help="every subscription")
    ls.add_argument("--json", action="store_true", help="JSON Lines, one subscription a line")
    ls.set_defaults(func=cmd_subscriptions_list)
    add = ops.add_parser("add", help="subscribe a channel (replaces its subscription)")
    add.add_argument("channel", help="Slack channel id, e.g. C0123456789")
    add.add_argument("cadence", choices=("daily", "weekly"))
    add.add_argument("--at", default="08:00", metavar="HH:MM",
                     help="time of day on a 24-hour clock (default 08:00)")
    add.add_argument("--tz", default="UTC", metavar="ZONE",
                     help="IANA time zone of --at, e.g. Asia/Seoul (default UTC)")
    add.add_argument("--weekday", default="mon", metavar="DAY",
                     help="day of a weekly digest: mon … sun (default mon)")
    add.add_argument("--theme", action="append", default=[], metavar="THEME",
                     help="only these themes (repeat for several; default all)")
    add.add_argument("--team", default=None, metavar="TEAM_ID",
                     help="the workspace (team id) the channel is in, for OAuth installs")
    add.set_defaults(func=cmd_subscriptions_add)
    rm = ops.add_parser("remove", help="unsubscribe a channel")
    rm.add_argument("channel")
    rm.set_defaults(func=cmd_subscriptions_remove)


# -- schedule ---------------------------------------------------------------------------------
def slack_clients(store: Any) -> Any:
    """A Web API client per workspace without a Bolt app: the bot token, or the token of the
    workspace's installation (OAuth) from the same database."""
    from bot.errors import ReadoutError
    from bot.slack.client import web_client
    from bot.slack.settings import Settings

    settings = Settings.from_env()
    if not settings.bot_token and not settings.oauth:
        raise ReadoutError("set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and"
                           " SLACK_CLIENT_SECRET (installs) so digests can be posted")
    installations: list[Any] = []

    def make(team_id: str | None = None) -> Any:
        if settings.bot_token:
            return web_client(settings, settings.bot_token)
        if not installations:
            import sqlalchemy
            from slack_sdk.oauth.installation_store.sqlalchemy import (
                SQLAlchemyInstallationStore,
            )

            installations.append(SQLAlchemyInstallationStore(
                client_id=settings.client_id or "",
                engine=sqlalchemy.create_engine(store.sqlalchemy_url)))
        inst = installations[0].find_installation(enterprise_id=None, team_id=team_id)
        if inst is None or not inst.bot_token:
            raise ReadoutError(f"Readout is not installed in workspace {team_id}")
        return web_client(settings, inst.bot_token)

    return make, settings


def _until_signalled() -> threading.Event:
    stop = threading.Event()

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    return stop


def cmd_schedule(args: argparse.Namespace) -> int:
    from digests.schedule import ReadoutScheduler

    logs.configure(args.log_format)
    store = open_store(args)
    factory, settings = slack_clients(store)
    stop = _until_signalled()
    sched = ReadoutScheduler(store, factory, watch_minutes=args.watch_minutes,
                             allow_private=settings.allow_private_urls).start()
    log.info("digest scheduler running on %s (%s)", store.label,
             "posting" if sched.is_poster else "standing by")
    try:
        # A timed wait, not stop.wait(): SIGTERM delivered to a scheduler thread only marks the
        # handler pending, and an untimed wait would never let the main thread run it.
        while not stop.wait(0.5):
            pass
    finally:
        log.info("stopping")
        sched.shutdown()
    return 0


# -- watch ------------------------------------------------------------------------------------
def _allow_private(args: argparse.Namespace) -> bool:
    from bot.slack.settings import Settings

    return bool(args.allow_private or Settings.from_env().allow_private_urls)


def _scan(store: Any, args: argparse.Namespace) -> Any:
    from digests.watcher import watch_once

    report = watch_once(store, allow_private=_allow_private(args))
    if args.json:
        print(json.dumps({"files": report.files, "links": report.links,
                          **report.indexed.as_dict(),
                          "errors": [{"source": s, "reason": r} for s, r in report.errors]},
                         ensure_ascii=False), flush=True)
    else:
        i = report.indexed
        print(f"watched: {report.files} changed files, {report.links} new links;"
              f" {i.added} added, {i.replaced} replaced, {i.new_statements} new statements",
              flush=True)
        for source, reason in [*report.errors, *i.rejected]:
            print(f"  {source}: {reason}", file=sys.stderr)
    return report


def cmd_watch(args: argparse.Namespace) -> int:
    import os

    from digests.watcher import watched_feeds, watched_folders

    store = open_store(args)
    if not watched_folders() and not watched_feeds():
        from bot.errors import ConfigError

        raise ConfigError("nothing to watch: set READOUT_WATCH (folders) and/or READOUT_FEEDS"
                          " (feed URLs)")
    if args.once:
        report = _scan(store, args)
        return 1 if report.errors or report.indexed.rejected else 0
    logs.configure(args.log_format)
    minutes = args.every if args.every is not None else \
        float(os.environ.get("READOUT_WATCH_MINUTES", "15"))
    stop = _until_signalled()
    while not stop.is_set():
        try:
            _scan(store, args)
        except Exception:  # a scan that fails (store down) is retried at the next one
            log.exception("watch scan failed")
        stop.wait(max(minutes, 0.05) * 60)
    return 0


# -- subscriptions ------------------------------------------------------------------------------
def cmd_subscriptions_list(args: argparse.Namespace) -> int:
    from digests.subscriptions import list_subscriptions

    subs = list_subscriptions(open_store(args))
    if args.json:
        for s in subs:
            print(json.dumps({"channel": s.channel, "cadence": s.cadence, "at": s.at,
                              "tz": s.tz, "weekday": s.weekday, "themes": s.themes,
                              "team": s.team_id}, ensure_ascii=False))
        return 0
    if not subs:
        print("no subscriptions (add one with `readout subscriptions add CHANNEL daily`)")
    for s in subs:
        print(s.describe())
    return 0


def cmd_subscriptions_add(args: argparse.Namespace) -> int:
    from digests.subscriptions import subscribe

    sub = subscribe(open_store(args), args.channel, args.cadence, at=args.at, tz=args.tz,
                    themes=args.theme or None, team_id=args.team, weekday=args.weekday)
    print(f"subscribed {sub.describe()}")
    print("  (a running scheduler picks this up within its next tick, 15 s by default)")
    return 0


def cmd_subscriptions_remove(args: argparse.Namespace) -> int:
    from bot.errors import NotFoundError
    from digests.subscriptions import unsubscribe

    if not unsubscribe(open_store(args), args.channel):
        raise NotFoundError(f"{args.channel} has no subscription")
    print(f"unsubscribed {args.channel}")
    return 0
