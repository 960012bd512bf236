"""`stats --themes` tables: counts of theme tags of priority actions, overall and by outcome."""

from __future__ import annotations

from typing import Any

from sendscrape.enrich.themes import tag_themes
from sendscrape.stats.themes import priority_action_themes, themes_by_outcome
from sendscrape.validate.models import Report
from sendscrape.validate.records import validate_record
from tests.records import OUTCOME_SENTENCES, base_fields

CAMHS = "Reduce the long waits for CAMHS."
EHC = "Improve the quality of EHC plans."
AP = "Improve the quality assurance of alternative provision."


def _report(area: str, outcome: str, actions: list[str], improvements: list[str]) -> Report:
    failings = outcome == "widespread_failings"
    fields: dict[str, Any] = base_fields(area, "2024-01-08", "2024-01-12") | {
        "report_type": "area_send_full_inspection",
        "previous_inspections": [],
        "previous_inspection_text": "Not previously inspected under this framework.",
        "outcome": outcome,
        "outcome_text": OUTCOME_SENTENCES[outcome],
        "monitoring_within_months": 18 if failings else None,
        "next_full_within_years": 3,
        "priority_action_plan_required": failings,
        "priority_actions": [{"responsible_body": "Council", "text": t} for t in actions],
        "areas_for_improvement": [{"responsible_body": None, "text": t} for t in improvements],
        "local_authority": f"{area} Council",
        "icb": "NHS ICB",
    }
    return validate_record(tag_themes(fields), area)


REPORTS = [
    _report("Halton", "widespread_failings", [CAMHS, EHC, EHC + " " + CAMHS], [AP]),
    _report("Dorset", "widespread_failings", [EHC], []),
    _report("Bolton", "positive", [], [EHC, AP]),
]


def test_priority_action_themes_counts_actions_and_inspections() -> None:
    title, columns, rows = priority_action_themes(REPORTS)
    assert title == "Themes of priority actions (2 inspections with priority actions)"
    assert columns == ("theme", "priority_actions", "inspections", "share")
    assert rows == (
        ("ehc_plans", 3, 2, 1.0),
        ("mental_health", 2, 1, 0.5),
        ("waiting_times", 2, 1, 0.5),
    )


def test_themes_by_outcome_counts_both_lists_per_outcome() -> None:
    _, columns, rows = themes_by_outcome(REPORTS)
    assert columns == (
        "outcome",
        "theme",
        "priority_actions",
        "areas_for_improvement",
        "inspections",
    )
    assert rows == (
        ("positive", "ehc_plans", 0, 1, 1),
        ("positive", "strategic_leadership", 0, 1, 1),
        ("positive", "alternative_provision_exclusions", 0, 1, 1),
        ("widespread_failings", "ehc_plans", 3, 0, 2),
        ("widespread_failings", "mental_health", 2, 0, 1),
        ("widespread_failings", "strategic_leadership", 0, 1, 1),
        ("widespread_failings", "alternative_provision_exclusions", 0, 1, 1),
        ("widespread_failings", "waiting_times", 2, 0, 1),
    )


def test_no_priority_actions_gives_an_empty_table() -> None:
    title, _, rows = priority_action_themes(REPORTS[2:])
    assert rows == ()
    assert "0 inspections" in title
