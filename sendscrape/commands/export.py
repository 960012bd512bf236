"""`sendscrape export DATASET --format csv -o DIR`: the dataset as flat tables for spreadsheets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sendscrape.dataset import load
from sendscrape.publish.export import WRITERS, export
from sendscrape.publish.extras import ExportError
from sendscrape.validate.records import RecordValidationError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write reports (one row per report), priority_actions and "
        "areas_for_improvement (one row per item) to DIR, each row with the report's sha256, "
        "area codes (urn, la_code, gss_code, region, ofsted_region), dates and outcome. CSV is "
        "UTF-8 without a BOM; lists of texts are one cell, items on separate lines. xlsx writes "
        "one workbook (DIR/sendscrape.xlsx): a README sheet with the data dictionary and the "
        "licence, then a sheet per table. Parquet needs the optional extra pip install "
        "'sendscrape[parquet]', xlsx pip install 'sendscrape[publish]'."
    )
    parser.add_argument("dataset", metavar="DATASET", help="a reports.jsonl file or data dir")
    parser.add_argument("--format", choices=sorted(WRITERS), default="csv", help="default: csv")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")


FAILURES = (RecordValidationError, ExportError, OSError)


def report_failure(command: str, dataset: str, error: Exception) -> int:
    """One line on stderr for a publishing command that failed; its exit status (2 for a
    missing extra, else 1). A bad record's message names FILE:LINE."""
    if isinstance(error, OSError):
        print(f"{error.filename or dataset}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"sendscrape {command}: {error}", file=sys.stderr)
    return 2 if isinstance(error, ExportError) else 1


def run(args: argparse.Namespace) -> int:
    try:
        reports = load(args.dataset)
        written = export(reports, args.output, args.format)
    except FAILURES as error:
        return report_failure("export", args.dataset, error)
    for path in written:
        print(path)
    print(f"sendscrape export: {len(reports)} report(s) to {args.output}", file=sys.stderr)
    return 0
