"""The one retry policy for every request: which failures are retried, and how long to wait.

Retried: connection errors, timeouts, 429 and 5xx (waiting as long as `Retry-After` asks, up to
`MAX_RETRY_AFTER`, with a line when it asks for more). Never retried: any other 4xx, which will
not change by asking again.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import tenacity

log = logging.getLogger("sendscrape.scraper")

MAX_RETRY_AFTER = 120.0
"""The longest wait a `Retry-After` gets, in seconds: three retries then cost a URL at most six
minutes of the run's time budget."""


class RetryableStatus(Exception):
    """A response worth asking for again (429 or 5xx), with the server's Retry-After if any."""

    def __init__(self, status: int, retry_after: str | None) -> None:
        self.status = status
        self.retry_after = retry_after_seconds(retry_after)
        super().__init__(f"HTTP {self.status}")


def retry_after_seconds(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None when absent,
    unreadable or a date already past, so the ordinary backoff applies."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    seconds = when.timestamp() - now()
    return seconds if seconds > 0 else None


def is_retryable_status(status: int) -> bool:
    return status == 429 or 500 <= status <= 599


def _is_retryable_error(error: BaseException) -> bool:
    if isinstance(error, httpx.UnsupportedProtocol):
        return False
    return isinstance(error, RetryableStatus | httpx.TransportError)


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts and backoff: exponential from `initial_wait`, doubled each time, plus jitter."""

    attempts: int = 4
    initial_wait: float = 1.0
    max_wait: float = 60.0
    jitter: float = 1.0
    max_retry_after: float = MAX_RETRY_AFTER
    sleep: Callable[[float], None] = time.sleep

    def wait_seconds(self, attempt: int, retry_after: float | None) -> float:
        """Wait before attempt `attempt + 1` (attempt counts from 1)."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        backoff = self.initial_wait * 2.0 ** (attempt - 1) + random.uniform(0, self.jitter)
        return min(backoff, self.max_wait)

    def _wait(self, state: tenacity.RetryCallState) -> float:
        error: BaseException | None = state.outcome.exception() if state.outcome else None
        retry_after = error.retry_after if isinstance(error, RetryableStatus) else None
        if retry_after is not None and retry_after > self.max_retry_after:
            url = state.args[0] if state.args else "a request"
            log.warning(
                "%s asks to retry after %g s: capped at %g s",
                url,
                retry_after,
                self.max_retry_after,
            )
        return self.wait_seconds(state.attempt_number, retry_after)

    def retrying(self, sleep: Callable[[float], None] | None = None) -> tenacity.Retrying:
        """Retries by this policy, waiting with `sleep` (default: the policy's own)."""
        return tenacity.Retrying(
            retry=tenacity.retry_if_exception(_is_retryable_error),
            wait=self._wait,
            stop=tenacity.stop_after_attempt(self.attempts),
            sleep=sleep or self.sleep,
            reraise=True,
        )
