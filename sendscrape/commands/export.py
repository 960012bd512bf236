"""`sendscrape export DATASET --format csv -o DIR`: the dataset as flat tables for spreadsheets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sendscrape.dataset import load
from sendscrape.publish.export import WRITERS, export
from sendscrape.publish.extras import ExportError
from sendscrape.validate.records import RecordValidationError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the dataset as CSV or Parquet tables",
        description="Write reports (one row per report), priority_actions and "
        "areas_for_improvement (one row per item) to DIR, each row with the report's sha256, "
        "area codes (urn, la_code, gss_code, region, ofsted_region), dates and outcome. CSV is "
        "UTF-8 without a BOM; lists of texts are one cell, items on separate lines. Parquet needs "
        "the optional extra: pip install 'sendscrape[parquet]'.",
    )
    parser.add_argument("dataset", metavar="DATASET", help="a reports.jsonl file or data dir")
    parser.add_argument("--format", choices=sorted(WRITERS), default="csv", help="default: csv")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        reports = load(args.dataset)
        written = export(reports, args.output, args.format)
    except RecordValidationError as error:
        print(str(error), file=sys.stderr)
        return 1
    except ExportError as error:
        print(f"sendscrape export: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{error.filename or args.dataset}: {error.strerror or error}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    print(f"sendscrape export: {len(reports)} report(s) to {args.output}", file=sys.stderr)
    return 0
