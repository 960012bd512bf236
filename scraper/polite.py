"""Politeness: one request at a time per host with a minimum delay, and robots.txt obeyed."""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

UNREACHABLE = 0
"""The status a robots.txt reader returns when the host could not be reached at all."""


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
    """robots.txt per host, read once through the caller's fetch function, as RFC 9309 says:
    a 2xx is parsed; any 4xx means no restrictions; a 5xx or an unreachable robots.txt means the
    whole host is disallowed (`unavailable` says why, so the run can say so)."""

    def __init__(self, user_agent: str, read: Callable[[str], tuple[int, str]]) -> None:
        self.user_agent = user_agent
        self._read = read
        self._parsers: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._unavailable: dict[str, str] = {}

    def parser_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        host = host_of(url)
        if host not in self._parsers:
            self._parsers[host] = self._load(host)
        return self._parsers[host]

    def _load(self, host: str) -> urllib.robotparser.RobotFileParser:
        robots_url = host + "/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        status, text = self._read(robots_url)
        if 200 <= status < 300:
            parser.parse(text.splitlines())
        elif 400 <= status < 500:
            parser.parse([])
        else:
            self._unavailable[host] = _unavailable_reason(robots_url, status, text)
            parser.parse(["User-agent: *", "Disallow: /"])
        return parser

    def unavailable(self, url: str) -> str | None:
        """Why robots.txt disallows every URL of `url`'s host (5xx, unreachable), or None."""
        self.parser_for(url)
        return self._unavailable.get(host_of(url))

    def allowed(self, url: str) -> bool:
        return self.parser_for(url).can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        delay = self.parser_for(url).crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None


def _unavailable_reason(robots_url: str, status: int, detail: str) -> str:
    rule = "RFC 9309 treats the whole host as disallowed"
    if status == UNREACHABLE:
        host = robots_url.split("://", 1)[-1].split("/", 1)[0]
        return f"could not reach {host} ({detail}): robots.txt unreadable, and {rule}"
    return f"{robots_url} answered HTTP {status}: {rule}"
