"""Files that appear complete or not at all, with the mode the umask allows; stale temp files.

Every file the project writes (raw PDFs, the dataset, a `parse -o` output, exported tables) goes
through `atomic_file`: a temp file beside the target, named `.<name>.<PID>.<random>.tmp` after
the process writing it, fsynced, given the mode an ordinary `open()` would give it (mkstemp's
0600 would hide raw PDFs from the rest of the team), then renamed. A process killed mid-write
leaves only that temp file. The next write of the same target removes the temp files of dead
processes (`remove_dead_leftovers`), never a live writer's; a scrape or refresh also clears every
temp file of its data directory at its start, under its lock (`remove_stale_temp_files`).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
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


def temp_prefix(path: Path) -> str:
    """How the temp files of writes to `path` begin; the PID of the writer follows."""
    return f".{path.name}."


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose bytes appear at `path` only once the block ends without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_dead_leftovers(path.parent, temp_prefix(path), TEMP_SUFFIX)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f"{temp_prefix(path)}{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
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


def process_is_gone(pid: int) -> bool:
    """Whether no process has this PID (one of another user's still counts as running)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def remove_dead_leftovers(folder: Path, prefix: str, suffix: str = "") -> list[Path]:
    """Remove the files or folders in `folder` named `<prefix><PID>[.<anything>]<suffix>` whose
    process is gone (a killed build or write left them); returns what was removed."""
    removed = []
    for path in sorted(folder.glob(f"{glob.escape(prefix)}*{suffix}")):
        owner = path.name[len(prefix) : len(path.name) - len(suffix)].split(".", 1)[0]
        if owner.isdigit() and process_is_gone(int(owner)):
            _remove(path)
            removed.append(path)
    return removed


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


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
