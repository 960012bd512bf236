"""The files of a data directory besides the raw store: the dataset, failures, runs, the lock.

<data-dir>/reports.jsonl    the dataset, replaced atomically by each run
<data-dir>/failures.jsonl   one line per failure (appended): time, stage, url, error
<data-dir>/runs.jsonl       one summary line per run (appended)
<data-dir>/manifest.sqlite  what was found where (scraper.manifest)
<data-dir>/raw/             every downloaded file by SHA-256 (scraper.store)
<data-dir>/.lock            held while a run is going

A file of the wrong type where one of these belongs (a folder named `.lock`, a file named `raw`)
is set aside as `NAME.damaged-<time>` (`set_aside`) and the run goes on without it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import stat
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


@dataclass(frozen=True)
class Damage:
    """A damaged file of the data directory, found at the start of a run: where it was, what was
    wrong, and where it was kept (None when it was left in place)."""

    path: Path
    why: str
    kept_as: Path | None = None


def set_aside(path: Path) -> Path:
    """Rename a damaged file or folder to `NAME.damaged-<time>` beside it; returns the new path."""
    target = _aside_path(path)
    path.rename(target)
    return target


def copy_aside(path: Path) -> Path:
    """Copy a damaged file to `NAME.damaged-<time>` beside it (the run replaces the original)."""
    target = _aside_path(path)
    shutil.copy2(path, target)
    return target


def _aside_path(path: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while target.exists() or target.is_symlink():
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    return target


def wrong_type(path: Path, folder: bool = False) -> str | None:
    """Why `path` cannot be used as a regular file (or a folder), None when it can or is absent.
    Symbolic links are not followed."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode):
        return None
    expected = "a folder" if folder else "a regular file"
    return f"not {expected} but {_file_type(mode)}"


def _file_type(mode: int) -> str:
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISREG: "a regular file",
        stat.S_ISLNK: "a symbolic link",
        stat.S_ISFIFO: "a FIFO",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "a device")


def set_aside_wrong_types(data_dir: DataDir) -> list[Damage]:
    """Every file of the data directory that is of the wrong type, set aside."""
    expected = [
        (data_dir.dataset, False),
        (data_dir.failures, False),
        (data_dir.runs, False),
        (data_dir.manifest, False),
        (data_dir.raw, True),
    ]
    found = []
    for path, folder in expected:
        why = wrong_type(path, folder)
        if why:
            found.append(Damage(path, why, set_aside(path)))
    return found


class RunLocked(RuntimeError):
    """Another run holds the data directory's lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: another scrape or refresh is running on this data directory")


@contextlib.contextmanager
def run_lock(data_dir: DataDir) -> Iterator[list[Damage]]:
    """Hold the data directory's lock for the run; RunLocked if another run holds it. The lock
    dies with the process, so a killed run never blocks the next one. A lock file of the wrong
    type (a folder, a FIFO) is set aside first; the block receives that damage, if any."""
    data_dir.root.mkdir(parents=True, exist_ok=True)
    path = data_dir.root / LOCK_NAME
    damage = []
    why = wrong_type(path)
    if why:
        with contextlib.suppress(FileNotFoundError):  # another run set it aside first
            damage.append(Damage(path, why, set_aside(path)))
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
            yield damage
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


@dataclass(frozen=True)
class DatasetContents:
    """What an existing dataset holds: its good records, the lines that are good JSON but no
    longer validate (a schema change; those reports are parsed again), and the lines that are
    damaged (not UTF-8, not a JSON object: the file itself was harmed)."""

    records: list[Report]
    stale: list[str]
    damaged: list[str]


def read_dataset_checked(path: Path) -> DatasetContents:
    contents = DatasetContents([], [], [])
    if not path.exists():
        return contents
    with path.open("rb") as stream:
        for number, raw_line in enumerate(stream, start=1):
            if raw_line.strip():
                _read_line(raw_line, path, number, contents)
    return contents


def _read_line(raw_line: bytes, path: Path, number: int, contents: DatasetContents) -> None:
    try:
        line = raw_line.decode("utf-8")
    except UnicodeDecodeError as error:
        contents.damaged.append(f"line {number}: not UTF-8 (byte {error.start + 1})")
        return
    try:
        contents.records.append(validate_json_line(line, f"{path}:{number}"))
    except RecordValidationError as error:
        if _is_json_object(line):
            contents.stale.append(str(error))
        else:
            contents.damaged.append(f"line {number}: not a JSON object")


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def read_dataset(path: Path) -> tuple[list[Report], list[str]]:
    """The records of an existing dataset, and a message for each line that is not a valid
    record (those reports are parsed again rather than kept)."""
    contents = read_dataset_checked(path)
    return contents.records, [*contents.damaged, *contents.stale]


def dataset_order(report: Report) -> tuple[str, str, str, str]:
    """Stable record order, so a nightly diff shows only real changes."""
    return (
        report.local_area,
        report.inspection_start.isoformat(),
        report.report_type,
        report.sha256,
    )
