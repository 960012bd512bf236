"""2018-2022 revisit letters, parsed from fixture PDFs rendered at test time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.pdfs.older_kinds import WEAKNESSES, RevisitOptions, render, revisit_letter
from sendscrape.enrich.areas import area_fields
from sendscrape.parsers import ReportParseError, parse_report
from sendscrape.validate.models import RevisitReport
from sendscrape.validate.records import validate_record

RenderRevisit = Callable[..., Path]


@pytest.fixture
def revisit_pdf(tmp_path: Path) -> RenderRevisit:
    def make(area: str = "Northwold", **options: object) -> Path:
        path = tmp_path / f"revisit-{len(list(tmp_path.iterdir()))}.pdf"
        path.write_bytes(render(revisit_letter(area, RevisitOptions(**options))))  # type: ignore[arg-type]
        return path

    return make


@pytest.mark.parametrize(
    ("progress", "outcome"),
    [
        ((True, True, True), "all"),
        ((True, False, True), "some"),
        ((False, False), "none"),
        ((True,), "all"),
    ],
)
@pytest.mark.parametrize("weakness_headings", [True, False])
def test_progress_on_each_weakness(
    revisit_pdf: RenderRevisit,
    progress: tuple[bool, ...],
    outcome: str,
    weakness_headings: bool,
) -> None:
    fields = parse_report(revisit_pdf(progress=progress, weakness_headings=weakness_headings))
    assert fields["report_type"] == "local_area_send_revisit"
    assert (fields["inspection_start"], fields["inspection_end"]) == (
        dt.date(2021, 5, 19),
        dt.date(2021, 5, 21),
    )
    weaknesses = fields["weaknesses"]
    assert isinstance(weaknesses, list)
    assert [w["sufficient_progress"] for w in weaknesses] == list(progress)
    assert [w["text"] for w in weaknesses] == [
        f"At the initial inspection, inspectors found {text}."
        for text in WEAKNESSES[: len(progress)]
    ]
    assert fields["revisit_outcome"] == outcome
    assert fields["weaknesses_total"] == len(progress)
    assert fields["weaknesses_improved"] == sum(progress)
    assert fields["warnings"] == []


def test_paragraph_before_the_first_weakness_is_not_taken_for_it(
    revisit_pdf: RenderRevisit,
) -> None:
    preface = "Inspectors considered each weakness in turn, with the evidence below."
    fields = parse_report(revisit_pdf(weakness_headings=False, findings_preface=preface))
    weaknesses = fields["weaknesses"]
    assert isinstance(weaknesses, list)
    assert weaknesses[0]["text"] == f"At the initial inspection, inspectors found {WEAKNESSES[0]}."
    assert len(weaknesses) == 3


def test_wsoa_dates(revisit_pdf: RenderRevisit) -> None:
    fields = parse_report(revisit_pdf())
    assert fields["wsoa_issued"] == dt.date(2018, 11, 29)
    assert fields["wsoa_fit_for_purpose"] == dt.date(2019, 3, 18)


def test_opening_citing_the_inspection_letter(revisit_pdf: RenderRevisit) -> None:
    reference = "inspection report letter published on 22 March 2019"
    fields = parse_report(revisit_pdf(opening_reference=reference))
    assert fields["wsoa_issued"] == dt.date(2019, 3, 22)


def test_summary_disagreeing_with_findings_is_warned(revisit_pdf: RenderRevisit) -> None:
    summary = (
        "The area has made sufficient progress in addressing three of the four significant "
        "weaknesses identified at the initial inspection."
    )
    fields = parse_report(revisit_pdf(progress=(True, False, True), summary=summary))
    assert fields["weaknesses_total"] == 3
    assert fields["warnings"] == [
        "the summary counts 4 weaknesses but 3 are reported",
        "the summary gives sufficient progress on 3 weaknesses, the findings on 2",
    ]


def test_no_judgement_at_all_is_a_parse_error(revisit_pdf: RenderRevisit) -> None:
    with pytest.raises(ReportParseError, match="no progress judgement"):
        parse_report(revisit_pdf(progress=(), summary="Inspectors met leaders and families."))


def test_revisit_record_validates(revisit_pdf: RenderRevisit) -> None:
    path = revisit_pdf(area="Northumberland", progress=(True, True, False))
    fields = parse_report(path) | area_fields("Northumberland", str(path))
    record = validate_record(fields, str(path))
    assert isinstance(record, RevisitReport)
    assert (record.revisit_outcome, record.weaknesses_improved) == ("some", 2)
