"""The nightly's failure issue, through the GitHub CLI (`gh`): one open issue while the nights
fail, opened by the first failed night and commented on by each one after, closed by the next
good night. Run by the nightly workflow's last job; needs GH_TOKEN and GH_REPO.

python -m tools.nightly_issue --failed true --summary nightly/summary.md --run-url URL
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

TITLE = "The nightly scrape is failing"
NO_SUMMARY = "The night failed before it wrote its summary (the tests, the install or the runner)."


class GhFailed(RuntimeError):
    """`gh` could not be run or said no; the message is one line."""


def gh(*args: str) -> str:
    """Run `gh` with `args`; its standard output."""
    command = " ".join(["gh", *args[:2]])
    try:
        done = subprocess.run(["gh", *args], capture_output=True, text=True, check=False)
    except OSError as error:
        raise GhFailed(f"{command}: {error.strerror or error}") from error
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["no message"])[0]
        raise GhFailed(f"{command}: exit status {done.returncode}: {said}")
    return done.stdout


def open_issue() -> int | None:
    """The number of the open failure issue, if there is one."""
    found = json.loads(
        gh("issue", "list", "--state", "open", "--search", f"{TITLE} in:title",
           "--json", "number,title")
    )  # fmt: skip
    numbers = [item["number"] for item in found if item["title"] == TITLE]
    return min(numbers) if numbers else None


def issue_body(summary: Path, run_url: str) -> str:
    text = summary.read_text(encoding="utf-8") if summary.is_file() else NO_SUMMARY + "\n"
    return f"{text}\nThe run: {run_url}\n"


def report(failed: bool, summary: Path, run_url: str) -> str:
    """Open, update or close the failure issue; says what it did."""
    number = open_issue()
    if failed and number is None:
        gh("issue", "create", "--title", TITLE, "--body", issue_body(summary, run_url))
        return "opened the failure issue"
    if failed and number is not None:
        gh("issue", "comment", str(number), "--body", issue_body(summary, run_url))
        return f"commented on failure issue #{number}"
    if number is not None:
        gh("issue", "close", str(number), "--comment", f"A good night: {run_url}")
        return f"closed failure issue #{number}"
    return "nothing to do: the night succeeded and no failure issue is open"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.nightly_issue", description=__doc__)
    parser.add_argument("--failed", required=True, choices=("true", "false"))
    parser.add_argument("--summary", type=Path, required=True, help="the night's summary.md")
    parser.add_argument("--run-url", required=True)
    args = parser.parse_args(argv)
    try:
        print(report(args.failed == "true", args.summary, args.run_url))
    except GhFailed as error:
        print(f"nightly_issue: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
