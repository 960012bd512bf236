"""Golden tests: the parser against the 40 real reports in ../shared, field by field, no tolerance.

`expected.json` gives, for each item, the first 8 and last 6 words of its text (bullet glyphs and
list numbers are not words); the parser's text must start and end with exactly those words.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from sendscrape.parsers import parse_report
from tests.conftest import CORPUS

pytestmark = pytest.mark.corpus

SCALAR_FIELDS = (
    "local_area",
    "outcome",
    "monitoring_within_months",
    "next_full_within_years",
    "local_authority",
    "icb",
)


def _expected_by_file() -> dict[str, dict[str, Any]]:
    path = CORPUS / "expected.json"
    if not path.exists():
        return {}
    return {record["file"]: record for record in json.loads(path.read_text())}


EXPECTED = _expected_by_file()


def words(text: str) -> list[str]:
    return [w for w in unicodedata.normalize("NFKC", text).split() if w != "•"]


def assert_item_matches(kind: str, index: int, want: dict[str, Any], got: dict[str, Any]) -> None:
    got_words = words(got["text"])
    starts, ends = words(want["starts"]), words(want["ends"])
    assert got_words[: len(starts)] == starts, f"{kind}[{index}] starts"
    assert got_words[-len(ends) :] == ends, f"{kind}[{index}] ends"
    assert got["responsible_body"] == want["responsible_body"], f"{kind}[{index}] body"


@pytest.fixture(params=sorted(EXPECTED) or ["<no corpus>"])
def report_and_expected(
    request: pytest.FixtureRequest, corpus_dir: Path
) -> tuple[dict[str, object], dict[str, Any]]:
    expected = EXPECTED[request.param]
    return parse_report(corpus_dir / request.param), expected


def test_every_corpus_file_is_checked(corpus_dir: Path) -> None:
    assert sorted(p.name for p in corpus_dir.glob("*.pdf")) == sorted(EXPECTED)


def test_report_matches_hand_checked_values(
    report_and_expected: tuple[dict[str, object], dict[str, Any]],
) -> None:
    report, expected = report_and_expected
    assert report["sha256"] == expected["sha256"]
    assert report["report_type"] == "area_send_full_inspection"
    for field in SCALAR_FIELDS:
        assert report[field] == expected[field], field
    assert report["inspection_start"] == dt.date.fromisoformat(expected["inspection_start"])
    assert report["inspection_end"] == dt.date.fromisoformat(expected["inspection_end"])
    for kind in ("priority_actions", "areas_for_improvement"):
        got_items: list[dict[str, Any]] = report[kind]  # type: ignore[assignment]
        assert len(got_items) == len(expected[kind]), f"{kind} count"
        for index, (want, got) in enumerate(zip(expected[kind], got_items, strict=True)):
            assert_item_matches(kind, index, want, got)


def test_footer_date_disagreement_is_a_warning(
    report_and_expected: tuple[dict[str, object], dict[str, Any]],
) -> None:
    report, expected = report_and_expected
    footers_disagree = "page footers say" in expected["notes"]
    assert bool(report["warnings"]) == footers_disagree
