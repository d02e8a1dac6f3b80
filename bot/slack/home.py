"""The App Home tab: what is indexed, the workspace's digest subscriptions (last post, next run,
last error; pause, edit, delete), the themes, how to ask.

Only the viewer's workspace's subscriptions are shown, and a private channel's only to its
members (when Slack will not say who is in which channel, private ones are hidden).
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.analysis.themes import default_taxonomy
from bot.lookups.queries import home_stats
from bot.lookups.questions import EXAMPLES
from bot.slack.blocks import context, divider, esc, header, meeting_label, sections
from bot.store import Store

log = logging.getLogger(__name__)

ACTION_NEW = "readout_sub_new"
ACTION_PAUSE = "readout_sub_pause"
ACTION_RESUME = "readout_sub_resume"
ACTION_EDIT = "readout_sub_edit"
ACTION_DELETE = "readout_sub_delete"
HOME_ACTIONS = (ACTION_NEW, ACTION_PAUSE, ACTION_RESUME, ACTION_EDIT, ACTION_DELETE)
MAX_LISTED = 25  # 3 blocks each: the Home view holds 100 blocks


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


def visible_subscriptions(client: WebClient | None, store: Store, team_id: str | None,
                          enterprise_id: str | None, user_id: str) -> list[Any]:
    """The workspace's subscriptions this user may see: public channels', and private
    channels' only where the user is a member (hidden when Slack will not say)."""
    from digests.subscriptions import workspace_subscriptions

    subs = workspace_subscriptions(store, team_id or "", enterprise_id or "")
    if not any(s.is_private for s in subs):
        return subs
    mine = user_channels(client, user_id) if client is not None else None
    return [s for s in subs if not s.is_private or (mine is not None and s.channel in mine)]


def _when(iso_or_dt: str | datetime | None, fallback: str = "never") -> str:
    """A time as Slack's date token: each viewer sees it in their own time zone."""
    if not iso_or_dt:
        return fallback
    try:
        moment = iso_or_dt if isinstance(iso_or_dt, datetime) else \
            datetime.fromisoformat(iso_or_dt)
    except ValueError:
        return esc(str(iso_or_dt))
    text = moment.strftime("%Y-%m-%d %H:%M %Z").strip()
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{esc(text)}>"


def _subscription_blocks(sub: Any) -> list[Block]:
    from bot.slack.subscribing import describe
    from digests.post import explain
    from digests.subscriptions import next_run

    value = json.dumps({"c": sub.channel})
    status = [f"Last posted: {_when(sub.last_post_at)}",
              f"Next run: {_when(next_run(sub), 'paused' if sub.paused else 'unknown')}"]
    if sub.last_error:
        status.append(f":warning: Last error {_when(sub.last_error_at, '')}:"
                      f" {esc(explain(sub.last_error))}")
    by = f" · set up by <@{sub.created_by}>" if sub.created_by else ""
    toggle = ButtonElement(text="Resume", action_id=ACTION_RESUME, value=value,
                           style="primary") if sub.paused else \
        ButtonElement(text="Pause", action_id=ACTION_PAUSE, value=value)
    delete = ButtonElement(
        text="Delete", action_id=ACTION_DELETE, value=value, style="danger",
        confirm=ConfirmObject(title="Delete this subscription?",
                              text=f"The channel stops getting its {sub.cadence} digest.",
                              confirm="Delete", deny="Keep it"))
    return [
        *sections(describe(sub) + by),
        context(" · ".join(status)),
        ActionsBlock(elements=[toggle, ButtonElement(text="Edit", action_id=ACTION_EDIT,
                                                     value=value), delete]),
    ]


def home_view(store: Store, subscriptions: list[Any] | None) -> View:
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
        blocks += sections("*Digests*\n_Digests are not available in this installation._")
    else:
        blocks.append(SectionBlock(
            text="*Digest subscriptions in this workspace*",
            accessory=ButtonElement(text="New subscription", action_id=ACTION_NEW,
                                    value="{}", style="primary")))
        if not subscriptions:
            blocks += sections("No channel gets a digest yet. Press *New subscription*, or in"
                               " a channel: `/readout subscribe daily 08:00`.")
        for sub in subscriptions[:MAX_LISTED]:
            blocks += _subscription_blocks(sub)
        if len(subscriptions) > MAX_LISTED:
            blocks.append(context(f"…and {len(subscriptions) - MAX_LISTED} more:"
                                  " `/readout subscriptions` lists them all."))
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
    return View(type="home", blocks=blocks[:100])


def publish_home(client: WebClient, store: Store, user_id: str, team_id: str | None = None,
                 enterprise_id: str | None = None) -> None:
    try:
        subs: list[Any] | None = visible_subscriptions(client, store, team_id, enterprise_id,
                                                       user_id)
    except ImportError:  # an installation without digests
        subs = None
    client.views_publish(user_id=user_id, view=home_view(store, subs))
