"""Politeness: one request at a time per host with a minimum delay, and robots.txt obeyed."""

from __future__ import annotations

import logging
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

log = logging.getLogger(__name__)

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
    """robots.txt per host, read once through the caller's fetch function.

    A missing robots.txt (any 4xx but 401/403) allows everything; 401/403 disallows everything,
    as urllib.robotparser does; an unreachable one (5xx, no connection) allows, with a warning.
    """

    def __init__(self, user_agent: str, read: Callable[[str], tuple[int, str]]) -> None:
        self.user_agent = user_agent
        self._read = read
        self._parsers: dict[str, urllib.robotparser.RobotFileParser] = {}

    def parser_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        host = host_of(url)
        if host not in self._parsers:
            self._parsers[host] = self._load(host + "/robots.txt")
        return self._parsers[host]

    def _load(self, robots_url: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(robots_url)
        status, text = self._read(robots_url)
        if status == UNREACHABLE or status >= 500:
            log.warning("%s: unreadable (status %s); crawling as allowed", robots_url, status)
        if status in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])
        elif 200 <= status < 300:
            parser.parse(text.splitlines())
        else:
            parser.parse([])
        return parser

    def allowed(self, url: str) -> bool:
        return self.parser_for(url).can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        delay = self.parser_for(url).crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None
