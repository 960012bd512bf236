"""The one retry policy for every request: which failures are retried, and how long to wait.

Retried: connection errors, timeouts, 429 and 5xx (waiting as long as `Retry-After` asks, within a
cap). Never retried: any other 4xx, which will not change by asking again.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import tenacity


class RetryableStatus(Exception):
    """A response worth asking for again (429 or 5xx), with the server's Retry-After if any."""

    def __init__(self, status: int, retry_after: str | None) -> None:
        self.status = status
        self.retry_after = retry_after_seconds(retry_after)
        super().__init__(f"HTTP {self.status}")


def retry_after_seconds(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), None if absent/bad."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


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
    max_retry_after: float = 300.0
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
        return self.wait_seconds(state.attempt_number, retry_after)

    def retrying(self) -> tenacity.Retrying:
        return tenacity.Retrying(
            retry=tenacity.retry_if_exception(_is_retryable_error),
            wait=self._wait,
            stop=tenacity.stop_after_attempt(self.attempts),
            sleep=self.sleep,
            reraise=True,
        )
