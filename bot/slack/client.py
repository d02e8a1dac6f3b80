"""The Web API client every part of Readout uses to reach Slack: SLACK_API_URL (the tests' fake
Web API), retries on connection errors, and on 429s after Retry-After.

`rate_limit_retries=0` gives a client that raises on a 429 instead of sleeping: the courier
(courier.py) uses it and schedules the retry on a timer, so no thread waits out a Retry-After.
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler

from bot.slack.settings import Settings


def web_client(settings: Settings, token: str | None = None, rate_limit_retries: int = 1,
               timeout: int = 30) -> WebClient:
    handlers: list[RetryHandler] = [ConnectionErrorRetryHandler()]
    if rate_limit_retries > 0:
        handlers.append(RateLimitErrorRetryHandler(max_retry_count=rate_limit_retries))
    return WebClient(token=token, base_url=settings.api_url, timeout=timeout,
                     retry_handlers=handlers)
