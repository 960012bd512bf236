"""One run's settings, counters and open resources, and the ways a run can end early."""

from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from sendscrape.dataset.datadir import Damage, DataDir, append_json_line, utc_now
from sendscrape.enrich.areas import local_authorities
from sendscrape.jobs.progress import Progress
from sendscrape.jobs.workers import DEFAULT_WORKER_MEMORY_MB
from sendscrape.scraper import DEFAULT_BASE_URL, Fetcher, Manifest, RawStore, RetryPolicy
from sendscrape.scraper.limits import CrawlLimits, FetchLimits
from sendscrape.scraper.ofsted import declared_hosts
from sendscrape.scraper.store import printable_snippet

log = logging.getLogger("sendscrape.jobs")

FAILURE_TEXT_CHARS = 300
DEFAULT_RUN_SECONDS = 6 * 3600.0


def england_areas() -> dict[str, str]:
    """England's current local areas (URN -> name), as the area table lists them: 153."""
    return {a.urn: a.name for a in local_authorities() if a.abolished is None}


@dataclass(frozen=True)
class JobConfig:
    """Everything a run may be told. `run_seconds` bounds the crawl's wall time;
    `listing_change_factor` is how far the number of publications listed may move from the
    baseline, the median of the last `listing_baseline_crawls` crawls read whole (either way),
    before the listing counts as implausible; `expected_areas`
    (URN -> name) are the areas a complete crawl must find; `worker_memory_mb` bounds each parse
    worker's address space (0: no bound)."""

    data_dir: Path
    base_url: str = DEFAULT_BASE_URL
    delay: float = 1.0
    timeout: float = 30.0
    workers: int = 1
    worker_memory_mb: int = DEFAULT_WORKER_MEMORY_MB
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    respect_robots: bool = True
    fetch_limits: FetchLimits = field(default_factory=FetchLimits)
    crawl_limits: CrawlLimits = field(default_factory=CrawlLimits)
    run_seconds: float = DEFAULT_RUN_SECONDS
    listing_change_factor: float = 3.0
    listing_baseline_crawls: int = 5
    expected_areas: dict[str, str] = field(default_factory=england_areas)

    def problems(self) -> list[str]:
        """What makes this configuration unusable (empty when it is fine)."""
        url = urlsplit(self.base_url)
        found = [
            f"--base-url {printable_snippet(self.base_url)!r} is not an http(s) URL with a host"
            if url.scheme not in ("http", "https") or not url.hostname
            else "",
            f"--data-dir {self.data_dir} is not a directory"
            if self.data_dir.exists() and not self.data_dir.is_dir()
            else "",
            "--workers must be 1 or more" if self.workers < 1 else "",
            "--worker-memory must be 0 or more" if self.worker_memory_mb < 0 else "",
            "--delay and --timeout must be 0 or more" if min(self.delay, self.timeout) < 0 else "",
        ]
        return [problem for problem in found if problem]


class RunAborted(RuntimeError):
    """A run that cannot go on: the lock is held, the disk is full, the site cannot be reached,
    or the configuration is unusable. Its message is the one line the user sees."""

    exit_status = 1


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
    last_good_records_kept: int = 0
    listing_complete: bool = True
    listing_baseline: str = ""
    areas_missing: list[str] = field(default_factory=list)
    damaged_files_set_aside: list[str] = field(default_factory=list)
    failures: int = 0

    def lines(self) -> list[str]:
        return [
            f"{name.replace('_', ' ')}: {_shown(value)}" for name, value in asdict(self).items()
        ]

    def log_line(self) -> dict[str, object]:
        return {**asdict(self), "finished": utc_now()}


def _shown(value: object) -> str:
    if isinstance(value, list):
        return f"{len(value)}" + (f" ({', '.join(map(str, value))})" if value else "")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class Run:
    """The state of one run: data directory, manifest, raw store, HTTP fetcher, counters."""

    def __init__(self, command: str, config: JobConfig, progress: Progress) -> None:
        self.config = config
        self.files = DataDir(config.data_dir)
        self.summary = RunSummary(command)
        self.progress = progress
        self.deadline = time.monotonic() + config.run_seconds
        self.store = RawStore(self.files.raw)
        self.manifest = Manifest(self.files.manifest)
        limits = dataclasses.replace(config.fetch_limits, read_timeout=config.timeout)
        self.fetcher = Fetcher(
            delay=config.delay,
            policy=config.policy,
            respect_robots=config.respect_robots,
            limits=limits,
            allowed_hosts=declared_hosts(config.base_url),
            stop_at=self.deadline,
        )
        self.pdf_requests = 0
        self.pdf_responses = 0
        self.listed_urls: set[str] = set()
        # Replaced versions parsed again to stand in for records a damaged dataset lost.
        self.fallback_pdfs: set[str] = set()

    def close(self) -> None:
        self.fetcher.close()
        self.manifest.close()

    def out_of_time(self) -> bool:
        return self.fetcher.out_of_time or time.monotonic() > self.deadline

    def fail(self, stage: str, url: str, error: str, sha256: str | None = None) -> None:
        """One failure: a line in failures.jsonl (short and printable, whatever the web sent)."""
        self.summary.failures += 1
        url, error = printable_snippet(url, FAILURE_TEXT_CHARS), printable_snippet(error, 600)
        line: dict[str, object] = {"time": utc_now(), "stage": stage, "url": url, "error": error}
        if sha256:
            line["sha256"] = sha256
        append_json_line(self.files.failures, line)
        log.warning("%s failed: %s", stage, error if url in error else f"{url}: {error}")

    def damaged(self, damage: Damage) -> None:
        """A damaged file of the data directory: one failure line naming it and where it was
        kept, and its name in the summary."""
        kept = f"; kept aside as {damage.kept_as.name}" if damage.kept_as else ""
        self.summary.damaged_files_set_aside.append(damage.path.name)
        self.fail("state", str(damage.path), f"damaged: {damage.why}{kept}")

    def listing_incomplete(self, stage: str, url: str, why: str) -> None:
        """A failure that also makes this crawl's listing incomplete: nothing marked gone."""
        self.summary.listing_complete = False
        self.fail(stage, url, why)
