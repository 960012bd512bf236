"""The nightly `scrape` and the full `refresh`: crawl, download, parse, write the dataset.

Both crawl every source, record what they see in the manifest and keep every download in the raw
store. `scrape` is incremental: it asks for known PDFs conditionally (or not at all when the server
gave no validators), parses only PDFs this parser version has not seen, and keeps the other records
of the existing dataset. `refresh` fetches only what is missing and re-parses every raw PDF;
`rebuild` re-parses every raw PDF with no network at all, the crawl's provenance taken from the
manifest as the last crawl left it. Any
problem with one URL or one PDF becomes a line in failures.jsonl and the run goes on; only a held
lock, a full disk, an unreachable site or a bad configuration end a run early (`RunAborted`), and
then with one line and a line in runs.jsonl.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
import time
from collections.abc import Iterator

from sendscrape.dataset.datadir import DataDir, RunLocked, append_json_line, run_lock, utc_now
from sendscrape.jobs.build import build_dataset, dataset_hashes, rebuild_dataset, scrape_dataset
from sendscrape.jobs.crawl import check_site_reachable, crawl
from sendscrape.jobs.parse_pool import ParsePool
from sendscrape.jobs.progress import Progress
from sendscrape.jobs.recover import read_previous, recover, set_aside_damaged
from sendscrape.jobs.state import JobConfig, Run, RunAborted, RunSummary
from sendscrape.scraper.files import remove_stale_temp_files

LOCKED_EXIT_STATUS = 2
MIN_FREE_BYTES = 1024 * 1024
"""Free space a run needs to start: below it, SQLite and the atomic writes cannot work."""
_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
_UNWRITABLE_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


class Locked(RunAborted):
    exit_status = LOCKED_EXIT_STATUS


def execute(command: str, config: JobConfig, progress: Progress | None = None) -> RunSummary:
    """Run `scrape`, `refresh` or `rebuild` (no network) under the data directory's lock;
    returns the summary (also appended to runs.jsonl). Raises RunAborted (after logging it in
    runs.jsonl) when the run cannot go on."""
    started = time.monotonic()
    try:
        with _aborts_named(DataDir(config.data_dir)):
            return _locked_run(command, config, progress or Progress(), started)
    except RunAborted as error:
        _log_abort(config, command, str(error), started)
        raise


def _locked_run(command: str, config: JobConfig, progress: Progress, started: float) -> RunSummary:
    if config.problems():
        raise RunAborted("bad configuration: " + "; ".join(config.problems()))
    files = DataDir(config.data_dir)
    with run_lock(files) as damaged_lock:
        remove_stale_temp_files(files.root)
        check_free_space(files)
        found = [*damaged_lock, *set_aside_damaged(files)]
        run = Run(command, config, progress)
        # Started now, the workers' imports overlap reading the dataset and the crawl.
        pool = ParsePool(config.workers, config.worker_memory_mb)
        try:
            recover(run, found)
            previous = read_previous(run)
            if command == "rebuild":
                rebuild_dataset(run, previous, pool)
            else:
                check_site_reachable(run)
                crawl(run, refetch_known=command == "scrape")
            if command == "scrape":
                scrape_dataset(run, previous, pool)
            elif command == "refresh":
                build_dataset(run, dataset_hashes(run), kept=(), previous=previous, pool=pool)
        finally:
            pool.close()
            run.close()
        run.summary.seconds = round(time.monotonic() - started, 3)
        append_json_line(files.runs, run.summary.log_line())
    return run.summary


def check_free_space(files: DataDir) -> None:
    """RunAborted before anything is written when the data directory's disk is (nearly) full."""
    free = shutil.disk_usage(files.root).free
    if free < MIN_FREE_BYTES:
        raise RunAborted(
            f"disk full: {free // 1024} KiB free under {files.root}, at least "
            f"{MIN_FREE_BYTES // 1024} KiB needed; nothing done"
        )


def _nearly_full(files: DataDir) -> bool:
    try:
        return shutil.disk_usage(files.root).free < MIN_FREE_BYTES
    except OSError:
        return False


@contextlib.contextmanager
def _aborts_named(files: DataDir) -> Iterator[None]:
    """The few errors that end a run, turned into one readable RunAborted."""
    try:
        yield
    except RunLocked as error:
        raise Locked(str(error)) from error
    except OSError as error:
        where = f"{error.filename or ''} {error.strerror}".strip()
        if error.errno in _DISK_FULL_ERRNOS:
            raise RunAborted(f"disk full: {where}") from error
        if error.errno in _UNWRITABLE_ERRNOS:
            raise RunAborted(
                f"bad configuration: cannot write the data directory: {where}"
            ) from error
        raise
    except sqlite3.OperationalError as error:
        # A disk filling up mid-run may reach SQLite as a "disk I/O error" on its shared memory.
        if "full" not in str(error) and not _nearly_full(files):
            raise
        raise RunAborted(f"disk full: the manifest database says {error}") from error


def _log_abort(config: JobConfig, command: str, reason: str, started: float) -> None:
    """A line in runs.jsonl for a run that ended early (nothing more if even that fails)."""
    line = {"command": command, "seconds": round(time.monotonic() - started, 3)}
    with contextlib.suppress(OSError):
        append_json_line(
            DataDir(config.data_dir).runs, {**line, "aborted": reason, "finished": utc_now()}
        )
