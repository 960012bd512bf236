"""Progress of a run: a one-line bar on a terminal, plain log lines otherwise (cron, CI)."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

log = logging.getLogger("sendscrape.jobs")

_BAR_WIDTH = 30
_LOG_EVERY = 50


class Progress:
    """Counts steps of a phase; draws a bar when `stream` is a terminal, else logs now and then."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.is_tty = self.stream.isatty()
        self.phase = ""
        self.total: int | None = None
        self.done = 0

    def start(self, phase: str, total: int | None = None) -> None:
        self.finish()
        self.phase, self.total, self.done = phase, total, 0
        log.info("%s: started%s", phase, f" ({total} to do)" if total is not None else "")

    def step(self, note: str = "") -> None:
        self.done += 1
        if self.is_tty:
            self._draw(note)
        elif self.done % _LOG_EVERY == 0:
            log.info("%s: %d%s done", self.phase, self.done, f"/{self.total}" if self.total else "")

    def finish(self) -> None:
        if not self.phase:
            return
        if self.is_tty:
            self.stream.write("\n")
            self.stream.flush()
        log.info("%s: finished, %d done", self.phase, self.done)
        self.phase = ""

    def _draw(self, note: str) -> None:
        if self.total:
            filled = _BAR_WIDTH * self.done // self.total
            bar = f"[{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {self.done}/{self.total}"
        else:
            bar = f"{self.done}"
        self.stream.write(f"\r{self.phase}: {bar} {note[:40]:<40}")
        self.stream.flush()
