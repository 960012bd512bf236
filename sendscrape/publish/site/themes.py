"""The themes pages: each theme's priority actions and areas for improvement, wherever tagged."""

from __future__ import annotations

import collections
from collections.abc import Sequence
from dataclasses import dataclass

from sendscrape.enrich.themes import Theme, load_themes
from sendscrape.validate.models import (
    AreaForImprovement,
    FullInspectionReport,
    PriorityAction,
    Report,
)


@dataclass(frozen=True)
class TaggedItem:
    report: FullInspectionReport
    kind: str
    item: PriorityAction | AreaForImprovement


def themes_by_id() -> dict[str, Theme]:
    return {theme.id: theme for theme in load_themes()}


def tagged_items(reports: Sequence[Report]) -> dict[str, list[TaggedItem]]:
    """Theme id -> the items tagged with it (each item once per theme), newest reports first."""
    found: dict[str, list[TaggedItem]] = collections.defaultdict(list)
    full = [r for r in reports if isinstance(r, FullInspectionReport)]
    full.sort(key=lambda r: (r.inspection_start, r.sha256), reverse=True)
    for report in full:
        kinds: tuple[tuple[str, Sequence[PriorityAction | AreaForImprovement]], ...] = (
            ("priority action", report.priority_actions),
            ("area for improvement", report.areas_for_improvement),
        )
        for kind, items in kinds:
            for item in items:
                for theme in dict.fromkeys(tag.theme for tag in item.themes):
                    found[theme].append(TaggedItem(report, kind, item))
    return found
