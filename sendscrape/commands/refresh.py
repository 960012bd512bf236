"""`sendscrape refresh`: rebuild the dataset from every raw PDF with the current parser."""

from __future__ import annotations

import argparse
import os

from sendscrape.jobs.cli import add_job_arguments, run_job


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Re-crawl the listings, download PDFs not yet in the raw store, re-parse every raw PDF "
        "in parallel and replace DATA_DIR/reports.jsonl atomically. Exit status 1 if anything "
        "failed."
    )
    add_job_arguments(parser, default_workers=os.cpu_count() or 1)


def run(args: argparse.Namespace) -> int:
    return run_job("refresh", args)
