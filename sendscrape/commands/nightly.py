"""`sendscrape nightly`: the whole night as one command (what `make nightly` and the workflow run).

Scrape, then the results site from the dataset, then the decision whether the dataset changed;
writes OUT/summary.md and OUT/outputs.txt, and OUT/release-notes.md and OUT/commit-message.txt
only when the dataset changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sendscrape.jobs.cli import add_job_arguments

if TYPE_CHECKING:
    from sendscrape.jobs import RunSummary


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Run the night: `scrape` into DATA_DIR, the results site from its dataset "
        "into --site-dir, then compare the dataset with the one before (or --previous). Writes "
        "to --out: summary.md (new reports, changed records, failures, the run's bounds), "
        "outputs.txt (changed, failed, tag, title, data_key, data_changed as name=value "
        "lines) and, only when the dataset changed, release-notes.md and commit-message.txt. "
        "Exit status 1 when anything failed (the outputs are written all the same)."
    )
    add_job_arguments(parser, default_workers=1)
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="default ./site")
    parser.add_argument("--site-url", default="", help="where the site is published (feeds)")
    parser.add_argument("--out", type=Path, default=Path("nightly"), help="default ./nightly")
    parser.add_argument(
        "--previous",
        type=Path,
        metavar="FILE",
        help="the last published reports.jsonl to compare with (default: DATA_DIR's dataset "
        "as the night found it)",
    )


def run(args: argparse.Namespace) -> int:
    from sendscrape.dataset.datadir import DataDir, read_dataset
    from sendscrape.jobs import nightly
    from sendscrape.jobs.cli import configure_logging

    configure_logging()
    files = DataDir(args.data_dir)
    try:
        before, _ = read_dataset(args.previous or files.dataset)
    except OSError as error:
        print(
            f"sendscrape nightly: {error.filename}: cannot read: {error.strerror}", file=sys.stderr
        )
        return 2
    key_before = nightly.data_key(args.data_dir)
    summary, aborted = _scrape(args)
    after, _ = read_dataset(files.dataset)
    site_ok = not files.dataset.exists() or _build_site(files.dataset, args)
    night = nightly.Night(
        day=dt.datetime.now(dt.UTC).date(),
        summary=summary,
        change=nightly.dataset_change(before, after),
        failure_lines=nightly.failure_lines(files.failures, summary.failures if summary else 0),
        aborted=aborted,
        steps_failed=() if site_ok else ("site",),
        time_budget=args.time_budget,
    )
    keys = (key_before, nightly.data_key(args.data_dir))
    for path in nightly.write_outputs(night, args.out, keys):
        print(path)
    return 1 if night.failed else 0


def _scrape(args: argparse.Namespace) -> tuple[RunSummary | None, str]:
    """The scrape's summary, or None and why it ended early."""
    from sendscrape.jobs import RunAborted, execute
    from sendscrape.jobs.cli import job_config, print_summary

    try:
        summary = execute("scrape", job_config(args))
    except RunAborted as error:
        print(f"sendscrape nightly: {error}", file=sys.stderr)
        return None, str(error)
    print_summary("nightly", summary, args.data_dir)
    return summary, ""


def _build_site(dataset: Path, args: argparse.Namespace) -> bool:
    from sendscrape.commands import site

    options = argparse.Namespace(
        dataset=str(dataset), output=args.site_dir, site_url=args.site_url, data_date=None
    )
    return site.run(options) == 0
