"""Each area's status line on the data date: when its next visit is due, whether it is due now,
or overdue since the day its window closed with no newer report in the dataset."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sendscrape.publish.extras import require_extra
from sendscrape.publish.labels import long_date
from sendscrape.publish.site.areas import Area, Due

# A visit counts as "due now" in the last months of its window.
DUE_NOW_MONTHS = 6
STATUS_LABELS = {
    "overdue": "Overdue",
    "due_now": "Due now",
    "due": "Due later",
    "not_stated": "No date stated",
    "no_report": "No report yet",
    "abolished": "Council abolished",
}


@dataclass(frozen=True)
class VisitStatus:
    key: str
    sentence: str
    due: Due | None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.key]


def _basis(due: Due) -> str:
    return f"{due.within} of the full inspection that ended {long_date(due.basis.inspection_end)}"


def _dated_status(due: Due, today: dt.date) -> VisitStatus:
    relativedelta = require_extra("dateutil.relativedelta", "publish", "sendscrape site")
    if today > due.latest:
        return VisitStatus(
            "overdue",
            f"Overdue since {long_date(due.latest)}. A {due.what} was due by then, "
            f"{_basis(due)}. No newer report is in the data.",
            due,
        )
    if today > due.latest - relativedelta.relativedelta(months=DUE_NOW_MONTHS):
        return VisitStatus(
            "due_now",
            f"Due now. A {due.what} is due by {long_date(due.latest)}, {_basis(due)}.",
            due,
        )
    return VisitStatus(
        "due",
        f"Next visit due between {long_date(due.earliest)} and {long_date(due.latest)}. It is a "
        f"{due.what}, {_basis(due)}.",
        due,
    )


def visit_status(area: Area, today: dt.date) -> VisitStatus:
    """The area's status on `today` (the data date, so a rebuild of the same data says the same)."""
    if not area.reports:
        return VisitStatus("no_report", "No report of this area is in the data yet.", None)
    abolished = area.authority.abolished if area.authority else None
    if abolished:
        return VisitStatus(
            "abolished",
            f"This council was abolished on {long_date(abolished)}, so it will not be "
            "inspected again. The councils that took over its area are.",
            None,
        )
    due = area.due
    if due is None:
        return VisitStatus(
            "not_stated",
            "Next visit: no date is given. Only a full inspection under the rules of 2023 "
            "says when the next visit is due, and there is none for this area in the data.",
            None,
        )
    return _dated_status(due, today)


def status_options(statuses: list[VisitStatus]) -> list[tuple[str, str]]:
    """The statuses present, as (key, words), in the labels' order."""
    present = {status.key for status in statuses}
    return [(key, label) for key, label in STATUS_LABELS.items() if key in present]
