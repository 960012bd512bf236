"""Valid records for tests, built from hand-checked values (an expected.json-like dict).

No PDF is parsed here: item texts are the expected start and end words joined by an ellipsis.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from sendscrape.enrich.areas import area_fields
from sendscrape.validate.models import FullInspectionReport, Report
from sendscrape.validate.records import validate_record

OUTCOME_SENTENCES = {
    "positive": "The local area partnership's SEND arrangements typically lead to positive "
    "experiences and outcomes for children and young people with SEND.",
    "inconsistent": "The local area partnership's arrangements lead to inconsistent experiences "
    "and outcomes for children and young people with SEND.",
    "widespread_failings": "There are widespread and/or systemic failings leading to significant "
    "concerns about the experiences and outcomes of children and young people with SEND.",
}


def base_fields(local_area: str, start: str, end: str, sha256: str | None = None) -> dict[str, Any]:
    """Fields every record carries; area codes resolved from `local_area`; a stable fake sha256."""
    digest = sha256 or hashlib.sha256(f"{local_area} {start}".encode()).hexdigest()
    return {
        "sha256": digest,
        "pages": 10,
        "parser_version": "test",
        "local_area": local_area,
        **area_fields(local_area, "tests/records.py"),
        "inspection_start": start,
        "inspection_end": end,
    }


def _item_text(item: Mapping[str, Any]) -> str:
    return f"{item['starts']} … {item['ends']}"


def full_report(expected: Mapping[str, Any]) -> FullInspectionReport:
    """A valid FullInspectionReport carrying the values of one expected.json record."""
    fields = base_fields(
        expected["local_area"],
        expected["inspection_start"],
        expected["inspection_end"],
        expected.get("sha256"),
    )
    fields |= {
        "published": expected.get("published"),
        "report_type": "area_send_full_inspection",
        "previous_inspections": [],
        "previous_inspection_text": "Not previously inspected under this framework.",
        "outcome": expected["outcome"],
        "outcome_text": OUTCOME_SENTENCES[expected["outcome"]],
        "monitoring_within_months": expected["monitoring_within_months"],
        "next_full_within_years": expected["next_full_within_years"],
        "priority_action_plan_required": expected["outcome"] == "widespread_failings",
        "priority_actions": [
            {"responsible_body": item["responsible_body"] or "Leaders", "text": _item_text(item)}
            for item in expected["priority_actions"]
        ],
        "areas_for_improvement": [
            {"responsible_body": item["responsible_body"], "text": _item_text(item)}
            for item in expected["areas_for_improvement"]
        ],
        "local_authority": expected["local_authority"],
        "icb": expected["icb"],
    }
    report: Report = validate_record(fields, expected.get("file", "expected record"))
    assert isinstance(report, FullInspectionReport)
    return report
