"""A page per local area (`areas/<slug>.html`) and its JSON twin (`areas/<slug>.json`): the
area's codes, its status on the data date and every record of it, as in reports.jsonl."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from sendscrape.dataset.write import report_to_json_line
from sendscrape.publish.site.areas import Area
from sendscrape.publish.site.render import PageWriter
from sendscrape.publish.site.status import VisitStatus


def area_json(area: Area, status: VisitStatus, data_date: str) -> dict[str, object]:
    due = status.due
    return {
        "area": area.name,
        "slug": area.slug,
        "gss_code": area.gss_code,
        "la_code": area.la_code,
        "region": area.region,
        "ofsted_region": area.ofsted_region,
        "data_date": data_date,
        "status": {
            "key": status.key,
            "label": status.label,
            "text": status.sentence,
            "next_visit": due.what if due else None,
            "due_from": due.earliest.isoformat() if due else None,
            "due_by": due.latest.isoformat() if due else None,
        },
        "records": [json.loads(report_to_json_line(report)) for report in area.reports],
    }


def write_area_pages(
    pages: PageWriter,
    areas: Sequence[Area],
    statuses: Mapping[str, VisitStatus],
    lines: Mapping[str, int],
) -> None:
    data_date = pages.common["edition"].data_date.isoformat()
    slugs = {area.slug for area in areas}
    for area in areas:
        status = statuses[area.gss_code]
        pages.write(
            "area.html",
            f"areas/{area.slug}.html",
            area=area,
            status=status,
            lines=lines,
            area_slugs=slugs,
        )
        twin = area_json(area, status, data_date)
        path: Path = pages.out_dir / "areas" / f"{area.slug}.json"
        path.write_text(json.dumps(twin, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
