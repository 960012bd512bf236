"""Damaged local state, found as a run starts: named in one line, set aside, rebuilt.

A `.lock`, dataset, log or manifest that is not a regular file, a `raw/` that is not a folder, a
manifest SQLite cannot read, a dataset with lines that are not UTF-8 JSON: each is kept aside as
`NAME.damaged-<time>` and the run goes on without it. What can be rebuilt is: the raw store comes
back from the site (every PDF it lacks is downloaded again), the manifest from the rows the damaged
copy still gives, the dataset's own records and the raw store, and the dataset from the raw store
and manifest through the ordinary build (every raw PDF without a good record is parsed).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from sendscrape.dataset.datadir import (
    Damage,
    DataDir,
    copy_aside,
    read_dataset_checked,
    set_aside,
    set_aside_wrong_types,
    wrong_type,
)
from sendscrape.jobs.state import Run
from sendscrape.scraper.manifest_check import manifest_problem, salvage_rows
from sendscrape.scraper.store import RawStore
from sendscrape.validate.models import Report

log = logging.getLogger("sendscrape.jobs")

_SQLITE_SIDE_FILES = ("-wal", "-shm")


def set_aside_damaged(files: DataDir) -> list[Damage]:
    """Set aside, before the run opens anything, every file of the wrong type and a manifest
    that SQLite cannot read."""
    found = set_aside_wrong_types(files)
    for folder in RawStore(files.raw).folders():
        why = wrong_type(folder, folder=True)
        if why:
            found.append(Damage(folder, why, set_aside(folder)))
    problem = manifest_problem(files.manifest)
    if problem:
        found.append(Damage(files.manifest, problem, _set_aside_database(files.manifest)))
    return found


def _set_aside_database(path: Path) -> Path:
    """The database and its write-ahead log, renamed together (so the copy still reads)."""
    kept = set_aside(path)
    for suffix in _SQLITE_SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(kept.with_name(kept.name + suffix))
    return kept


def recover(run: Run, found: Sequence[Damage]) -> None:
    """Name each damaged file; rebuild a manifest that was set aside (before the dataset is
    read for the run, so that a damaged dataset is judged against the rebuilt manifest)."""
    for damage in found:
        run.damaged(damage)
    manifest = next((d for d in found if d.path == run.files.manifest), None)
    if manifest is not None:
        readable = read_dataset_checked(run.files.dataset).records
        rebuild_manifest(run, manifest.kept_as, readable)


def rebuild_manifest(run: Run, damaged: Path | None, previous: Sequence[Report]) -> None:
    """Rows the damaged copy still gives, then every PDF of the dataset at the URL it came
    from, so that a version a URL no longer serves is still known as replaced. Listings,
    validators and parse outcomes the copy lost come back with this run's crawl."""
    read_back = 0
    if damaged is not None and damaged.is_file():
        columns = run.manifest.all_columns()
        read_back = sum(run.manifest.restore_rows(rows) for rows in salvage_rows(damaged, columns))
    known = 0
    for report in previous:
        if report.source_url and run.store.has(report.sha256):
            run.manifest.record_known_download(report.sha256, report.source_url)
            known += 1
    unplaced = set(run.store.pdf_hashes()) - run.manifest.downloaded_hashes()
    log.warning(
        "manifest rebuilt: %d rows read back from the damaged copy, %d PDFs placed from the "
        "dataset, %d raw PDFs left for the crawl to place",
        read_back,
        known,
        len(unplaced),
    )


def read_previous(run: Run) -> list[Report]:
    """The records of the dataset this run starts from. A dataset with damaged lines is copied
    aside first (the run replaces it) and named; the reports of its damaged lines, like those
    that no longer validate, are parsed again from the raw store."""
    contents = read_dataset_checked(run.files.dataset)
    for problem in contents.stale:
        log.warning("re-parsing a record that no longer validates: %s", problem)
    if contents.damaged:
        why = (
            f"{len(contents.damaged)} unreadable line(s), the first {contents.damaged[0]}; "
            f"{len(contents.records)} record(s) read, the others parsed again from the raw store"
        )
        run.damaged(Damage(run.files.dataset, why, copy_aside(run.files.dataset)))
        run.fallback_pdfs = last_good_versions(run, contents.records)
    return contents.records


def last_good_versions(run: Run, records: Sequence[Report]) -> set[str]:
    """For each URL no readable record names, the newest version it served before its current
    one, if the raw store holds it: the record a damaged line may have held while the current
    version failed to parse."""
    named = {report.source_url for report in records}
    chosen: dict[str, str] = {}
    for url, sha256 in run.manifest.replaced_versions():
        if url not in named and url not in chosen and run.store.has(sha256):
            chosen[url] = sha256
    return set(chosen.values())
