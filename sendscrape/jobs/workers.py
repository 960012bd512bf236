"""Worker processes of the parse pool, seen from the parent: started once, fed over pipes.

Each worker is a fresh interpreter (`python -P -m sendscrape.jobs.parse_worker`), not a fork of
the parent, so it holds no file the parent had open: not the data directory's `.lock`, not the
manifest. It dies with the parent: on Linux by a parent-death signal, elsewhere by a watchdog
on the parent's pid, and in any case at the end of its current PDF, when its task pipe is
closed (sendscrape/jobs/parse_worker.py).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterable
from multiprocessing.connection import Connection, wait
from typing import Any

WORKER_MODULE = "sendscrape.jobs.parse_worker"
READY = "ready"
"""What a worker sends first, once its imports are done."""
DEFAULT_WORKER_MEMORY_MB = 1024
_EXIT_SECONDS = 5.0


class Worker:
    """One worker process and its two pipes: tasks in, outcomes out."""

    def __init__(self, memory_mb: int) -> None:
        task_read, task_write = os.pipe()
        result_read, result_write = os.pipe()
        argv = [str(os.getpid()), str(task_read), str(result_write), str(memory_mb)]
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-P", "-m", WORKER_MODULE, *argv],
                stdin=subprocess.DEVNULL,
                pass_fds=(task_read, result_write),
            )
        finally:
            os.close(task_read)
            os.close(result_write)
        self.tasks = Connection(task_write, readable=False)
        self.results = Connection(result_read, writable=False)
        self.started = False

    def receive(self) -> Any:
        """The next outcome, or None for the worker's word that it is ready. EOFError when
        the worker has died."""
        message = self.results.recv()
        if message == READY and not self.started:
            self.started = True
            return None
        return message

    def wait_ready(self) -> None:
        if not self.started and self.receive() is not None:
            raise RuntimeError("a parse worker answered before it was ready")

    def stop(self) -> None:
        """Close the task pipe (the worker exits when it reads its end), wait a little, then
        kill it if it has not gone."""
        with contextlib.suppress(OSError):
            self.tasks.close()
        try:
            self.process.wait(_EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.kill()
        self.results.close()

    def kill(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.kill()
        self.process.wait()


def ready(workers: Iterable[Worker]) -> list[Worker]:
    """The workers with an outcome (or their death) to read, waiting until there is one."""
    by_pipe = {worker.results: worker for worker in workers}
    return [by_pipe[pipe] for pipe in wait(list(by_pipe)) if isinstance(pipe, Connection)]
