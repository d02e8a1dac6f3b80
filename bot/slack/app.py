"""The Bolt app: /readout, DMs, mentions, App Home and the buttons on answers.

Every listener acknowledges first and works after (Bolt lazy listeners for commands and
buttons; events are acknowledged by Bolt before their listener runs), so Slack's 3-second
limit holds however slow a lookup is. Web API calls go to `settings.api_url` with 429s retried
after Retry-After; Events API retries are answered once (see dedupe.py).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import ReadoutError
from bot.slack import answers, commands
from bot.slack.blocks import (
    ACTION_CHART,
    ACTION_EARLIER,
    ACTION_MORE,
    ACTION_SHARE,
)
from bot.slack.client import web_client
from bot.slack.dedupe import EventDeduper
from bot.slack.home import publish_home
from bot.slack.settings import BOT_SCOPES, Settings
from bot.slack.workers import IN_PROCESS, Answerer
from bot.store import Store

log = logging.getLogger(__name__)

def _oauth_flow(settings: Settings, store: Store) -> Any:
    import sqlalchemy
    from slack_bolt.oauth import OAuthFlow
    from slack_bolt.oauth.oauth_settings import OAuthSettings
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    # Same database file as the index; Store created it owner-only (0600) before this.
    engine = sqlalchemy.create_engine(store.sqlalchemy_url)
    installations = SQLAlchemyInstallationStore(client_id=settings.client_id, engine=engine)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
    for s in (installations, states):
        try:
            s.create_tables()
        except Exception as exc:  # another process created them first
            if "already exists" not in str(exc):
                raise
    return OAuthFlow(client=web_client(settings), settings=OAuthSettings(
        client_id=settings.client_id, client_secret=settings.client_secret,
        scopes=list(BOT_SCOPES), installation_store=installations, state_store=states,
    ))


def client_factory(settings: Settings, app: App) -> Callable[[str | None], WebClient]:
    """A Web API client for a workspace: the bot token, or its installation's token."""

    def make(team_id: str | None = None) -> WebClient:
        if settings.bot_token:
            return web_client(settings, settings.bot_token)
        store = app.installation_store
        inst = store.find_installation(enterprise_id=None, team_id=team_id) if store else None
        if inst is None or not inst.bot_token:
            raise ReadoutError(f"Readout is not installed in workspace {team_id}")
        return web_client(settings, inst.bot_token)

    return make


def build_app(
    settings: Settings, store: Store,
    on_subscriptions_changed: Callable[[], None] | None = None,
    answer_threads: int = 4,
    answer_processes: int = 0,
) -> App:
    oauth = _oauth_flow(settings, store) if settings.oauth and not settings.bot_token else None
    app = App(
        signing_secret=settings.signing_secret,
        client=web_client(settings, settings.bot_token),
        oauth_flow=oauth,
        # Lookups run here, after the ack, and post to response_url. Few threads on purpose:
        # lookups are CPU-bound under one GIL, and every extra busy thread delays the request
        # threads' acknowledgements (benchmarks/slack_bench.py measures the trade).
        listener_executor=ThreadPoolExecutor(max_workers=answer_threads,
                                             thread_name_prefix="readout-answer"),
        name="readout",
    )
    deduper = EventDeduper(store)
    answerer = Answerer(store, answer_processes)
    app.readout_answerer = answerer  # type: ignore[attr-defined]  (serve shuts it down)

    @app.middleware
    def answer_events_once(body: dict, request: Any, next: Callable[[], Any]) -> Any:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not deduper.first_time(event_id):
            retry = (request.headers.get("x-slack-retry-num") or ["?"])[0]
            reason = (request.headers.get("x-slack-retry-reason") or ["?"])[0]
            log.info("event %s already answered (retry %s: %s)", event_id, retry, reason)
            return BoltResponse(status=200, body="")
        return next()

    # -- /readout --------------------------------------------------------------------------
    def ack_command(ack: Callable[..., None], command: dict) -> None:
        if commands.is_instant(command.get("text", "")):
            ack(response_type="ephemeral", **answers.help_answer().messages()[0])
        else:
            ack()

    def run_command(command: dict, respond: Callable[..., Any]) -> None:
        text = command.get("text", "")
        if commands.is_instant(text):
            return
        first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
        if first in IN_PROCESS:
            inv = commands.Invocation(
                text=text, user_id=command.get("user_id", ""),
                channel_id=command.get("channel_id", ""), team_id=command.get("team_id"),
                settings=settings, store=store,
                on_subscriptions_changed=on_subscriptions_changed,
            )
            messages = commands.run(inv).messages()
        else:
            messages = answerer.run("command", {
                "text": text, "user": command.get("user_id", ""),
                "channel": command.get("channel_id", ""), "team": command.get("team_id")})
        _respond_messages(respond, messages, ephemeral=True)

    app.command("/readout")(ack=ack_command, lazy=[run_command])

    # -- buttons ---------------------------------------------------------------------------
    def ack_action(ack: Callable[..., None]) -> None:
        ack()

    def button_state(body: dict) -> dict[str, Any]:
        action = body["actions"][0]
        raw = action.get("value") or (action.get("selected_option") or {}).get("value") or "{}"
        return json.loads(raw)

    def is_ephemeral(body: dict) -> bool:
        return bool((body.get("container") or {}).get("is_ephemeral"))

    def run_button(body: dict, respond: Callable[..., Any], ephemeral: bool) -> None:
        try:
            st = button_state(body)
        except (KeyError, ValueError, TypeError):
            st = {"k": "unreadable"}
        messages = answerer.run("state", {"state": st, "ephemeral": ephemeral})
        _respond_messages(respond, messages, ephemeral=ephemeral)

    def run_page(body: dict, respond: Callable[..., Any]) -> None:
        run_button(body, respond, is_ephemeral(body))

    def run_share(body: dict, respond: Callable[..., Any]) -> None:
        run_button(body, respond, ephemeral=False)

    def run_chart(body: dict, client: WebClient, respond: Callable[..., Any]) -> None:
        from bot.analysis.themes import default_taxonomy
        from bot.lookups.queries import check_theme, theme_counts
        from bot.slack.charts import theme_chart

        try:
            theme = check_theme(button_state(body)["t"])
        except (ReadoutError, KeyError) as exc:
            respond(text=f"No chart: {exc}", response_type="ephemeral", replace_original=False)
            return
        label = default_taxonomy().themes[theme].label if theme in default_taxonomy().themes \
            else theme
        png = theme_chart(label, theme_counts(store, theme))
        channel = (body.get("channel") or {}).get("id") or body["container"].get("channel_id")
        try:
            client.files_upload_v2(channel=channel, file=png, filename=f"{theme}.png",
                                   title=f"{label} over time")
        except SlackApiError as exc:
            err = exc.response.get("error")
            respond(text=f"I could not post the chart here ({err}); invite me to this channel"
                    " or ask me in a DM.", response_type="ephemeral", replace_original=False)

    app.action(ACTION_MORE)(ack=ack_action, lazy=[run_page])
    app.action(ACTION_EARLIER)(ack=ack_action, lazy=[run_page])
    app.action(ACTION_SHARE)(ack=ack_action, lazy=[run_share])
    app.action(ACTION_CHART)(ack=ack_action, lazy=[run_chart])

    # -- events ----------------------------------------------------------------------------
    @app.event("message")
    def direct_message(event: dict, say: Callable[..., Any]) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        for msg in answerer.run("question", {"text": event.get("text", "")}):
            say(**msg)

    @app.event("app_mention")
    def mention(event: dict, say: Callable[..., Any]) -> None:
        thread = event.get("thread_ts") or event.get("ts")
        for msg in answerer.run("question", {"text": event.get("text", "")}):
            say(thread_ts=thread, **msg)

    @app.event("app_home_opened")
    def home_opened(event: dict, client: WebClient) -> None:
        if event.get("tab", "home") == "home":
            publish_home(client, store, event["user"])

    return app


def _respond_messages(respond: Callable[..., Any], messages: list[dict[str, Any]],
                      ephemeral: bool) -> None:
    """Every message of an answer, in order; overflow beyond 50 blocks is the next message."""
    kind = "ephemeral" if ephemeral else "in_channel"
    for msg in messages:
        respond(response_type=kind, replace_original=False, **msg)
