"""Hostile robots.txt files and waits, end to end (docs/SCRAPING.md, issue 18's table): a site
that served a good dataset turns hostile through its robots.txt or its Retry-After, and the next
scrape obeys what RFC 9309 says, ends within its time budget, and keeps every record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fixtures.site import Fault, LocalSite, Site, small_site
from fixtures.site.harness import fast_config, read_jsonl
from sendscrape.jobs import JobConfig, RunSummary, execute
from sendscrape.scraper.retry import RetryPolicy

pytestmark = pytest.mark.e2e

BUDGET = 5.0


@pytest.fixture(scope="module")
def site_template() -> Site:
    """Two areas of the small site: five SEND reports (all parse), six others."""
    return Site(small_site().areas[:2])


def by_sha(data_dir: Path) -> dict[str, dict[str, Any]]:
    return {record["sha256"]: record for record in read_jsonl(data_dir / "reports.jsonl")}


def failures(data_dir: Path) -> list[str]:
    return [failure["error"] for failure in read_jsonl(data_dir / "failures.jsonl")]


def scrape(local: LocalSite, data_dir: Path, **changes: Any) -> RunSummary:
    config: JobConfig = fast_config(local.base_url, data_dir, **changes)
    return execute("scrape", config)


@pytest.mark.parametrize(
    "robots",
    [
        b"User-agent: *\nDisallow: /*/file/\n",
        b"User-agent: *\nAllow: /\nDisallow: /v1/file/\n",
        b"\xef\xbb\xbfUser-agent: *\nDisallow: /v1/\n",
    ],
    ids=["wildcard", "longest match", "byte order mark"],
)
def test_pdfs_robots_txt_disallows_are_never_fetched(
    local: LocalSite, scraped: Path, robots: bytes
) -> None:
    before = by_sha(scraped)
    local.faults["/robots.txt"] = Fault(body=robots, content_type="text/plain")

    summary = scrape(local, scraped)

    assert local.requests_to("/v1/file/") == []
    assert failures(scraped) == ["disallowed by robots.txt"] * summary.pdfs_failed
    assert summary.pdfs_failed == 5
    assert by_sha(scraped) == before


def test_a_5_mb_robots_txt_is_read_to_500_kib_and_the_night_goes_on(
    local: LocalSite, scraped: Path
) -> None:
    before = by_sha(scraped)
    huge = b"User-agent: *\nDisallow: /admin/\n" + b"#" * (5 * 1024 * 1024) + b"\nDisallow: /\n"
    local.faults["/robots.txt"] = Fault(body=huge, content_type="text/plain")

    summary = scrape(local, scraped)

    assert (summary.failures, summary.listing_complete) == (0, True)
    assert by_sha(scraped) == before


def test_a_robots_txt_redirected_to_another_host_does_not_refuse_the_run(
    local: LocalSite, scraped: Path
) -> None:
    before = by_sha(scraped)
    elsewhere = local.base_url.replace("127.0.0.1", "localhost") + "/robots.txt"
    local.faults["/robots.txt"] = Fault(status=301, headers={"Location": elsewhere})

    summary = scrape(local, scraped)

    assert (summary.failures, summary.listing_complete) == (0, True)
    assert len(local.requests_to("/robots.txt")) == 1  # never asked at localhost
    assert by_sha(scraped) == before


@pytest.mark.parametrize(
    ("hostile", "policy"),
    [
        (Fault(body=b"User-agent: *\nCrawl-delay: 3600\n", content_type="text/plain"), None),
        (Fault(status=503, retry_after="86400"), RetryPolicy(initial_wait=0.01, jitter=0.0)),
    ],
    ids=["Crawl-delay: 3600", "Retry-After: 86400 on every page"],
)
def test_waits_end_the_run_within_its_time_budget_keeping_every_record(
    local: LocalSite, scraped: Path, hostile: Fault, policy: RetryPolicy | None
) -> None:
    before = by_sha(scraped)
    path = "/robots.txt" if hostile.status is None else "/search"
    local.faults[path] = hostile
    changes: dict[str, Any] = {"run_seconds": BUDGET} | ({"policy": policy} if policy else {})

    summary = scrape(local, scraped, **changes)

    # One capped wait alone (a minute) would break this bound; the rest of a scrape after the
    # crawl stops (parse workers starting, the dataset written) may pass the budget itself.
    assert summary.seconds < 3 * BUDGET
    assert f"time budget of {BUDGET:g} s used up: crawl stopped" in failures(scraped)
    assert not summary.listing_complete
    assert by_sha(scraped) == before
