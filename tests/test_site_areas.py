"""What the site says of an area: the next visit due as a date range from the report's own
interval, whether it is due now or overdue on the data date, every current authority an area,
slugs, plain-language labels."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sendscrape.publish.labels import date_span, slug
from sendscrape.publish.site.areas import Area, every_area, group_areas, next_due
from sendscrape.publish.site.status import visit_status
from sendscrape.validate.models import Report
from sendscrape.validate.records import validate_record
from tests.records import base_fields

FAILINGS = "There are widespread and/or systemic failings."


def _full(start: str, end: str, outcome: str, months: int | None, years: int) -> Report:
    failings = outcome == "widespread_failings"
    fields: dict[str, Any] = base_fields("Bolton", start, end) | {
        "report_type": "area_send_full_inspection",
        "previous_inspections": [],
        "previous_inspection_text": "Not previously inspected under this framework.",
        "outcome": outcome,
        "outcome_text": FAILINGS,
        "monitoring_within_months": months,
        "next_full_within_years": years,
        "priority_action_plan_required": failings,
        "priority_actions": [{"responsible_body": "Leaders", "text": "Act."}] if failings else [],
        "areas_for_improvement": [],
        "local_authority": "Bolton Council",
        "icb": "NHS Greater Manchester ICB",
    }
    return validate_record(fields, "test")


def _monitoring(start: str) -> Report:
    fields = base_fields("Bolton", start, start) | {
        "report_type": "area_send_monitoring_inspection",
        "monitoring_outcome": "effective_action",
        "outcome_text": "Leaders have taken reasonable steps.",
        "priority_action_reviews": [],
        "next_steps": [],
    }
    return validate_record(fields, "test")


def test_widespread_failings_are_due_a_monitoring_inspection_within_the_months_stated() -> None:
    due = next_due([_full("2023-08-31", "2024-02-29", "widespread_failings", 18, 3)])
    assert due is not None
    assert (due.what, due.earliest, due.latest) == (
        "monitoring inspection",
        dt.date(2024, 2, 29),
        dt.date(2025, 8, 29),
    )


def test_after_the_monitoring_inspection_the_next_full_inspection_is_due() -> None:
    reports = [
        _full("2023-03-06", "2023-03-10", "widespread_failings", 18, 3),
        _monitoring("2024-06-03"),
    ]
    due = next_due(reports)
    assert due is not None
    assert (due.what, due.earliest, due.latest) == (
        "full inspection",
        dt.date(2023, 3, 10),
        dt.date(2026, 3, 10),
    )


@pytest.mark.parametrize(("outcome", "years"), [("positive", 5), ("inconsistent", 3)])
def test_other_outcomes_are_due_a_full_inspection_within_the_years_stated(
    outcome: str, years: int
) -> None:
    due = next_due([_full("2024-01-08", "2024-01-12", outcome, None, years)])
    assert due is not None
    assert due.latest == dt.date(2024 + years, 1, 12)
    assert due.within == f"within approximately {years} years"


def test_no_interval_stated_means_no_date() -> None:
    assert next_due([_monitoring("2024-06-03")]) is None


def test_an_area_groups_its_reports_oldest_first_under_the_authority_name() -> None:
    reports = [_monitoring("2024-06-03"), _full("2023-03-06", "2023-03-10", "positive", None, 5)]
    (area,) = group_areas(reports)
    assert (area.name, area.slug) == ("Bolton", "bolton")
    assert [r.report_type for r in area.reports] == [
        "area_send_full_inspection",
        "area_send_monitoring_inspection",
    ]


def test_slugs_and_date_spans_read_well() -> None:
    assert slug("Kingston upon Hull, City of") == "kingston-upon-hull-city-of"
    assert slug("St. Helens") == "st-helens"
    assert date_span(dt.date(2024, 3, 11), dt.date(2024, 3, 15)) == "11 to 15 March 2024"
    assert date_span(dt.date(2023, 2, 27), dt.date(2023, 3, 3)) == "27 February to 3 March 2023"
    assert (
        date_span(dt.date(2023, 12, 11), dt.date(2024, 1, 5))
        == "11 December 2023 to 5 January 2024"
    )


def _area(reports: list[Report]) -> Area:
    (area,) = group_areas(reports)
    return area


def test_a_window_that_closed_with_no_newer_report_is_overdue_since_it_closed() -> None:
    area = _area([_full("2023-12-04", "2023-12-08", "widespread_failings", 18, 3)])
    status = visit_status(area, dt.date(2026, 12, 2))
    assert (status.key, status.label) == ("overdue", "Overdue")
    assert status.sentence == (
        "Overdue since 8 June 2025. A monitoring inspection was due by then, within "
        "approximately 18 months of the full inspection that ended 8 December 2023. No newer "
        "report is in the data."
    )


def test_the_last_months_of_a_window_are_due_now_and_earlier_ones_due_later() -> None:
    area = _area([_full("2024-01-08", "2024-01-12", "inconsistent", None, 3)])
    assert visit_status(area, dt.date(2026, 12, 2)).key == "due_now"
    assert visit_status(area, dt.date(2027, 1, 12)).key == "due_now"
    assert visit_status(area, dt.date(2027, 1, 13)).key == "overdue"
    later = visit_status(area, dt.date(2026, 7, 12))
    assert later.key == "due"
    assert later.sentence.startswith(
        "Next visit due between 12 January 2024 and 12 January 2027. It is a full inspection"
    )


def test_a_monitoring_inspection_since_moves_the_status_to_the_next_full_inspection() -> None:
    area = _area(
        [_full("2023-03-06", "2023-03-10", "widespread_failings", 18, 3), _monitoring("2024-06-03")]
    )
    status = visit_status(area, dt.date(2026, 12, 2))
    assert status.key == "overdue"
    assert status.sentence.startswith("Overdue since 10 March 2026. A full inspection")


def test_every_current_authority_is_an_area_and_those_without_reports_say_so() -> None:
    areas = every_area([_full("2024-01-08", "2024-01-12", "positive", None, 5)])
    assert len(areas) == 153
    assert len({area.slug for area in areas}) == 153
    barnet = next(area for area in areas if area.name == "Barnet")
    assert barnet.reports == ()
    assert barnet.latest is None
    status = visit_status(barnet, dt.date(2026, 12, 2))
    assert (status.key, status.sentence) == (
        "no_report",
        "No report of this area is in the data yet.",
    )
    assert "Northamptonshire" not in {area.name for area in areas}  # abolished, no report


def test_the_region_is_named_once_unless_ofsted_names_it_otherwise() -> None:
    areas = {area.name: area for area in every_area([])}
    assert areas["Bolton"].regions == "North West"
    assert areas["Leeds"].regions == (
        "Yorkshire and the Humber (Ofsted region: North East, Yorkshire and the Humber)"
    )
