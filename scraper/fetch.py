"""The only place that makes HTTP requests: one httpx client, one retry policy, polite per host."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import httpx

from sendscrape.scraper.polite import UNREACHABLE, HostThrottle, RobotsRules, host_of
from sendscrape.scraper.retry import RetryableStatus, RetryPolicy, is_retryable_status

CONTACT_URL = "https://github.com/sendscrape/sendscrape"


def _package_version() -> str:
    try:
        return importlib.metadata.version("sendscrape")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


USER_AGENT = (
    f"sendscrape/{_package_version()} "
    f"(+{CONTACT_URL}; research dataset of area SEND inspection reports)"
)


class FetchError(Exception):
    """A URL that could not be fetched after the retries allowed; says why."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        self.url = url
        self.reason = reason
        self.status = status
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class Fetched:
    """One response: its bytes, or `not_modified` when a conditional request got a 304."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    fetched_at: dt.datetime

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


class Fetcher:
    """GETs URLs politely: robots.txt obeyed, `delay` seconds between requests to one host, one
    request at a time per host, transient failures retried by `policy`."""

    def __init__(
        self,
        delay: float = 1.0,
        timeout: float = 30.0,
        policy: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        respect_robots: bool = True,
    ) -> None:
        self.policy = policy or RetryPolicy()
        self.requests_made = 0
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            transport=transport,
        )
        self._throttle = HostThrottle(delay, sleep=self.policy.sleep)
        self._robots = RobotsRules(USER_AGENT, self._read_robots) if respect_robots else None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The response for `url` (a 304 when `etag`/`last_modified` still hold); FetchError if
        robots.txt forbids it, it answers 4xx, or it keeps failing after the retries."""
        self._check_robots(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            response = self.policy.retrying()(self._attempt, url, headers)
        except RetryableStatus as error:
            raise FetchError(url, f"HTTP {error.status} after retries", error.status) from error
        except httpx.TimeoutException as error:
            raise FetchError(url, f"timed out after retries ({type(error).__name__})") from error
        except httpx.TransportError as error:
            raise FetchError(url, f"connection failed after retries: {error}") from error
        return _fetched(url, response)

    def _check_robots(self, url: str) -> None:
        if self._robots is None:
            return
        if not self._robots.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        crawl_delay = self._robots.crawl_delay(url)
        if crawl_delay is not None:
            self._throttle.set_host_delay(host_of(url), crawl_delay)

    def _attempt(self, url: str, headers: dict[str, str]) -> httpx.Response:
        response = self._send(url, headers)
        if is_retryable_status(response.status_code):
            raise RetryableStatus(response)
        if response.status_code == 304 and headers:
            return response
        if response.status_code >= 300:
            raise FetchError(url, f"HTTP {response.status_code}", response.status_code)
        return response

    def _send(self, url: str, headers: dict[str, str]) -> httpx.Response:
        def request() -> httpx.Response:
            self.requests_made += 1
            return self._client.get(url, headers=headers)

        return self._throttle.run(url, request)

    def _read_robots(self, robots_url: str) -> tuple[int, str]:
        try:
            response = self.policy.retrying()(self._send_checked, robots_url)
        except RetryableStatus as error:
            return error.status, ""
        except httpx.TransportError:
            return UNREACHABLE, ""
        return response.status_code, response.text

    def _send_checked(self, url: str) -> httpx.Response:
        response = self._send(url, {})
        if is_retryable_status(response.status_code):
            raise RetryableStatus(response)
        return response


def _fetched(url: str, response: httpx.Response) -> Fetched:
    return Fetched(
        url=str(response.url) if response.status_code != 304 else url,
        status=response.status_code,
        content=response.content,
        content_type=response.headers.get("Content-Type", ""),
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
        fetched_at=dt.datetime.now(dt.UTC),
    )
