"""The Web API client every part of Readout uses to reach Slack: SLACK_API_URL (the tests' fake
Web API), and retries on connection errors and 429s with Retry-After."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.slack.settings import Settings


def web_client(settings: Settings, token: str | None = None) -> WebClient:
    return WebClient(
        token=token, base_url=settings.api_url, timeout=30,
        retry_handlers=[ConnectionErrorRetryHandler(),
                        RateLimitErrorRetryHandler(max_retry_count=3)],
    )
