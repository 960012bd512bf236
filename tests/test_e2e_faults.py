"""End to end with faults injected into the local site: every failure is one line in
failures.jsonl, keeps whatever bytes arrived, and never stops the run or harms the dataset."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.site import Fault, LocalSite, Site, SitePublication, small_site
from fixtures.site.harness import fast_config, read_jsonl
from fixtures.site.sample import label, rendered_pdf
from sendscrape.jobs import execute
from sendscrape.scraper.manifest import Manifest
from sendscrape.scraper.retry import RetryPolicy

pytestmark = pytest.mark.e2e

PROJECT_ROOT = Path(__file__).resolve().parents[1]
HTML_ERROR_PAGE = b"<!DOCTYPE html><html><body><h1>Sorry, there is a problem</h1></body></html>"


@pytest.fixture(scope="module")
def site_template() -> Site:
    """Two areas of the small site: five SEND reports, six others."""
    site = small_site()
    return Site(site.areas[:2])


def send_pdf_paths(site: Site) -> list[str]:
    return [p.path for p in site.publications() if p.kind.startswith(("area_send", "local_area"))]


def gaps(local: LocalSite, path: str) -> list[float]:
    times = [r.time for r in local.requests_to(path)]
    return [later - earlier for earlier, later in itertools.pairwise(times)]


def test_provider_page_that_always_errors_is_a_discover_failure(
    local: LocalSite, tmp_path: Path
) -> None:
    broken = local.site.areas[0]
    local.faults[broken.path] = Fault(status=500)

    summary = execute("scrape", fast_config(local.base_url, tmp_path))

    [failure] = read_jsonl(tmp_path / "failures.jsonl")
    assert (failure["stage"], failure["url"]) == ("discover", local.base_url + broken.path)
    assert failure["error"] == "HTTP 500 after retries"
    assert len(local.requests_to(broken.path)) == 4
    assert {r["local_area"] for r in read_jsonl(tmp_path / "reports.jsonl")} == {
        local.site.areas[1].name
    }
    assert summary.failures == 1


def test_pdf_that_fails_twice_then_works_is_fetched_after_backoff(
    local: LocalSite, tmp_path: Path
) -> None:
    path = send_pdf_paths(local.site)[0]
    local.faults[path] = Fault(status=503, times=2)
    policy = RetryPolicy(initial_wait=0.05, jitter=0.0)

    summary = execute("scrape", fast_config(local.base_url, tmp_path, policy=policy))

    assert [r.status for r in local.requests_to(path)] == [503, 503, 200]
    first_wait, second_wait = gaps(local, path)
    assert first_wait >= 0.05
    assert second_wait >= 0.1
    assert summary.failures == 0
    assert local.base_url + path in {
        r["source_url"] for r in read_jsonl(tmp_path / "reports.jsonl")
    }


def test_429_is_retried_after_the_time_retry_after_asks(local: LocalSite, tmp_path: Path) -> None:
    path = send_pdf_paths(local.site)[0]
    local.faults[path] = Fault(status=429, times=1, retry_after="1")
    policy = RetryPolicy(initial_wait=0.01, jitter=0.0)

    summary = execute("scrape", fast_config(local.base_url, tmp_path, policy=policy))

    assert [r.status for r in local.requests_to(path)] == [429, 200]
    assert gaps(local, path)[0] >= 1.0
    assert summary.failures == 0


def test_html_served_as_a_pdf_is_kept_and_reported_then_fetched_next_time(
    local: LocalSite, tmp_path: Path
) -> None:
    path = send_pdf_paths(local.site)[1]
    local.faults[path] = Fault(body=HTML_ERROR_PAGE, content_type="application/pdf")
    config = fast_config(local.base_url, tmp_path)

    summary = execute("scrape", config)

    [failure] = read_jsonl(tmp_path / "failures.jsonl")
    assert (failure["stage"], failure["url"]) == ("download", local.base_url + path)
    assert failure["error"].startswith("not a PDF (starts with '<!DOCTYPE html>")
    kept = tmp_path / "raw" / "failed" / f"{failure['sha256']}.bin"
    assert kept.read_bytes() == HTML_ERROR_PAGE
    with Manifest(tmp_path / "manifest.sqlite") as manifest:
        entry = manifest.get(local.base_url + path)
    assert entry is not None
    assert entry.last_outcome.startswith("failed: not a PDF")
    assert (summary.pdfs_failed, summary.records_written) == (1, 4)

    del local.faults[path]
    again = execute("scrape", config)

    assert (again.pdfs_new, again.failures, again.records_written) == (1, 0, 5)


def test_truncated_pdf_is_kept_and_reported(local: LocalSite, tmp_path: Path) -> None:
    path = send_pdf_paths(local.site)[0]
    local.faults[path] = Fault(truncate_to=5000)

    execute("scrape", fast_config(local.base_url, tmp_path))

    [failure] = read_jsonl(tmp_path / "failures.jsonl")
    assert failure["error"] == "truncated PDF (5000 bytes, no %%EOF at the end)"
    kept = tmp_path / "raw" / "failed" / f"{failure['sha256']}.bin"
    assert kept.stat().st_size == 5000


def test_slow_response_past_the_timeout_is_retried(local: LocalSite, tmp_path: Path) -> None:
    path = send_pdf_paths(local.site)[0]
    local.faults[path] = Fault(delay=1.5, times=1)

    summary = execute("scrape", fast_config(local.base_url, tmp_path, timeout=0.75))

    wait_for(lambda: len(local.requests_to(path)) == 2)  # the slow answer is logged when sent
    first, retry = sorted(local.requests_to(path), key=lambda request: request.time)
    assert retry.time - first.time >= 0.75
    assert summary.failures == 0
    assert summary.records_written == 5


def test_response_slow_every_time_is_a_fetch_failure(local: LocalSite, tmp_path: Path) -> None:
    path = send_pdf_paths(local.site)[0]
    local.faults[path] = Fault(delay=1.5)
    policy = dataclasses.replace(fast_config(local.base_url, tmp_path).policy, attempts=2)

    execute("scrape", fast_config(local.base_url, tmp_path, timeout=0.75, policy=policy))

    [failure] = read_jsonl(tmp_path / "failures.jsonl")
    assert (failure["stage"], failure["url"]) == ("fetch", local.base_url + path)
    assert failure["error"] == "timed out after retries (ReadTimeout)"


def add_publication(site: Site, file_id: str, kind: str, published: dt.date) -> SitePublication:
    area = site.areas[1]
    content = rendered_pdf(kind, area.name, published)
    publication = SitePublication(file_id, kind, label(kind, published), published, content)
    area.publications.append(publication)
    return publication


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the scrape to get that far")
        time.sleep(0.02)


def test_process_killed_mid_run_leaves_the_dataset_intact_and_the_rerun_completes(
    local: LocalSite, tmp_path: Path
) -> None:
    config = fast_config(local.base_url, tmp_path)
    execute("scrape", config)
    dataset = (tmp_path / "reports.jsonl").read_bytes()
    first = add_publication(
        local.site, "59999990", "area_send_full_inspection", dt.date(2025, 10, 1)
    )
    second = add_publication(local.site, "59999991", "local_area_send_revisit", dt.date(2025, 9, 1))
    local.faults[second.path] = Fault(delay=30.0, times=1)
    command = [sys.executable, "-m", "sendscrape", "scrape", "--base-url", local.base_url,
               "--data-dir", str(tmp_path), "--delay", "0", "--timeout", "60",
               "--expected-areas", "none"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    with subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stderr=subprocess.DEVNULL) as run:
        wait_for(lambda: any(r.path == first.path and r.status == 200 for r in local.log))
        time.sleep(0.2)
        run.kill()
    assert run.returncode == -9

    assert (tmp_path / "reports.jsonl").read_bytes() == dataset
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []

    summary = execute("scrape", config)

    sources = {r["source_url"] for r in read_jsonl(tmp_path / "reports.jsonl")}
    assert {local.base_url + first.path, local.base_url + second.path} <= sources
    assert (summary.pdfs_parsed, summary.records_written, summary.failures) == (2, 7, 0)
