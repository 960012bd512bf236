"""Every change to what the parser returns comes with a PARSER_VERSION bump.

tests/data/parser_outputs.json holds a digest of the parser's output for every fixture and every
shared real report, with the version that produced them (`make parser-digest` rewrites it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sendscrape.parsers import PARSER_VERSION
from tools import parser_digest

BUMP = (
    "the parser's output changed for {names} while PARSER_VERSION stayed {version}: bump "
    "PARSER_VERSION in parsers/version.py and run `make parser-digest`"
)


def _check(committed_version: str, committed: dict[str, str], current: dict[str, str]) -> None:
    assert committed_version == PARSER_VERSION, (
        f"PARSER_VERSION is {PARSER_VERSION} but tests/data/parser_outputs.json was made by "
        f"{committed_version}: run `make parser-digest`"
    )
    both = committed.keys() & current.keys()
    changed = [name for name in parser_digest.changed(committed, current) if name in both]
    assert not changed, BUMP.format(names=", ".join(changed), version=PARSER_VERSION)
    added = sorted(current.keys() - committed.keys())
    assert not added, f"new documents {added} have no digest yet: run `make parser-digest`"


def test_fixture_outputs_match_the_committed_digest_of_this_parser_version() -> None:
    committed = parser_digest.read_committed()
    current = parser_digest.compute(parser_digest.fixture_documents())
    _check(committed.parser_version, committed.fixtures, current)


@pytest.mark.corpus
def test_real_report_outputs_match_the_committed_digest_of_this_parser_version(
    corpus_dir: Path,
) -> None:
    committed = parser_digest.read_committed()
    current = parser_digest.compute(parser_digest.corpus_documents(corpus_dir))
    _check(committed.parser_version, committed.corpus, current)


def test_a_changed_output_without_a_version_bump_fails() -> None:
    with pytest.raises(AssertionError, match="bump PARSER_VERSION"):
        _check(PARSER_VERSION, {"report.pdf": "0000"}, {"report.pdf": "1111"})


def test_a_removed_document_is_not_a_parser_change() -> None:
    _check(PARSER_VERSION, {"gone.pdf": "0000", "kept.pdf": "1111"}, {"kept.pdf": "1111"})


def test_a_bumped_version_needs_a_fresh_digest() -> None:
    with pytest.raises(AssertionError, match="run `make parser-digest`"):
        _check("0.0.0", {"report.pdf": "0000"}, {"report.pdf": "0000"})
