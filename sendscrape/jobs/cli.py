"""Command-line options and runs shared by `sendscrape scrape`, `refresh` and `rebuild`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from sendscrape.jobs import JobConfig, RunAborted, RunSummary, execute
from sendscrape.jobs.state import DEFAULT_RUN_SECONDS, england_areas
from sendscrape.jobs.workers import DEFAULT_WORKER_MEMORY_MB
from sendscrape.scraper import DEFAULT_BASE_URL

BASE_URL_ENV = "SENDSCRAPE_BASE_URL"


def _non_negative(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return value


def add_job_arguments(parser: argparse.ArgumentParser, default_workers: int) -> None:
    parser.add_argument(
        "--base-url",
        default=os.environ.get(BASE_URL_ENV, DEFAULT_BASE_URL),
        help=f"the reports site (env {BASE_URL_ENV}; default {DEFAULT_BASE_URL})",
    )
    parser.add_argument("--data-dir", type=Path, default=Path("data"), help="default ./data")
    parser.add_argument(
        "--delay",
        type=_non_negative,
        default=1.0,
        help="minimum seconds between requests to one host (default 1.0)",
    )
    parser.add_argument(
        "--timeout", type=_non_negative, default=30.0, help="HTTP timeout in seconds (default 30)"
    )
    add_worker_arguments(parser, default_workers)
    parser.add_argument(
        "--time-budget",
        type=_non_negative,
        default=DEFAULT_RUN_SECONDS,
        help="seconds the crawl may take in all before it stops, leaving the listing "
        f"incomplete (default {DEFAULT_RUN_SECONDS:g})",
    )
    parser.add_argument(
        "--expected-areas",
        choices=("england", "none"),
        default="england",
        help="areas a complete crawl must find: England's 153 local areas (default), or none "
        "(a local copy of the site with only a few)",
    )


def add_worker_arguments(parser: argparse.ArgumentParser, default_workers: int) -> None:
    """The parse pool's options, for every command that parses raw PDFs."""
    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers,
        help=f"processes parsing PDFs (default {default_workers})",
    )
    parser.add_argument(
        "--worker-memory",
        type=int,
        default=DEFAULT_WORKER_MEMORY_MB,
        metavar="MB",
        help="address space each parsing process may use: a PDF needing more is one failure "
        f"line (default {DEFAULT_WORKER_MEMORY_MB}; 0 for no limit)",
    )


def configure_logging() -> None:
    """On a terminal the progress bar shows the way; elsewhere (cron, CI) log lines do."""
    level = logging.WARNING if sys.stderr.isatty() else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)


def job_config(args: argparse.Namespace) -> JobConfig:
    """The run's settings from the options `add_job_arguments` added."""
    return JobConfig(
        data_dir=args.data_dir,
        base_url=args.base_url,
        delay=args.delay,
        timeout=args.timeout,
        workers=args.workers,
        worker_memory_mb=args.worker_memory,
        run_seconds=args.time_budget,
        expected_areas=england_areas() if args.expected_areas == "england" else {},
    )


def run_job(command: str, args: argparse.Namespace, config: JobConfig | None = None) -> int:
    """0 when nothing failed, 1 when anything did or the run could not go on, 2 when another
    run holds the lock. `config` defaults to the options `add_job_arguments` added."""
    configure_logging()
    try:
        summary = execute(command, config or job_config(args))
    except RunAborted as error:
        print(f"sendscrape {command}: {error}", file=sys.stderr)
        return error.exit_status
    print_summary(command, summary, args.data_dir)
    return 1 if summary.failures else 0


def print_summary(command: str, summary: RunSummary, data_dir: Path) -> None:
    print(f"sendscrape {command} finished")
    for line in summary.lines():
        print(f"  {line}")
    if summary.failures:
        print(f"  see {data_dir / 'failures.jsonl'}")
