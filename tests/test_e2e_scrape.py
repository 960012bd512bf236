"""End to end against a local copy of the reports site: scrape, scrape again, refresh.

Each test serves the site on 127.0.0.1 and asserts on the dataset, failures.jsonl and the
server's request log.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from fixtures.site import Fault, LocalSite, LoggedRequest, Site, SitePublication, small_site
from fixtures.site.harness import fast_config, read_jsonl
from fixtures.site.sample import label, rendered_pdf
from sendscrape.cli import main
from sendscrape.dataset.datadir import DataDir, run_lock
from sendscrape.jobs import RunAborted, RunSummary, execute
from sendscrape.scraper.fetch import USER_AGENT
from sendscrape.scraper.manifest import Manifest

pytestmark = pytest.mark.e2e

SEND_KINDS = {
    "area_send_full_inspection",
    "area_send_monitoring_inspection",
    "local_area_send_inspection",
    "local_area_send_revisit",
}


FirstScrape = tuple[Path, RunSummary, list[LoggedRequest]]


@pytest.fixture(scope="module")
def site_template() -> Site:
    return small_site()


@pytest.fixture(scope="module")
def first_scrape(
    server: LocalSite, site_template: Site, tmp_path_factory: pytest.TempPathFactory
) -> FirstScrape:
    """One scrape of the fresh site: its data directory, summary and request log."""
    server.reset(copy.deepcopy(site_template))
    data_dir = tmp_path_factory.mktemp("first-scrape")
    summary = execute("scrape", fast_config(server.base_url, data_dir))
    return data_dir, summary, list(server.log)


@pytest.fixture
def scraped(
    first_scrape: tuple[Path, RunSummary, list[LoggedRequest]], local: LocalSite, tmp_path: Path
) -> Path:
    """A copy of the first scrape's data directory, the site served fresh."""
    data_dir = tmp_path / "data"
    shutil.copytree(first_scrape[0], data_dir)
    return data_dir


def file_paths(site: Site, kinds: set[str]) -> set[str]:
    return {p.path for p in site.publications() if p.kind in kinds}


def test_scrape_keeps_every_send_kind_and_never_requests_other_reports(
    first_scrape: FirstScrape, site_template: Site, server: LocalSite
) -> None:
    data_dir, summary, log = first_scrape

    records = read_jsonl(data_dir / "reports.jsonl")
    listed = {(a.name, p.kind) for a in site_template.areas for p in a.publications}
    assert {(r["local_area"], r["report_type"]) for r in records} == {
        pair for pair in listed if pair[1] in SEND_KINDS
    }
    by_path = {p.path: p for p in site_template.publications()}
    for record in records:
        publication = by_path[record["source_url"].removeprefix(server.base_url)]
        assert (record["published"], record["report_type"]) == (
            publication.published.isoformat(),
            publication.kind,
        )
    requested = {r.path for r in log}
    assert requested & file_paths(site_template, {"focused_visit", "ilacs", "jtai"}) == set()
    assert file_paths(site_template, SEND_KINDS | {"send_unknown"}) <= requested
    assert {r.user_agent for r in log} == {USER_AGENT}
    assert log[0].path == "/robots.txt"
    assert (summary.pdfs_new, summary.records_written, summary.failures) == (8, 7, 1)


def test_unknown_send_kind_is_a_failure_line_with_its_raw_pdf_kept(
    first_scrape: FirstScrape, site_template: Site, server: LocalSite
) -> None:
    data_dir = first_scrape[0]

    [unknown] = [p for p in site_template.publications() if p.kind == "send_unknown"]
    [failure] = read_jsonl(data_dir / "failures.jsonl")
    assert failure["stage"] == "parse"
    assert failure["url"] == server.base_url + unknown.path
    assert "unsupported report type: Area SEND engagement visit to" in failure["error"]
    raw = data_dir / "raw" / failure["sha256"][:2] / f"{failure['sha256']}.pdf"
    assert raw.read_bytes() == unknown.content


def test_dataset_is_sorted_and_runs_are_logged(
    first_scrape: FirstScrape, site_template: Site
) -> None:
    data_dir, _, log = first_scrape

    records = read_jsonl(data_dir / "reports.jsonl")
    keys = [
        (r["local_area"], r["inspection_start"], r["report_type"], r["sha256"]) for r in records
    ]
    assert keys == sorted(keys)
    [run] = read_jsonl(data_dir / "runs.jsonl")
    assert run["command"] == "scrape"
    assert run["requests"] == len(log)
    assert run["pages_fetched"] == 1 + 1 + len(site_template.areas)  # robots, search, providers
    assert run["other_reports_skipped"] == 12


def test_second_scrape_downloads_no_pdf_and_parses_nothing(local: LocalSite, scraped: Path) -> None:
    first_dataset = (scraped / "reports.jsonl").read_bytes()

    summary = execute("scrape", fast_config(local.base_url, scraped))

    pdf_requests = local.requests_to("/v1/file/")
    assert len(pdf_requests) == 8
    assert all(r.conditional and r.status == 304 for r in pdf_requests)
    assert (summary.pdfs_new, summary.pdfs_unchanged, summary.pdfs_parsed) == (0, 8, 0)
    assert summary.failures == 0  # the unknown kind was reported once; not parsed again
    assert (scraped / "reports.jsonl").read_bytes() == first_dataset


def test_new_publication_is_the_only_pdf_downloaded(local: LocalSite, scraped: Path) -> None:
    area = local.site.areas[2]
    published = dt.date(2025, 6, 2)
    content = rendered_pdf("local_area_send_revisit", area.name, published)
    kind = "local_area_send_revisit"
    new = SitePublication("59999999", kind, label(kind, published), published, content)
    area.publications.append(new)

    summary = execute("scrape", fast_config(local.base_url, scraped))

    assert [r.path for r in local.requests_to("/v1/file/") if r.status == 200] == [new.path]
    assert (summary.pdfs_new, summary.pdfs_parsed) == (1, 1)
    records = read_jsonl(scraped / "reports.jsonl")
    assert len(records) == 8
    assert local.base_url + new.path in {r["source_url"] for r in records}


def test_report_gone_from_the_listing_stays_in_the_dataset(local: LocalSite, scraped: Path) -> None:
    gone = local.site.areas[0].publications.pop(1)

    execute("scrape", fast_config(local.base_url, scraped))

    records = read_jsonl(scraped / "reports.jsonl")
    assert local.base_url + gone.path in {r["source_url"] for r in records}
    with Manifest(scraped / "manifest.sqlite") as manifest:
        entry = manifest.get(local.base_url + gone.path)
        others = [
            other.last_seen
            for p in local.site.publications()
            if p.path != gone.path and (other := manifest.get(local.base_url + p.path))
        ]
    assert entry is not None
    assert entry.sha256 is not None
    assert entry.last_seen <= min(others)
    marked = {r["source_url"]: r["last_seen_listed"] for r in records}
    assert marked.pop(local.base_url + gone.path) == entry.last_seen[:10]
    assert set(marked.values()) == {None}
    assert {r["first_seen"] for r in records} == {min(others)[:10]}


def test_reports_are_not_marked_gone_after_a_crawl_that_missed_a_listing_page(
    local: LocalSite, scraped: Path
) -> None:
    local.site.areas[0].publications.pop(1)
    broken = local.site.areas[1]
    local.faults[broken.path] = Fault(status=500)

    summary = execute("scrape", fast_config(local.base_url, scraped))

    assert summary.failures == 1
    records = read_jsonl(scraped / "reports.jsonl")
    assert len(records) == 7
    assert {r["last_seen_listed"] for r in records} == {None}


def test_pdf_replaced_at_its_url_replaces_its_record_and_stays_raw(
    local: LocalSite, scraped: Path
) -> None:
    area = local.site.areas[3]
    old = area.publications[0]
    new_content = rendered_pdf(old.kind, area.name, old.published - dt.timedelta(days=7))
    area.publications[0] = dataclasses.replace(old, content=new_content)

    summary = execute("scrape", fast_config(local.base_url, scraped))

    [download] = [r for r in local.requests_to(old.path) if r.status == 200]
    assert download.conditional
    assert (summary.pdfs_new, summary.pdfs_parsed, summary.records_written) == (1, 1, 7)
    records = {r["source_url"]: r for r in read_jsonl(scraped / "reports.jsonl")}
    assert records[local.base_url + old.path]["sha256"] == hashlib.sha256(new_content).hexdigest()
    old_sha = hashlib.sha256(old.content).hexdigest()
    assert (scraped / "raw" / old_sha[:2] / f"{old_sha}.pdf").read_bytes() == old.content
    refreshed = execute("refresh", fast_config(local.base_url, scraped))
    assert refreshed.records_written == 7


def test_record_of_an_older_parser_version_is_parsed_again(local: LocalSite, scraped: Path) -> None:
    dataset = scraped / "reports.jsonl"
    records = read_jsonl(dataset)
    current = records[0]["parser_version"]
    records[0]["parser_version"] = "0.0.1"
    dataset.write_text("".join(json.dumps(r) + "\n" for r in records))

    summary = execute("scrape", fast_config(local.base_url, scraped))

    assert summary.pdfs_parsed == 1
    assert [r["parser_version"] for r in read_jsonl(dataset)] == [current] * len(records)


@pytest.mark.parametrize("workers", [1, 2])
def test_refresh_reparses_every_raw_pdf_and_fetches_only_what_is_missing(
    local: LocalSite, scraped: Path, workers: int
) -> None:
    scraped_dataset = (scraped / "reports.jsonl").read_bytes()

    summary = execute("refresh", fast_config(local.base_url, scraped, workers=workers))

    assert local.requests_to("/v1/file/") == []
    assert (summary.pdfs_parsed, summary.records_written, summary.failures) == (7, 7, 1)
    assert (scraped / "reports.jsonl").read_bytes() == scraped_dataset


def test_refresh_of_an_empty_data_dir_fetches_and_parses_everything(
    local: LocalSite, tmp_path: Path, first_scrape: FirstScrape
) -> None:
    summary = execute("refresh", fast_config(local.base_url, tmp_path, workers=2))

    assert (summary.pdfs_new, summary.pdfs_parsed, summary.records_written) == (8, 7, 7)
    first_dataset = (first_scrape[0] / "reports.jsonl").read_bytes()
    assert (tmp_path / "reports.jsonl").read_bytes() == first_dataset


def test_run_is_refused_while_another_holds_the_lock(local: LocalSite, scraped: Path) -> None:
    config = fast_config(local.base_url, scraped)
    with (
        run_lock(DataDir(scraped)),
        pytest.raises(RunAborted, match="another scrape or refresh is running") as caught,
    ):
        execute("scrape", config)
    assert caught.value.exit_status == 2
    assert local.log == []
    assert (
        "another scrape or refresh is running" in read_jsonl(scraped / "runs.jsonl")[-1]["aborted"]
    )
    assert execute("scrape", config).publications_listed == 8


def test_cli_scrape_prints_a_summary_and_exits_1_when_anything_failed(
    local: LocalSite,
    scraped: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SENDSCRAPE_BASE_URL", local.base_url)
    area = local.site.areas[1]
    html = b"<!DOCTYPE html><html><body>Sorry, something went wrong</body></html>"
    kind, published = "area_send_monitoring_inspection", dt.date(2025, 9, 1)
    area.publications.append(
        SitePublication("59999998", kind, label(kind, published), published, html)
    )

    status = main(
        ["scrape", "--data-dir", str(scraped), "--delay", "0", "--expected-areas", "none"]
    )

    out = capsys.readouterr().out
    assert status == 1
    assert "pdfs new: 0" in out
    assert "pdfs failed: 1" in out
    assert "records written: 7" in out
    assert f"see {scraped / 'failures.jsonl'}" in out


def test_cli_scrape_exits_0_when_nothing_failed(
    local: LocalSite, scraped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "scrape",
            "--base-url",
            local.base_url,
            "--data-dir",
            str(scraped),
            "--delay",
            "0",
            "--expected-areas",
            "none",
        ]
    )

    assert status == 0
    assert "failures: 0" in capsys.readouterr().out
