"""`sendscrape scrape`: the nightly incremental crawl, download and parse."""

from __future__ import annotations

import argparse

from sendscrape.jobs.cli import add_job_arguments, run_job


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Crawl the reports site, download new or changed SEND report PDFs, parse the ones not "
        "parsed yet and rewrite DATA_DIR/reports.jsonl atomically. Failures go to "
        "DATA_DIR/failures.jsonl; exit status 1 if anything failed."
    )
    add_job_arguments(parser, default_workers=1)


def run(args: argparse.Namespace) -> int:
    return run_job("scrape", args)
