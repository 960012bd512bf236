"""End to end on real reports: a few of the hand-checked 2023-framework PDFs in ../shared served
on the local site, scraped, and compared with their hand-checked values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from fixtures.site import LocalSite, Site, SiteArea, SitePublication
from fixtures.site.harness import fast_config, read_jsonl
from fixtures.site.sample import label
from sendscrape.jobs import execute

pytestmark = [pytest.mark.e2e, pytest.mark.corpus]

REPORTS_SERVED = 6


def corpus_site(corpus_dir: Path, expected: list[dict[str, Any]]) -> Site:
    areas: dict[str, SiteArea] = {}
    for number, record in enumerate(sorted(expected, key=lambda r: r["file"])[:REPORTS_SERVED]):
        area = areas.setdefault(record["urn"], SiteArea(record["urn"], record["local_area"]))
        published = dt.date.fromisoformat(record["published"])
        kind = "area_send_full_inspection"
        content = (corpus_dir / record["file"]).read_bytes()
        area.publications.append(
            SitePublication(
                str(70_000_000 + number), kind, label(kind, published), published, content
            )
        )
    return Site(list(areas.values()))


def test_real_reports_scraped_from_the_local_site_match_their_checked_values(
    corpus_dir: Path, expected_records: list[dict[str, Any]], tmp_path: Path
) -> None:
    with LocalSite(corpus_site(corpus_dir, expected_records)) as local:
        summary = execute("scrape", fast_config(local.base_url, tmp_path, workers=2))

    by_sha = {record["sha256"]: record for record in expected_records}
    records = read_jsonl(tmp_path / "reports.jsonl")
    assert summary.failures == 0
    assert len(records) == REPORTS_SERVED
    for record in records:
        checked = by_sha[record["sha256"]]
        fields = ("local_area", "inspection_start", "inspection_end", "outcome", "published", "urn")
        assert {f: record[f] for f in fields} == {f: checked[f] for f in fields}
