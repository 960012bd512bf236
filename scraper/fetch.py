"""The only place that makes HTTP requests: one httpx client, one retry policy, polite per host.

Every request is bounded (`limits.FetchLimits`): bodies are streamed and stopped at a size cap
checked against Content-Length and the decompressed bytes, a whole request has a time limit,
redirects are followed by hand and only to the hosts the caller allows. Whatever goes wrong with
one URL comes back as a `FetchError` naming it; nothing else escapes `Fetcher.get`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.metadata
import logging
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from types import TracebackType
from typing import Self
from urllib.parse import urljoin, urlsplit

import httpx

from sendscrape.scraper.body import BodyProblem, read_capped
from sendscrape.scraper.deadline import RequestDeadline, transport_with_deadline
from sendscrape.scraper.limits import FetchLimits
from sendscrape.scraper.polite import (
    UNAVAILABLE,
    UNREACHABLE,
    HostThrottle,
    RobotsRules,
    host_of,
)
from sendscrape.scraper.retry import RetryableStatus, RetryPolicy, is_retryable_status
from sendscrape.scraper.store import printable_snippet

log = logging.getLogger("sendscrape.scraper")
CONTACT_URL = "https://github.com/sendscrape/sendscrape"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ERROR_CHARS = 200
_TOO_SLOW = "the server took longer than the time allowed for a request"
_CLOCK_SLACK = 0.05  # a socket timeout may end a hair before the deadline it was cut to


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


class RedirectRefused(FetchError):
    """A redirect not followed: to a host not allowed, or past the redirect limit."""


class OutOfTime(Exception):
    """A wait (politeness delay, retry backoff) that would run past the run's time budget."""


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


@dataclass(frozen=True)
class _Answer:
    url: str
    status: int
    headers: httpx.Headers
    content: bytes


def hostname(url: str) -> str:
    """The lower-case host name of a URL ('' when it has none)."""
    return (urlsplit(url).hostname or "").lower()


def _host_rule(
    allowed_hosts: Collection[str] | Callable[[str], bool] | None,
) -> Callable[[str], bool] | None:
    """The rule a URL must pass: given as one, or membership of its host in a set of names."""
    if allowed_hosts is None or callable(allowed_hosts):
        return allowed_hosts
    names = frozenset(host.lower() for host in allowed_hosts)
    return lambda url: hostname(url) in names


class Fetcher:
    """GETs URLs politely: robots.txt obeyed (RFC 9309), `delay` seconds between requests to one
    host, one request at a time per host, transient failures retried by `policy`, only the
    `allowed_hosts` reached (host names, or a rule that judges each URL; None: any host). With
    `stop_at` (a time.monotonic() instant), no wait may run past it: the wait is refused
    (OutOfTime, a FetchError for the URL) and `out_of_time` is set, so the run ends on time with
    what it has."""

    def __init__(
        self,
        delay: float = 1.0,
        *,
        timeout: float | None = None,
        policy: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        respect_robots: bool = True,
        limits: FetchLimits | None = None,
        allowed_hosts: Collection[str] | Callable[[str], bool] | None = None,
        stop_at: float | None = None,
    ) -> None:
        self.policy = policy or RetryPolicy()
        self.limits = limits or FetchLimits()
        if timeout is not None:
            self.limits = dataclasses.replace(self.limits, read_timeout=timeout)
        self.allowed = _host_rule(allowed_hosts)
        self.requests_made = 0
        self.responses = 0
        self.stop_at = stop_at
        self.out_of_time = False
        self._deadline = RequestDeadline()
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.limits.read_timeout),
            follow_redirects=False,
            transport=transport or transport_with_deadline(self._deadline),
        )
        self._throttle = HostThrottle(delay, sleep=self._sleep)
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

    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Fetched:
        """The response for `url` (a 304 when `etag`/`last_modified` still hold). FetchError if
        the host is not allowed, robots.txt forbids it, it answers 4xx, it breaks a limit, or
        it keeps failing after the retries."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        cap = max_bytes or self.limits.max_page_bytes
        try:
            answer = self.policy.retrying(self._sleep)(self._attempt, url, headers, cap, True)
        except FetchError:
            raise
        except Exception as error:
            raise FetchError(url, _reason(error), getattr(error, "status", None)) from error
        return _fetched(url, answer)

    def robots_problem(self, url: str) -> str | None:
        """Why robots.txt makes `url`'s whole host off limits (unreachable or 5xx), or None
        (also when the time budget ran out first: `out_of_time` then says so)."""
        if self._robots is None:
            return None
        try:
            return self._robots.unavailable(url)
        except OutOfTime:
            return None

    def _sleep(self, seconds: float) -> None:
        """The policy's sleep, unless it would run past `stop_at`."""
        if self.stop_at is not None and time.monotonic() + seconds > self.stop_at:
            self.out_of_time = True
            raise OutOfTime(f"a wait of {seconds:.3g} s would pass the run's time budget")
        self.policy.sleep(seconds)

    def _check_host(self, url: str) -> None:
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "not an http(s) URL")
        if self.allowed is not None and not self.allowed(url):
            host = printable_snippet(hostname(url))
            raise FetchError(url, f"host {host!r} is not one the source declares")

    def _check_robots(self, url: str) -> None:
        if self._robots is None:
            return
        problem = self._robots.unavailable(url)
        if problem:
            raise FetchError(url, problem)
        if not self._robots.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        crawl_delay = self._robots.crawl_delay(url)
        if crawl_delay is not None:
            self._throttle.set_host_delay(host_of(url), crawl_delay)

    def _attempt(self, url: str, headers: dict[str, str], cap: int, robots: bool) -> _Answer:
        """One try: the final answer after following redirects within the limits, each hop to
        an allowed host (and, unless this is robots.txt itself, allowed by its robots.txt)."""
        current = url
        for _ in range(self.limits.max_redirects + 1):
            try:
                self._check_host(current)
                if robots:
                    self._check_robots(current)
            except FetchError as error:
                if current == url:
                    raise
                hop = printable_snippet(current, _ERROR_CHARS)
                raise RedirectRefused(url, f"redirected to {hop}: {error.reason}") from error
            answer = self._send(current, headers, cap, truncate=not robots)
            location = answer.headers.get("Location")
            if answer.status not in _REDIRECTS or not location:
                return _checked(url, answer, headers)
            current = urljoin(current, location)
        raise RedirectRefused(url, f"more than {self.limits.max_redirects} redirects")

    def _send(self, url: str, headers: dict[str, str], cap: int, truncate: bool) -> _Answer:
        """One request, once the host's turn has come; it has `request_seconds` from then."""

        def request() -> _Answer:
            self.requests_made += 1
            deadline = time.monotonic() + self.limits.request_seconds
            try:
                with (
                    self._deadline.until(deadline),
                    self._client.stream("GET", url, headers=headers) as response,
                ):
                    self.responses += 1
                    content = read_capped(response, cap, truncate)
                    return _Answer(url, response.status_code, response.headers, content)
            except httpx.TimeoutException as error:
                if time.monotonic() < deadline - _CLOCK_SLACK:
                    raise  # an ordinary read timeout, well before the request's time was up
                raise BodyProblem(_TOO_SLOW) from error

        return self._throttle.run(url, request)

    def _read_robots(self, robots_url: str) -> tuple[int, str]:
        """The status and text of robots.txt: its first `max_robots_bytes` only."""
        cap = self.limits.max_robots_bytes
        try:
            answer = self.policy.retrying(self._sleep)(self._attempt, robots_url, {}, cap, False)
        except RetryableStatus as error:
            return error.status, ""
        except RedirectRefused as error:
            log.warning("%s: RFC 9309 then counts it unavailable: no restrictions", error)
            return UNAVAILABLE, error.reason
        except FetchError as error:
            return error.status or UNREACHABLE, error.reason
        except (httpx.HTTPError, BodyProblem) as error:
            return UNREACHABLE, _reason(error)
        return answer.status, answer.content.decode("utf-8-sig", errors="replace")


def _checked(url: str, answer: _Answer, headers: dict[str, str]) -> _Answer:
    if is_retryable_status(answer.status):
        raise RetryableStatus(answer.status, answer.headers.get("Retry-After"))
    if answer.status == 304 and headers:
        return answer
    if answer.status >= 300:
        raise FetchError(url, f"HTTP {answer.status}", answer.status)
    return answer


def _reason(error: Exception) -> str:
    """A short, printable reason for a failed request."""
    if isinstance(error, RetryableStatus):
        return f"HTTP {error.status} after retries"
    if isinstance(error, BodyProblem | OutOfTime):
        return str(error)
    if isinstance(error, httpx.TimeoutException):
        return f"timed out after retries ({type(error).__name__})"
    text = printable_snippet(str(error), _ERROR_CHARS)
    if isinstance(error, httpx.TransportError):
        return f"connection failed after retries: {text}"
    return f"{type(error).__name__}: {text}"


def _fetched(url: str, answer: _Answer) -> Fetched:
    return Fetched(
        url=answer.url if answer.status != 304 else url,
        status=answer.status,
        content=answer.content,
        content_type=answer.headers.get("Content-Type", ""),
        etag=answer.headers.get("ETag"),
        last_modified=answer.headers.get("Last-Modified"),
        fetched_at=dt.datetime.now(dt.UTC),
    )
