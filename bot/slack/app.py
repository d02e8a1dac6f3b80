"""The Bolt app: /readout, DMs, mentions, the App Home, buttons, the subscription form, link
unfurls, the message shortcut, and the installation lifecycle.

Every listener only acknowledges and queues (Bolt's `process_before_response`: the ack runs on
the thread that received the request, never in a pool behind a lookup); the work runs where
runtime.py says, and the courier delivers the answer. Every read and write is scoped by the
requesting workspace (team and enterprise id): see listeners_*.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack import listen_actions, listen_commands, listen_events
from bot.slack.client import web_client
from bot.slack.lifecycle import client_factory as _factory
from bot.slack.runtime import Runtime
from bot.slack.settings import BOT_SCOPES, Settings
from bot.slack.workers import Answerer
from bot.store import Store

log = logging.getLogger(__name__)


def _stores(settings: Settings, store: Store) -> tuple[Any, Any]:
    import sqlalchemy
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    # Same database as the index (store.sqlalchemy_url); a SQLite file is owner-only (0600).
    engine = sqlalchemy.create_engine(store.sqlalchemy_url)
    installations = SQLAlchemyInstallationStore(client_id=settings.client_id, engine=engine)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
    for s in (installations, states):
        try:
            s.create_tables()
        except Exception as exc:  # another process created them first
            if "already exists" not in str(exc):
                raise
    return installations, states


def _oauth_flow(settings: Settings, installations: Any, states: Any) -> Any:
    # Token rotation: Bolt refreshes expiring tokens on incoming requests (and the scheduler's
    # client factory does the same, lifecycle.py) when the app has it turned on.
    from slack_bolt.authorization.authorize import InstallationStoreAuthorize
    from slack_bolt.oauth import OAuthFlow
    from slack_bolt.oauth.oauth_settings import OAuthSettings

    oauth = OAuthSettings(
        client_id=settings.client_id, client_secret=settings.client_secret,
        scopes=list(BOT_SCOPES), installation_store=installations, state_store=states,
        token_rotation_expiration_minutes=120,
    )
    # The default authorize refreshes tokens through a client of its own that ignores
    # SLACK_API_URL: give it ours.
    oauth.authorize = InstallationStoreAuthorize(
        logger=logging.getLogger("slack_bolt.Authorize"), installation_store=installations,
        client_id=settings.client_id, client_secret=settings.client_secret,
        token_rotation_expiration_minutes=120, client=web_client(settings))
    return OAuthFlow(client=web_client(settings), settings=oauth)


def client_factory(settings: Settings, app: App) -> Callable[[str | None], WebClient]:
    """The scheduler's Web API client per workspace (never raises; see lifecycle.py)."""
    rt: Runtime | None = getattr(app, "readout", None)
    return _factory(settings, app.installation_store, rt.store if rt else None)


def build_app(
    settings: Settings, store: Store,
    on_subscriptions_changed: Callable[[], None] | None = None,
    answer_threads: int = 4,
    answer_processes: int = 0,
) -> App:
    oauth = None
    installations = None
    if settings.oauth and not settings.bot_token:
        installations, states = _stores(settings, store)
        oauth = _oauth_flow(settings, installations, states)
    app = App(
        signing_secret=settings.signing_secret,
        # Every listener's client is a copy of this one: a 429 with a long Retry-After fails
        # the call instead of holding a pool thread (answers go through the courier instead).
        client=web_client(settings, settings.bot_token, max_wait=3.0),
        oauth_flow=oauth,
        # Acknowledge on the receiving thread; everything slow is queued (runtime.py).
        process_before_response=True,
        # `readout serve` checks the token itself first, with a one-line error.
        token_verification_enabled=False,
        # Bolt's own pool is left with nothing slow to run.
        listener_executor=ThreadPoolExecutor(2, thread_name_prefix="readout-bolt"),
        name="readout",
    )
    rt = Runtime(settings, store, Answerer(store, answer_processes, answer_threads),
                 on_subscriptions_changed, installation_store=installations)
    app.readout = rt  # type: ignore[attr-defined]
    app.readout_answerer = rt.answerer  # type: ignore[attr-defined]
    listen_commands.register(app, rt)
    listen_events.register(app, rt)
    listen_actions.register(app, rt)
    return app


def shutdown(app: App) -> None:
    rt: Runtime | None = getattr(app, "readout", None)
    if rt is not None:
        rt.shutdown()
