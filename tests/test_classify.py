"""Classification of a PDF by its own title: every kind, the refusals, and the real reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fixtures.pdfs.older_kinds import (
    LetterOptions,
    focused_visit,
    local_area_letter,
    monitoring_inspection,
    render,
    revisit_letter,
    unknown_send_kind,
)
from fixtures.pdfs.render import DocumentSpec
from sendscrape.cli import main
from sendscrape.parsers import UnsupportedReportType, parse_report
from sendscrape.parsers.classify import classify
from sendscrape.parsers.layout import read_document


@pytest.mark.parametrize(
    ("spec", "report_type", "area"),
    [
        (local_area_letter("Bath and North East Somerset"), "local_area_send_inspection",
         "Bath and North East Somerset"),
        (local_area_letter("Kent", LetterOptions(letter_layout=True)),
         "local_area_send_inspection", "Kent"),
        (local_area_letter("Kent", LetterOptions(letter_layout=True, subject_bold=False)),
         "local_area_send_inspection", "Kent"),
        (revisit_letter("Stoke-on-Trent"), "local_area_send_revisit", "Stoke-on-Trent"),
        (monitoring_inspection("Oxfordshire"), "area_send_monitoring_inspection", "Oxfordshire"),
    ],
)  # fmt: skip
def test_fixture_kinds(spec: DocumentSpec, report_type: str, area: str) -> None:
    assert classify(read_document(render(spec))) == (report_type, area)


@pytest.mark.parametrize(
    ("spec", "title"),
    [
        (focused_visit(), "Focused visit to Northwold local authority children's services"),
        (unknown_send_kind(), "Area SEND engagement visit to Northwold Local Area Partnership"),
    ],
)
def test_other_reports_are_refused_with_their_title(spec: DocumentSpec, title: str) -> None:
    with pytest.raises(UnsupportedReportType) as raised:
        classify(read_document(render(spec), "other.pdf"))
    assert raised.value.title == title
    assert str(raised.value) == f"other.pdf: unsupported report type: {title}"


def test_parse_command_refuses_a_focused_visit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "focused_visit.pdf"
    pdf.write_bytes(render(focused_visit()))
    assert main(["parse", str(pdf), "-o", str(tmp_path / "out.jsonl")]) == 1
    stderr = capsys.readouterr().err
    assert f"{pdf}: unsupported report type: Focused visit to Northwold" in stderr
    assert (tmp_path / "out.jsonl").read_text() == ""


def test_focused_visit_starts_with_inspection_dates() -> None:
    lines = list(read_document(render(focused_visit())).lines())
    first_below_title = next(line for line in lines if line.size < lines[0].size)
    assert first_below_title.text == "Inspection dates: 5 to 6 March 2024"
    with pytest.raises(UnsupportedReportType):
        parse_report(render(focused_visit()))


@pytest.mark.corpus
def test_real_full_inspections(corpus_dir: Path, expected_records: list[dict[str, Any]]) -> None:
    for expected in expected_records:
        document = read_document(corpus_dir / expected["file"])
        assert classify(document) == ("area_send_full_inspection", expected["local_area"]), (
            expected["file"]
        )
