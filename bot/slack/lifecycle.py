"""Installations over their life: the scheduler's clients (with token rotation), revoked tokens,
uninstalls.

- `client_factory()` gives the scheduler a Web API client per workspace. It never raises: a
  workspace that is gone gets a client whose every call fails with `not_installed`, so the
  digest poster records that failure for its channels and carries on with the others.
- Tokens that expire (Slack's token rotation) are refreshed before use with slack_sdk's
  `TokenRotator` and saved back, as Bolt does for incoming requests.
- `tokens_revoked` deletes the revoked tokens; `app_uninstalled` deletes the workspace's
  installation, its subscriptions and their digest state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackTokenRotationError
from slack_sdk.oauth.token_rotation import TokenRotator
from slack_sdk.web import SlackResponse

from bot.slack.client import web_client
from bot.slack.settings import Settings
from bot.store import Store

log = logging.getLogger(__name__)

ROTATE_MINUTES = 120  # refresh a token expiring within this (slack_sdk's default)


class UnavailableClient(WebClient):
    """A client for a workspace Readout cannot reach: every call fails with `not_installed`."""

    def __init__(self, team_id: str | None, reason: str) -> None:
        super().__init__(token=None)
        self.reason = reason
        self.missing_team = team_id

    def api_call(self, api_method: str, **kwargs: Any) -> SlackResponse:  # type: ignore[override]
        data = {"ok": False, "error": "not_installed", "detail": self.reason}
        resp = SlackResponse(client=self, http_verb="POST", api_url=api_method, req_args={},
                             data=data, headers={}, status_code=200)
        raise SlackApiError(f"{api_method}: Readout is not installed in {self.missing_team}",
                            resp)


def rotator(settings: Settings) -> TokenRotator | None:
    if not settings.oauth:
        return None
    return TokenRotator(client_id=settings.client_id or "",
                        client_secret=settings.client_secret or "",
                        client=web_client(settings))


def find_bot(installations: Any, team_id: str | None, enterprise_id: str | None,
             rotate: TokenRotator | None) -> Any:
    """The workspace's bot installation (an org-wide one for an Enterprise Grid workspace),
    its token refreshed first if it rotates and is about to expire."""
    bot = installations.find_bot(enterprise_id=enterprise_id or None, team_id=team_id or None)
    if bot is None and enterprise_id:
        bot = installations.find_bot(enterprise_id=enterprise_id, team_id=None,
                                     is_enterprise_install=True)
    if bot is not None and bot.bot_refresh_token and rotate is not None:
        refreshed = rotate.perform_bot_token_rotation(bot=bot,
                                                      minutes_before_expiration=ROTATE_MINUTES)
        if refreshed is not None:
            installations.save_bot(refreshed)
            bot = refreshed
    return bot


def client_factory(settings: Settings, installations: Any = None,
                   store: Store | None = None) -> Callable[[str | None], WebClient]:
    """A Web API client for a workspace: the bot token, or its installation's (fresh) token."""
    rotate = rotator(settings)

    def make(team_id: str | None = None) -> WebClient:
        if settings.bot_token:
            return web_client(settings, settings.bot_token, rate_limit_retries=2)
        if installations is None:
            return UnavailableClient(team_id, "no installation store")
        enterprise = _enterprise_of(store, team_id) if store is not None else None
        try:
            bot = find_bot(installations, team_id, enterprise, rotate)
        except SlackTokenRotationError as exc:
            log.error("token rotation failed for %s: %s", team_id, exc)
            return UnavailableClient(team_id, "token rotation failed")
        except Exception as exc:  # the installation store itself failed: one workspace only
            log.error("installation lookup failed for %s: %s", team_id, exc)
            return UnavailableClient(team_id, "installation lookup failed")
        if bot is None or not bot.bot_token:
            log.warning("Readout is not installed in workspace %s", team_id)
            return UnavailableClient(team_id, "not installed")
        return web_client(settings, bot.bot_token, rate_limit_retries=2)

    return make


def _enterprise_of(store: Store, team_id: str | None) -> str | None:
    try:
        from digests.subscriptions import enterprise_of
    except ImportError:
        return None
    return enterprise_of(store, team_id)


def tokens_revoked(installations: Any, event: dict[str, Any], team_id: str | None,
                   enterprise_id: str | None) -> None:
    tokens = event.get("tokens") or {}
    if installations is None:
        log.warning("tokens revoked in %s; restart with a new SLACK_BOT_TOKEN", team_id)
        return
    for user_id in tokens.get("oauth") or []:
        installations.delete_installation(enterprise_id=enterprise_id, team_id=team_id,
                                          user_id=user_id)
    if tokens.get("bot"):
        installations.delete_bot(enterprise_id=enterprise_id, team_id=team_id)
    log.info("tokens revoked in %s: deleted", team_id)


def uninstalled(installations: Any, store: Store, team_id: str | None,
                enterprise_id: str | None) -> list[str]:
    """Forget the workspace: installation and tokens, subscriptions, their digest state."""
    if installations is not None:
        installations.delete_all(enterprise_id=enterprise_id, team_id=team_id)
    try:
        from digests.subscriptions import remove_workspace
    except ImportError:
        return []
    channels = remove_workspace(store, team_id, enterprise_id)
    log.info("uninstalled from %s: removed %d subscription(s)", team_id, len(channels))
    return channels


def verify(settings: Settings) -> dict[str, Any]:
    """Before serving: can Slack be reached at SLACK_API_URL, and does it accept the token?
    A ConfigError with one line if not."""
    from bot.errors import ConfigError

    client = web_client(settings, settings.bot_token, rate_limit_retries=1, timeout=10)
    sdk_log = logging.getLogger("slack_sdk")
    level = sdk_log.level
    sdk_log.setLevel(logging.CRITICAL)  # the SDK logs each failed try; we say it once
    try:
        if settings.bot_token:
            return dict(client.auth_test().data)  # type: ignore[arg-type]
        client.api_test()
        return {}
    except SlackApiError as exc:
        error = exc.response.get("error")
        if settings.bot_token:
            raise ConfigError(f"Slack refused SLACK_BOT_TOKEN ({error}); copy the Bot User"
                              " OAuth Token from the app's OAuth & Permissions page") from None
        raise ConfigError(f"Slack at {settings.api_url} answered {error}") from None
    except Exception as exc:  # urllib/socket errors: unreachable, refused, DNS, TLS
        reason = getattr(exc, "reason", None) or exc
        raise ConfigError(f"cannot reach the Slack API at {settings.api_url}: {reason}"
                          " (check SLACK_API_URL and the network)") from None
    finally:
        sdk_log.setLevel(level)
