"""`/readout …`: parse the text, run the lookup or action, return an Answer.

Anything a user types ends in an answer: a subcommand, a search, or help naming what was wrong.
Errors Readout knows (ReadoutError) become that one line; nothing here raises to Slack.
"""

from __future__ import annotations

import html
import importlib
import ipaddress
import logging
import re
import shlex
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from slack_sdk import WebClient

from bot.errors import ReadoutError
from bot.slack import answers
from bot.slack.blocks import Answer, context, esc, sections
from bot.slack.settings import Settings
from bot.store import Store

log = logging.getLogger(__name__)

SUBCOMMANDS = ("help", "themes", "theme", "phrase", "meetings", "compare", "digest",
               "subscribe", "unsubscribe", "subscriptions", "add")


@dataclass
class Invocation:
    text: str
    user_id: str
    channel_id: str
    team_id: str | None
    settings: Settings
    store: Store
    on_subscriptions_changed: Callable[[], None] | None = None
    enterprise_id: str | None = None
    client: WebClient | None = None  # the workspace's Web API client (None in worker processes)


def _words(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote: read it as plain words
        return text.replace('"', " ").replace("'", " ").split()


def first_word(text: str) -> str:
    words = _words(text.strip())
    return words[0].lower() if words else ""


def is_instant(text: str) -> bool:
    """help (and nothing at all) is answered in the acknowledgement itself."""
    return first_word(text) in ("", "help")


def opens_form(text: str) -> bool:
    """A bare `/readout subscribe` opens the subscription form."""
    words = _words(text.strip())
    return len(words) == 1 and words[0].lower() == "subscribe"


def run(inv: Invocation) -> Answer:
    try:
        return _dispatch(inv)
    except ReadoutError as exc:
        return answers.problem_answer(str(exc))
    except Exception:  # a bug must not reach Slack as a stack trace
        log.exception("/readout %s failed", first_word(inv.text) or "(empty)")
        return answers.problem_answer("Something went wrong on our side; it has been logged.")


def _dispatch(inv: Invocation) -> Answer:
    text = " ".join(inv.text.split())
    words = _words(text)
    if not words:
        return answers.help_answer()
    cmd, args = words[0].lower(), words[1:]
    rest = text[len(words[0]):].strip() if text.lower().startswith(cmd) else " ".join(args)
    store = inv.store
    if cmd == "help":
        return answers.help_answer()
    if cmd == "themes":
        return answers.themes_answer()
    if cmd == "theme":
        if len(args) != 1:
            return answers.problem_answer("Which theme?", "Usage: `/readout theme <id>`, e.g."
                                          " `/readout theme supply_chains`; `/readout themes`"
                                          " lists them")
        return answers.theme_answer(store, args[0])
    if cmd == "phrase":
        if not rest:
            return answers.problem_answer("Which phrase?", 'Usage: `/readout phrase "<text>"`')
        return answers.phrase_answer(store, rest)
    if cmd == "meetings":
        return answers.meetings_answer(store, " ".join(args) or None)
    if cmd == "compare":
        if len(args) not in (2, 3):
            return answers.problem_answer(
                "Compare needs two meetings.",
                "Usage: `/readout compare <meeting> <meeting> [theme]` (ids or dates)")
        return answers.compare_answer(store, args[0], args[1], args[2] if len(args) > 2 else None)
    if cmd == "digest":
        return _digest_preview(inv)
    if cmd == "subscribe":
        return _subscribe(inv, args)
    if cmd == "unsubscribe":
        return _unsubscribe(inv)
    if cmd == "subscriptions":
        return _subscriptions(inv)
    if cmd == "add":
        return _add(inv, args)
    return answers.search_answer(store, text)


# -- digests ------------------------------------------------------------------------------------
PREVIEW_THREAD_PARTS = 2  # + the main message + the note: within Slack's 5 replies


def _digests() -> Any:
    try:
        for name in ("build", "render", "subscriptions"):
            importlib.import_module(f"digests.{name}")
    except ImportError as exc:
        raise ReadoutError("digests are not available in this installation") from exc
    return importlib.import_module("digests")


def _digest_preview(inv: Invocation) -> Answer:
    d = _digests()
    digest = d.subscriptions.preview_digest(inv.store, inv.channel_id, inv.team_id or "",
                                            inv.enterprise_id or "")
    rendered = d.render.render_blocks(digest)
    ans = Answer(f"Preview: {html.unescape(rendered.text or 'digest')}")
    ans.groups.append(list(rendered.blocks))
    thread = [msg.get("blocks") if isinstance(msg, dict) else msg
              for msg in rendered.thread or []]
    for blocks in thread[:PREVIEW_THREAD_PARTS]:  # what the posted digest puts in its thread
        ans.groups.append(list(blocks or []))
    more = len(thread) - PREVIEW_THREAD_PARTS
    tail = f" The posted digest continues in {more} more thread messages." if more > 0 else ""
    ans.add(context("Preview of this channel's next digest; only you can see it."
                    " Nothing was posted and the digest's watermark did not move." + tail))
    return ans


def _subscribe(inv: Invocation, args: list[str]) -> Answer:
    from bot.slack import subscribing

    if not args:
        return _note("Open the form with `/readout subscribe`, or say it in one line:"
                     " `/readout subscribe daily 08:00 Asia/Seoul supply_chains`.")
    spec = subscribing.parse_spec(args)
    if inv.client is None:
        raise ReadoutError("subscribing needs Slack")
    sub = subscribing.subscribe_channel(
        inv.client, inv.store, team_id=inv.team_id, enterprise_id=inv.enterprise_id,
        user_id=inv.user_id, channel=inv.channel_id, spec=spec)
    if inv.on_subscriptions_changed:
        inv.on_subscriptions_changed()
    return _note(f"Subscribed: {subscribing.describe(sub)}. I told the channel; change or"
                 " pause it from my App Home.", f"Subscribed this channel to a {sub.cadence}"
                 " digest")


def _unsubscribe(inv: Invocation) -> Answer:
    removed = _digests().subscriptions.unsubscribe(inv.store, inv.channel_id,
                                                   team_id=inv.team_id or "")
    if inv.on_subscriptions_changed:
        inv.on_subscriptions_changed()
    if not removed:
        return _note("This channel has no digest subscription.")
    return _note(f"Unsubscribed this channel ({removed} subscription{'s' * (removed != 1)}).")


def describe_subscription(sub: Any) -> str:
    from bot.slack.subscribing import describe

    return describe(sub)


def _subscriptions(inv: Invocation) -> Answer:
    from bot.slack.home import visible_subscriptions

    _digests()
    subs = visible_subscriptions(inv.client, inv.store, inv.team_id, inv.enterprise_id,
                                 inv.user_id)
    if not subs:
        return _note("No channel in this workspace gets a digest yet: `/readout subscribe`.")
    return _note("Digest subscriptions in this workspace:\n" + "\n".join(
        f"• {describe_subscription(s)}" for s in subs), f"{len(subs)} digest subscriptions")


def _note(mrkdwn: str, fallback: str | None = None) -> Answer:
    """A short answer; `fallback` is its plain notification text (escaped later)."""
    ans = Answer(fallback or html.unescape(re.sub(r"<[^>]*>|[*`_]", "", mrkdwn))[:200])
    ans.add(*sections(mrkdwn))
    return ans


# -- add <url> ----------------------------------------------------------------------------------
def refusal(url: str, allow_private: bool) -> str | None:
    """Why a URL may not be fetched, or None. The fetcher checks again at connect time."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return "only http:// and https:// URLs can be added"
    if allow_private:
        return None
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        return f"cannot resolve {parsed.hostname}"
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global:
            return (f"{parsed.hostname} is a private or loopback address ({ip}); the operator"
                    " can allow these with READOUT_ALLOW_PRIVATE_URLS=1")
    return None


def _add(inv: Invocation, args: list[str]) -> Answer:
    if not inv.settings.is_admin(inv.team_id, inv.user_id, inv.enterprise_id):
        return _note("Only Readout admins of this workspace can add articles (READOUT_ADMINS).")
    if len(args) != 1:
        return answers.problem_answer("Add one URL.", "Usage: `/readout add <url>`")
    url = args[0].strip("<>").split("|")[0]  # Slack wraps links as <url> or <url|label>
    why = refusal(url, inv.settings.allow_private_urls)
    if why:
        return _note(f"Not added: {esc(why)}.")
    try:
        from bot.articles.fetch import fetch_url
    except ImportError:
        return _note("Adding URLs is not available in this installation (no fetcher).")
    from bot.pipeline.analyse import Pipeline
    from bot.pipeline.ingest import IndexReport, index_articles
    from bot.search import sync_index

    s = inv.settings
    try:
        arts = fetch_url(url, allow_private=s.allow_private_urls, max_bytes=s.fetch_max_bytes,
                         timeout=s.fetch_timeout)
    except ReadoutError as exc:
        return _note(f"Not added: {esc(exc)}.")
    report = IndexReport()
    index_articles(inv.store, arts, report, Pipeline())
    sync_index(inv.store)
    if report.rejected:
        return _note("Not added: " + "; ".join(esc(r) for _, r in report.rejected))
    return _note(f"Indexed {esc(url)}: {report.added + report.replaced} article(s),"
                 f" {report.new_statements} new statements, {len(report.meetings)} meeting(s)"
                 f" ({report.unchanged + report.duplicates} already indexed).")
