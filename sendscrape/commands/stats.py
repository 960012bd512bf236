"""`sendscrape stats DATASET`: counts of inspections by year, region, outcome and framework."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Mapping, Sequence
from typing import IO

from sendscrape.dataset import load
from sendscrape.stats import counts as stats
from sendscrape.validate.records import RecordValidationError

COUNTING_RULE = (
    "Counting rule: one inspection is one (report kind, local authority, first day of "
    "inspection); two records of the same inspection (a re-published report) count once, and a "
    "re-inspection of an area counts again. The year is the calendar year of inspection_start "
    "(when the inspection took place, as Ofsted's official statistics count), not the year of "
    "publication. 'outcome' and 'priority_actions' apply to 2023-framework full inspections only. "
    "Combinations with no inspection get no row. See docs/STATS.md."
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = "Tables of inspection counts from a dataset. " + COUNTING_RULE
    parser.add_argument("dataset", metavar="DATASET", help="a reports.jsonl file or data dir")
    parser.add_argument(
        "--by",
        action="append",
        metavar="BREAKDOWN",
        help="comma-separated dimensions, columns in that order plus 'inspections' (e.g. "
        f"year,outcome), or a named breakdown; repeatable. Choices: {stats.list_choices()}. "
        "Default: the standard set of tables.",
    )
    parser.add_argument(
        "--themes",
        action="store_true",
        help="add the most common themes of priority actions, overall and by outcome "
        "(the same as --by themes --by themes_by_outcome)",
    )
    parser.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table (for reading), csv (exactly one --by) or json (default: table)",
    )


def run(args: argparse.Namespace) -> int:
    specs: list[str] = args.by or ([] if args.themes else list(stats.DEFAULT_BREAKDOWNS))
    if args.themes:
        specs += [spec for spec in stats.THEME_BREAKDOWNS if spec not in specs]
    if args.format == "csv" and len(specs) != 1:
        print("sendscrape stats: --format csv needs exactly one --by", file=sys.stderr)
        return 2
    try:
        records = load(args.dataset)
        reports = stats.distinct_inspections(records)
        tables = {spec: stats.breakdown(reports, spec) for spec in specs}
    except OSError as error:
        print(f"{args.dataset}: cannot read: {error.strerror or error}", file=sys.stderr)
        return 1
    except (RecordValidationError, ValueError) as error:
        print(f"sendscrape stats: {error}", file=sys.stderr)
        return 1 if isinstance(error, RecordValidationError) else 2
    if len(reports) < len(records):
        print(
            f"note: {len(records) - len(reports)} record(s) repeat an inspection already "
            "counted (same kind, area and start date) and were counted once",
            file=sys.stderr,
        )
    write_tables(tables, args.format, sys.stdout)
    return 0


def write_tables(tables: Mapping[str, stats.Table], output_format: str, stream: IO[str]) -> None:
    """CSV: the table(s) one after another; JSON: an object of breakdown -> list of row objects;
    table: each titled, aligned, separated by a blank line."""
    if output_format == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        for table in tables.values():
            writer.writerow(table.columns)
            writer.writerows(table.rows)
    elif output_format == "json":
        by_spec = {spec: table.records() for spec, table in tables.items()}
        stream.write(json.dumps(by_spec, indent=2, ensure_ascii=False) + "\n")
    else:
        stream.write("\n\n".join(render_table(table) for table in tables.values()) + "\n")


def _cell(value: stats.Value) -> str:
    if value is None:
        return ""
    return f"{value:.1%}" if isinstance(value, float) else str(value)


def render_table(table: stats.Table) -> str:
    """Aligned plain-text columns under the title; numbers right-aligned."""
    if not table.rows:
        return f"{table.title}\n(none)"
    cells = [[_cell(value) for value in row] for row in table.rows]
    widths = [
        max(len(column), *(len(row[i]) for row in cells)) for i, column in enumerate(table.columns)
    ]
    numeric = [isinstance(value, int | float) for value in table.rows[0]]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if right else v.ljust(w)
            for v, w, right in zip(values, widths, numeric, strict=True)
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([table.title, line(table.columns), rule, *(line(row) for row in cells)])
