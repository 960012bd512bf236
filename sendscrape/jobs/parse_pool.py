"""Parsing many raw PDFs, in parallel across processes: each gives a record or a failure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sendscrape.enrich.areas import AreaNotFound
from sendscrape.parsers import ReportParseError
from sendscrape.pipeline import Provenance, build_record
from sendscrape.validate.models import Report
from sendscrape.validate.records import RecordValidationError


@dataclass(frozen=True)
class ParseTask:
    """One raw PDF to parse, with where it was listed (all None for a PDF never listed)."""

    sha256: str
    path: Path
    source_url: str | None = None
    published: dt.date | None = None
    urn: str | None = None
    listed_kind: str | None = None


@dataclass(frozen=True)
class ParseFailure:
    sha256: str
    source: str
    stage: str
    error: str


ParseOutcome = Report | ParseFailure


def parse_task(task: ParseTask) -> ParseOutcome:
    """Parse, enrich and validate one PDF; any expected failure comes back as a ParseFailure."""
    source = task.source_url or str(task.path)
    try:
        report = build_record(
            task.path.read_bytes(),
            source,
            Provenance(source_url=task.source_url, published=task.published, urn=task.urn),
        )
    except OSError as error:
        return ParseFailure(task.sha256, source, "parse", f"{task.path}: cannot read: {error}")
    except RecordValidationError as error:
        return ParseFailure(task.sha256, source, "validate", str(error))
    except (ReportParseError, AreaNotFound) as error:
        return ParseFailure(task.sha256, source, "parse", str(error))
    except Exception as error:
        # A parser bug met on one PDF must not stop the night's run: recorded, and carried on.
        reason = f"unexpected {type(error).__name__}: {error}"
        return ParseFailure(task.sha256, source, "parse", f"{source}: {reason}")
    return _with_listing_check(report, task.listed_kind)


def _with_listing_check(report: Report, listed_kind: str | None) -> Report:
    """A record whose listing label named another kind than its own title carries a warning."""
    if listed_kind is None or listed_kind in (report.report_type, "send_unknown"):
        return report
    warning = f"listed as {listed_kind} but the PDF's title makes it {report.report_type}"
    return report.model_copy(update={"warnings": (*report.warnings, warning)})


def parse_all(tasks: Iterable[ParseTask], workers: int) -> Iterator[ParseOutcome]:
    """Outcomes in task order; `workers` processes (1: in this process, no pool). A worker that
    dies (a crash in the PDF library) fails the tasks it leaves unfinished, not the run."""
    task_list = list(tasks)
    if workers <= 1 or len(task_list) <= 1:
        yield from map(parse_task, task_list)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(parse_task, task) for task in task_list]
        for task, future in zip(task_list, futures, strict=True):
            try:
                yield future.result()
            except BrokenProcessPool as error:
                source = task.source_url or str(task.path)
                reason = f"{source}: the parser process died ({error})"
                yield ParseFailure(task.sha256, source, "parse", reason)
