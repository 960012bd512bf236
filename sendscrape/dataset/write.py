"""Write stage: validated reports to JSONL, one object per line, keys in schema order."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

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


_CREATE_MODE = 0o666


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_text_file(path: Path) -> Iterator[IO[str]]:
    """A file that appears at `path` complete or not at all (temp file in the same dir + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp_name, _CREATE_MODE & ~_current_umask())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def write_jsonl_atomic(reports: Iterable[Report], path: Path) -> int:
    """Replace `path` with these records atomically; returns how many were written."""
    with atomic_text_file(path) as stream:
        return write_jsonl(reports, stream)
