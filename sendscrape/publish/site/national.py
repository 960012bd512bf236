"""The national picture, counted by sendscrape.stats exactly as `sendscrape stats` counts it
(one inspection per kind, area and first day), so the site and the command always agree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sendscrape.publish.site.charts import CrossTab, cross_tab
from sendscrape.stats import counts as stats
from sendscrape.validate.models import Report

# (breakdown, chart title, what the rows are, the series in order)
CHARTS = (
    (
        "year,outcome",
        "Full inspections by year and outcome (2023 framework)",
        "Year",
        stats.OUTCOME_ORDER,
    ),
    (
        "ofsted_region,outcome",
        "Full inspections by Ofsted region and outcome (2023 framework)",
        "Ofsted region",
        stats.OUTCOME_ORDER,
    ),
    (
        "year,monitoring_outcome",
        "Monitoring inspections by year and outcome (2023 framework)",
        "Year",
        ("effective_action", "ineffective_action"),
    ),
    (
        "year,wsoa_required",
        "Inspections by year: written statement of action required? (2016-2022 framework)",
        "Year",
        ("yes", "no"),
    ),
    (
        "year,revisit_outcome",
        "Revisits by year: weaknesses with sufficient progress (2016-2022 framework)",
        "Year",
        ("all", "some", "none"),
    ),
)
STATS_BREAKDOWNS = (
    "framework,report_type",
    *(spec for spec, *_ in CHARTS),
    "shares",
    "themes",
    "themes_by_outcome",
)


@dataclass(frozen=True)
class NationalPicture:
    inspections: int
    records: int
    charts: tuple[CrossTab, ...]
    tables: dict[str, stats.Table]

    def as_json(self) -> dict[str, list[dict[str, stats.Value]]]:
        """The same object `sendscrape stats --format json --by ...` prints for these tables."""
        return {spec: table.records() for spec, table in self.tables.items()}


def national_picture(records: Sequence[Report]) -> NationalPicture:
    reports = stats.distinct_inspections(records)
    tables = {spec: stats.breakdown(reports, spec) for spec in STATS_BREAKDOWNS}
    charts = tuple(
        cross_tab(tables[spec], title, rows, series)
        for spec, title, rows, series in CHARTS
        if tables[spec].rows
    )
    return NationalPicture(len(reports), len(records), charts, tables)
