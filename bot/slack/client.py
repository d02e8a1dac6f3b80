"""The Web API client every part of Readout uses to reach Slack: SLACK_API_URL (the tests' fake
Web API), retries on connection errors, and on 429s after Retry-After.

`rate_limit_retries=0` gives a client that raises on a 429 instead of sleeping: the courier
(courier.py) uses it and schedules the retry on a timer, so no thread waits out a Retry-After.
`max_wait` bounds the sleep of the others: a thread that must not be held for long (the Slack
app's pools) gives up on a longer Retry-After instead of sleeping through it.
"""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler

from bot.slack.settings import Settings


class BoundedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """slack_sdk's 429 handler (sleeps Retry-After, then retries), but only for short waits."""

    def __init__(self, max_retry_count: int, max_wait: float) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    def _can_retry(self, *, state: Any, request: Any, response: Any = None,
                   error: Any = None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response,
                                  error=error):
            return False
        headers = (response.headers if response is not None else None) or {}
        value = next((v for k, v in headers.items() if k.lower() == "retry-after"), ["1"])
        try:
            wait = float(value[0] if isinstance(value, list) else value)
        except (ValueError, IndexError):
            return False
        return wait + 1 <= self.max_wait  # slack_sdk adds up to a second of jitter


def web_client(settings: Settings, token: str | None = None, rate_limit_retries: int = 1,
               timeout: int = 30, max_wait: float | None = None) -> WebClient:
    handlers: list[RetryHandler] = [ConnectionErrorRetryHandler()]
    if rate_limit_retries > 0 and max_wait is not None:
        handlers.append(BoundedRateLimitRetryHandler(rate_limit_retries, max_wait))
    elif rate_limit_retries > 0:
        handlers.append(RateLimitErrorRetryHandler(max_retry_count=rate_limit_retries))
    return WebClient(token=token, base_url=settings.api_url, timeout=timeout,
                     retry_handlers=handlers)
