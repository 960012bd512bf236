"""`sendscrape schema`: print the JSON Schema of a dataset record."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = "Print the JSON Schema of a dataset record (schema/report.schema.json)."


def run(args: argparse.Namespace) -> int:
    from sendscrape.validate.records import report_json_schema_text

    print(report_json_schema_text(), end="")
    return 0
