"""Parsing many raw PDFs in worker processes: each gives a record or a failure, never less.

A worker that dies (a crash in the PDF library, an out-of-memory kill) breaks its pool and with
it every task not yet finished. Those tasks are not failed: each is parsed again alone, in a
fresh process of its own, and only a PDF that kills that process too is a failure, and even
then one that is not the PDF's proven fault (so it is tried again on another night).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sendscrape.pipeline import Provenance, RecordFailure, try_build_record
from sendscrape.validate.models import Report


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


def parse_all(tasks: Iterable[ParseTask], workers: int) -> Iterator[ParseOutcome]:
    """An outcome for every task, in worker processes (at most `workers` at a time), so that
    no crash in the PDF library can take the run down. The tasks a dead worker left unfinished
    come last, each parsed alone once more."""
    unfinished = yield from _pooled(list(tasks), workers)
    for task in unfinished:
        died_again = yield from _pooled([task], 1)
        if died_again:
            yield _died_twice(task)


def _pooled(tasks: list[ParseTask], workers: int) -> Generator[ParseOutcome, None, list[ParseTask]]:
    """Outcomes of the tasks one pool finished; returns (as the generator's value) the tasks a
    dead worker left unfinished."""
    if not tasks:
        return []
    unfinished: list[ParseTask] = []
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks))) as pool:
        futures: list[Future[ParseOutcome]] = [pool.submit(parse_task, task) for task in tasks]
        for task, future in zip(tasks, futures, strict=True):
            try:
                yield future.result()
            except BrokenProcessPool:
                unfinished.append(task)
    return unfinished


def _died_twice(task: ParseTask) -> ParseFailure:
    reason = "the parser process died on this PDF twice (a crash or an out-of-memory kill)"
    return ParseFailure(task.sha256, task.source, "parse", f"{task.source}: {reason}", False)
