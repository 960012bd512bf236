"""Tables printed without their header row: columns come from the drawn column rules."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fixtures.pdfs import full_inspection as fixtures
from fixtures.pdfs.render import DocumentSpec, Table, render_pdf
from parsers import ReportParseError, parse_report

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
