"""Reading a dataset back: each JSONL line validated into a `Report`; errors name file and line."""

from __future__ import annotations

import errno
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


class NotADataset(OSError):
    """A file that is not JSON Lines text at all (a PDF, a spreadsheet): `strerror` says what
    it is and what to do, `filename` names it."""

    def __init__(self, file: Path, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(file))


def _check_not_pdf(file: Path) -> None:
    with file.open("rb") as stream:
        if stream.read(5) == b"%PDF-":
            raise NotADataset(file, "this is a PDF: run `sendscrape parse` first")


def iter_reports(path: str | os.PathLike[str]) -> Iterator[Report]:
    """Validated records in file order. Blank lines are skipped; any other bad line (bytes that
    are not UTF-8 too) raises RecordValidationError naming `FILE:LINE`; an unreadable file
    raises OSError, and a PDF NotADataset, saying to parse it first."""
    file = dataset_path(path)
    _check_not_pdf(file)
    with file.open("rb") as stream:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                yield validate_json_line(line, f"{file}:{number}")


def load(path: str | os.PathLike[str]) -> list[Report]:
    """All records of a JSONL dataset (or of `DIR/reports.jsonl`), validated.

    >>> reports = sendscrape.load("data/reports.jsonl")  # doctest: +SKIP
    """
    return list(iter_reports(path))
