"""A digest of what the parser makes of every fixture and every shared real report.

`tests/data/parser_outputs.json` holds, with the PARSER_VERSION that produced them, one short
digest per document. A test recomputes them: when a document's output changed while
PARSER_VERSION stayed the same, it fails, so every change to what the parser returns comes with
a version bump (and records in a dataset say which parser made them).

python -m tools.parser_digest          # rewrite the file after bumping PARSER_VERSION
python -m tools.parser_digest --check  # exit 1 and list the documents whose output changed
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fixtures.build import all_specs
from fixtures.pdfs.render import render_pdf
from sendscrape.parsers import PARSER_VERSION, ReportParseError, parse_report

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DIGEST_FILE = PROJECT_ROOT / "tests" / "data" / "parser_outputs.json"
CORPUS_DIR = PROJECT_ROOT.parent / "shared" / "corpus" / "area-send-full"
# Provenance that changes with the bytes of a rendered fixture or with the version itself.
UNSTABLE_FIELDS = ("sha256", "parser_version")


@dataclass(frozen=True)
class Digests:
    parser_version: str
    fixtures: dict[str, str]
    corpus: dict[str, str]


def output_digest(pdf: bytes, source: str) -> str:
    """A short digest of the parser's output (or of its error) for one PDF."""
    try:
        fields = parse_report(pdf, source)
        output: object = {k: v for k, v in fields.items() if k not in UNSTABLE_FIELDS}
    except ReportParseError as error:
        output = {"error": type(error).__name__, "reason": str(error)}
    text = json.dumps(output, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fixture_documents() -> Iterator[tuple[str, bytes]]:
    for name, spec in all_specs().items():
        yield name, render_pdf(spec)


def corpus_documents(corpus_dir: Path = CORPUS_DIR) -> Iterator[tuple[str, bytes]]:
    for path in sorted(corpus_dir.glob("*.pdf")):
        yield path.name, path.read_bytes()


def compute(documents: Iterator[tuple[str, bytes]]) -> dict[str, str]:
    return {name: output_digest(pdf, name) for name, pdf in documents}


def read_committed(path: Path = DIGEST_FILE) -> Digests:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Digests(data["parser_version"], data["fixtures"], data["corpus"])


def changed(committed: dict[str, str], current: dict[str, str]) -> list[str]:
    """Documents in both whose output differs, or that one side lacks."""
    return sorted(
        name
        for name in committed.keys() | current.keys()
        if committed.get(name) != current.get(name)
    )


def write(path: Path = DIGEST_FILE) -> Digests:
    corpus = compute(corpus_documents()) if CORPUS_DIR.is_dir() else read_committed(path).corpus
    digests = Digests(PARSER_VERSION, compute(fixture_documents()), corpus)
    payload = {
        "parser_version": digests.parser_version,
        "fixtures": digests.fixtures,
        "corpus": digests.corpus,
    }
    path.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return digests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.parser_digest")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    if not args.check:
        digests = write()
        print(
            f"wrote {DIGEST_FILE} for parser {digests.parser_version}: "
            f"{len(digests.fixtures)} fixtures, {len(digests.corpus)} real reports"
        )
        return 0
    committed = read_committed()
    differ = changed(committed.fixtures, compute(fixture_documents()))
    if CORPUS_DIR.is_dir():
        differ += changed(committed.corpus, compute(corpus_documents()))
    for name in differ:
        print(f"output changed: {name}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
