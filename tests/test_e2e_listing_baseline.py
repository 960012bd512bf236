"""The listing's plausibility baseline recovers (issue 18, item 9): it is the median of the last
whole crawls, so one crawl that listed a report 20 times cannot make every later night
"implausible", and each night says which baseline it used."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fixtures.site import LocalSite, Site, small_site
from fixtures.site.harness import fast_config, read_jsonl
from sendscrape.jobs import execute
from sendscrape.scraper.manifest import Baseline, Manifest

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site_template() -> Site:
    """Two areas of the small site: five SEND reports (all parse), six others."""
    return Site(small_site().areas[:2])


def gone(data_dir: Path) -> list[Any]:
    return [
        r["source_url"] for r in read_jsonl(data_dir / "reports.jsonl") if r["last_seen_listed"]
    ]


def test_baseline_recovers_after_one_crawl_listed_a_report_twenty_times(
    local: LocalSite, scraped: Path
) -> None:
    with Manifest(scraped / "manifest.sqlite") as manifest:
        manifest.record_crawl(22, complete=True, whole=True)  # a report listed 20 times
    withdrawn = local.site.areas[0].publications.pop(0)

    first = execute("scrape", fast_config(local.base_url, scraped))

    assert first.listing_baseline == "13.5, the median of the last 2 crawls read whole (22, 5)"
    assert not first.listing_complete
    assert gone(scraped) == []

    second = execute("scrape", fast_config(local.base_url, scraped))

    assert second.listing_baseline == "5, the median of the last 3 crawls read whole (4, 22, 5)"
    assert second.listing_complete
    assert gone(scraped) == [local.base_url + withdrawn.path]
    logged = read_jsonl(scraped / "runs.jsonl")[-1]["listing_baseline"]
    assert logged == second.listing_baseline


def test_the_first_crawl_says_it_had_no_baseline(local: LocalSite, tmp_path: Path) -> None:
    summary = execute("scrape", fast_config(local.base_url, tmp_path))

    assert "listing baseline: none (no earlier crawl)" in summary.lines()


def test_baseline_is_the_median_of_the_last_whole_crawls_only(tmp_path: Path) -> None:
    with Manifest(tmp_path / "manifest.sqlite") as manifest:
        assert manifest.listing_baseline(5) is None
        for count in (100, 5, 6, 7):
            manifest.record_crawl(count, complete=True, whole=True)
        manifest.record_crawl(1, complete=False, whole=False)  # an area missing
        manifest.record_crawl(40, complete=False, whole=True)  # implausible, but read whole

        assert manifest.listing_baseline(3) == Baseline(7, (40, 7, 6))
        assert manifest.listing_baseline(5) == Baseline(7, (40, 7, 6, 5, 100))


def test_a_manifest_from_before_whole_was_recorded_counts_its_complete_crawls(
    tmp_path: Path,
) -> None:
    path = tmp_path / "manifest.sqlite"
    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE crawls (finished TEXT, publications INTEGER, complete INTEGER)")
        old.executemany(
            "INSERT INTO crawls VALUES ('2026-01-01', ?, ?)", [(10, 1), (3, 0), (12, 1)]
        )
    old.close()

    with Manifest(path) as manifest:
        assert manifest.listing_baseline(5) == Baseline(11, (12, 10))
