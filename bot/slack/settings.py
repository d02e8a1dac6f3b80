"""Slack settings from the environment; a missing required one is a one-line ConfigError."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ConfigError

SLACK_API_DEFAULT = "https://slack.com/api/"
# Exactly what the code calls (tests/test_slack_manifest.py derives them from the Web API methods
# and events the code uses and compares with manifest.yml):
BOT_SCOPES = (
    "app_mentions:read",  # app_mention events
    "channels:history",  # conversations.history/replies: did an interrupted digest post land?
    "channels:join",  # conversations.join: a subscribed public channel the bot is not in yet
    "channels:read",  # conversations.info, users.conversations (public channels)
    "chat:write",  # chat.postMessage / chat.update: answers, digests, confirmations, reports
    "commands",  # /readout and the "Find related statements" message shortcut
    "files:write",  # files.getUploadURLExternal/completeUploadExternal: private chart uploads
    "groups:history",  # conversations.history/replies in private channels
    "groups:read",  # conversations.info, users.conversations (private channels)
    "im:history",  # message.im events: questions in DMs
    "links:read",  # link_shared events
    "links:write",  # chat.unfurl
    "users:read",  # users.info: the subscriber's time zone
)
MAX_BODY = 1_000_000  # Slack's largest payloads (view submissions) are tens of kilobytes


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    signing_secret: str = ""
    bot_token: str | None = None
    app_token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    db_path: Path = Path(".readout/readout.db")
    api_url: str = SLACK_API_DEFAULT
    admins: frozenset[str] = field(default_factory=frozenset)
    allow_private_urls: bool = False
    fetch_max_bytes: int = 5_000_000
    fetch_timeout: float = 15.0
    max_body: int = MAX_BODY

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        api = env.get("SLACK_API_URL") or SLACK_API_DEFAULT
        return cls(
            signing_secret=env.get("SLACK_SIGNING_SECRET", ""),
            bot_token=env.get("SLACK_BOT_TOKEN") or None,
            app_token=env.get("SLACK_APP_TOKEN") or None,
            client_id=env.get("SLACK_CLIENT_ID") or None,
            client_secret=env.get("SLACK_CLIENT_SECRET") or None,
            db_path=Path(env.get("READOUT_DB", ".readout/readout.db")),
            api_url=api if api.endswith("/") else api + "/",
            admins=frozenset(a.strip() for a in env.get("READOUT_ADMINS", "").split(",")
                             if a.strip()),
            allow_private_urls=_flag(env.get("READOUT_ALLOW_PRIVATE_URLS")),
        )

    @property
    def oauth(self) -> bool:
        return bool(self.client_id and self.client_secret)

    @property
    def single_workspace(self) -> bool:
        """One bot token: every request comes from the workspace (or org) it belongs to."""
        return bool(self.bot_token)

    def is_admin(self, team_id: str | None, user_id: str | None,
                 enterprise_id: str | None = None) -> bool:
        """READOUT_ADMINS holds `TEAM:USER` (or `ENTERPRISE:USER`) entries. A bare `USER` counts
        only with a single bot token: with OAuth installs it would admit a same-id user of
        any workspace."""
        if not user_id:
            return False
        if team_id and f"{team_id}:{user_id}" in self.admins:
            return True
        if enterprise_id and f"{enterprise_id}:{user_id}" in self.admins:
            return True
        return self.single_workspace and user_id in self.admins

    def check_http(self) -> None:
        if not self.signing_secret:
            raise ConfigError("SLACK_SIGNING_SECRET is not set (Basic Information in the app page)")
        if not self.bot_token and not self.oauth:
            raise ConfigError(
                "set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET"
                " (installs to many workspaces)"
            )

    def check_socket(self) -> None:
        if not self.app_token:
            raise ConfigError("SLACK_APP_TOKEN (xapp-…) is not set; Socket Mode needs it")
        if not self.bot_token and not self.oauth:
            raise ConfigError(
                "set SLACK_BOT_TOKEN, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to use the"
                " installations made through `readout serve`'s /slack/install; Socket Mode"
                " needs one of them")

    def __repr__(self) -> str:  # never print a secret, even in a traceback's locals
        return (f"Settings(db_path={self.db_path!s}, api_url={self.api_url}, oauth={self.oauth},"
                f" admins={sorted(self.admins)}, allow_private_urls={self.allow_private_urls})")
