"""A parse worker: `python -P -m sendscrape.jobs.parse_worker PARENT_PID TASKS_FD RESULTS_FD MB`.

It reads ParseTasks from one pipe and writes each one's outcome to the other, until the task
pipe closes. It imports only what parsing needs, under a limit of MB megabytes of address space
(RLIMIT_AS; 0 for none), so a PDF that wants more fails alone, as one failure line. It dies with
the process that started it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection

from sendscrape.jobs.parse_pool import ParseFailure, ParseOutcome, ParseTask, parse_task
from sendscrape.jobs.workers import READY

_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 1.0


def die_with_parent(parent_pid: int) -> None:
    """Be killed when the parent dies: a parent-death signal on Linux, a watchdog elsewhere;
    and exit now if the parent is already gone."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    if os.getppid() != parent_pid:
        os._exit(1)


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def limit_memory(megabytes: int) -> None:
    """At most `megabytes` of address space from now on (no limit for 0, or where the system
    does not support one)."""
    if megabytes <= 0:
        return
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource  # noqa: PLC0415 (not on every system)

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = megabytes * 1024 * 1024
        soft = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def outcome_of(task: ParseTask, memory_mb: int) -> ParseOutcome:
    """The task's outcome; running out of memory names the limit."""
    outcome = parse_task(task)
    if isinstance(outcome, ParseFailure) and "out of memory" in outcome.error and memory_mb:
        note = f" (the worker's memory limit is {memory_mb} MB: --worker-memory)"
        return ParseFailure(
            outcome.sha256, outcome.source, outcome.stage, outcome.error + note, False
        )
    return outcome


def serve(tasks: Connection, results: Connection, memory_mb: int) -> None:
    results.send(READY)
    while True:
        try:
            task = tasks.recv()
        except EOFError:
            return
        results.send(outcome_of(task, memory_mb))


def main(argv: list[str]) -> int:
    parent_pid, tasks_fd, results_fd, memory_mb = (int(arg) for arg in argv)
    die_with_parent(parent_pid)
    # Ctrl-C reaches the whole process group: the parent decides, the workers carry on.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory(memory_mb)
    tasks, results = Connection(tasks_fd, writable=False), Connection(results_fd, readable=False)
    try:
        serve(tasks, results, memory_mb)
    except BrokenPipeError:
        return 1  # the parent stopped reading: it is gone, or gave up on this worker
    except (OSError, MemoryError) as error:
        print(f"sendscrape parse worker {os.getpid()}: {error!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
