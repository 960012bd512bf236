"""`sendscrape rebuild`: the dataset again from the raw store alone, with no network."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    from sendscrape.jobs.cli import add_worker_arguments

    parser.description = (
        "Re-parse every PDF in DATA_DIR/raw with the current parser and replace "
        "DATA_DIR/reports.jsonl atomically, making no request at all: after a parser upgrade, "
        "or on a copy of the raw store. Where each PDF was listed, when it was first seen and "
        "the rest of the crawl's provenance come from DATA_DIR/manifest.sqlite; a report the "
        "dataset marks withdrawn stays so. Exit status 1 if any PDF failed."
    )
    parser.add_argument("--data-dir", type=Path, default=Path("data"), help="default ./data")
    add_worker_arguments(parser, default_workers=os.cpu_count() or 1)


def run(args: argparse.Namespace) -> int:
    from sendscrape.jobs import JobConfig
    from sendscrape.jobs.cli import run_job

    if not (args.data_dir / "raw").is_dir():
        print(f"sendscrape rebuild: {args.data_dir / 'raw'}: no raw store there", file=sys.stderr)
        return 1
    config = JobConfig(
        data_dir=args.data_dir,
        workers=args.workers,
        worker_memory_mb=args.worker_memory,
        expected_areas={},
    )
    return run_job("rebuild", args, config)
