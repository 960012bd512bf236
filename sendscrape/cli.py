"""The `sendscrape` command: a table of sub-commands, each imported only when it is the one run.

Every sub-command is a module of sendscrape.commands with two functions:

- `configure(parser)` gives the sub-command its description and arguments, importing nothing
  heavy (no pydantic, httpx, pypdfium2 or publishing modules at the module's top);
- `run(args) -> int` does the work, importing inside itself the modules that do it.

So `sendscrape --version`, `sendscrape --help` and `sendscrape COMMAND --help` start at once,
and running one command loads only what that command needs (tests/test_cli_startup.py fails
otherwise). A new sub-command is a module following that pattern and one line in COMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol, cast

# name -> (module, one-line help shown by `sendscrape --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("sendscrape.commands.parse", "parse local report PDFs to JSONL"),
    "schema": ("sendscrape.commands.schema", "print the JSON Schema of a record"),
    "scrape": (
        "sendscrape.commands.scrape",
        "crawl the reports site and update the dataset (nightly)",
    ),
    "refresh": (
        "sendscrape.commands.refresh",
        "re-crawl, fetch what is missing, re-parse every raw PDF",
    ),
    "rebuild": (
        "sendscrape.commands.rebuild",
        "re-parse every raw PDF into a fresh dataset, offline",
    ),
    "nightly": (
        "sendscrape.commands.nightly",
        "scrape, build the site, decide whether the dataset changed (the nightly job)",
    ),
    "stats": (
        "sendscrape.commands.stats",
        "count inspections by year, region, outcome and framework",
    ),
    "export": ("sendscrape.commands.export", "write the dataset as CSV, Parquet or Excel tables"),
    "site": ("sendscrape.commands.site", "build the static results site from a dataset"),
    "reconcile": (
        "sendscrape.commands.reconcile",
        "compare the dataset with an official list of inspections",
    ),
    "themes": ("sendscrape.commands.themes", "measure the theme rules against a hand-labelled set"),
}


class CommandModule(Protocol):
    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


class _LazyVersion(argparse.Action):
    """`--version`, reading the installed package's version only when asked."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import sendscrape  # noqa: PLC0415 (its version costs an importlib.metadata lookup)
        from sendscrape.parsers.version import PARSER_VERSION  # noqa: PLC0415

        print(f"{parser.prog} {sendscrape.__version__} (parser {PARSER_VERSION})")
        parser.exit()


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The sub-command named on the command line (the first word not an option), if any."""
    return next((word for word in argv if not word.startswith("-")), None)


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser; of the sub-commands only the one `argv` names is imported and configured."""
    parser = argparse.ArgumentParser(
        prog="sendscrape",
        description="Ofsted/CQC area SEND inspection reports as a validated JSONL dataset.",
    )
    parser.add_argument("--version", action=_LazyVersion)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    chosen = _chosen_command(argv)
    for name, (module_name, summary) in COMMANDS.items():
        subparser = subparsers.add_parser(name, help=summary, description=summary)
        if name == chosen:
            module = cast(CommandModule, importlib.import_module(module_name))
            module.configure(subparser)
            subparser.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("sendscrape: interrupted", file=sys.stderr)
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())
