"""The project's own hand-written records in the shape of the corpus's expected.json, so the
load, export and stats tests run on every clone (no real report needed, nothing copied from
../shared). Invented item wording; real area names so that area codes resolve.

Built to exercise what those tests count: every outcome, three inspection years, reports
published the year after their inspection, priority actions on some reports and not others,
item openings that carry theme phrases, and a republished report.
"""

from __future__ import annotations

import hashlib
from typing import Any


def _item(body: str | None, starts: str, ends: str) -> dict[str, Any]:
    return {"responsible_body": body, "starts": starts, "ends": ends}


def _record(
    area: str, start: str, end: str, published: str, outcome: str, **fields: Any
) -> dict[str, Any]:
    failings = outcome == "widespread_failings"
    return {
        "file": f"{area.lower().replace(' ', '_')}_{start}.pdf",
        "sha256": hashlib.sha256(f"own record {area} {start}".encode()).hexdigest(),
        "local_area": area,
        "inspection_start": start,
        "inspection_end": end,
        "published": published,
        "outcome": outcome,
        "monitoring_within_months": 18 if failings else None,
        "next_full_within_years": 3 if outcome != "positive" else 5,
        "priority_actions": [],
        "areas_for_improvement": [],
        "local_authority": f"{area} Council",
        "icb": f"NHS {area} Integrated Care Board",
        **fields,
    }


OWN_RECORDS: list[dict[str, Any]] = [
    _record(
        "Bolton", "2023-06-12", "2023-06-16", "2023-08-01", "positive",
        areas_for_improvement=[
            _item(None, "Leaders should make sure that EHC plans are", "reviewed every year."),
        ],
    ),
    _record(
        "Rutland", "2023-11-27", "2023-12-01", "2024-02-05", "inconsistent",
        areas_for_improvement=[
            _item(None, "Health leaders should cut the waits for speech and language therapy",
                  "for children under five."),
            _item("Rutland County Council", "Leaders should improve the local offer so",
                  "families find help quickly."),
        ],
    ),
    _record(
        "Dorset", "2023-12-04", "2023-12-08", "2024-01-22", "widespread_failings",
        priority_actions=[
            _item("Dorset Council and NHS Dorset", "Leaders must urgently improve the timeliness",
                  "of education, health and care plans."),
            _item("NHS Dorset", "Leaders must reduce the waits for autism assessments",
                  "so that no child waits more than a year."),
        ],
        areas_for_improvement=[
            _item(None, "Leaders should strengthen joint commissioning of",
                  "alternative provision."),
        ],
    ),
    _record(
        "Wigan", "2024-03-11", "2024-03-15", "2024-05-07", "positive",
        areas_for_improvement=[
            _item(None, "Leaders should make sure that mental health support", "is timely."),
        ],
    ),
    _record(
        "Southend-on-Sea", "2024-09-16", "2024-09-20", "2024-11-04", "inconsistent",
        areas_for_improvement=[
            _item(None, "Leaders should make sure that annual reviews", "happen on time."),
        ],
    ),
    _record(
        "Northumberland", "2024-10-07", "2024-10-11", "2024-12-02", "widespread_failings",
        priority_actions=[
            _item(None, "Leaders must improve the quality of EHC plans", "across the area."),
        ],
    ),
    _record("Kingston upon Hull", "2025-01-13", "2025-01-17", "2025-03-10", "positive"),
    _record(
        "Greenwich", "2025-02-03", "2025-02-07", "2025-04-14", "inconsistent",
        areas_for_improvement=[
            _item(None, "Leaders should co-produce the strategy with", "children and families."),
        ],
    ),
]  # fmt: skip
