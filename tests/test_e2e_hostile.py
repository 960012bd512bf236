"""The fault table of docs/SCRAPING.md, measured: a site that served a good dataset turns
hostile, and the next scrape must go on, record each problem as a short printable failure line,
and keep every record of the dataset before it, unchanged.

Each case starts from a copy of one good scrape of two areas (five records), changes the local
site, scrapes again and compares the dataset before and after.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gzip
import hashlib
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixtures.site import Fault, LocalSite, Site, small_site
from fixtures.site.harness import fast_config, read_jsonl
from fixtures.site.reports import report_pdf
from sendscrape.jobs import JobConfig, execute
from sendscrape.jobs.state import FAILURE_TEXT_CHARS
from sendscrape.scraper.limits import CrawlLimits, FetchLimits

pytestmark = pytest.mark.e2e

MIB = 1024 * 1024
LIMITS = FetchLimits(request_seconds=1.0, max_page_bytes=MIB, max_pdf_bytes=MIB)
CRAWL = CrawlLimits(max_search_pages=3, max_links_per_page=40)


@pytest.fixture(scope="module")
def site_template() -> Site:
    """Two areas of the small site: five SEND reports (all parse), six others."""
    return Site(small_site().areas[:2])


def config(local: LocalSite, data_dir: Path, **changes: Any) -> JobConfig:
    return fast_config(local.base_url, data_dir, fetch_limits=LIMITS, crawl_limits=CRAWL, **changes)


@pytest.fixture(scope="module")
def job_changes() -> dict[str, Any]:
    return {"fetch_limits": LIMITS, "crawl_limits": CRAWL}


def pdf_path(local: LocalSite, area: int = 0, index: int = 0) -> str:
    return local.site.areas[area].publications[index].path


@functools.cache
def gzip_bomb() -> bytes:
    """50 MB of zeros in about 50 KB."""
    return gzip.compress(bytes(50 * MIB), compresslevel=9)


def many_providers(count: int = 10_000) -> bytes:
    links = "".join(f"<a href='/provider/44/9{n:07d}'>Area {n}</a>" for n in range(count))
    return f"<html><body>{links}</body></html>".encode()


def redirect_loop(local: LocalSite) -> str:
    local.faults[pdf_path(local)] = Fault(status=302, headers={"Location": pdf_path(local)})
    return "more than 5 redirects"


def redirect_to_localhost(local: LocalSite) -> str:
    target = local.base_url.replace("127.0.0.1", "localhost") + "/admin"
    local.faults[pdf_path(local)] = Fault(status=302, headers={"Location": target})
    return "host 'localhost' is not one the source declares"


def bad_gzip_page(local: LocalSite) -> str:
    headers = {"Content-Encoding": "gzip"}
    local.faults[local.site.areas[1].path] = Fault(
        body=b"<html>not gzip", content_type="text/html", headers=headers
    )
    return "body is not valid compressed data"


def gzip_bomb_pdf(local: LocalSite) -> str:
    local.faults[pdf_path(local)] = Fault(body=gzip_bomb(), headers={"Content-Encoding": "gzip"})
    return f"body over the limit of {MIB} bytes"


def endless_announced_pdf(local: LocalSite) -> str:
    local.faults[pdf_path(local)] = Fault(endless=True, announce=True)
    return f"body of 2000000000 bytes is over the limit of {MIB}"


def endless_pdf(local: LocalSite) -> str:
    local.faults[pdf_path(local)] = Fault(endless=True)
    return f"body over the limit of {MIB} bytes"


def trickled_page(local: LocalSite) -> str:
    local.faults[local.site.areas[1].path] = Fault(trickle=0.01)
    return "the server took longer than the time allowed for a request"


def headers_trickled(local: LocalSite) -> str:
    local.faults[local.site.areas[1].path] = Fault(slow_headers=0.01)
    return "the server took longer than the time allowed for a request"


def control_character_href(local: LocalSite) -> str:
    label = "Area SEND full inspection, pdf - 1 May 2025"
    local.site.areas[0].raw_links.append((local.base_url + "/v1/file/\x01evil", label))
    return "InvalidURL: Invalid non-printable ASCII character in URL"


def malformed_ipv6_href(local: LocalSite) -> str:
    label = "Area SEND full inspection, pdf - 1 May 2025"
    local.site.areas[0].raw_links.append(("http://[::1/v1/file/1", label))
    return "unreadable link 'http://[::1/v1/file/1' (Invalid IPv6 URL)"


def private_address_link(local: LocalSite) -> str:
    label = "Area SEND full inspection, pdf - 1 May 2025"
    local.site.areas[0].raw_links.append(("http://10.0.0.1/v1/file/1", label))
    return "host '10.0.0.1' is not one the source declares"


def html_as_pdf(local: LocalSite) -> str:
    body = b"<!DOCTYPE html><html>\x1b[31m" + b"A" * 5000
    local.faults[pdf_path(local)] = Fault(body=body, content_type="application/pdf")
    return "not a PDF (starts with '<!DOCTYPE html><html>?[31m" + "A" * 14 + "...')"


def truncated_pdf(local: LocalSite) -> str:
    area = local.site.areas[1]
    new_version = report_pdf(area.publications[0].kind, area.name, dt.date(2025, 3, 3))
    area.publications[0] = dataclasses.replace(area.publications[0], content=new_version)
    local.faults[pdf_path(local, area=1)] = Fault(truncate_to=2000)
    return "truncated PDF (2000 bytes, no %%EOF at the end)"


def server_errors(local: LocalSite) -> str:
    local.faults[local.site.areas[1].path] = Fault(status=500)
    return "HTTP 500 after retries"


def another_areas_report(local: LocalSite) -> str:
    area, other = local.site.areas[0], local.site.areas[1]
    publication = area.publications[0]
    content = report_pdf(publication.kind, other.name)
    area.publications[0] = dataclasses.replace(publication, content=content)
    return "the dataset keeps the previous version"


def new_version_fails_to_parse(local: LocalSite) -> str:
    area = local.site.areas[1]
    content = report_pdf("send_unknown", area.name)
    area.publications[0] = dataclasses.replace(area.publications[0], content=content)
    return "unsupported report type"


def ten_thousand_providers(local: LocalSite) -> str:
    local.site.areas[0].publications.pop(1)  # withdrawn the same night: must not be marked gone
    local.faults["/search"] = Fault(body=many_providers(), content_type="text/html")
    return "more than 40 provider links: only the first read"


HOSTILE: dict[str, Callable[[LocalSite], str]] = {
    "redirect loop": redirect_loop,
    "redirect to localhost": redirect_to_localhost,
    "bad gzip body": bad_gzip_page,
    "gzip bomb": gzip_bomb_pdf,
    "2 GB body, announced": endless_announced_pdf,
    "endless body, not announced": endless_pdf,
    "body trickled a byte at a time": trickled_page,
    "headers trickled a byte at a time": headers_trickled,
    "control character in an href": control_character_href,
    "malformed IPv6 host in an href": malformed_ipv6_href,
    "link to a private address": private_address_link,
    "HTML served as a PDF": html_as_pdf,
    "truncated PDF": truncated_pdf,
    "server errors on a listing page": server_errors,
    "another area's report at an area's URL": another_areas_report,
    "new version that fails to parse": new_version_fails_to_parse,
    "listing of 10,000 providers": ten_thousand_providers,
}


def by_sha(data_dir: Path) -> dict[str, dict[str, Any]]:
    return {record["sha256"]: record for record in read_jsonl(data_dir / "reports.jsonl")}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_site_loses_no_record_and_the_night_goes_on(
    local: LocalSite, scraped: Path, case: str
) -> None:
    before = by_sha(scraped)
    expected_error = HOSTILE[case](local)

    summary = execute("scrape", config(local, scraped))

    after = by_sha(scraped)
    assert after == before
    failures = read_jsonl(scraped / "failures.jsonl")
    assert any(expected_error in failure["error"] for failure in failures), failures
    assert summary.failures == len(failures)
    for failure in failures:
        assert failure["error"].isprintable()
        assert failure["url"].isprintable()
        assert len(failure["url"]) <= FAILURE_TEXT_CHARS + 3


def test_a_gzip_bomb_costs_a_few_megabytes(local: LocalSite, scraped: Path) -> None:
    gzip_bomb_pdf(local)
    tracemalloc.start()
    try:
        execute("scrape", config(local, scraped))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * MIB + len(gzip_bomb())


@pytest.mark.parametrize("trickle", [trickled_page, headers_trickled])
def test_a_trickling_server_holds_a_request_no_longer_than_its_time_limit(
    local: LocalSite, scraped: Path, trickle: Callable[[LocalSite], str]
) -> None:
    trickle(local)
    summary = execute("scrape", config(local, scraped))
    # Unbounded, a trickle holds the run for minutes; the margin covers the rest of a scrape
    # (parse workers starting, the dataset written) on a loaded machine.
    assert summary.seconds < LIMITS.request_seconds + 20


def test_replaced_report_that_fails_keeps_the_last_good_record_until_a_new_one_parses(
    local: LocalSite, scraped: Path
) -> None:
    area = local.site.areas[1]
    good = area.publications[0]
    new_version_fails_to_parse(local)

    execute("scrape", config(local, scraped))

    [failure] = read_jsonl(scraped / "failures.jsonl")
    assert failure["url"] == local.base_url + good.path
    old_sha = hashlib.sha256(good.content).hexdigest()
    assert f"(sha256 {old_sha[:12]}) until a new version parses" in failure["error"]
    fixed = report_pdf(good.kind, area.name, dt.date(2025, 3, 3))
    area.publications[0] = dataclasses.replace(good, content=fixed)

    summary = execute("scrape", config(local, scraped))

    records = {r["source_url"]: r["sha256"] for r in read_jsonl(scraped / "reports.jsonl")}
    assert records[local.base_url + good.path] == hashlib.sha256(fixed).hexdigest()
    assert (summary.pdfs_parsed, summary.records_written) == (1, 5)
