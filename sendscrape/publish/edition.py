"""The edition of the dataset a site, workbook or data package is built from: the date of its
data (the last completed crawl, or for a dataset with no crawl log, the build) and a date-based
dataset version ("2026.12.02"), separate from the software's version."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sendscrape import __version__
from sendscrape.dataset.datadir import RUNS_NAME
from sendscrape.publish.labels import long_date

DATASET_TITLE = "Ofsted/CQC area SEND inspection reports, England, 2016 onwards"
# The runs that crawl the reports site (a `rebuild` re-parses stored PDFs and crawls nothing).
CRAWL_COMMANDS = frozenset({"scrape", "refresh"})


@dataclass(frozen=True)
class Edition:
    """`as_of`: when the data was gathered (UTC); `basis` says from what."""

    as_of: dt.datetime
    basis: str

    @property
    def data_date(self) -> dt.date:
        return self.as_of.date()

    @property
    def version(self) -> str:
        """The dataset's version: its data date, '2026.12.02'."""
        return f"{self.data_date:%Y.%m.%d}"

    @property
    def date_text(self) -> str:
        """'2 December 2026'."""
        return long_date(self.data_date)

    @property
    def as_of_text(self) -> str:
        """'Data as of 2 December 2026'."""
        return f"Data as of {self.date_text}"

    @property
    def created(self) -> str:
        """RFC 3339, as a data package's `created` wants it: '2026-12-02T03:14:00Z'."""
        return self.as_of.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def software_version(self) -> str:
        return __version__


def build_edition(now: dt.datetime | None = None) -> Edition:
    """A dataset with no crawl log is dated by its build."""
    return Edition((now or dt.datetime.now(dt.UTC)).replace(microsecond=0), "the build")


def _completed_crawl(line: str) -> dt.datetime | None:
    """The end of the run on this runs.jsonl line, if it was a crawl that ran to the end with a
    whole listing."""
    try:
        run = json.loads(line)
        if run.get("command") not in CRAWL_COMMANDS or run.get("aborted"):
            return None
        if not run.get("listing_complete", False):
            return None
        finished = dt.datetime.fromisoformat(str(run["finished"]))
    except (ValueError, KeyError, AttributeError, TypeError):
        return None
    return finished if finished.tzinfo else finished.replace(tzinfo=dt.UTC)


def last_completed_crawl(runs: Path) -> dt.datetime | None:
    """When the newest crawl in a runs.jsonl that finished with a complete listing ended; damaged
    lines are passed over."""
    try:
        lines = runs.read_bytes().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    finished = [when for when in map(_completed_crawl, lines) if when]
    return max(finished, default=None)


def dataset_edition(dataset: str | os.PathLike[str], data_date: dt.date | None = None) -> Edition:
    """The edition of a reports.jsonl (or data directory): `data_date` when given, else the last
    completed crawl logged in the runs.jsonl beside it, else the build."""
    if data_date is not None:
        return Edition(dt.datetime.combine(data_date, dt.time(), dt.UTC), "the date given")
    given = Path(dataset)
    runs = (given if given.is_dir() else given.parent) / RUNS_NAME
    crawled = last_completed_crawl(runs)
    return Edition(crawled, "the last completed crawl") if crawled else build_edition()
