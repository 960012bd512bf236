"""The national page's two maps of the 153 local areas: the outcome of each area's latest full
inspection, and the years since its last inspection of any kind. Each is a hex map (hexmap.py)
with a legend that counts the areas of each colour.

An area with no report of its own whose predecessor was inspected (Cumberland and Westmorland
and Furness after Cumbria, North and West Northamptonshire after Northamptonshire) is shaded by
the predecessor's reports, and its words say so.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sendscrape.enrich.areas import LocalAuthority, local_authorities
from sendscrape.publish.labels import KIND_LABELS, OUTCOME_LABELS, outcome_of, slug
from sendscrape.publish.site.hexmap import Shading, hex_map_svg
from sendscrape.validate.models import FullInspectionReport, Report

OUTCOME_KEYS = {
    "positive": OUTCOME_LABELS["positive"],
    "inconsistent": OUTCOME_LABELS["inconsistent"],
    "widespread_failings": OUTCOME_LABELS["widespread_failings"],
    "older": "Not yet inspected under the 2023 framework",
    "none": "No report in the dataset",
}
# (key, fewer than this many whole years since the last inspection, words)
YEAR_BANDS = (
    ("y0", 1, "Less than 1 year"),
    ("y1", 2, "1 to 2 years"),
    ("y2", 3, "2 to 3 years"),
    ("y3", 5, "3 to 5 years"),
    ("y5", None, "5 years or more"),
)
YEAR_KEYS = {key: words for key, _, words in YEAR_BANDS} | {"none": OUTCOME_KEYS["none"]}


@dataclass(frozen=True)
class LegendEntry:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class AreaMap:
    """A map ready for the page: its id and title, legend, and SVG (markup, escaped)."""

    map_id: str
    title: str
    legend: tuple[LegendEntry, ...]
    svg: str


@dataclass(frozen=True)
class _History:
    """An area's own reports, oldest first, or its predecessor's when it has none."""

    authority: LocalAuthority
    reports: tuple[Report, ...]
    inspected_as: str


def _histories(reports: Sequence[Report]) -> list[_History]:
    by_code: dict[str, list[Report]] = collections.defaultdict(list)
    for report in reports:
        by_code[report.gss_code].append(report)
    authorities = local_authorities()
    predecessors = {
        successor: authority for authority in authorities for successor in authority.successors
    }
    histories = []
    for authority in authorities:
        own, inspected_as = by_code.get(authority.gss_code, []), authority.name
        predecessor = predecessors.get(authority.name)
        if not own and predecessor is not None:
            own, inspected_as = by_code.get(predecessor.gss_code, []), predecessor.name
        ordered = sorted(own, key=lambda r: (r.inspection_start, r.inspection_end, r.sha256))
        histories.append(_History(authority, tuple(ordered), inspected_as))
    return histories


def _when(report: Report) -> str:
    return f"{KIND_LABELS[report.report_type]}, {report.inspection_end:%B %Y}"


def _as(history: _History) -> str:
    own = history.inspected_as == history.authority.name
    return "" if own else f", inspected as {history.inspected_as}"


def _outcome(history: _History) -> tuple[str, str]:
    if not history.reports:
        return "none", OUTCOME_KEYS["none"]
    full = [r for r in history.reports if isinstance(r, FullInspectionReport)]
    latest = history.reports[-1]
    if not full:
        return "older", f"{OUTCOME_KEYS['older']}; latest {_when(latest)}{_as(history)}"
    words = f"{OUTCOME_LABELS[full[-1].outcome]} ({_when(full[-1])}{_as(history)})"
    if latest is not full[-1]:
        words += f"; then {_when(latest)}: {outcome_of(latest).label}"
    return full[-1].outcome, words


def _whole_years(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _recency(history: _History, as_of: dt.date) -> tuple[str, str]:
    if not history.reports:
        return "none", OUTCOME_KEYS["none"]
    last = max(history.reports, key=lambda r: r.inspection_end)
    years = _whole_years(last.inspection_end, as_of)
    key = next(k for k, limit, _ in YEAR_BANDS if limit is None or years < limit)
    kind = KIND_LABELS[last.report_type]
    return key, f"last inspected {last.inspection_end:%B %Y}, {kind}{_as(history)}"


def _area_map(
    map_id: str,
    title: str,
    keys: dict[str, str],
    shade: Callable[[_History], tuple[str, str]],
    *,
    histories: Sequence[_History],
    focusable: bool,
) -> AreaMap:
    shadings = {}
    for history in histories:
        key, words = shade(history)
        name = history.authority.name
        shadings[history.authority.gss_code] = Shading(
            key, f"areas/{slug(name)}.html", f"{name}: {words}"
        )
    counts = collections.Counter(shading.key for shading in shadings.values())
    legend = tuple(LegendEntry(key, label, counts[key]) for key, label in keys.items())
    return AreaMap(map_id, title, legend, hex_map_svg(title, shadings, focusable))


def area_maps(reports: Sequence[Report], as_of: dt.date) -> tuple[AreaMap, AreaMap]:
    """The outcome map (its hexagons in the Tab order) and the map of years since the last
    inspection on `as_of` (the same links, reachable by mouse and touch only)."""
    histories = [h for h in _histories(reports) if h.authority.abolished is None]
    return (
        _area_map(
            "map-outcomes",
            "Latest full inspection outcome of each local area",
            OUTCOME_KEYS,
            _outcome,
            histories=histories,
            focusable=True,
        ),
        _area_map(
            "map-years",
            "Years since each local area's last inspection",
            YEAR_KEYS,
            lambda history: _recency(history, as_of),
            histories=histories,
            focusable=False,
        ),
    )
