"""`sendscrape --version`, `--help` and `COMMAND --help` start at once: they import argparse and
the command table, and of the sub-commands only the one named, never the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sendscrape.cli import COMMANDS
from sendscrape.parsers import PARSER_VERSION

# Loading any of these costs a tenth of a second or more.
HEAVY = ("pydantic", "httpx", "pypdfium2", "sendscrape.publish", "sendscrape.validate")

# Command modules whose helpers another command reuses (failure lines, table rendering).
SHARED_HELPERS = {"sendscrape.commands.export", "sendscrape.commands.stats"}

# `sendscrape ARGV...` in a fresh interpreter, then the modules it loaded, one a line on stderr.
CLI = """
import sys
from sendscrape.cli import main
try:
    main(sys.argv[1:])
finally:
    print("\\n".join(sys.modules), file=sys.stderr)
"""


def imported_modules(*argv: str) -> tuple[set[str], str]:
    """The modules a fresh `sendscrape ARGV...` has loaded when it exits, and its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", CLI, *argv], capture_output=True, text=True, check=True
    )
    return set(done.stderr.split()), done.stdout


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY))


@pytest.mark.parametrize("argv", [("--version",), ("--help",), ("parse", "--help")])
def test_version_and_help_import_nothing_heavy(argv: tuple[str, ...]) -> None:
    modules, _ = imported_modules(*argv)

    assert "argparse" in modules
    assert heavy(modules) == []
    assert not any(m.startswith("sendscrape.commands.") for m in modules if "parse" not in argv)


def test_version_names_the_package_and_the_parser() -> None:
    _, stdout = imported_modules("--version")

    assert stdout.startswith("sendscrape ")
    assert stdout.endswith(f" (parser {PARSER_VERSION})\n")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_commands_help_imports_no_other_command(command: str) -> None:
    modules, stdout = imported_modules(command, "--help")

    assert stdout.startswith(f"usage: sendscrape {command} ")
    own = COMMANDS[command][0]
    others = {m for m in modules if m.startswith("sendscrape.commands.")} - {own}
    assert own in modules
    assert others <= SHARED_HELPERS
