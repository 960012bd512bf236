"""Counts of inspections and outcomes, as tables a researcher can check against Ofsted's figures.

Counting rule: one inspection is one (report kind, local authority, first day of inspection);
two records of the same inspection (a corrected re-publication) count once. The year of an
inspection is the calendar year of its first day (`inspection_start`), which is how Ofsted's
official statistics count: by when the inspection took place, not when the report was published.
A re-inspection of the same area is another inspection and counts again.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sendscrape.stats import themes as stats_themes
from sendscrape.validate.models import (
    FullInspectionReport,
    LocalAreaInspectionReport,
    MonitoringInspectionReport,
    Report,
    RevisitReport,
)

Value = str | int | float | None
COUNT_COLUMN = "inspections"
OUTCOME_ORDER = stats_themes.OUTCOME_ORDER  # defined once, from the model's outcomes

FRAMEWORK_BY_REPORT_TYPE = {
    "area_send_full_inspection": "2023",
    "area_send_monitoring_inspection": "2023",
    "local_area_send_inspection": "2016",
    "local_area_send_revisit": "2016",
}


@dataclass(frozen=True)
class Table:
    """A titled table: column names and rows of plain values."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]

    def records(self) -> list[dict[str, Value]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _outcome(report: Report) -> str | None:
    return report.outcome if isinstance(report, FullInspectionReport) else None


def _priority_actions(report: Report) -> int | None:
    return len(report.priority_actions) if isinstance(report, FullInspectionReport) else None


def _wsoa_required(report: Report) -> str | None:
    if not isinstance(report, LocalAreaInspectionReport):
        return None
    return "yes" if report.wsoa_required else "no"


def _revisit_outcome(report: Report) -> str | None:
    return report.revisit_outcome if isinstance(report, RevisitReport) else None


def _monitoring_outcome(report: Report) -> str | None:
    return report.monitoring_outcome if isinstance(report, MonitoringInspectionReport) else None


# What `--by` can name. A report is counted in a breakdown only when every dimension applies to
# it (outcome and priority_actions to 2023-framework full inspections, wsoa_required to
# 2016-framework inspections, revisit_outcome to revisits, monitoring_outcome to monitoring).
DIMENSIONS: dict[str, Callable[[Report], Value | None]] = {
    "year": lambda report: report.inspection_start.year,
    "framework": lambda report: FRAMEWORK_BY_REPORT_TYPE[report.report_type],
    "report_type": lambda report: report.report_type,
    "outcome": _outcome,
    "ofsted_region": lambda report: report.ofsted_region,
    "region": lambda report: report.region,
    "priority_actions": _priority_actions,
    "wsoa_required": _wsoa_required,
    "revisit_outcome": _revisit_outcome,
    "monitoring_outcome": _monitoring_outcome,
}
_VALUE_ORDER = {
    "outcome": OUTCOME_ORDER,
    "wsoa_required": ("yes", "no"),
    "revisit_outcome": ("all", "some", "none"),
    "monitoring_outcome": ("effective_action", "ineffective_action"),
}


def distinct_inspections(reports: Iterable[Report]) -> list[Report]:
    """One record per inspection: of several, the most recently published (then by sha256)."""
    latest: dict[tuple[str, str, str], Report] = {}
    for report in reports:
        key = (report.report_type, report.gss_code, report.inspection_start.isoformat())
        kept = latest.get(key)
        if kept is None or _publication_key(report) > _publication_key(kept):
            latest[key] = report
    return list(latest.values())


def _publication_key(report: Report) -> tuple[str, str]:
    return (report.published.isoformat() if report.published else "", report.sha256)


def _sort_key(dimensions: Sequence[str]) -> Callable[[tuple[Value, ...]], tuple[object, ...]]:
    def key(row: tuple[Value, ...]) -> tuple[object, ...]:
        parts: list[object] = []
        for name, value in zip(dimensions, row, strict=False):
            order = _VALUE_ORDER.get(name, ())
            parts.append((order.index(value) if value in order else len(order), value))
        return tuple(parts)

    return key


def count_by(reports: Sequence[Report], dimensions: Sequence[str]) -> Table:
    """Inspections per combination of `dimensions` (names in DIMENSIONS); only combinations that
    occur get a row."""
    unknown = [name for name in dimensions if name not in DIMENSIONS]
    if unknown or not dimensions:
        raise ValueError(f"unknown breakdown {','.join(unknown)!r}; choose from {list_choices()}")
    counts: collections.Counter[tuple[Value, ...]] = collections.Counter()
    for report in reports:
        values = [DIMENSIONS[name](report) for name in dimensions]
        present = tuple(value for value in values if value is not None)
        if len(present) == len(values):
            counts[present] += 1
    rows = sorted(((*values, count) for values, count in counts.items()), key=_sort_key(dimensions))
    title = "Inspections by " + ", ".join(dimensions)
    return Table(title, (*dimensions, COUNT_COLUMN), tuple(rows))


def _share(measure: str, count: int, of: int) -> tuple[Value, ...]:
    return (measure, count, of, round(count / of, 3) if of else None)


def _latest_full_by_area(reports: Sequence[Report]) -> list[FullInspectionReport]:
    latest: dict[str, FullInspectionReport] = {}
    for report in reports:
        if isinstance(report, FullInspectionReport):
            kept = latest.get(report.gss_code)
            if kept is None or report.inspection_start > kept.inspection_start:
                latest[report.gss_code] = report
    return list(latest.values())


def shares(reports: Sequence[Report]) -> Table:
    """Shares of full inspections and areas with priority actions, of 2016-framework
    inspections requiring a WSoA, and of revisits finding sufficient progress on all weaknesses."""
    full = [r for r in reports if isinstance(r, FullInspectionReport)]
    areas = _latest_full_by_area(reports)
    letters = [r for r in reports if isinstance(r, LocalAreaInspectionReport)]
    revisits = [r for r in reports if isinstance(r, RevisitReport)]
    rows = (
        _share(
            "full inspections with priority actions",
            sum(bool(r.priority_actions) for r in full),
            len(full),
        ),
        _share(
            "areas whose latest full inspection has priority actions",
            sum(bool(r.priority_actions) for r in areas),
            len(areas),
        ),
        _share(
            "2016-framework inspections requiring a WSoA",
            sum(r.wsoa_required for r in letters),
            len(letters),
        ),
        _share(
            "revisits with sufficient progress on all weaknesses",
            sum(r.revisit_outcome == "all" for r in revisits),
            len(revisits),
        ),
    )
    return Table("Shares", ("measure", "count", "of", "share"), rows)


def theme_counts(reports: Sequence[Report]) -> Table:
    return Table(*stats_themes.priority_action_themes(reports))


def themes_by_outcome(reports: Sequence[Report]) -> Table:
    return Table(*stats_themes.themes_by_outcome(reports))


# Named breakdowns besides the `--by` dimension lists; add an entry to offer another one.
BREAKDOWNS: dict[str, Callable[[Sequence[Report]], Table]] = {
    "shares": shares,
    "themes": theme_counts,
    "themes_by_outcome": themes_by_outcome,
}
THEME_BREAKDOWNS = ("themes", "themes_by_outcome")

# What `sendscrape stats DATASET` shows without --by.
DEFAULT_BREAKDOWNS = (
    "framework,report_type",
    "year,outcome",
    "ofsted_region,outcome",
    "priority_actions",
    "wsoa_required",
    "revisit_outcome",
    "monitoring_outcome",
    "shares",
)


def list_choices() -> str:
    return ", ".join([*DIMENSIONS, *BREAKDOWNS])


def breakdown(reports: Sequence[Report], spec: str) -> Table:
    """A named breakdown, or counts by a comma-separated list of dimensions."""
    spec = spec.replace(" ", "")
    if spec in BREAKDOWNS:
        return BREAKDOWNS[spec](reports)
    return count_by(reports, spec.split(","))
