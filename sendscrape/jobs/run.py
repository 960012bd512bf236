"""The nightly `scrape` and the full `refresh`: crawl, download, parse, write the dataset.

Both crawl every source, record what they see in the manifest and keep every download in the raw
store. `scrape` is incremental: it asks for known PDFs conditionally (or not at all when the server
gave no validators), parses only PDFs this parser version has not seen, and keeps the other records
of the existing dataset. `refresh` fetches only what is missing and re-parses every raw PDF. Any
failure becomes a line in failures.jsonl and the run goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sendscrape.dataset.datadir import (
    DataDir,
    append_json_line,
    dataset_order,
    read_dataset,
    run_lock,
    utc_now,
)
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.enrich.areas import AreaNotFound, area_by_provider_id
from sendscrape.jobs.parse_pool import ParseFailure, ParseTask, parse_all
from sendscrape.jobs.progress import Progress
from sendscrape.parsers import PARSER_VERSION
from sendscrape.scraper import (
    DEFAULT_BASE_URL,
    DiscoverFailure,
    Fetched,
    Fetcher,
    FetchError,
    Manifest,
    OfstedSource,
    Publication,
    RawStore,
    RetryPolicy,
    Source,
    pdf_problem,
)
from sendscrape.scraper.store import FAILED_SUFFIX
from sendscrape.validate.models import Report
from sendscrape.validate.records import validate_json_line

log = logging.getLogger("sendscrape.jobs")


@dataclass(frozen=True)
class JobConfig:
    data_dir: Path
    base_url: str = DEFAULT_BASE_URL
    delay: float = 1.0
    timeout: float = 30.0
    workers: int = 1
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    respect_robots: bool = True


@dataclass
class RunSummary:
    """What one run did; printed at the end and appended to runs.jsonl."""

    command: str
    started: str = field(default_factory=utc_now)
    seconds: float = 0.0
    requests: int = 0
    pages_fetched: int = 0
    publications_listed: int = 0
    other_reports_skipped: int = 0
    pdfs_new: int = 0
    pdfs_unchanged: int = 0
    pdfs_failed: int = 0
    pdfs_parsed: int = 0
    records_written: int = 0
    failures: int = 0

    def lines(self) -> list[str]:
        return [f"{name.replace('_', ' ')}: {value}" for name, value in asdict(self).items()]


class Run:
    """The state of one run: data directory, manifest, raw store, HTTP fetcher, counters."""

    def __init__(self, command: str, config: JobConfig, progress: Progress) -> None:
        self.config = config
        self.files = DataDir(config.data_dir)
        self.summary = RunSummary(command)
        self.progress = progress
        self.store = RawStore(self.files.raw)
        self.manifest = Manifest(self.files.manifest)
        self.fetcher = Fetcher(
            delay=config.delay,
            timeout=config.timeout,
            policy=config.policy,
            respect_robots=config.respect_robots,
        )
        self.pdf_requests = 0
        self.listed_urls: set[str] = set()
        self.listings_complete = True

    def close(self) -> None:
        self.fetcher.close()
        self.manifest.close()

    def fail(self, stage: str, url: str, error: str, sha256: str | None = None) -> None:
        self.summary.failures += 1
        line: dict[str, object] = {"time": utc_now(), "stage": stage, "url": url, "error": error}
        if sha256:
            line["sha256"] = sha256
        append_json_line(self.files.failures, line)
        log.warning("%s failed: %s", stage, error if url in error else f"{url}: {error}")


def canonical_urn(provider_id: str) -> str:
    """The area's URN for a provider id (a URN or an old 3-digit LA code); unknown ids as given."""
    try:
        return area_by_provider_id(provider_id).urn
    except AreaNotFound:
        return provider_id


def sources(run: Run) -> list[Source]:
    return [OfstedSource(run.fetcher, run.config.base_url, canonical_id=canonical_urn)]


def crawl(run: Run, refetch_known: bool) -> None:
    """Walk every source's listings; download each SEND publication not already kept (and, with
    `refetch_known`, ask again conditionally for those that are)."""
    run.progress.start("crawl")
    for source in sources(run):
        for item in source.discover():
            if isinstance(item, DiscoverFailure):
                run.listings_complete = False
                run.fail("discover", item.url, item.error)
                continue
            run.listed_urls.add(item.url)
            run.summary.publications_listed += 1
            run.manifest.record_seen(item, item.provider_id)
            download(run, item, refetch_known)
            run.progress.step(item.area_name)
        run.summary.other_reports_skipped += source.skipped
    run.progress.finish()
    run.summary.requests = run.fetcher.requests_made
    run.summary.pages_fetched = run.fetcher.requests_made - run.pdf_requests


def download(run: Run, publication: Publication, refetch_known: bool) -> None:
    """Fetch one publication's PDF into the raw store, unless it is kept and unchanged."""
    entry = run.manifest.get(publication.url)
    known = entry is not None and entry.sha256 is not None and run.store.has(entry.sha256)
    validators = (entry.etag, entry.last_modified) if entry and known else (None, None)
    if known and (not refetch_known or validators == (None, None)):
        run.summary.pdfs_unchanged += 1
        return
    fetched = _fetch_pdf(run, publication.url, *validators)
    if fetched is None:
        return
    if fetched.not_modified:
        run.summary.pdfs_unchanged += 1
        run.manifest.record_outcome(publication.url, "not modified")
        return
    problem = pdf_problem(fetched.content)
    if problem:
        sha256 = run.store.put(fetched.content, FAILED_SUFFIX)
        _download_failed(run, publication.url, "download", problem, sha256)
        return
    sha256 = run.store.put(fetched.content)
    outcome = "unchanged" if entry is not None and entry.sha256 == sha256 else "new"
    if outcome == "new":
        run.summary.pdfs_new += 1
    else:
        run.summary.pdfs_unchanged += 1
    run.manifest.record_download(
        publication.url, sha256, fetched.etag, fetched.last_modified, outcome
    )


def _fetch_pdf(run: Run, url: str, etag: str | None, last_modified: str | None) -> Fetched | None:
    """The response for a PDF (None after recording a failure); counts the requests it took."""
    before = run.fetcher.requests_made
    try:
        return run.fetcher.get(url, etag, last_modified)
    except FetchError as error:
        _download_failed(run, url, "fetch", error.reason)
        return None
    finally:
        run.pdf_requests += run.fetcher.requests_made - before


def _download_failed(run: Run, url: str, stage: str, error: str, sha256: str | None = None) -> None:
    run.summary.pdfs_failed += 1
    run.manifest.record_outcome(url, f"failed: {error}")
    run.fail(stage, url, error, sha256)


def parse_tasks(run: Run, hashes: Iterable[str]) -> list[ParseTask]:
    tasks = []
    for sha256 in sorted(hashes):
        listing = run.manifest.first_listing(sha256)
        tasks.append(
            ParseTask(
                sha256=sha256,
                path=run.store.path(sha256),
                source_url=listing.url if listing else None,
                published=listing.published if listing else None,
                urn=listing.provider_urn if listing else None,
                listed_kind=listing.kind if listing else None,
            )
        )
    return tasks


def build_dataset(run: Run, hashes: Iterable[str], kept: Iterable[Report]) -> None:
    """Parse `hashes`, add the `kept` records, and replace the dataset atomically."""
    records = {report.sha256: report for report in kept}
    tasks = parse_tasks(run, hashes)
    run.progress.start("parse", len(tasks))
    for outcome in parse_all(tasks, run.config.workers):
        run.progress.step(outcome.sha256[:12])
        if isinstance(outcome, ParseFailure):
            run.manifest.record_parse(outcome.sha256, PARSER_VERSION, outcome.stage)
            run.fail(outcome.stage, outcome.source, outcome.error, outcome.sha256)
            continue
        run.summary.pdfs_parsed += 1
        run.manifest.record_parse(outcome.sha256, PARSER_VERSION, "ok")
        records[outcome.sha256] = outcome
    run.progress.finish()
    ordered = sorted((with_listing(run, r) for r in records.values()), key=dataset_order)
    run.summary.records_written = write_jsonl_atomic(ordered, run.files.dataset)


def with_listing(run: Run, report: Report) -> Report:
    """The record with when its PDF was first listed and, once it has gone from every listing,
    when it was last seen there. After a crawl that missed some listing pages the record keeps
    what it had: a page that failed to load does not make its reports look withdrawn."""
    listing = run.manifest.listing_span(report.sha256)
    if listing is None:
        return report
    last_seen_listed = report.last_seen_listed
    if run.listings_complete:
        still_listed = bool(listing.urls & run.listed_urls)
        last_seen_listed = None if still_listed else listing.last_seen
    update = {"first_seen": listing.first_seen, "last_seen_listed": last_seen_listed}
    return validate_json_line(report.model_copy(update=update).model_dump_json(), report.sha256)


def dataset_hashes(run: Run) -> set[str]:
    """The PDFs the dataset is made of: every raw PDF but those replaced at their URL by a newer
    version (kept in the raw store, not in the dataset)."""
    return set(run.store.pdf_hashes()) - run.manifest.superseded_hashes()


def scrape_dataset(run: Run) -> None:
    """Keep the existing records of this parser version; parse the PDFs it has not seen."""
    existing, problems = read_dataset(run.files.dataset)
    for problem in problems:
        log.warning("re-parsing a record that no longer validates: %s", problem)
    wanted = dataset_hashes(run)
    kept = [r for r in existing if r.parser_version == PARSER_VERSION and r.sha256 in wanted]
    failed_before = run.manifest.failed_parses(PARSER_VERSION)
    build_dataset(run, wanted - {r.sha256 for r in kept} - failed_before, kept)


def execute(command: str, config: JobConfig, progress: Progress | None = None) -> RunSummary:
    """Run `scrape` or `refresh` under the data directory's lock; returns the summary (also
    appended to runs.jsonl). Raises RunLocked if another run holds the lock."""
    started = time.monotonic()
    with run_lock(DataDir(config.data_dir)):
        run = Run(command, config, progress or Progress())
        try:
            crawl(run, refetch_known=command == "scrape")
            if command == "scrape":
                scrape_dataset(run)
            else:
                build_dataset(run, dataset_hashes(run), kept=())
        finally:
            run.close()
        run.summary.seconds = round(time.monotonic() - started, 3)
        append_json_line(run.files.runs, {**asdict(run.summary), "finished": utc_now()})
    return run.summary
