"""Records that used to get lost, and runs that used to abort with a traceback.

Dead parse workers, listings that are not complete (an area missing, a cap hit, a listing that
shrank or grew beyond reason), a cache that lost the raw store and manifest, an unreachable site,
a full disk, a bad configuration: each keeps every record it had, and a run ends early only with
one line and a line in runs.jsonl.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fixtures.site import Fault, LocalSite, Site, SitePublication, small_site
from fixtures.site.harness import FAST_TEST_POLICY, fast_config, read_jsonl
from sendscrape.cli import main
from sendscrape.jobs import JobConfig, RunAborted, build, execute
from sendscrape.jobs import cli as jobs_cli
from sendscrape.jobs import run as jobs_run
from sendscrape.scraper import store
from sendscrape.scraper.limits import CrawlLimits
from sendscrape.scraper.manifest import Manifest
from sendscrape.scraper.store import RawStore
from tests.misbehaving_worker import Misbehaviour, use

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site_template() -> Site:
    """Two areas of the small site: five SEND reports (all parse), six others."""
    return Site(small_site().areas[:2])


def dataset(data_dir: Path) -> list[dict[str, Any]]:
    return read_jsonl(data_dir / "reports.jsonl")


def test_refresh_whose_worker_is_killed_loses_no_record(
    local: LocalSite, scraped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dataset(scraped)
    victim = local.site.areas[0].publications[1].path
    use(monkeypatch, Misbehaviour(str(scraped / "tries"), victim=victim, kill_times=1))

    summary = execute("refresh", fast_config(local.base_url, scraped, workers=2))

    assert (summary.pdfs_parsed, summary.records_written, summary.failures) == (5, 5, 0)
    assert dataset(scraped) == before


def test_a_pdf_that_kills_every_worker_keeps_its_record_and_is_tried_again_next_night(
    local: LocalSite, scraped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dataset(scraped)
    victim = local.site.areas[0].publications[1].path
    misbehaviour = Misbehaviour(str(scraped / "tries"), victim=victim, kill_times=99)
    use(monkeypatch, misbehaviour)
    config = fast_config(local.base_url, scraped, workers=2)

    summary = execute("refresh", config)

    assert (summary.pdfs_parsed, summary.records_written, summary.failures) == (4, 5, 1)
    assert dataset(scraped) == before
    [failure] = read_jsonl(scraped / "failures.jsonl")
    assert "the parser process died on this PDF twice" in failure["error"]
    assert "the dataset keeps this PDF's record" in failure["error"]
    assert misbehaviour.tries_of(victim.rsplit("/", 1)[-1]) == 2
    with Manifest(scraped / "manifest.sqlite") as manifest:
        assert manifest.failed_parses(before[0]["parser_version"]) == set()
    monkeypatch.undo()
    record = next(r for r in before if r["source_url"].endswith(victim))
    dataset_lines = [json.dumps(r) for r in before if r is not record]
    (scraped / "reports.jsonl").write_text("\n".join(dataset_lines) + "\n")

    again = execute("scrape", fast_config(local.base_url, scraped))

    assert (again.pdfs_parsed, again.records_written, again.failures) == (1, 5, 0)


def withdraw_one(local: LocalSite) -> SitePublication:
    return local.site.areas[0].publications.pop(1)


def assert_nothing_marked_gone(data_dir: Path) -> None:
    assert {record["last_seen_listed"] for record in dataset(data_dir)} == {None}


def test_listing_that_shrank_beyond_the_factor_marks_nothing_gone(
    local: LocalSite, scraped: Path
) -> None:
    withdraw_one(local)
    local.site.areas[0].publications.pop(0)
    local.site.areas[0].publications.pop(0)  # 5 SEND reports listed before, 2 now

    summary = execute("scrape", fast_config(local.base_url, scraped, listing_change_factor=2.0))

    assert not summary.listing_complete
    assert "implausible listing: 2 publications against 5" in summary_failures(scraped)[0]
    assert len(dataset(scraped)) == 5
    assert_nothing_marked_gone(scraped)


def test_listing_within_the_factor_marks_a_withdrawn_report_gone(
    local: LocalSite, scraped: Path
) -> None:
    gone = withdraw_one(local)

    summary = execute("scrape", fast_config(local.base_url, scraped, listing_change_factor=2.0))

    assert summary.listing_complete
    marked = {r["source_url"]: r["last_seen_listed"] for r in dataset(scraped)}
    assert marked.pop(local.base_url + gone.path) is not None
    assert set(marked.values()) == {None}


def summary_failures(data_dir: Path) -> list[str]:
    return [failure["error"] for failure in read_jsonl(data_dir / "failures.jsonl")]


def test_crawl_missing_an_expected_area_names_it_and_marks_nothing_gone(
    local: LocalSite, scraped: Path
) -> None:
    withdraw_one(local)
    expected = {area.provider_id: area.name for area in local.site.areas}
    expected |= {"80432": "Bolton", "80451": "Bury"}

    summary = execute("scrape", fast_config(local.base_url, scraped, expected_areas=expected))

    assert summary.areas_missing == ["Bolton", "Bury"]
    assert "areas missing: 2 (Bolton, Bury)" in summary.lines()
    assert summary_failures(scraped) == [
        "area not found: Bolton (80432)",
        "area not found: Bury (80451)",
    ]
    assert_nothing_marked_gone(scraped)


def test_crawl_hitting_the_page_link_cap_marks_nothing_gone(
    local: LocalSite, scraped: Path
) -> None:
    withdraw_one(local)
    limits = CrawlLimits(max_links_per_page=3)
    summary = execute("scrape", fast_config(local.base_url, scraped, crawl_limits=limits))

    assert not summary.listing_complete
    assert any("more than the limit of 3" in error for error in summary_failures(scraped))
    assert_nothing_marked_gone(scraped)


def test_time_budget_stops_the_crawl_and_keeps_every_record(
    local: LocalSite, scraped: Path
) -> None:
    before = dataset(scraped)
    withdraw_one(local)

    summary = execute("scrape", fast_config(local.base_url, scraped, run_seconds=0.0))

    assert summary.publications_listed == 0
    assert summary_failures(scraped) == ["time budget of 0 s used up: crawl stopped"]
    assert dataset(scraped) == before


def test_empty_raw_store_with_a_published_dataset_keeps_every_first_seen(
    local: LocalSite, scraped: Path
) -> None:
    """The nightly workflow's cache was evicted: only the published reports.jsonl is back."""
    records = dataset(scraped)
    for number, record in enumerate(records):
        record["first_seen"] = f"2024-0{number + 1}-15"
    (scraped / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    shutil.rmtree(scraped / "raw")
    (scraped / "manifest.sqlite").unlink()
    gone = withdraw_one(local)

    summary = execute("scrape", fast_config(local.base_url, scraped))

    after = {r["sha256"]: r for r in dataset(scraped)}
    assert {sha: r["first_seen"] for sha, r in after.items()} == {
        r["sha256"]: r["first_seen"] for r in records
    }
    withdrawn = next(r for r in after.values() if r["source_url"].endswith(gone.path))
    assert withdrawn["last_seen_listed"] is None  # nothing says when it went: kept as it was
    assert (summary.pdfs_new, summary.last_good_records_kept) == (4, 1)
    listed = next(r for r in records if not r["source_url"].endswith(gone.path))
    with Manifest(scraped / "manifest.sqlite") as manifest:
        entry = manifest.get(listed["source_url"])
    assert entry is not None
    assert entry.first_seen == listed["first_seen"]


def test_pdfs_served_without_validators_are_not_downloaded_again(
    local: LocalSite, tmp_path: Path
) -> None:
    local.site.validators = False
    execute("scrape", fast_config(local.base_url, tmp_path))
    first = len(local.requests_to("/v1/file/"))

    summary = execute("scrape", fast_config(local.base_url, tmp_path))

    assert first == 5
    assert len(local.requests_to("/v1/file/")) == first
    assert summary.pdfs_unchanged == 5


def test_offline_refresh_says_which_host_it_could_not_reach_first_and_writes_nothing(
    tmp_path: Path,
    scraped: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        jobs_cli, "JobConfig", functools.partial(JobConfig, policy=FAST_TEST_POLICY)
    )
    dataset_before = (scraped / "reports.jsonl").read_bytes()
    closed_port = "http://127.0.0.1:9"  # discard: nothing listens there
    arguments = ["--base-url", closed_port, "--data-dir", str(scraped), "--delay", "0"]

    status = main(["refresh", *arguments, "--timeout", "1", "--workers", "1"])

    first_line = capsys.readouterr().err.splitlines()[0]
    assert status == 1
    assert first_line.startswith("sendscrape refresh: could not reach 127.0.0.1:9 (")
    assert "nothing crawled, the dataset is unchanged" in first_line
    assert (scraped / "reports.jsonl").read_bytes() == dataset_before
    assert "could not reach 127.0.0.1:9" in read_jsonl(scraped / "runs.jsonl")[-1]["aborted"]
    empty = tmp_path / "empty"
    assert main(["refresh", "--base-url", closed_port, "--data-dir", str(empty)]) == 1
    assert not (empty / "reports.jsonl").exists()


def test_robots_txt_answering_5xx_ends_the_run_with_one_line(
    local: LocalSite, scraped: Path
) -> None:
    dataset_before = (scraped / "reports.jsonl").read_bytes()
    local.faults["/robots.txt"] = Fault(status=503)

    with pytest.raises(RunAborted) as caught:
        execute("scrape", fast_config(local.base_url, scraped))

    assert str(caught.value).startswith(f"{local.base_url}/robots.txt answered HTTP 503: RFC 9309")
    assert local.requests_to("/search") == []
    assert (scraped / "reports.jsonl").read_bytes() == dataset_before


def disk_full(*args: object, **kwargs: object) -> int:
    raise OSError(errno.ENOSPC, "No space left on device", "reports.jsonl")


def database_full(*args: object, **kwargs: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


FULL_DISKS = {
    "ENOSPC writing the dataset": (
        build,
        "write_jsonl_atomic",
        disk_full,
        "disk full: reports.jsonl No space left on device",
    ),
    "sqlite full": (
        Manifest,
        "record_seen",
        database_full,
        "disk full: the manifest database says database or disk is full",
    ),
}


@pytest.mark.parametrize("case", list(FULL_DISKS))
def test_full_disk_ends_the_run_with_one_line_and_a_runs_line(
    local: LocalSite,
    scraped: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    case: str,
) -> None:
    target, name, replacement, message = FULL_DISKS[case]
    dataset_before = (scraped / "reports.jsonl").read_bytes()
    monkeypatch.setattr(target, name, replacement)
    arguments = ["--base-url", local.base_url, "--data-dir", str(scraped), "--delay", "0"]

    status = main(["scrape", *arguments, "--expected-areas", "none"])

    assert status == 1
    assert capsys.readouterr().err.splitlines() == [f"sendscrape scrape: {message}"]
    assert read_jsonl(scraped / "runs.jsonl")[-1]["aborted"] == message
    assert (scraped / "reports.jsonl").read_bytes() == dataset_before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--base-url", "reports.ofsted.gov.uk"], "is not an http(s) URL with a host"),
        (["--workers", "0"], "--workers must be 1 or more"),
    ],
)
def test_bad_configuration_ends_the_run_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    status = main(["scrape", "--data-dir", str(tmp_path), *arguments])

    [line] = capsys.readouterr().err.splitlines()
    assert status == 1
    assert line.startswith("sendscrape scrape: bad configuration: ")
    assert message in line
    assert "bad configuration" in read_jsonl(tmp_path / "runs.jsonl")[-1]["aborted"]


def test_a_data_directory_that_cannot_be_written_ends_the_run_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*args: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".lock"))

    monkeypatch.setattr(jobs_run, "run_lock", read_only)

    status = main(["scrape", "--data-dir", str(tmp_path)])

    [line] = capsys.readouterr().err.splitlines()
    assert status == 1
    assert line.startswith("sendscrape scrape: bad configuration: cannot write the data directory")


def test_stale_temp_files_of_a_killed_run_are_removed_at_the_start(
    local: LocalSite, scraped: Path
) -> None:
    stale = [scraped / ".reports.jsonl.x1y2.tmp", scraped / "raw" / "ab" / ".abc.pdf.z9.tmp"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a file")

    execute("scrape", fast_config(local.base_url, scraped))

    assert [path for path in stale if path.exists()] == []


def test_failed_bodies_are_kept_only_as_a_capped_sample(
    local: LocalSite, scraped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "FAILED_KEEP", 2)
    big = b"<html>" + b"x" * (store.FAILED_SAMPLE_BYTES * 2)
    for number, publication in enumerate(local.site.publications()[:5]):
        local.faults[publication.path] = Fault(body=big + str(number).encode())

    execute("scrape", fast_config(local.base_url, scraped))

    kept = sorted((scraped / "raw" / "failed").iterdir())
    assert len(kept) == 2
    assert {path.stat().st_size for path in kept} == {store.FAILED_SAMPLE_BYTES}
    assert len(read_jsonl(scraped / "failures.jsonl")) >= 3
    assert RawStore(scraped / "raw").failed_path("a" * 64).parent == scraped / "raw" / "failed"


def test_a_new_dataset_is_never_written_empty(local: LocalSite, tmp_path: Path) -> None:
    local.faults["/search"] = Fault(status=404)

    summary = execute("scrape", fast_config(local.base_url, tmp_path))

    assert summary.records_written == 0
    assert not (tmp_path / "reports.jsonl").exists()
    assert summary_failures(tmp_path) == ["HTTP 404"]


def test_summary_counts_only_pages_actually_fetched(local: LocalSite, tmp_path: Path) -> None:
    area = local.site.areas[1]
    local.faults[area.path] = Fault(delay=1.0)
    config = fast_config(local.base_url, tmp_path, timeout=0.3)

    summary = execute("scrape", config)

    pages = [r for r in local.log if not r.path.startswith("/v1/file/")]
    answered_before_timeout = [r for r in pages if r.path != area.path]
    assert summary.pages_fetched == len(answered_before_timeout)
    assert summary.requests > summary.pages_fetched + 3


def test_first_seen_earlier_in_the_dataset_wins_over_a_new_manifest_row(
    local: LocalSite, scraped: Path
) -> None:
    records = dataset(scraped)
    records[0]["first_seen"] = "2023-02-01"
    (scraped / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))

    execute("scrape", fast_config(local.base_url, scraped))

    assert dataset(scraped)[0]["first_seen"] == "2023-02-01"
    assert dt.date.fromisoformat(dataset(scraped)[1]["first_seen"]) > dt.date(2023, 2, 1)
