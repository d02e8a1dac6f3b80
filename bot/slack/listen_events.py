"""Events: questions in DMs and mentions, the App Home, link unfurls, revoked tokens and
uninstalls. Bolt acknowledges an event when its listener returns; every listener here only
queues work, and Events API retries are dropped after the ack (runtime.first_time)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack import lifecycle
from bot.slack.courier import Conversation
from bot.slack.home import publish_home
from bot.slack.runtime import Runtime, scope
from bot.slack.unfurl import unfurl

log = logging.getLogger(__name__)


def _answer(rt: Runtime, body: dict[str, Any], client: WebClient, channel: str,
            text: str, thread_ts: str | None) -> None:
    if not rt.first_time(body):
        return
    dest = Conversation(client=rt.sender(client), channel=channel, thread_ts=thread_ts)
    rt.courier.answer_when_done(rt.answerer.submit("question", {"text": text}), dest)


def _once(rt: Runtime, body: dict[str, Any], fn: Any, *args: Any) -> None:
    if rt.first_time(body):
        fn(*args)


def register(app: App, rt: Runtime) -> None:
    @app.event("message")
    def direct_message(event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        rt.in_io(_answer, rt, body, client, str(event.get("channel") or ""),
                 str(event.get("text") or ""), None)

    @app.event("app_mention")
    def mention(event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        if event.get("bot_id"):
            return
        thread = event.get("thread_ts") or event.get("ts")
        rt.in_io(_answer, rt, body, client, str(event.get("channel") or ""),
                 str(event.get("text") or ""), thread)

    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        team, enterprise = scope(context)
        rt.in_io(publish_home, client, rt.store, str(event["user"]), team, enterprise)

    @app.event("link_shared")
    def link_shared(event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        rt.in_io(_once, rt, body, unfurl, client, rt.store, event)

    @app.event("tokens_revoked")
    def revoked(event: dict[str, Any], context: BoltContext) -> None:
        team, enterprise = scope(context)
        rt.in_io(lifecycle.tokens_revoked, rt.installation_store, event, team or None,
                 enterprise or None)

    @app.event("app_uninstalled")
    def uninstalled(context: BoltContext) -> None:
        team, enterprise = scope(context)

        def forget() -> None:
            lifecycle.uninstalled(rt.installation_store, rt.store, team or None,
                                  enterprise or None)
            rt.changed()

        rt.in_io(forget)
