"""A hard time limit per fuzz case: each case runs in a worker process, which is killed (and
replaced) when a case outlasts the limit, so a real infinite loop counts as a hang instead of
stalling `make fuzz` or CI. A worker that dies (a crash of the PDF library) is a traceback."""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Literal, Self

Record = dict[str, object]
Parse = Callable[[bytes, str], Record]
Kind = Literal["record", "clean error", "traceback", "hang"]


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    record: Record | None = None
    detail: str = ""


def _serve(connection: Connection, parse: Parse, clean_errors: tuple[type[Exception], ...]) -> None:
    while True:
        try:
            pdf, name = connection.recv()
        except EOFError:
            return
        try:
            outcome = Outcome("record", parse(pdf, name))
        except clean_errors:
            outcome = Outcome("clean error")
        except Exception:
            outcome = Outcome("traceback", detail=traceback.format_exc())
        connection.send(outcome)


class Watchdog:
    """Runs `parse` on one case at a time in a worker process, at most `seconds` each."""

    def __init__(
        self, parse: Parse, clean_errors: tuple[type[Exception], ...], seconds: float
    ) -> None:
        self._parse = parse
        self._clean_errors = clean_errors
        self.seconds = seconds
        self._context = multiprocessing.get_context("fork")
        self._worker: tuple[BaseProcess, Connection] | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def run(self, pdf: bytes, name: str) -> Outcome:
        process, connection = self._worker or self._start()
        connection.send((pdf, name))
        if not connection.poll(self.seconds):
            self._stop()
            return Outcome("hang", detail=f"killed after {self.seconds:g} s")
        try:
            outcome: Outcome = connection.recv()
        except EOFError:
            self._stop()
            return Outcome("traceback", detail=f"its worker died (exit code {process.exitcode})")
        return outcome

    def _start(self) -> tuple[BaseProcess, Connection]:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(theirs, self._parse, self._clean_errors), daemon=True
        )
        process.start()
        theirs.close()
        self._worker = (process, ours)
        return self._worker

    def _stop(self) -> None:
        if self._worker is None:
            return
        process, connection = self._worker
        self._worker = None
        process.kill()
        process.join()
        connection.close()

    def close(self) -> None:
        """Ends the worker: at once, since a finished case leaves it waiting for the next."""
        self._stop()
