"""`sendscrape parse FILE.pdf... -o OUT.jsonl`: local PDFs to validated JSONL."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Parse SEND report PDFs; one JSON line per PDF that parsed, in input order. A PDF that "
        "cannot be parsed gets one line on stderr and none in the output; the exit status is 1 "
        "if any failed."
    )
    parser.add_argument("pdfs", nargs="+", type=Path, metavar="FILE.pdf")
    parser.add_argument("-o", "--output", required=True, help="output JSONL file, or - for stdout")


def run(args: argparse.Namespace) -> int:
    from sendscrape.dataset.write import atomic_text_file

    if args.output == "-":
        return _parse_all(args.pdfs, sys.stdout)
    with atomic_text_file(Path(args.output)) as stream:
        return _parse_all(args.pdfs, stream)


def _parse_all(pdfs: list[Path], stream: IO[str]) -> int:
    from sendscrape.dataset.write import report_to_json_line
    from sendscrape.pipeline import RecordFailure, try_build_record

    failures = 0
    for pdf in pdfs:
        outcome = try_build_record(pdf)
        if isinstance(outcome, RecordFailure):
            print(outcome.error, file=sys.stderr)
            failures += 1
        else:
            stream.write(report_to_json_line(outcome) + "\n")
    if failures:
        print(f"sendscrape parse: {failures} of {len(pdfs)} file(s) failed", file=sys.stderr)
    return 1 if failures else 0
