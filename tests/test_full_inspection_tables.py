"""Tables printed without their header row: columns come from the drawn column rules."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.pdfs import full_inspection as fixtures
from fixtures.pdfs.render import DocumentSpec, Table, render_pdf
from sendscrape.parsers import ReportParseError, parse_report
from tests.fixture_pdfs import page_texts

HEADERS_TO_DROP = (
    ("Responsible body", "Areas for priority action"),
    ("Local authority", "Integrated care board"),
)


def _without_headers(spec: DocumentSpec, headers: tuple[tuple[str, ...], ...]) -> DocumentSpec:
    blocks = tuple(
        dataclasses.replace(block, header=None)
        if isinstance(block, Table) and block.header in headers
        else block
        for block in spec.blocks
    )
    return dataclasses.replace(spec, blocks=blocks)


def test_priority_and_partnership_tables_without_header_rows(tmp_path: Path) -> None:
    fixture = fixtures.widespread_failings()
    pdf = tmp_path / "no-headers.pdf"
    pdf.write_bytes(render_pdf(_without_headers(fixture.spec, HEADERS_TO_DROP)))
    record = parse_report(pdf)
    assert record["priority_actions"] == fixture.expected["priority_actions"]
    assert record["local_authority"] == fixture.expected["local_authority"]
    assert record["icb"] == fixture.expected["icb"]


def test_single_column_priority_table_is_an_error_naming_the_file(tmp_path: Path) -> None:
    spec = fixtures.widespread_failings().spec
    blocks = tuple(
        dataclasses.replace(
            block, header=None, widths=(1.0,), rows=tuple(r[1:] for r in block.rows)
        )
        if isinstance(block, Table) and block.header == HEADERS_TO_DROP[0]
        else block
        for block in spec.blocks
    )
    pdf = tmp_path / "one-column.pdf"
    pdf.write_bytes(render_pdf(dataclasses.replace(spec, blocks=blocks)))
    with pytest.raises(ReportParseError, match=r"one-column\.pdf: cannot parse priority_actions"):
        parse_report(pdf)


def _with_repeated_headers(spec: DocumentSpec) -> DocumentSpec:
    blocks = tuple(
        dataclasses.replace(block, repeat_header=True) if isinstance(block, Table) else block
        for block in spec.blocks
    )
    return dataclasses.replace(spec, blocks=blocks)


@pytest.mark.parametrize(
    "make_fixture",
    [
        fixtures.priority_row_split_body_and_action_continue,
        fixtures.priority_row_split_empty_body_cell,
    ],
)
def test_row_split_over_a_page_under_a_repeated_header(
    make_fixture: Callable[[], fixtures.Fixture], tmp_path: Path
) -> None:
    fixture = make_fixture()
    pdf = tmp_path / "repeated-header.pdf"
    pdf.write_bytes(render_pdf(_with_repeated_headers(fixture.spec)))
    pages = [page.count("Responsible body") for page in page_texts(pdf)]
    assert sum(pages) == 2, "the header must print on both pages of the table"
    assert parse_report(pdf)["priority_actions"] == fixture.expected["priority_actions"]
