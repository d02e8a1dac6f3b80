"""The App Home tab: what is indexed, this user's channels' digests, the themes, how to ask."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.analysis.themes import default_taxonomy
from bot.lookups.queries import home_stats
from bot.lookups.questions import EXAMPLES
from bot.slack.blocks import MAX_BLOCKS, context, divider, esc, header, meeting_label, sections
from bot.store import Store

log = logging.getLogger(__name__)


def user_channels(client: WebClient, user_id: str) -> set[str] | None:
    """Channels the user is in that the bot can see; None when Slack will not say."""
    channels: set[str] = set()
    cursor = None
    try:
        while True:
            resp = client.users_conversations(
                user=user_id, types="public_channel,private_channel", limit=200,
                exclude_archived=True, cursor=cursor,
            )
            channels.update(c["id"] for c in resp.get("channels", []))
            cursor = (resp.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return channels
    except SlackApiError as exc:
        log.info("users.conversations unavailable: %s", exc.response.get("error"))
        return None


def _subscriptions(store: Store, channels: set[str] | None) -> list[Any] | None:
    try:
        from digests.subscriptions import list_subscriptions
    except ImportError:
        return None
    subs = list_subscriptions(store)
    if channels is None:
        return subs
    return [s for s in subs if (s.get("channel") if isinstance(s, dict)
                                else getattr(s, "channel", None)) in channels]


def home_view(store: Store, subscriptions: list[Any] | None) -> View:
    from bot.slack.commands import describe_subscription

    stats = home_stats(store)
    latest = stats["latest_meeting"]
    blocks: list[Block] = [header("Readout: who said what in diplomatic readouts")]
    indexed = (f"*Indexed:* {stats['articles']} articles, {stats['meetings']} meetings,"
               f" {stats['statements']} statements.")
    if latest:
        indexed += (f"\n*Latest meeting:* {esc(latest.get('event_date') or 'undated')}"
                    f" {esc(meeting_label(latest))}")
    blocks += sections(indexed)
    blocks.append(divider())
    if subscriptions is None:
        subs_txt = "_Digests are not available in this installation._"
    elif not subscriptions:
        subs_txt = ("None of your channels gets a digest yet."
                    " In a channel: `/readout subscribe daily`")
    else:
        subs_txt = "\n".join(f"• {describe_subscription(s)}" for s in subscriptions)
    blocks += sections("*Your channels' digests*\n" + subs_txt)
    blocks.append(divider())
    tax = default_taxonomy()
    blocks += sections("*Themes*\n" + "\n".join(
        f"• `{esc(t.id)}` {esc(t.label)}" for t in tax.themes.values()))
    blocks.append(divider())
    blocks += sections(
        "*How to ask*\n• `/readout supply chains since:2024` searches\n"
        "• `/readout help` lists every command\n"
        "• Send me a DM or mention me with a question: "
        + "; ".join(f"“{esc(e)}”" for e in EXAMPLES))
    blocks.append(context("Answers are only visible to you until you press *Share in channel*."))
    return View(type="home", blocks=blocks[:MAX_BLOCKS])  # the Home view holds 100; we use < 20


def publish_home(client: WebClient, store: Store, user_id: str) -> None:
    subs = _subscriptions(store, user_channels(client, user_id))
    client.views_publish(user_id=user_id, view=home_view(store, subs))
