"""The search page's index: every area by name and every priority action and area for
improvement by its words, written as a script (`search-index.js`) so the search page works from
file:// (where a page may not fetch a JSON file) as on GitHub Pages."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from sendscrape.publish.labels import long_date, report_anchor
from sendscrape.publish.site.areas import Area
from sendscrape.validate.models import FullInspectionReport

INDEX_SCRIPT = "search-index.js"
KINDS = ("Priority action", "Area for improvement")


def search_index(areas: Sequence[Area]) -> dict[str, object]:
    """{"areas": [[name, slug]], "kinds": [...], "items": [[kind, area, anchor, date, text]]}:
    an item names its kind and area by their index in those lists."""
    items: list[list[object]] = []
    for number, area in enumerate(areas):
        for report in reversed(area.reports):
            if not isinstance(report, FullInspectionReport):
                continue
            when = long_date(report.inspection_start)
            for kind, texts in enumerate(
                (
                    [action.text for action in report.priority_actions],
                    [item.text for item in report.areas_for_improvement],
                )
            ):
                items += [[kind, number, report_anchor(report), when, text] for text in texts]
    return {
        "areas": [[area.name, area.slug] for area in areas],
        "kinds": list(KINDS),
        "items": items,
    }


def write_search_index(areas: Sequence[Area], out_dir: Path) -> Path:
    path = out_dir / INDEX_SCRIPT
    data = json.dumps(search_index(areas), ensure_ascii=False, separators=(",", ":"))
    path.write_text("window.SEARCH_INDEX = " + data + ";\n", encoding="utf-8")
    return path
