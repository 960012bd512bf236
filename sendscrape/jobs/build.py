"""Building the dataset: parse what needs parsing, keep what stands, never lose a good record.

A record of the dataset a run starts from leaves it only when a new good record replaces it (the
same PDF parsed again, or a new version at its URL that parsed). A new version that fails, a PDF
this parser version cannot read, a report withdrawn while the raw store was lost: each keeps its
last good record, and the failure line says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sendscrape.dataset.datadir import dataset_order
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.jobs.parse_pool import ParseFailure, ParsePool, ParseTask, parse_all
from sendscrape.jobs.state import Run
from sendscrape.parsers import PARSER_VERSION
from sendscrape.validate.models import Report
from sendscrape.validate.records import validate_json_line


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


def build_dataset(
    run: Run,
    hashes: Iterable[str],
    kept: Iterable[Report],
    previous: Sequence[Report] = (),
    pool: ParsePool | None = None,
) -> None:
    """Parse `hashes` (in `pool`, else in a pool of the run's own), add the `kept` records and
    every `previous` record that nothing here replaces, and replace the dataset atomically."""
    restore_first_seen(run, previous)
    records = {report.sha256: report for report in kept}
    failures: list[ParseFailure] = []
    tasks = parse_tasks(run, intact_pdfs(run, {*hashes, *run.fallback_pdfs}, previous))
    run.progress.start("parse", len(tasks))
    config = run.config
    outcomes = (
        pool.parse(tasks) if pool else parse_all(tasks, config.workers, config.worker_memory_mb)
    )
    for outcome in outcomes:
        run.progress.step(outcome.sha256[:12])
        if isinstance(outcome, ParseFailure):
            failures.append(outcome)
            continue
        run.summary.pdfs_parsed += 1
        run.manifest.record_parse(outcome.sha256, PARSER_VERSION, "ok")
        records[outcome.sha256] = outcome
    run.progress.finish()
    drop_replaced_versions(run, records, previous)
    drop_fallbacks_replaced(run, records)
    records = keep_listing_state(records, previous)
    carried = not_replaced(previous, records.values())
    for failure in sorted(failures, key=lambda failure: failure.sha256):
        record_failure(run, failure, carried)
    run.summary.last_good_records_kept = len(carried)
    write_dataset(run, [*records.values(), *carried])


def keep_listing_state(records: dict[str, Report], previous: Iterable[Report]) -> dict[str, Report]:
    """Each record with its PDF's previous `last_seen_listed`: a crawl whose listing was not
    complete (or no crawl at all) cannot tell that a withdrawn report is still gone."""
    before = {report.sha256: report.last_seen_listed for report in previous}
    return {
        sha256: report.model_copy(update={"last_seen_listed": before[sha256]})
        if sha256 in before and before[sha256] != report.last_seen_listed
        else report
        for sha256, report in records.items()
    }


def intact_pdfs(run: Run, hashes: Iterable[str], previous: Sequence[Report]) -> list[str]:
    """The raw PDFs whose bytes still match the SHA-256 they are named by. Any other is
    quarantined with a failure line, never parsed: the next scrape downloads it again, and the
    dataset keeps its last good record meanwhile."""
    intact = []
    had_record = {report.sha256 for report in previous}
    for sha256 in sorted(hashes):
        problem = run.store.mismatch(sha256)
        if problem is None:
            intact.append(sha256)
            continue
        kept_as = run.store.quarantine(sha256)
        keeps = "keeps its last good record" if sha256 in had_record else "has no record of it"
        run.fail(
            "store",
            str(run.store.path(sha256)),
            f"raw PDF damaged: {problem}; quarantined as {kept_as.name}, downloaded again at "
            f"the next scrape; the dataset {keeps} meanwhile",
            sha256,
        )
    return intact


REPLACED_AT_ITS_URL = "(a version replaced at its URL, found when the manifest was rebuilt)"


def drop_replaced_versions(
    run: Run, records: dict[str, Report], previous: Sequence[Report]
) -> None:
    """A raw PDF the manifest has no download of (it was lost, and neither the dataset nor the
    crawl placed the PDF again) that is another version of a report the dataset holds was
    replaced at its URL: it stays in the raw store, out of the dataset, and the manifest
    remembers it as replaced. An unplaced PDF of a report the dataset lacks keeps its record."""
    downloaded = run.manifest.downloaded_hashes()
    unplaced = records.keys() - downloaded
    if not unplaced:
        return
    held = {same_report(r) for r in [*records.values(), *previous] if r.sha256 not in unplaced}
    for sha256 in sorted(unplaced):
        if same_report(records[sha256]) in held:
            del records[sha256]
            run.manifest.record_known_download(sha256, REPLACED_AT_ITS_URL)


def drop_fallbacks_replaced(run: Run, records: dict[str, Report]) -> None:
    """A replaced version parsed to stand in for a lost record stays only while no record of
    a newer version names its URL."""
    fallbacks = run.fallback_pdfs & records.keys()
    current = {r.source_url for sha, r in records.items() if sha not in fallbacks}
    for sha256 in fallbacks:
        if records[sha256].source_url in current:
            del records[sha256]


def same_report(report: Report) -> tuple[str, str, str]:
    return (report.local_area, report.report_type, report.inspection_start.isoformat())


def not_replaced(previous: Iterable[Report], new: Iterable[Report]) -> list[Report]:
    """The previous records no new record replaces (by PDF, or by the URL it was served at)."""
    new_hashes, new_urls = set(), set()
    for report in new:
        new_hashes.add(report.sha256)
        new_urls.add(report.source_url)
    return [
        report
        for report in previous
        if report.sha256 not in new_hashes
        and (report.source_url is None or report.source_url not in new_urls)
    ]


def record_failure(run: Run, failure: ParseFailure, carried: Sequence[Report]) -> None:
    """A failure line; the PDF is remembered as one this parser version cannot read only when
    the PDF itself is at fault."""
    if failure.pdf_at_fault:
        run.manifest.record_parse(failure.sha256, PARSER_VERSION, failure.stage)
    same_pdf = [r for r in carried if r.sha256 == failure.sha256]
    same_url = [r for r in carried if r.source_url and r.source_url == failure.source]
    note = ""
    if same_pdf:
        note = f"; the dataset keeps this PDF's record from parser {same_pdf[0].parser_version}"
    elif same_url:
        note = (
            f"; the dataset keeps the previous version (sha256 {same_url[0].sha256[:12]}) "
            "until a new version parses"
        )
    run.fail(failure.stage, failure.source, failure.error + note, failure.sha256)


def restore_first_seen(run: Run, previous: Iterable[Report]) -> None:
    """Dates a published dataset knows and the manifest does not (a lost cache) are kept."""
    for report in previous:
        if report.source_url and report.first_seen:
            run.manifest.keep_earlier_first_seen(report.source_url, report.first_seen)


def write_dataset(run: Run, records: Iterable[Report]) -> None:
    """Replace the dataset; a run with no record at all leaves the file as it was (or absent)."""
    ordered = sorted((with_listing(run, r) for r in records), key=dataset_order)
    if ordered or run.files.dataset.exists():
        run.summary.records_written = write_jsonl_atomic(ordered, run.files.dataset)


def with_listing(run: Run, report: Report) -> Report:
    """The record with when its PDF was first listed and, once it has gone from every listing,
    when it was last seen there. After a crawl whose listing was not complete the record keeps
    what it had: a page that failed to load does not make its reports look withdrawn."""
    listing = run.manifest.listing_span(report.sha256)
    if listing is None:
        return report
    last_seen_listed = report.last_seen_listed
    if run.summary.listing_complete:
        still_listed = bool(listing.urls & run.listed_urls)
        last_seen_listed = None if still_listed else listing.last_seen
    first_seen = min(filter(None, (listing.first_seen, report.first_seen)))
    update = {"first_seen": first_seen, "last_seen_listed": last_seen_listed}
    return validate_json_line(report.model_copy(update=update).model_dump_json(), report.sha256)


def dataset_hashes(run: Run) -> set[str]:
    """The PDFs the dataset is made of: every raw PDF but those replaced at their URL by a newer
    version (kept in the raw store; their record stays only while the newer one fails)."""
    return set(run.store.pdf_hashes()) - run.manifest.superseded_hashes()


def scrape_dataset(run: Run, previous: Sequence[Report], pool: ParsePool | None = None) -> None:
    """Keep the existing records of this parser version; parse the PDFs it has not seen."""
    wanted = dataset_hashes(run)
    kept = [r for r in previous if r.parser_version == PARSER_VERSION and r.sha256 in wanted]
    failed_before = run.manifest.failed_parses(PARSER_VERSION)
    build_dataset(run, wanted - {r.sha256 for r in kept} - failed_before, kept, previous, pool)


def rebuild_dataset(run: Run, previous: Sequence[Report], pool: ParsePool | None = None) -> None:
    """Every raw PDF parsed again, no crawl: nothing is marked gone or listed again, so each
    record keeps the listing state the last crawl gave it (in the manifest and the dataset)."""
    run.summary.listing_complete = False
    build_dataset(run, dataset_hashes(run), kept=(), previous=previous, pool=pool)
