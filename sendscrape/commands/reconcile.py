"""`sendscrape reconcile DATASET --official FILE`: compare the dataset with an official list."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from sendscrape.dataset import load
from sendscrape.reconcile.compare import Window, official_window, reconcile, report_lines
from sendscrape.reconcile.official import OfficialEntry, OfficialFileError, read_official
from sendscrape.validate.records import RecordValidationError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Compare a dataset with an official list (ODS, XLSX or CSV: Ofsted's "
        "2016-2022 statistics, its 2023-framework management information, ADCS's summary). "
        "Prints every disagreement area by area (missing report, different date, outcome or "
        "count, report not in the list), then a line per report kind (agree / disagree / "
        "missing / extra) and a summary line; exit status 1 if any disagree. Only inspections "
        "started within --since/--until are compared (default: the official list's own span "
        "of dates, so a dataset of a few years is missing the others: narrow it to compare "
        "part of the list)."
    )
    parser.add_argument("dataset", type=Path, metavar="DATASET", help="JSONL file or data dir")
    parser.add_argument("--official", required=True, type=Path, metavar="FILE")
    parser.add_argument(
        "--since", type=_date, metavar="YYYY-MM-DD", help="first inspection start date compared"
    )
    parser.add_argument(
        "--until", type=_date, metavar="YYYY-MM-DD", help="last inspection start date compared"
    )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


def _window(args: argparse.Namespace, official: list[OfficialEntry]) -> Window:
    """--since/--until, each defaulting to its end of the official list's span."""
    span = official_window(official)
    return Window(args.since or span.since, args.until or span.until)


def run(args: argparse.Namespace) -> int:
    try:
        official = read_official(args.official)
        reports = load(args.dataset)
    except OSError as error:
        print(f"{error.filename}: cannot read: {error.strerror or error}", file=sys.stderr)
        return 2
    except (OfficialFileError, RecordValidationError) as error:
        print(str(error), file=sys.stderr)
        return 2
    result = reconcile(official, reports, _window(args, official))
    print("\n".join(report_lines(result)))
    return 1 if result.disagreements else 0
