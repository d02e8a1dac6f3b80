"""Slack settings from the environment; a missing required one is a one-line ConfigError."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ConfigError

SLACK_API_DEFAULT = "https://slack.com/api/"
BOT_SCOPES = (
    "app_mentions:read", "channels:read", "chat:write", "commands", "files:write",
    "groups:read", "im:history", "im:read", "im:write",
)


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
        if not self.bot_token:
            raise ConfigError("SLACK_BOT_TOKEN is not set; Socket Mode needs it")

    def __repr__(self) -> str:  # never print a secret, even in a traceback's locals
        return (f"Settings(db_path={self.db_path!s}, api_url={self.api_url}, oauth={self.oauth},"
                f" admins={sorted(self.admins)}, allow_private_urls={self.allow_private_urls})")
