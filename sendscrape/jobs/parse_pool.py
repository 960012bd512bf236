"""Parsing many raw PDFs in worker processes: each gives a record or a failure, never less.

The pool is started once per run, before the crawl: `workers` fresh processes
(sendscrape/jobs/workers.py), fed the largest PDFs first so that no big one is left running
alone at the end, each holding at most two tasks so that none waits while the parent records an
outcome. A worker that dies (a crash in the PDF library, an out-of-memory kill) loses only the
PDF it was parsing: that one is parsed once more in a fresh process, and only a PDF that kills
that process too is a failure, and even then one that is not the PDF's proven fault (so it is
tried again on another night).

The workers die with the thread that started them, so start the pool from the thread that
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
    tasks = list(tasks)
    if not tasks:
        return
    with ParsePool(min(workers, len(tasks)), memory_mb) as pool:
        yield from pool.parse(tasks)


class ParsePool:
    """`workers` parse worker processes, started at once: each is a fresh interpreter whose
    imports take about a third of a second, so a run starts its pool before the crawl and the
    workers are ready when the PDFs are. `parse` may be called more than once; leaving the
    `with` block lets idle workers go and kills busy ones."""

    def __init__(self, workers: int, memory_mb: int = DEFAULT_WORKER_MEMORY_MB) -> None:
        self.memory_mb = memory_mb
        self.waiting: deque[ParseTask] = deque()
        self.held: dict[Worker, deque[ParseTask]] = {}
        self.died_once: set[str] = set()
        for _ in range(workers):
            self.held[Worker(memory_mb)] = deque()

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def wait_ready(self) -> None:
        """Wait until every worker has done its imports (for timing the parse alone)."""
        for worker in self.held:
            worker.wait_ready()

    def parse(self, tasks: Iterable[ParseTask]) -> Iterator[ParseOutcome]:
        """An outcome for every task, as each is ready, the largest PDFs handed out first."""
        self.waiting.extend(largest_first(tasks))
        try:
            yield from self._outcomes()
        except BaseException:
            self.close()  # abandoned half way: no worker may keep parsing for nobody
            raise

    def _outcomes(self) -> Iterator[ParseOutcome]:
        self._hand_out()
        while any(self.held.values()):
            for worker in ready(w for w, held in self.held.items() if held):
                try:
                    outcome: ParseOutcome | None = worker.receive()
                except (EOFError, OSError):
                    yield from self._replace_dead(worker)
                    continue
                if outcome is not None:
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
                    break  # a dead worker: `_outcomes` finds it and hands its tasks on

    def _replace_dead(self, worker: Worker) -> Iterator[ParseFailure]:
        """The task a dead worker was parsing is tried once more (the others it held had not
        started and go back to the front of the queue); a fresh worker takes its place."""
        lost = self.held.pop(worker)
        worker.kill()
        worker.results.close()
        victim = lost.popleft()
        self.waiting.extendleft(reversed(lost))
        if victim.sha256 in self.died_once:
            yield _died_twice(victim, self.memory_mb)
        else:
            self.died_once.add(victim.sha256)
            self.waiting.appendleft(victim)
        self.held[Worker(self.memory_mb)] = deque()

    def close(self) -> None:
        for worker, held in self.held.items():
            if held:
                worker.kill()
            worker.stop()
        self.held.clear()


def _died_twice(task: ParseTask, memory_mb: int) -> ParseFailure:
    """The PDF library aborts the process when an allocation fails, so a PDF over the memory
    limit may end here too."""
    reason = "the parser process died on this PDF twice (a crash or an out-of-memory kill"
    if memory_mb:
        reason += f"; the worker's memory limit is {memory_mb} MB: --worker-memory"
    return ParseFailure(task.sha256, task.source, "parse", f"{task.source}: {reason})", False)
