"""The `sendscrape` command: one sub-command per module in sendscrape.commands."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from sendscrape import __version__
from sendscrape.parsers import PARSER_VERSION

# Each module defines `register(subparsers)`, which adds its sub-command and sets `run`.
COMMAND_MODULES = (
    "sendscrape.commands.parse",
    "sendscrape.commands.schema",
    "sendscrape.commands.scrape",
    "sendscrape.commands.refresh",
    "sendscrape.commands.rebuild",
    "sendscrape.commands.nightly",
    "sendscrape.commands.stats",
    "sendscrape.commands.export",
    "sendscrape.commands.site",
    "sendscrape.commands.reconcile",
    "sendscrape.commands.themes",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sendscrape",
        description="Ofsted/CQC area SEND inspection reports as a validated JSONL dataset.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__} (parser {PARSER_VERSION})"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("sendscrape: interrupted", file=sys.stderr)
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())
