"""Politeness: one request at a time per host with a minimum delay, and robots.txt obeyed."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from protego import Protego

T = TypeVar("T")
log = logging.getLogger("sendscrape.scraper")

UNREACHABLE = 0
"""The status a robots.txt reader returns when the host could not be reached at all."""
UNAVAILABLE = 1
"""The status a robots.txt reader returns for a redirect it does not follow (to a host the source
does not declare, or past the redirect limit): RFC 9309 then lets crawlers treat robots.txt as
unavailable, like a 4xx: no restrictions."""
MAX_CRAWL_DELAY = 60.0
"""The longest robots.txt `Crawl-delay` obeyed, in seconds: 60 s between the nightly run's ~360
requests already fill its 6-hour budget."""
_BOM = "\ufeff"


def host_of(url: str) -> str:
    """`scheme://host[:port]` of a URL: the unit of politeness and of robots.txt."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].split('?', 1)[0]}"


@dataclass
class _HostSlot:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last_request: float | None = None


class HostThrottle:
    """Holds each host to one request at a time and `delay` seconds between request starts."""

    def __init__(
        self,
        delay: float,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.delay = delay
        self._sleep = sleep
        self._clock = clock
        self._slots: dict[str, _HostSlot] = {}
        self._slots_lock = threading.Lock()
        self._host_delays: dict[str, float] = {}

    def set_host_delay(self, host: str, delay: float) -> None:
        """A longer delay for one host (robots.txt `Crawl-delay`); never shorter than `delay`."""
        self._host_delays[host] = max(self.delay, delay)

    def _slot(self, host: str) -> _HostSlot:
        with self._slots_lock:
            return self._slots.setdefault(host, _HostSlot())

    def run(self, url: str, request: Callable[[], T]) -> T:
        """Run `request` for `url` once the host is free and its delay has passed."""
        host = host_of(url)
        slot = self._slot(host)
        with slot.lock:
            delay = self._host_delays.get(host, self.delay)
            if slot.last_request is not None:
                remaining = slot.last_request + delay - self._clock()
                if remaining > 0:
                    self._sleep(remaining)
            slot.last_request = self._clock()
            return request()


class RobotsRules:
    """robots.txt per host, read once through the caller's fetch function and obeyed as RFC 9309
    says (Protego: `*` and `$` wildcards, the longest match wins, a UTF-8 BOM ignored): a 2xx is
    parsed; any 4xx means no restrictions; a 5xx or an unreachable robots.txt means the whole
    host is disallowed (`unavailable` says why, so the run can say so). A `Crawl-delay` over
    `max_crawl_delay` is cut to it, with a line saying so."""

    def __init__(
        self,
        user_agent: str,
        read: Callable[[str], tuple[int, str]],
        max_crawl_delay: float = MAX_CRAWL_DELAY,
    ) -> None:
        self.user_agent = user_agent
        self.max_crawl_delay = max_crawl_delay
        self._read = read
        self._rules: dict[str, Protego] = {}
        self._unavailable: dict[str, str] = {}
        self._capped: set[str] = set()

    def rules_for(self, url: str) -> Protego:
        host = host_of(url)
        if host not in self._rules:
            self._rules[host] = self._load(host)
        return self._rules[host]

    def _load(self, host: str) -> Protego:
        robots_url = host + "/robots.txt"
        status, text = self._read(robots_url)
        if 200 <= status < 300:
            return Protego.parse(text.removeprefix(_BOM))
        if 400 <= status < 500 or status == UNAVAILABLE:
            return Protego.parse("")
        self._unavailable[host] = _unavailable_reason(robots_url, status, text)
        return Protego.parse("User-agent: *\nDisallow: /\n")

    def unavailable(self, url: str) -> str | None:
        """Why robots.txt disallows every URL of `url`'s host (5xx, unreachable), or None."""
        self.rules_for(url)
        return self._unavailable.get(host_of(url))

    def allowed(self, url: str) -> bool:
        return self.rules_for(url).can_fetch(url, self.user_agent)

    def crawl_delay(self, url: str) -> float | None:
        """The host's Crawl-delay, at most `max_crawl_delay`."""
        delay = self.rules_for(url).crawl_delay(self.user_agent)
        if delay is None or delay <= self.max_crawl_delay:
            return delay
        host = host_of(url)
        if host not in self._capped:
            self._capped.add(host)
            log.warning(
                "%s/robots.txt asks for a Crawl-delay of %g s: capped at %g s",
                host,
                delay,
                self.max_crawl_delay,
            )
        return self.max_crawl_delay


def _unavailable_reason(robots_url: str, status: int, detail: str) -> str:
    rule = "RFC 9309 treats the whole host as disallowed"
    if status == UNREACHABLE:
        host = robots_url.split("://", 1)[-1].split("/", 1)[0]
        return f"could not reach {host} ({detail}): robots.txt unreadable, and {rule}"
    return f"{robots_url} answered HTTP {status}: {rule}"
