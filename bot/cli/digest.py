"""`readout digest`: the digest in the terminal, as JSON, or posted to a Slack channel."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from bot.errors import QueryError
from bot.store import Store
from digests import state
from digests.build import TERMINAL, build_digest
from digests.render import render_blocks, render_json, render_text


def register(sub: Any) -> None:
    p = sub.add_parser(
        "digest", help="what is new since the last digest: new, repeated, dropped phrases",
        description="Without --since, covers what was indexed since the last digest of the"
        " destination (the terminal is one); a plain run moves the terminal's watermark.",
    )
    p.add_argument("--since", metavar="DATE", help="cover meetings on or after DATE (YYYY-MM-DD)"
                   " instead of what is new; does not move the watermark")
    p.add_argument("--json", action="store_true", help="print the digest as JSON")
    p.add_argument("--post", metavar="CHANNEL",
                   help="post to this Slack channel id (token from SLACK_BOT_TOKEN)")
    p.add_argument("--dry-run", action="store_true",
                   help="show the digest (or the Slack blocks) without moving any watermark")
    p.add_argument("--theme", nargs="+", metavar="T", help="only these themes (no watermark move)")
    p.add_argument("--widen", action="store_true",
                   help="compare with every relationship, not only meetings of the same sides")
    p.set_defaults(func=cmd_digest)


def _since(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise QueryError(f"--since wants a date like 2024-12-24, not {value!r}") from exc


def slack_client() -> Any:
    # The Slack app's own client: SLACK_API_URL and the same 429/connection retry handlers.
    from bot.slack.client import web_client
    from bot.slack.settings import Settings

    settings = Settings.from_env()
    if not settings.bot_token:
        raise QueryError("--post needs SLACK_BOT_TOKEN in the environment")
    return web_client(settings, settings.bot_token)


def cmd_digest(args: argparse.Namespace) -> int:
    from bot.cli.common import open_store

    store = open_store(args)
    since = _since(args.since)
    if args.post and not args.dry_run:
        from digests.post import post_digest

        result = post_digest(store, args.post, slack_client(), since=since)
        print(json.dumps({"status": result.status, "channel": result.channel,
                          "digest_id": result.digest_id, "ts": result.ts,
                          "thread_ts": result.thread_ts, "error": result.error}))
        return 0 if result.status in ("posted", "already_posted", "empty") else 1
    destination = args.post or TERMINAL
    digest = build_digest(store, destination, since=since, themes=args.theme, widen=args.widen)
    if args.post:  # --dry-run: what Slack would receive
        msgs = render_blocks(digest)
        print(json.dumps({"text": msgs.text, "blocks": msgs.blocks, "thread": msgs.thread},
                         ensure_ascii=False, indent=2))
        return 0
    if args.json:
        print(json.dumps(render_json(digest), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_text(digest))
    if not args.dry_run and since is None and not args.theme:
        state.move_watermark(store, TERMINAL, digest.to_sid)
    return 0


def print_demo_digest(store: Store) -> None:
    """The latest meeting against the earlier ones, for `readout demo`; moves no watermark."""
    row = store.conn.execute(
        "SELECT max(event_date) FROM meetings WHERE event_date IS NOT NULL").fetchone()
    if not row or not row[0]:
        print("No dated meetings indexed yet: nothing to compare.")
        return
    latest = date.fromisoformat(row[0])
    print(f"$ readout digest --since {latest.isoformat()} --dry-run")
    sys.stdout.write(render_text(build_digest(store, "demo", since=latest)))
