"""Reading a dataset back: each JSONL line validated into a `Report`; errors name file and line."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from sendscrape.validate.models import Report
from sendscrape.validate.records import validate_json_line

DATASET_FILE_NAME = "reports.jsonl"


def dataset_path(path: str | os.PathLike[str]) -> Path:
    """A JSONL file as given, or the dataset file inside a data directory."""
    given = Path(path)
    return given / DATASET_FILE_NAME if given.is_dir() else given


def iter_reports(path: str | os.PathLike[str]) -> Iterator[Report]:
    """Validated records in file order. Blank lines are skipped; any other bad line (bytes that
    are not UTF-8 too) raises RecordValidationError naming `FILE:LINE`; an unreadable file
    raises OSError."""
    file = dataset_path(path)
    with file.open("rb") as stream:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                yield validate_json_line(line, f"{file}:{number}")


def load(path: str | os.PathLike[str]) -> list[Report]:
    """All records of a JSONL dataset (or of `DIR/reports.jsonl`), validated.

    >>> reports = sendscrape.load("data/reports.jsonl")  # doctest: +SKIP
    """
    return list(iter_reports(path))
