"""`sendscrape schema`: print the JSON Schema of a dataset record."""

from __future__ import annotations

import argparse
import json

from sendscrape.validate.records import report_json_schema


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("schema", help="print the JSON Schema of a record")
    parser.set_defaults(run=run)


def schema_text() -> str:
    return json.dumps(report_json_schema(), indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    print(schema_text(), end="")
    return 0
