"""Reconciliation: does the dataset hold every report an official list names, with the same
dates, outcomes and counts? Every disagreement is reported, area by area.

Areas are matched on the local authority they resolve to (by GSS code where the list gives
one, else by the lenient name lookup of sendscrape.enrich.areas: ADCS writes 'Stoke'),
reports on their kind and nearest start date (within MATCH_WINDOW_DAYS).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sendscrape.enrich.areas import AreaNotFound, area_by_gss_code, area_by_lenient_name, name_key
from sendscrape.reconcile.official import OfficialEntry
from sendscrape.validate.models import (
    FullInspectionReport,
    LocalAreaInspectionReport,
    MonitoringInspectionReport,
    Report,
    RevisitReport,
)

MATCH_WINDOW_DAYS = 120
MISSING = "missing report"
UNLISTED = "not in the official list"
DATE_FACTS = frozenset({"inspection_start", "published"})
COUNT_FACTS = frozenset(
    {"significant_weaknesses", "weaknesses_improved", "weaknesses_total", "priority_actions"}
)


@dataclass(frozen=True)
class Disagreement:
    area: str
    report_type: str
    start: dt.date | None
    kind: str  # MISSING, UNLISTED, "different date", "different outcome", "different count"
    detail: str
    where: str


TALLIES = ("agree", "disagree", "missing", "extra")


@dataclass(frozen=True)
class Window:
    """The inspection start dates compared (either end open when None)."""

    since: dt.date | None = None
    until: dt.date | None = None

    def holds(self, start: dt.date | None) -> bool:
        if start is None:
            return self.since is None and self.until is None
        return (self.since is None or start >= self.since) and (
            self.until is None or start <= self.until
        )

    def describe(self) -> str:
        since = self.since.isoformat() if self.since else "the first"
        until = self.until.isoformat() if self.until else "the last"
        return f"inspections started {since} to {until}"


def official_window(official: Sequence[OfficialEntry]) -> Window:
    """The official list's own coverage: the span of its inspection start dates (open when it
    has none)."""
    starts = [entry.start for entry in official if entry.start is not None]
    return Window(min(starts), max(starts)) if starts else Window()


@dataclass(frozen=True)
class Reconciliation:
    official_entries: int
    agreeing: int
    disagreements: tuple[Disagreement, ...]
    tallies: dict[str, Counter[str]] = field(default_factory=dict)  # report type -> TALLIES
    window: Window = field(default_factory=Window)

    def kind_lines(self) -> list[str]:
        """One line per report kind: how many agree, disagree, are missing or extra."""
        return [
            f"{kind}: " + ", ".join(f"{counts[tally]} {tally}" for tally in TALLIES)
            for kind, counts in sorted(self.tallies.items())
        ]

    def summary(self) -> str:
        kinds = Counter(d.kind for d in self.disagreements)
        listed = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        total = Counter[str]()
        for counts in self.tallies.values():
            total.update(counts)
        return (
            f"{self.official_entries} official entries: {total['agree']} agree, "
            f"{total['disagree']} disagree, {total['missing']} missing; {total['extra']} extra "
            f"report(s); {len(self.disagreements)} disagreement(s)"
            + (f" ({listed})" if listed else "")
        )


@functools.cache
def area_identity(name: str, gss_code: str | None = None) -> str:
    """The local authority an area name (and code) denotes; its name key if none is known
    (such an area matches only the same spelling)."""
    if gss_code:
        try:
            return area_by_gss_code(gss_code).name
        except AreaNotFound:
            pass
    found = area_by_lenient_name(name)
    return found.name if found is not None else name_key(name)


def report_facts(report: Report) -> dict[str, object]:
    """What a record says that an official list may state too."""
    facts: dict[str, object] = {"inspection_start": report.inspection_start}
    if report.published is not None:  # a locally parsed file has no publication date
        facts["published"] = report.published
    match report:
        case FullInspectionReport():
            facts["outcome"] = report.outcome
            facts["priority_action_plan_required"] = report.priority_action_plan_required
            facts["priority_actions"] = len(report.priority_actions)
        case LocalAreaInspectionReport():
            facts["wsoa_required"] = report.wsoa_required
            facts["significant_weaknesses"] = len(report.significant_weaknesses)
        case RevisitReport():
            facts["revisit_outcome"] = report.revisit_outcome
            facts["weaknesses_improved"] = report.weaknesses_improved
            facts["weaknesses_total"] = report.weaknesses_total
        case MonitoringInspectionReport():
            facts["monitoring_outcome"] = report.monitoring_outcome
    return facts


def _fact_kind(fact: str) -> str:
    if fact in DATE_FACTS:
        return "different date"
    return "different count" if fact in COUNT_FACTS else "different outcome"


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else repr(value)


def compare(entry: OfficialEntry, report: Report) -> list[Disagreement]:
    facts = report_facts(report)
    found = []
    for fact, official in entry.facts.items():
        ours = facts.get(fact)
        if official is None or ours is None or ours == official:
            continue
        detail = f"{fact}: official {_shown(official)}, dataset {_shown(ours)}"
        found.append(
            Disagreement(
                entry.area, entry.report_type, entry.start, _fact_kind(fact), detail, entry.where
            )
        )
    return found


def _distance(entry: OfficialEntry, report: Report) -> int:
    if entry.start is None:
        return 0
    return abs((report.inspection_start - entry.start).days)


class _Pool:
    """Dataset reports not yet matched, by (area, report type)."""

    def __init__(self, reports: Iterable[Report]) -> None:
        self.by_key: dict[tuple[str, str], list[Report]] = {}
        for report in reports:
            key = (area_identity(report.local_area, report.gss_code), report.report_type)
            self.by_key.setdefault(key, []).append(report)

    def take(self, entry: OfficialEntry) -> Report | None:
        candidates = self.by_key.get((area_identity(entry.area, entry.gss_code), entry.report_type))
        if not candidates:
            return None
        best = min(candidates, key=lambda report: _distance(entry, report))
        if _distance(entry, best) > MATCH_WINDOW_DAYS:
            return None
        candidates.remove(best)
        return best

    def left(self) -> list[Report]:
        return [report for reports in self.by_key.values() for report in reports]


def _unlisted(official: Sequence[OfficialEntry], left: list[Report]) -> list[Disagreement]:
    """Reports of a kind the list covers, started within the span of its dates, that it does
    not name."""
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    for entry in official:
        if entry.start is not None:
            low, high = spans.get(entry.report_type, (entry.start, entry.start))
            spans[entry.report_type] = (min(low, entry.start), max(high, entry.start))
    found = []
    for report in left:
        span = spans.get(report.report_type)
        if span and span[0] <= report.inspection_start <= span[1]:
            found.append(
                Disagreement(
                    report.local_area,
                    report.report_type,
                    report.inspection_start,
                    UNLISTED,
                    "the dataset has this report",
                    report.sha256[:12],
                )
            )
    return found


def reconcile(
    official: Sequence[OfficialEntry], reports: Iterable[Report], window: Window | None = None
) -> Reconciliation:
    """Match each official entry with a report and compare them, within `window` (by default
    the list's own coverage, so every inspection it names that the dataset lacks is missing)."""
    dataset = list(reports)
    window = window or official_window(official)
    entries = [entry for entry in official if window.holds(entry.start)]
    pool = _Pool(report for report in dataset if window.holds(report.inspection_start))
    disagreements: list[Disagreement] = []
    tallies: dict[str, Counter[str]] = {}
    for entry in entries:
        report = pool.take(entry)
        found = compare(entry, report) if report else [_missing(entry)]
        disagreements.extend(found)
        tally = "missing" if report is None else "disagree" if found else "agree"
        tallies.setdefault(entry.report_type, Counter())[tally] += 1
    unlisted = _unlisted(entries, pool.left())
    for item in unlisted:
        tallies.setdefault(item.report_type, Counter())["extra"] += 1
    ordered = sorted(
        [*disagreements, *unlisted], key=lambda d: (d.area.casefold(), d.report_type, str(d.start))
    )
    agreeing = sum(counts["agree"] for counts in tallies.values())
    return Reconciliation(len(entries), agreeing, tuple(ordered), tallies, window)


def _missing(entry: OfficialEntry) -> Disagreement:
    return Disagreement(
        entry.area,
        entry.report_type,
        entry.start,
        MISSING,
        "no such report in the dataset",
        entry.where,
    )


def report_lines(result: Reconciliation) -> list[str]:
    """Area by area, each disagreement on its own line, then the window compared, a line per
    report kind and the summary line."""
    lines: list[str] = []
    area = None
    for item in result.disagreements:
        if item.area != area:
            area = item.area
            lines.append(area)
        start = item.start.isoformat() if item.start else "no date"
        lines.append(f"  {item.report_type} {start}: {item.kind}: {item.detail} [{item.where}]")
    lines.append(f"compared {result.window.describe()}")
    lines.extend(result.kind_lines())
    lines.append(result.summary())
    return lines
