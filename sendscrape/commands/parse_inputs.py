"""What `sendscrape parse` accepts: the PDFs it is given (folders searched for them), each read
only if it is a regular file under the size cap; an output that is a file and none of the inputs;
names shown escaped, so a newline in a file name cannot forge a line of the log."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sendscrape.scraper.limits import FetchLimits

MAX_PDF_BYTES = FetchLimits().max_pdf_bytes
"""The largest file `parse` reads: the cap on a downloaded PDF (the largest real report is under
2 MB)."""
_SURROGATES = range(0xDC80, 0xDD00)  # the bytes of a file name that is not UTF-8
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class InputRefused(Exception):
    """A file `parse` will not read; the message says why."""


def escaped(name: object) -> str:
    """`name` with every character that is not printable written as an escape (`\\n`, `\\x1b`,
    an undecodable byte as `\\xff`)."""
    return "".join(char if char.isprintable() else _escape(char) for char in str(name))


def _escape(char: str) -> str:
    code = ord(char)
    if code in _SURROGATES:
        return f"\\x{code - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def pdf_inputs(paths: list[Path]) -> list[Path | InputRefused]:
    """The files to parse in order: each path given, a folder replaced by the PDFs under it
    (sorted, at any depth); a folder holding none is refused."""
    inputs: list[Path | InputRefused] = []
    for path in paths:
        if not path.is_dir():
            inputs.append(path)
            continue
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
        inputs += found or [InputRefused(f"{escaped(path)}: a folder with no PDF in it")]
    return inputs


def read_pdf(path: Path, max_bytes: int = MAX_PDF_BYTES) -> bytes:
    """The bytes of `path`, checked before reading: InputRefused unless it is a regular file of
    at most `max_bytes` (a FIFO would block, /dev/zero never ends, a sparse file is huge)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise InputRefused(f"{escaped(path)}: cannot read: {error.strerror or error}") from error
    with os.fdopen(descriptor, "rb") as stream:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode):
            kind = _kind(found.st_mode)
            raise InputRefused(f"{escaped(path)}: not a regular file ({kind}): not read")
        if found.st_size > max_bytes:
            raise InputRefused(f"{escaped(path)}: {_over(found.st_size, max_bytes)}: not read")
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputRefused(f"{escaped(path)}: grew past {max_bytes} bytes while read")
    return data


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def _over(size: int, limit: int) -> str:
    return f"{size} bytes, over the limit of {limit}"


def output_problem(output: Path, inputs: list[Path | InputRefused]) -> str | None:
    """Why `output` cannot be written (a folder, a device, one of the inputs), or None."""
    try:
        found = output.stat()
    except OSError:
        return None
    if stat.S_ISDIR(found.st_mode):
        return f"-o {escaped(output)} is a folder: name a file to write"
    if not stat.S_ISREG(found.st_mode):
        return f"-o {escaped(output)} is not a regular file ({_kind(found.st_mode)})"
    for path in inputs:
        if isinstance(path, Path) and _same_file(path, found):
            return f"-o {escaped(output)} is one of the inputs: it would be overwritten"
    return None


def _same_file(path: Path, other: os.stat_result) -> bool:
    try:
        found = path.stat()
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (other.st_dev, other.st_ino)
