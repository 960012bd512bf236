"""The crawl: walk every source's listings, download what is new, and judge the listing.

A listing is complete (and may mark reports gone) only when every page was read, no limit was
hit, every one of England's local areas was found, and the number of publications is within a
sane factor of the last complete crawl's. Anything else is recorded as a failure and leaves every
record as it was.
"""

from __future__ import annotations

from sendscrape.enrich.areas import AreaNotFound, area_by_provider_id
from sendscrape.jobs.state import Run, RunAborted
from sendscrape.scraper import (
    DiscoverFailure,
    Fetched,
    FetchError,
    OfstedSource,
    Publication,
    Source,
    pdf_problem,
)


def canonical_urn(provider_id: str) -> str:
    """The area's URN for a provider id (a URN or an old 3-digit LA code); unknown ids as given."""
    try:
        return area_by_provider_id(provider_id).urn
    except AreaNotFound:
        return provider_id


def sources(run: Run) -> list[Source]:
    limits = run.config.crawl_limits
    return [OfstedSource(run.fetcher, run.config.base_url, canonical_urn, limits)]


def check_site_reachable(run: Run) -> None:
    """RunAborted, before anything is crawled, when the site's robots.txt cannot be read (no
    connection, or a 5xx: RFC 9309 then forbids the whole host)."""
    problem = run.fetcher.robots_problem(run.config.base_url)
    if problem:
        raise RunAborted(f"{problem}; nothing crawled, the dataset is unchanged")


def crawl(run: Run, refetch_known: bool) -> None:
    """Walk every source's listings; download each SEND publication not already kept (and, with
    `refetch_known`, ask again conditionally for those that are)."""
    run.progress.start("crawl")
    found_areas: set[str] = set()
    for source in sources(run):
        for item in source.discover():
            if run.out_of_time():
                why = f"time budget of {run.config.run_seconds:g} s used up: crawl stopped"
                run.listing_incomplete("crawl", run.config.base_url, why)
                break
            if isinstance(item, DiscoverFailure):
                run.listing_incomplete("discover", item.url, item.error)
                continue
            run.listed_urls.add(item.url)
            run.summary.publications_listed += 1
            run.manifest.record_seen(item, item.provider_id)
            download(run, item, refetch_known)
            run.progress.step(item.area_name)
        run.summary.other_reports_skipped += source.skipped
        found_areas |= source.areas
    run.progress.finish()
    run.summary.requests = run.fetcher.requests_made
    run.summary.pages_fetched = run.fetcher.responses - run.pdf_responses
    judge_listing(run, found_areas)


def judge_listing(run: Run, found_areas: set[str]) -> None:
    """Record the crawl in the manifest; a listing missing an area, or whose size moved beyond
    the factor allowed from the baseline (the median of the last whole crawls), is not
    complete. The summary names the baseline used."""
    missing = {
        urn: name for urn, name in run.config.expected_areas.items() if urn not in found_areas
    }
    for urn, name in sorted(missing.items(), key=lambda pair: pair[1]):
        run.summary.areas_missing.append(name)
        run.listing_incomplete("discover", run.config.base_url, f"area not found: {name} ({urn})")
    whole = run.summary.listing_complete
    listed = run.summary.publications_listed
    baseline = run.manifest.listing_baseline(run.config.listing_baseline_crawls)
    run.summary.listing_baseline = baseline.describe() if baseline else "none (no earlier crawl)"
    factor = run.config.listing_change_factor
    if (
        whole
        and baseline
        and not baseline.publications / factor <= listed <= (baseline.publications * factor)
    ):
        why = (
            f"implausible listing: {listed} publications against {baseline.describe()} "
            f"(more than {factor:g}x apart); nothing marked gone"
        )
        run.listing_incomplete("discover", run.config.base_url, why)
    run.manifest.record_crawl(listed, run.summary.listing_complete, whole)


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
        _download_failed(
            run, publication.url, "download", problem, run.store.put_failed(fetched.content)
        )
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
    requests, responses = run.fetcher.requests_made, run.fetcher.responses
    try:
        return run.fetcher.get(url, etag, last_modified, run.fetcher.limits.max_pdf_bytes)
    except FetchError as error:
        _download_failed(run, url, "fetch", error.reason)
        return None
    finally:
        run.pdf_requests += run.fetcher.requests_made - requests
        run.pdf_responses += run.fetcher.responses - responses


def _download_failed(run: Run, url: str, stage: str, error: str, sha256: str | None = None) -> None:
    run.summary.pdfs_failed += 1
    run.manifest.record_outcome(url, f"failed: {error}")
    run.fail(stage, url, error, sha256)
