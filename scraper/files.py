"""Files that appear complete or not at all, with the mode the umask allows; stale temp files.

Every file the project writes (raw PDFs, the dataset, a `parse -o` output) goes through
`atomic_file`: a temp file beside the target, fsynced, given the mode an ordinary `open()` would
give it (mkstemp's 0600 would hide raw PDFs from the rest of the team), then renamed. A run killed
mid-write leaves only a `.*.tmp` file, which `remove_stale_temp_files` clears at the next start.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMP_SUFFIX = ".tmp"
_CREATE_MODE = 0o666


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose bytes appear at `path` only once the block ends without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp_name, _CREATE_MODE & ~_current_umask())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def write_bytes_atomic(path: Path, content: bytes) -> None:
    with atomic_file(path) as stream:
        stream.write(content)


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete the temp files a killed run left under `folder` (call it while holding the run's
    lock, so no live writer owns them); returns what was removed."""
    if not folder.exists():
        return []
    stale = sorted(folder.rglob(f".*{TEMP_SUFFIX}"))
    for path in stale:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return stale
