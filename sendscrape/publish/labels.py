"""Words for people: report kinds, outcomes in plain language, and each area's stable page name."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sendscrape.enrich.areas import AreaNotFound, area_by_gss_code
from sendscrape.validate.models import (
    FullInspectionReport,
    LocalAreaInspectionReport,
    MonitoringInspectionReport,
    Report,
    RevisitReport,
)

KIND_LABELS = {
    "area_send_full_inspection": "full inspection",
    "area_send_monitoring_inspection": "monitoring inspection",
    "local_area_send_inspection": "inspection (2016-2022 framework)",
    "local_area_send_revisit": "revisit (2016-2022 framework)",
}
OUTCOME_LABELS = {
    "positive": "Positive experiences and outcomes",
    "inconsistent": "Inconsistent experiences and outcomes",
    "widespread_failings": "Widespread or systemic failings",
    "effective_action": "Effective action taken",
    "ineffective_action": "Ineffective action",
    "wsoa_required": "Written statement of action required",
    "no_wsoa": "No written statement of action",
    "progress_all": "Sufficient progress on all weaknesses",
    "progress_some": "Sufficient progress on some weaknesses",
    "progress_none": "Sufficient progress on no weakness",
}
# The outcome keys whose reports go into the widespread-failings feed.
SERIOUS_OUTCOMES = frozenset({"widespread_failings", "ineffective_action"})


@dataclass(frozen=True)
class OutcomeLabel:
    key: str
    label: str


def outcome_of(report: Report) -> OutcomeLabel:
    """The report's headline judgement, whatever its kind, as a key (for colours) and words."""
    key: str
    if isinstance(report, FullInspectionReport):
        key = report.outcome
    elif isinstance(report, MonitoringInspectionReport):
        key = report.monitoring_outcome
    elif isinstance(report, LocalAreaInspectionReport):
        key = "wsoa_required" if report.wsoa_required else "no_wsoa"
    else:
        assert isinstance(report, RevisitReport)
        key = f"progress_{report.revisit_outcome}"
    return OutcomeLabel(key, OUTCOME_LABELS[key])


def area_name(report: Report) -> str:
    """The local authority's current name (stable across reports that spell the area otherwise);
    the report's own spelling where the code is not in the table."""
    try:
        return area_by_gss_code(report.gss_code).name
    except AreaNotFound:
        return report.local_area


def slug(name: str) -> str:
    """'Kingston upon Hull, City of' -> 'kingston-upon-hull-city-of'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "area"


def area_slug(report: Report) -> str:
    return slug(area_name(report))


def report_title(report: Report) -> str:
    """'<Area>: <kind>, <outcome>', as feed entries and page headings name a report."""
    return f"{area_name(report)}: {KIND_LABELS[report.report_type]}, {outcome_of(report).label}"


def report_anchor(report: Report) -> str:
    """The id of a report's section on its area page."""
    return f"report-{report.sha256[:12]}"


def long_date(day: dt.date | None) -> str:
    """'15 March 2024'; an empty string for no date."""
    return f"{day.day} {day:%B %Y}" if day else ""


def date_span(start: dt.date, end: dt.date) -> str:
    """'11 to 15 March 2024', '28 February to 3 March 2023', '4 July 2023'."""
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


def month_span(start: dt.date, end: dt.date) -> str:
    """'Mar 2024 to Sep 2025': a due window, to the month."""
    return f"{start:%b %Y} to {end:%b %Y}"
