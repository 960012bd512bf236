"""The files of a data directory besides the raw store: the dataset, failures, runs, the lock.

<data-dir>/reports.jsonl    the dataset, replaced atomically by each run
<data-dir>/failures.jsonl   one line per failure (appended): time, stage, url, error
<data-dir>/runs.jsonl       one summary line per run (appended)
<data-dir>/manifest.sqlite  what was found where (scraper.manifest)
<data-dir>/raw/             every downloaded file by SHA-256 (scraper.store)
<data-dir>/.lock            held while a run is going
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sendscrape.validate.models import Report
from sendscrape.validate.records import RecordValidationError, validate_json_line

DATASET_NAME = "reports.jsonl"
FAILURES_NAME = "failures.jsonl"
RUNS_NAME = "runs.jsonl"
MANIFEST_NAME = "manifest.sqlite"
RAW_DIR_NAME = "raw"
LOCK_NAME = ".lock"


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def dataset(self) -> Path:
        return self.root / DATASET_NAME

    @property
    def failures(self) -> Path:
        return self.root / FAILURES_NAME

    @property
    def runs(self) -> Path:
        return self.root / RUNS_NAME

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST_NAME

    @property
    def raw(self) -> Path:
        return self.root / RAW_DIR_NAME


class RunLocked(RuntimeError):
    """Another run holds the data directory's lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: another scrape or refresh is running on this data directory")


@contextlib.contextmanager
def run_lock(data_dir: DataDir) -> Iterator[None]:
    """Hold the data directory's lock for the run; RunLocked if another run holds it. The lock
    dies with the process, so a killed run never blocks the next one."""
    data_dir.root.mkdir(parents=True, exist_ok=True)
    path = data_dir.root / LOCK_NAME
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise RunLocked(path) from error
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def append_json_line(path: Path, value: Mapping[str, object]) -> None:
    """Append one line; each line is written whole with a single write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(value, ensure_ascii=False, sort_keys=False) + "\n"
    with path.open("a", encoding="utf-8") as stream:
        stream.write(line)


def read_dataset(path: Path) -> tuple[list[Report], list[str]]:
    """The records of an existing dataset, and a message for each line that no longer validates
    (those reports are parsed again rather than kept)."""
    if not path.exists():
        return [], []
    records, problems = [], []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                records.append(validate_json_line(line, f"{path}:{number}"))
            except RecordValidationError as error:
                problems.append(str(error))
    return records, problems


def dataset_order(report: Report) -> tuple[str, str, str, str]:
    """Stable record order, so a nightly diff shows only real changes."""
    return (
        report.local_area,
        report.inspection_start.isoformat(),
        report.report_type,
        report.sha256,
    )
