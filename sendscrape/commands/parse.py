"""`sendscrape parse FILE.pdf|FOLDER... -o OUT.jsonl`: local PDFs to validated JSONL."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from sendscrape.commands.parse_inputs import InputRefused

USAGE_ERROR = 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Parse SEND report PDFs (a folder: every PDF under it); one JSON line per PDF that "
        "parsed, in input order. A PDF that cannot be parsed, or a file that is not a regular "
        "file or is over 60 MB, gets one line on stderr and none in the output; the exit status "
        "is 1 if any failed."
    )
    parser.add_argument("pdfs", nargs="+", type=Path, metavar="FILE.pdf|FOLDER")
    parser.add_argument("-o", "--output", required=True, help="output JSONL file, or - for stdout")


def run(args: argparse.Namespace) -> int:
    from sendscrape.commands.parse_inputs import output_problem, pdf_inputs
    from sendscrape.dataset.write import atomic_text_file

    inputs = pdf_inputs(args.pdfs)
    if args.output == "-":
        return _parse_all(inputs, sys.stdout)
    output = Path(args.output)
    problem = output_problem(output, inputs)
    if problem:
        print(f"sendscrape parse: {problem}", file=sys.stderr)
        return USAGE_ERROR
    with atomic_text_file(output) as stream:
        return _parse_all(inputs, stream)


def _parse_all(inputs: list[Path | InputRefused], stream: IO[str]) -> int:
    from sendscrape.commands.parse_inputs import escaped

    failures = 0
    for item in inputs:
        error = _parse_one(item, stream)
        if error:
            print(escaped(error), file=sys.stderr)
            failures += 1
    if failures:
        print(f"sendscrape parse: {failures} of {len(inputs)} file(s) failed", file=sys.stderr)
    return 1 if failures else 0


def _parse_one(item: Path | InputRefused, stream: IO[str]) -> str | None:
    """Writes the record of one input; the line saying why not, if it has none."""
    from sendscrape.commands.parse_inputs import InputRefused, escaped, read_pdf
    from sendscrape.dataset.write import report_to_json_line
    from sendscrape.pipeline import RecordFailure, record_or_failure

    try:
        if isinstance(item, InputRefused):
            raise item
        outcome = record_or_failure(read_pdf(item), escaped(item))
    except InputRefused as refused:
        return str(refused)
    if isinstance(outcome, RecordFailure):
        return outcome.error
    stream.write(report_to_json_line(outcome) + "\n")
    return None
