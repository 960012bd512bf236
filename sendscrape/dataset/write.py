"""Write stage: validated reports to JSONL, one object per line, keys in schema order."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from sendscrape.scraper.files import atomic_file
from sendscrape.validate.models import Report


def report_to_json_line(report: Report) -> str:
    """One record as a JSON line (no trailing newline); stable key order, dates as ISO."""
    return report.model_dump_json()


def write_jsonl(reports: Iterable[Report], stream: IO[str]) -> int:
    """Stream records to an open text stream; returns how many were written."""
    count = 0
    for report in reports:
        stream.write(report_to_json_line(report) + "\n")
        count += 1
    return count


@contextlib.contextmanager
def atomic_text_file(path: Path) -> Iterator[IO[str]]:
    """A UTF-8 text file that appears at `path` complete or not at all."""
    with atomic_file(path) as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        yield stream
        stream.flush()
        stream.detach()


def write_jsonl_atomic(reports: Iterable[Report], path: Path) -> int:
    """Replace `path` with these records atomically; returns how many were written."""
    with atomic_text_file(path) as stream:
        return write_jsonl(reports, stream)
