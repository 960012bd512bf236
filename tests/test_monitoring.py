"""2023-framework monitoring inspections, parsed from fixture PDFs rendered at test time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fixtures.pdfs.older_kinds import (
    EFFECTIVE,
    INEFFECTIVE,
    PRIORITY_ACTIONS,
    monitoring_inspection,
    render,
)
from sendscrape.enrich.areas import area_fields
from sendscrape.parsers import ReportParseError, parse_report
from sendscrape.validate.models import MonitoringInspectionReport
from sendscrape.validate.records import validate_record

NEXT_STEPS = ("The next full reinspection will be within approximately 3 years.",)


def _pdf(tmp_path: Path, **options: object) -> Path:
    path = tmp_path / "monitoring.pdf"
    path.write_bytes(render(monitoring_inspection(**options)))  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        (EFFECTIVE, "effective_action"),
        (INEFFECTIVE, "ineffective_action"),
        (
            "The local area partnership has taken ineffective action to address the areas for "
            "priority action identified at the initial inspection.",
            "ineffective_action",
        ),
        (EFFECTIVE.upper(), "effective_action"),
    ],
)
def test_outcome(tmp_path: Path, sentence: str, outcome: str) -> None:
    fields = parse_report(_pdf(tmp_path, outcome_sentence=sentence))
    assert fields["report_type"] == "area_send_monitoring_inspection"
    assert fields["monitoring_outcome"] == outcome
    assert fields["outcome_text"] == sentence


def test_dates_reviews_and_next_steps(tmp_path: Path) -> None:
    fields = parse_report(_pdf(tmp_path))
    assert fields["local_area"] == "Northwold"
    assert (fields["inspection_start"], fields["inspection_end"]) == (
        dt.date(2025, 3, 3),
        dt.date(2025, 3, 7),
    )
    assert fields["priority_action_reviews"] == [
        {
            "text": PRIORITY_ACTIONS[0],
            "progress": "Nearly all new plans are now finished within twenty weeks.",
        },
        {
            "text": PRIORITY_ACTIONS[1],
            "progress": "Waiting times have halved, although some families still wait a year.",
        },
    ]
    assert fields["next_steps"] == list(NEXT_STEPS)
    assert fields["warnings"] == []


def test_next_steps_under_their_own_heading(tmp_path: Path) -> None:
    fields = parse_report(_pdf(tmp_path, next_steps_heading=True))
    assert fields["next_steps"] == list(NEXT_STEPS)
    assert len(fields["priority_action_reviews"]) == 2  # type: ignore[arg-type]


def test_missing_outcome_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ReportParseError, match="monitoring_outcome"):
        parse_report(_pdf(tmp_path, outcome_sentence="Inspectors met leaders and families."))


def test_monitoring_record_validates(tmp_path: Path) -> None:
    path = _pdf(tmp_path, area="Oxfordshire")
    fields = parse_report(path) | area_fields("Oxfordshire", str(path))
    record = validate_record(fields, str(path))
    assert isinstance(record, MonitoringInspectionReport)
    assert record.local_area == "Oxfordshire"
    assert record.priority_action_reviews[1].text == PRIORITY_ACTIONS[1]
