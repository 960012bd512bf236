"""`sendscrape schema`: print the JSON Schema of a dataset record."""

from __future__ import annotations

import argparse

from sendscrape.validate.records import report_json_schema_text


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("schema", help="print the JSON Schema of a record")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(report_json_schema_text(), end="")
    return 0
