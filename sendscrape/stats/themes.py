"""Theme breakdowns for `sendscrape stats --themes`: the most common themes of priority actions,
overall and by outcome (2023-framework full inspections; tags from sendscrape.themes).

Each function returns (title, columns, rows) for sendscrape.stats to wrap as a Table. A theme
counts once per item however many of its phrases the item contains; `inspections` counts the
inspections with at least one such item. Themes no item has get no row.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable, Sequence
from typing import get_args

from sendscrape.enrich.themes import load_themes
from sendscrape.validate.models import (
    AreaForImprovement,
    FullInspectionReport,
    Outcome,
    PriorityAction,
    Report,
)

OUTCOME_ORDER: tuple[str, ...] = get_args(Outcome)  # best first, as the model lists them
TableParts = tuple[str, tuple[str, ...], tuple[tuple[str | int | float, ...], ...]]


def _theme_ids(items: Iterable[PriorityAction | AreaForImprovement]) -> collections.Counter[str]:
    """Items per theme among `items` (one count per item and theme)."""
    return collections.Counter(theme for item in items for theme in {t.theme for t in item.themes})


def _theme_rank(counts: collections.Counter[str]) -> list[str]:
    """Themes present, most frequent first; ties in taxonomy order (unknown ids last, by name)."""
    order = {theme.id: index for index, theme in enumerate(load_themes())}
    return sorted(counts, key=lambda t: (-counts[t], order.get(t, len(order)), t))


def priority_action_themes(reports: Sequence[Report]) -> TableParts:
    """Themes of priority actions: how many actions, in how many inspections, and the share of
    inspections with priority actions that have at least one action on that theme."""
    full = [r for r in reports if isinstance(r, FullInspectionReport) and r.priority_actions]
    actions = _theme_ids(action for report in full for action in report.priority_actions)
    inspections = collections.Counter(
        theme for report in full for theme in _theme_ids(report.priority_actions)
    )
    rows = tuple(
        (theme, actions[theme], inspections[theme], round(inspections[theme] / len(full), 3))
        for theme in _theme_rank(actions)
    )
    title = f"Themes of priority actions ({len(full)} inspections with priority actions)"
    return title, ("theme", "priority_actions", "inspections", "share"), rows


def _outcome_rows(outcome: str, reports: list[FullInspectionReport]) -> list[tuple[str | int, ...]]:
    actions = _theme_ids(a for r in reports for a in r.priority_actions)
    improvements = _theme_ids(a for r in reports for a in r.areas_for_improvement)
    inspections = collections.Counter(
        theme
        for report in reports
        for theme in _theme_ids([*report.priority_actions, *report.areas_for_improvement])
    )
    return [
        (outcome, theme, actions[theme], improvements[theme], inspections[theme])
        for theme in _theme_rank(inspections)
    ]


def themes_by_outcome(reports: Sequence[Report]) -> TableParts:
    """Themes of priority actions and areas for improvement per outcome of full inspections:
    item counts and the number of inspections with at least one item on the theme."""
    by_outcome: dict[str, list[FullInspectionReport]] = collections.defaultdict(list)
    for report in reports:
        if isinstance(report, FullInspectionReport):
            by_outcome[report.outcome].append(report)
    rows = [
        row
        for outcome in OUTCOME_ORDER
        if outcome in by_outcome
        for row in _outcome_rows(outcome, by_outcome[outcome])
    ]
    columns = ("outcome", "theme", "priority_actions", "areas_for_improvement", "inspections")
    return "Themes by outcome (full inspections)", columns, tuple(rows)
