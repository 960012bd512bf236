"""The current full inspection template (2025 onwards): integrated care boards one per line in
the partnership table; and the warnings a report gets when its outcome, priority action plan
sentence and priority action table disagree or an item ends mid-sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.pdfs import full_inspection_2025 as fixtures
from fixtures.pdfs.full_inspection_2025 import (
    PINNED_FIXTURES,
    SHAPE_CHECK_FIXTURES,
    TEMPLATE_2025_FIXTURES,
)
from fixtures.pdfs.full_inspection_template import STRATEGIC_PLAN_SENTENCE
from sendscrape.parsers import ReportParseError, parse_report
from sendscrape.parsers.layout import read_document
from tests.fixture_pdfs import page_lines, page_of, page_texts, write_pdf
from tests.test_full_inspection_layouts import parse_fixture, texts


def _details_lines(pdf: Path) -> list[str]:
    return page_lines(pdf, len(page_texts(pdf)))


def test_template_2025_1_icb(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.template_2025_1_icb(), tmp_path)
    assert "Integrated Care Board" in _details_lines(pdf)  # the name wraps
    assert record["icb"] == "NHS Northwold, Fenland and South Marsh Integrated Care Board"
    assert STRATEGIC_PLAN_SENTENCE.split(" the ")[0] in page_texts(pdf)[0]


def test_template_2025_2_icbs(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.template_2025_2_icbs(), tmp_path)
    lines = _details_lines(pdf)
    assert any(line.startswith("NHS Westmarch ICB") for line in lines)
    assert any(line.startswith("NHS Eastmarch and Fenland") for line in lines)  # its own line
    assert record["icb"] == "NHS Westmarch ICB; NHS Eastmarch and Fenland Integrated Care Board"


def test_template_2025_3_icbs(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.template_2025_3_icbs(), tmp_path)
    assert any(line.endswith("Marshland ICB") for line in _details_lines(pdf))
    assert record["icb"] == (
        "NHS Mid Northwold ICB; NHS Fenland and North East Marshland ICB; NHS Eastmere ICB"
    )
    assert record["local_authority"] == "Northwold Council"


def test_template_2025_3_icbs_in_separate_cells(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.template_2025_3_icbs_in_separate_cells(), tmp_path)
    lines = _details_lines(pdf)
    assert "NHS Fenland Integrated Care Board" in lines
    assert "NHS Eastmere ICB" in lines
    assert (
        record["icb"]
        == "NHS Mid Northwold ICB; NHS Fenland Integrated Care Board; NHS Eastmere ICB"
    )
    assert record["local_authority"] == "Northwold Council"


def test_template_2025_2_icbs_in_prose(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.template_2025_2_icbs_in_prose(), tmp_path)
    assert record["icb"] == "NHS Westmarch ICB and NHS Eastmere ICB"


def test_failings_without_plan_sentence(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.failings_without_plan_sentence(), tmp_path)
    assert record["warnings"] == [
        "the outcome is widespread_failings, the priority action plan sentence is absent and "
        "the priority action table has 2 item(s): these go together (widespread failings, plan "
        "sentence, priority actions) in every known report"
    ]


def test_priority_actions_with_inconsistent_outcome(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.priority_actions_with_inconsistent_outcome(), tmp_path)
    assert len(record["warnings"]) == 1
    assert record["warnings"][0].startswith("the outcome is inconsistent, the priority action")
    assert "table has 2 item(s)" in record["warnings"][0]


def test_improvement_ending_mid_sentence(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.improvement_ending_mid_sentence(), tmp_path)
    assert record["warnings"] == [
        "areas_for_improvement item 2 ends mid-sentence: "
        "'...new plans are reviewed with families on time'"
    ]


def test_line_break_hyphens(tmp_path: Path) -> None:
    """'ser-' + 'vices' is 'services' (printed elsewhere, 'ser-vices' never); 'co-' +
    'produced' keeps its hyphen ('coproduced' is never printed)."""
    pdf, record = parse_fixture(fixtures.line_break_hyphens(), tmp_path)
    lines = [line.text for line in read_document(pdf).lines()]
    assert "Leaders should make sure that health ser-" in lines
    assert any(line.endswith("plans are co-") for line in lines)
    assert not any("ser-vices" in line or "coproduced" in line for line in lines)
    assert any("services" in line for line in lines)
    assert texts(record, "areas_for_improvement")[1] == fixtures.HYPHENS_SETTLED


def test_improvement_row_split_before_capital(tmp_path: Path) -> None:
    """The row's text runs on over the page break ('...school or college in' / 'Northwold or
    beyond'): the capital letter does not start a new row."""
    pdf, record = parse_fixture(fixtures.improvement_row_split_before_capital(), tmp_path)
    assert page_of(pdf, "another school or college in") + 1 == page_of(pdf, "Northwold or beyond")
    assert texts(record, "areas_for_improvement")[2] == (
        "Leaders should agree with the schools, colleges and health services across the area "
        "how the help that a pupil receives in one school, and the therapy that goes with it, "
        "carries on when they move to another school or college in Northwold or beyond, so that "
        "no family has to ask for the same help twice."
    )
    assert len(record["areas_for_improvement"]) == 3


def test_two_outcome_sentences(tmp_path: Path) -> None:
    """Two outcomes in one box is an error naming both, never 'the first one wins'."""
    pdf = write_pdf(fixtures.two_outcome_sentences().spec, tmp_path, "two_outcome_sentences")
    with pytest.raises(ReportParseError, match=r"several outcomes: \['positive', 'inconsistent'\]"):
        parse_report(pdf)


def test_every_fixture_has_a_test() -> None:
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    makers = (*TEMPLATE_2025_FIXTURES, *SHAPE_CHECK_FIXTURES, *PINNED_FIXTURES)
    names = {make().name for make in makers}
    assert names <= tested, sorted(names - tested)
