"""Worker speed-up: the nightly jobs' parse pool on the same PDFs with 1 and with 2 worker
processes, taking turns, best of a few rounds, with the load average before and after (on a
busy machine the figure says more about the neighbours than about the pool).

Two figures: the re-parse in a pool already started, as a run has it (its workers start with
the run and do their imports while it crawls), which the target is for; and the same including
the workers' start-up, as a bare `parse_all` call pays it. The target, 1.6x, is for an
otherwise idle machine with 2 cores or more. A slow run is reported, never an error. "busy" is
the workers' CPU time over their wall time: well under 100% means other processes had the CPUs.
"""

from __future__ import annotations

import hashlib
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sendscrape.jobs.parse_pool import ParsePool, ParseTask, parse_all

TARGET_SPEED_UP = 1.6
ROUNDS = 3


@dataclass(frozen=True)
class Timing:
    """One run: wall seconds, CPU seconds of the parent and of its worker processes."""

    wall: float
    parent_cpu: float
    workers_cpu: float


def load_average() -> str:
    try:
        return " ".join(f"{load:.2f}" for load in os.getloadavg())
    except OSError:
        return "unknown"


def timed(work: Callable[[], object]) -> Timing:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, parent = time.perf_counter(), time.process_time()
    work()
    wall, parent_cpu = time.perf_counter() - started, time.process_time() - parent
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    return Timing(wall, parent_cpu, workers_cpu)


Prepare = Callable[[int], Callable[[], object]]
"""Given a number of workers, get ready (untimed) and return the work to time."""


def best_of(prepare: Prepare, rounds: int = ROUNDS) -> dict[int, Timing]:
    """The fastest of `rounds` runs with 1 and with 2 workers, taking turns."""
    timings: dict[int, list[Timing]] = {1: [], 2: []}
    for _ in range(rounds):
        for workers, runs in timings.items():
            runs.append(timed(prepare(workers)))
    return {workers: min(runs, key=lambda t: t.wall) for workers, runs in timings.items()}


def report(title: str, prepare: Prepare, rounds: int = ROUNDS) -> float:
    """Print the table and the speed-up (with the load average around it); returns it."""
    load_before = load_average()
    timings = best_of(prepare, rounds)
    load_after = load_average()
    print(f"{title}, best of {rounds} runs each ({os.cpu_count()} CPUs)")
    print(f"  {'workers':<10}{'wall s':>9}{'parent CPU s':>14}{'workers CPU s':>15}{'busy':>7}")
    for workers, timing in timings.items():
        busy = timing.workers_cpu / (workers * timing.wall)
        print(
            f"  {workers:<10}{timing.wall:>9.2f}{timing.parent_cpu:>14.2f}"
            f"{timing.workers_cpu:>15.2f}{busy:>7.0%}"
        )
    speed_up = timings[1].wall / timings[2].wall
    verdict = "ok" if speed_up >= TARGET_SPEED_UP else "below target"
    print(
        f"  speed-up with 2 workers {speed_up:.2f}x (target >= {TARGET_SPEED_UP} on an idle "
        f"machine): {verdict}; load average {load_before} before, {load_after} after"
    )
    return speed_up


def parse_tasks(pdfs: list[Path]) -> list[ParseTask]:
    return [ParseTask(hashlib.sha256(pdf.read_bytes()).hexdigest(), pdf) for pdf in pdfs]


def main(corpus: Path) -> bool:
    """The parse pool on the corpus's PDFs; False only when an outcome went missing."""
    tasks = parse_tasks(sorted(corpus.glob("*.pdf")))
    if not tasks:
        print(f"parse pool benchmark skipped: no PDFs in {corpus}")
        return True
    counts: list[int] = []

    def in_started_pool(workers: int) -> Callable[[], object]:
        pool = ParsePool(workers)
        pool.wait_ready()

        def parse() -> None:
            with pool:
                counts.append(len(list(pool.parse(tasks))))

        return parse

    def with_start_up(workers: int) -> Callable[[], object]:
        return lambda: counts.append(len(list(parse_all(tasks, workers))))

    report(f"parse pool: {len(tasks)} PDFs from {corpus}, pool started", in_started_pool)
    report("the same, including the workers' start-up", with_start_up)
    return set(counts) == {len(tasks)}
