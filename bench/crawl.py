"""Crawl and refresh benchmark on a local copy of the reports site.

Crawl: 153 areas and about 600 publications served on 127.0.0.1, `--delay 0`: requests made and
wall time of a first scrape's crawl and of the next night's (conditional requests only). Refresh:
re-parse time of the raw store (parse pool, manifest, dataset written) with 1 and 2 worker
processes, on the real reports in ../shared/corpus when present, else on generated fixture
reports, printed by bench/workers.py with the load average.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import workers
from fixtures.site import LocalSite, large_site
from fixtures.site.harness import fast_config
from fixtures.site.reports import SKIPPED_KINDS
from fixtures.site.sample import current_authorities, rendered_pdf
from sendscrape.jobs.build import build_dataset
from sendscrape.jobs.crawl import crawl
from sendscrape.jobs.progress import Progress
from sendscrape.jobs.state import JobConfig, Run
from sendscrape.scraper import RawStore

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SENDSCRAPE_SHARED", PROJECT_ROOT.parent / "shared"))
CORPUS_PDFS = CORPUS / "corpus" / "area-send-full"
GENERATED_REPORTS = 40


@dataclass(frozen=True)
class CrawlResult:
    requests: int
    pdf_downloads: int
    seconds: float


def _quiet_run(command: str, config: JobConfig) -> Run:
    return Run(command, config, Progress(io.StringIO()))


def time_crawl(local: LocalSite, config: JobConfig) -> CrawlResult:
    before = len(local.log)
    run = _quiet_run("scrape", config)
    started = time.perf_counter()
    try:
        crawl(run, refetch_known=True)
    finally:
        run.close()
    seconds = time.perf_counter() - started
    new = local.log[before:]
    downloads = sum(1 for r in new if r.path.startswith("/v1/file/") and r.status == 200)
    return CrawlResult(len(new), downloads, seconds)


def reparse_pdfs(corpus: Path) -> tuple[list[bytes], str]:
    """The PDFs to re-parse, and where they came from."""
    if corpus.is_dir():
        pdfs = [path.read_bytes() for path in sorted(corpus.glob("*.pdf"))]
        return pdfs, f"{len(pdfs)} real reports from {corpus}"
    pdfs = [
        rendered_pdf("area_send_full_inspection", authority.name, dt.date(2024, 1, 8))
        for authority in current_authorities()[:GENERATED_REPORTS]
    ]
    return pdfs, f"{len(pdfs)} generated full-inspection reports"


def reparse(data_dir: Path, workers: int) -> int:
    """Re-parse the raw store into the dataset, as `refresh` does; the records written."""
    config = JobConfig(data_dir=data_dir, workers=workers)
    run = _quiet_run("refresh", config)
    try:
        build_dataset(run, RawStore(run.files.raw).pdf_hashes(), kept=())
    finally:
        run.close()
    return run.summary.records_written


def reparse_work(data_dir: Path, records: list[int], workers: int) -> Callable[[], object]:
    return lambda: records.append(reparse(data_dir, workers))


def main(corpus: Path = CORPUS_PDFS) -> bool:
    """Print the tables; True when the crawl downloaded every SEND report once and the
    re-parse wrote records."""
    site = large_site()
    send_reports = sum(1 for p in site.publications() if p.kind not in SKIPPED_KINDS)
    publications = len(site.publications())
    print(f"crawl: local site of {len(site.areas)} areas, {publications} publications, --delay 0")
    with tempfile.TemporaryDirectory() as tmp, LocalSite(site) as local:
        config = fast_config(local.base_url, Path(tmp))
        first = time_crawl(local, config)
        second = time_crawl(local, config)
    print(f"  {'run':<28}{'requests':>10}{'PDF downloads':>15}{'wall s':>9}")
    for name, result in (("first scrape", first), ("next night (conditional)", second)):
        print(f"  {name:<28}{result.requests:>10}{result.pdf_downloads:>15}{result.seconds:>9.2f}")

    pdfs, origin = reparse_pdfs(corpus)
    records: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = RawStore(Path(tmp) / "raw")
        for pdf in pdfs:
            store.put(pdf)
        title = f"refresh re-parse: {origin}"
        workers.report(title, functools.partial(reparse_work, Path(tmp), records), rounds=1)
    print(f"  records written: {sorted(set(records))}")
    return first.pdf_downloads == send_reports and second.pdf_downloads == 0 and min(records) > 0


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
