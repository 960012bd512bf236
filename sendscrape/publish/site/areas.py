"""What the site says of each local area: its reports in date order, the latest one, and when the
next inspection or monitoring visit is due, from the report's own "within approximately N
months/years" counted from the last day of the inspection. Every current local authority is an
area, with or without a report in the dataset."""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sendscrape.enrich.areas import (
    AreaNotFound,
    LocalAuthority,
    area_by_gss_code,
    local_authorities,
)
from sendscrape.publish.extras import require_extra
from sendscrape.publish.labels import OUTCOME_LABELS, area_name, area_slug, outcome_of, slug
from sendscrape.validate.models import FullInspectionReport, MonitoringInspectionReport, Report


@dataclass(frozen=True)
class Due:
    """A visit due between the end of the inspection and `latest` (inclusive)."""

    what: str
    earliest: dt.date
    latest: dt.date
    within: str
    basis: FullInspectionReport


@dataclass(frozen=True)
class Area:
    name: str
    slug: str
    ofsted_region: str
    region: str
    la_code: str
    gss_code: str
    reports: tuple[Report, ...]

    @property
    def latest(self) -> Report | None:
        return self.reports[-1] if self.reports else None

    @property
    def regions(self) -> str:
        """The region, once; with the Ofsted region after it where the two differ."""
        if self.ofsted_region == self.region:
            return self.region
        return f"{self.region} (Ofsted region: {self.ofsted_region})"

    @property
    def latest_full(self) -> FullInspectionReport | None:
        full = [r for r in self.reports if isinstance(r, FullInspectionReport)]
        return full[-1] if full else None

    @property
    def due(self) -> Due | None:
        return next_due(self.reports)

    @property
    def authority(self) -> LocalAuthority | None:
        try:
            return area_by_gss_code(self.gss_code)
        except AreaNotFound:
            return None

    @property
    def predecessors(self) -> list[LocalAuthority]:
        """The abolished councils whose area this one now serves (Northamptonshire for North
        Northamptonshire)."""
        return [a for a in local_authorities() if self.name in a.successors]


def _report_order(report: Report) -> tuple[str, str, str]:
    return (report.inspection_start.isoformat(), report.inspection_end.isoformat(), report.sha256)


def group_areas(reports: Sequence[Report]) -> list[Area]:
    """One Area per local authority (GSS code), reports oldest first, areas by name."""
    by_code: dict[str, list[Report]] = collections.defaultdict(list)
    for report in reports:
        by_code[report.gss_code].append(report)
    areas = []
    for code, members in by_code.items():
        ordered = tuple(sorted(members, key=_report_order))
        latest = ordered[-1]
        areas.append(
            Area(
                name=area_name(latest),
                slug=area_slug(latest),
                ofsted_region=latest.ofsted_region,
                region=latest.region,
                la_code=latest.la_code,
                gss_code=code,
                reports=ordered,
            )
        )
    return sorted(areas, key=lambda area: (area.name, area.gss_code))


def _area_without_reports(authority: LocalAuthority) -> Area:
    return Area(
        name=authority.name,
        slug=slug(authority.name),
        ofsted_region=authority.ofsted_region,
        region=authority.region,
        la_code=authority.la_code,
        gss_code=authority.gss_code,
        reports=(),
    )


def every_area(reports: Sequence[Report]) -> list[Area]:
    """The areas of `reports`, and every current local authority with no report, by name."""
    areas = group_areas(reports)
    present = {area.gss_code for area in areas}
    areas += [
        _area_without_reports(authority)
        for authority in local_authorities()
        if authority.abolished is None and authority.gss_code not in present
    ]
    return sorted(areas, key=lambda area: (area.name, area.gss_code))


def _monitoring_done(reports: Sequence[Report], full: FullInspectionReport) -> bool:
    return any(
        isinstance(r, MonitoringInspectionReport) and r.inspection_start > full.inspection_end
        for r in reports
    )


def next_due(reports: Sequence[Report]) -> Due | None:
    """The next visit the latest full inspection announces: its monitoring inspection until one
    has taken place, then the next full inspection; None when no report states an interval."""
    full = [r for r in reports if isinstance(r, FullInspectionReport)]
    if not full:
        return None
    relativedelta = require_extra("dateutil.relativedelta", "publish", "sendscrape site")
    basis = full[-1]
    end = basis.inspection_end
    months = basis.monitoring_within_months
    if months is not None and not _monitoring_done(reports, basis):
        within = f"within approximately {months} months"
        return Due(
            "monitoring inspection",
            end,
            end + relativedelta.relativedelta(months=months),
            within,
            basis,
        )
    years = basis.next_full_within_years
    if years is None:
        return None
    within = f"within approximately {years} years"
    return Due(
        "full inspection", end, end + relativedelta.relativedelta(years=years), within, basis
    )


def outcome_options(areas: Sequence[Area]) -> list[tuple[str, str]]:
    """The outcomes of the areas' latest reports, as (key, words), in the labels' order."""
    present = {outcome_of(area.latest).key for area in areas if area.latest}
    return [(key, label) for key, label in OUTCOME_LABELS.items() if key in present]
