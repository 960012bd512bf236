"""Parsing many raw PDFs in worker processes: each gives a record or a failure, never less.

The pool is started once per run: `workers` fresh processes (sendscrape/jobs/workers.py), fed
the largest PDFs first so that no big one is left running alone at the end, each holding at
most two tasks so that none waits while the parent records an outcome. A worker that dies (a
crash in the PDF library, an out-of-memory kill) loses only the PDF it was parsing: that one is
parsed once more in a fresh process, and only a PDF that kills that process too is a failure,
and even then one that is not the PDF's proven fault (so it is tried again on another night).

The workers die with the thread that started them, so call `parse_all` from the thread that
lives as long as the run (the main thread, for the command line).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sendscrape.jobs.workers import DEFAULT_WORKER_MEMORY_MB, Worker, ready
from sendscrape.pipeline import Provenance, RecordFailure, try_build_record
from sendscrape.validate.models import Report

TASKS_PER_WORKER = 2


@dataclass(frozen=True)
class ParseTask:
    """One raw PDF to parse, with where it was listed (all None for a PDF never listed)."""

    sha256: str
    path: Path
    source_url: str | None = None
    published: dt.date | None = None
    urn: str | None = None
    listed_kind: str | None = None

    @property
    def source(self) -> str:
        return self.source_url or str(self.path)


@dataclass(frozen=True)
class ParseFailure:
    sha256: str
    source: str
    stage: str
    error: str
    pdf_at_fault: bool = True


ParseOutcome = Report | ParseFailure


def parse_task(task: ParseTask) -> ParseOutcome:
    """Parse, enrich and validate one PDF; every failure comes back as a ParseFailure."""
    provenance = Provenance(source_url=task.source_url, published=task.published, urn=task.urn)
    outcome = try_build_record(task.path, task.source, provenance)
    if isinstance(outcome, RecordFailure):
        return ParseFailure(
            task.sha256, outcome.source, outcome.stage, outcome.error, outcome.pdf_at_fault
        )
    return _with_listing_check(outcome, task.listed_kind)


def _with_listing_check(report: Report, listed_kind: str | None) -> Report:
    """A record whose listing label named another kind than its own title carries a warning."""
    if listed_kind is None or listed_kind in (report.report_type, "send_unknown"):
        return report
    warning = f"listed as {listed_kind} but the PDF's title makes it {report.report_type}"
    return report.model_copy(update={"warnings": (*report.warnings, warning)})


def largest_first(tasks: Iterable[ParseTask]) -> list[ParseTask]:
    def size(task: ParseTask) -> int:
        try:
            return task.path.stat().st_size
        except OSError:
            return 0

    return sorted(tasks, key=size, reverse=True)


def parse_all(
    tasks: Iterable[ParseTask], workers: int, memory_mb: int = DEFAULT_WORKER_MEMORY_MB
) -> Iterator[ParseOutcome]:
    """An outcome for every task, as each is ready, from at most `workers` processes, each
    limited to `memory_mb` of address space (0: no limit)."""
    pool = _Pool(largest_first(tasks), memory_mb)
    try:
        pool.start(workers)
        yield from pool.outcomes()
    finally:
        pool.stop()


class _Pool:
    def __init__(self, tasks: list[ParseTask], memory_mb: int) -> None:
        self.waiting = deque(tasks)
        self.memory_mb = memory_mb
        self.held: dict[Worker, deque[ParseTask]] = {}
        self.died_once: set[str] = set()

    def start(self, workers: int) -> None:
        for _ in range(min(workers, len(self.waiting))):
            self.held[Worker(self.memory_mb)] = deque()

    def outcomes(self) -> Iterator[ParseOutcome]:
        self._hand_out()
        while any(self.held.values()):
            for worker in ready(w for w, held in self.held.items() if held):
                try:
                    outcome: ParseOutcome = worker.results.recv()
                except (EOFError, OSError):
                    yield from self._replace_dead(worker)
                    continue
                self.held[worker].popleft()
                yield outcome
            self._hand_out()

    def _hand_out(self) -> None:
        for worker, held in self.held.items():
            while self.waiting and len(held) < TASKS_PER_WORKER:
                task = self.waiting.popleft()
                held.append(task)
                try:
                    worker.tasks.send(task)
                except OSError:
                    break  # a dead worker: `outcomes` finds it and hands its tasks on

    def _replace_dead(self, worker: Worker) -> Iterator[ParseFailure]:
        """The task a dead worker was parsing is tried once more (the others it held had not
        started and go back to the front of the queue); a fresh worker takes its place."""
        lost = self.held.pop(worker)
        worker.kill()
        worker.results.close()
        victim = lost.popleft()
        self.waiting.extendleft(reversed(lost))
        if victim.sha256 in self.died_once:
            yield _died_twice(victim)
        else:
            self.died_once.add(victim.sha256)
            self.waiting.appendleft(victim)
        if self.waiting:
            self.held[Worker(self.memory_mb)] = deque()

    def stop(self) -> None:
        """Idle workers are let go; any still holding a task (the run was interrupted) are
        killed."""
        for worker, held in self.held.items():
            if held:
                worker.kill()
            worker.stop()
        self.held.clear()


def _died_twice(task: ParseTask) -> ParseFailure:
    reason = "the parser process died on this PDF twice (a crash or an out-of-memory kill)"
    return ParseFailure(task.sha256, task.source, "parse", f"{task.source}: {reason}", False)
