"""The manifest: what was found where, when, and what became of it (SQLite, standard library).

One row per publication URL: where it was listed (provider URN and name, label, published date),
HTTP validators for conditional requests, the SHA-256 of its last good download, when it was first
and last seen on a listing, and the outcome of its last fetch. Rows are never deleted: a report
gone from the listing keeps its row and its `last_seen` date. `downloads` keeps every PDF each
URL ever served (a PDF replaced at the same URL is `superseded`), and `parses` which parser
version already parsed (or failed on) each PDF, so a nightly run parses only what is new;
`crawls` how many publications each crawl listed and whether it read the whole listing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from sendscrape.scraper.manifest_check import TABLES, SalvagedRows
from sendscrape.scraper.source import Publication

_SCHEMA = """
CREATE TABLE IF NOT EXISTS publications (
    url TEXT PRIMARY KEY,
    provider_urn TEXT NOT NULL,
    provider_name TEXT NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    published TEXT,
    etag TEXT,
    last_modified TEXT,
    sha256 TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_fetched TEXT,
    last_outcome TEXT NOT NULL DEFAULT 'not fetched'
);
CREATE INDEX IF NOT EXISTS publications_sha256 ON publications (sha256);
CREATE TABLE IF NOT EXISTS downloads (
    sha256 TEXT NOT NULL,
    url TEXT NOT NULL,
    first_fetched TEXT NOT NULL,
    PRIMARY KEY (sha256, url)
);
CREATE TABLE IF NOT EXISTS crawls (
    finished TEXT NOT NULL,
    publications INTEGER NOT NULL,
    complete INTEGER NOT NULL,
    whole INTEGER
);
CREATE TABLE IF NOT EXISTS parses (
    sha256 TEXT PRIMARY KEY,
    parser_version TEXT NOT NULL,
    outcome TEXT NOT NULL,
    parsed_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Entry:
    """One manifest row."""

    url: str
    provider_urn: str
    provider_name: str
    label: str
    kind: str
    published: dt.date | None
    etag: str | None
    last_modified: str | None
    sha256: str | None
    first_seen: str
    last_seen: str
    last_fetched: str | None
    last_outcome: str


@dataclass(frozen=True)
class Baseline:
    """The number of publications a crawl's listing is judged against: the median of the
    `counts` the last whole crawls listed (newest first)."""

    publications: float
    counts: tuple[int, ...]

    def describe(self) -> str:
        crawls = "crawl" if len(self.counts) == 1 else f"{len(self.counts)} crawls"
        listed = ", ".join(map(str, self.counts))
        return f"{self.publications:g}, the median of the last {crawls} read whole ({listed})"


@dataclass(frozen=True)
class Listing:
    """Where and when a PDF has been listed."""

    first_seen: dt.date
    last_seen: dt.date
    urls: frozenset[str]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _entry(row: sqlite3.Row) -> Entry:
    values = dict(row)
    published = values.pop("published")
    return Entry(published=dt.date.fromisoformat(published) if published else None, **values)


class Manifest:
    """The manifest database at `path`; every change is committed at once (a killed run loses
    nothing it had recorded)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        # WAL: a killed run leaves a consistent database; only a power cut could lose the last
        # few changes, which the next run records again.
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.executescript(_SCHEMA)
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """A manifest written before `crawls.whole` existed gains the column (NULL: unknown)."""
        if "whole" not in self.columns("crawls"):
            self._db.execute("ALTER TABLE crawls ADD COLUMN whole INTEGER")

    def columns(self, table: str) -> tuple[str, ...]:
        return tuple(row[1] for row in self._db.execute(f"PRAGMA table_info({table})"))

    def all_columns(self) -> dict[str, tuple[str, ...]]:
        return {table: self.columns(table) for table in TABLES}

    def restore_rows(self, salvaged: SalvagedRows) -> int:
        """Rows read back from a damaged manifest (those already present are left alone)."""
        if not salvaged.rows:
            return 0
        marks = ", ".join("?" * len(salvaged.columns))
        self._db.executemany(
            f"INSERT OR IGNORE INTO {salvaged.table} ({', '.join(salvaged.columns)}) "
            f"VALUES ({marks})",
            salvaged.rows,
        )
        return len(salvaged.rows)

    def record_known_download(self, sha256: str, url: str) -> None:
        """A PDF known (from the dataset, or the raw store) to have been served at `url`."""
        self._db.execute(
            "INSERT OR IGNORE INTO downloads (sha256, url, first_fetched) VALUES (?, ?, ?)",
            (sha256, url, _now()),
        )

    def downloaded_hashes(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT DISTINCT sha256 FROM downloads")}

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def get(self, url: str) -> Entry | None:
        row = self._db.execute("SELECT * FROM publications WHERE url = ?", (url,)).fetchone()
        return _entry(row) if row else None

    def record_seen(self, publication: Publication, provider_urn: str) -> None:
        """A publication listed today: added if new, else its details and last_seen updated."""
        now = _now()
        published = publication.published.isoformat() if publication.published else None
        self._db.execute(
            """INSERT INTO publications
                 (url, provider_urn, provider_name, label, kind, published, first_seen, last_seen)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (url) DO UPDATE SET provider_urn = excluded.provider_urn,
                 provider_name = excluded.provider_name, label = excluded.label,
                 kind = excluded.kind, published = excluded.published,
                 last_seen = excluded.last_seen""",
            (publication.url, provider_urn, publication.area_name, publication.label,
             publication.kind, published, now, now),
        )  # fmt: skip

    def record_download(
        self, url: str, sha256: str, etag: str | None, last_modified: str | None, outcome: str
    ) -> None:
        """A good download: its hash and validators kept for the next conditional request."""
        now = _now()
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute(
                """UPDATE publications SET sha256 = ?, etag = ?, last_modified = ?,
                     last_fetched = ?, last_outcome = ? WHERE url = ?""",
                (sha256, etag, last_modified, now, outcome, url),
            )
            self._db.execute(
                "INSERT OR IGNORE INTO downloads (sha256, url, first_fetched) VALUES (?, ?, ?)",
                (sha256, url, now),
            )

    def record_outcome(self, url: str, outcome: str) -> None:
        """A fetch that changed nothing kept (304, or a failure): only its outcome and time."""
        self._db.execute(
            "UPDATE publications SET last_fetched = ?, last_outcome = ? WHERE url = ?",
            (_now(), outcome, url),
        )

    def superseded_hashes(self) -> set[str]:
        """PDFs once served and since replaced at their URL by another version."""
        rows = self._db.execute(
            """SELECT sha256 FROM downloads
               EXCEPT SELECT sha256 FROM publications WHERE sha256 IS NOT NULL"""
        )
        return {row[0] for row in rows}

    def replaced_versions(self) -> list[tuple[str, str]]:
        """(URL, sha256) of every PDF since replaced at its (listed) URL, the newest first."""
        rows = self._db.execute(
            """SELECT url, sha256 FROM downloads WHERE sha256 NOT IN
                 (SELECT sha256 FROM publications WHERE sha256 IS NOT NULL)
               AND url IN (SELECT url FROM publications)
               ORDER BY first_fetched DESC, rowid DESC"""
        )
        return [(row[0], row[1]) for row in rows]

    def first_listing(self, sha256: str) -> Entry | None:
        """The earliest-seen publication that served a PDF: its provenance in the dataset."""
        row = self._db.execute(
            """SELECT publications.* FROM downloads JOIN publications USING (url)
               WHERE downloads.sha256 = ? ORDER BY first_seen, url LIMIT 1""",
            (sha256,),
        ).fetchone()
        return _entry(row) if row else None

    def listing_span(self, sha256: str) -> Listing | None:
        """When the URLs that served a PDF (now or before a newer version) were first and last
        seen listed, and those URLs."""
        rows = self._db.execute(
            """SELECT url, first_seen, last_seen FROM publications
               WHERE sha256 = ? OR url IN (SELECT url FROM downloads WHERE sha256 = ?)""",
            (sha256, sha256),
        ).fetchall()
        if not rows:
            return None
        return Listing(
            first_seen=dt.datetime.fromisoformat(min(row["first_seen"] for row in rows)).date(),
            last_seen=dt.datetime.fromisoformat(max(row["last_seen"] for row in rows)).date(),
            urls=frozenset(row["url"] for row in rows),
        )

    def keep_earlier_first_seen(self, url: str, first_seen: dt.date) -> None:
        """A URL known to have been listed since `first_seen` (from a published dataset, when
        the manifest itself was lost) keeps that date."""
        self._db.execute(
            "UPDATE publications SET first_seen = ? WHERE url = ? AND first_seen > ?",
            (first_seen.isoformat(), url, first_seen.isoformat()),
        )

    def record_crawl(self, publications: int, complete: bool, whole: bool) -> None:
        """One crawl: how many publications it listed, whether its listing was complete, and
        whether it was read whole (every page, no limit hit, every area found), which only the
        plausibility of its size can have made incomplete."""
        self._db.execute(
            "INSERT INTO crawls (finished, publications, complete, whole) VALUES (?, ?, ?, ?)",
            (_now(), publications, int(complete), int(whole)),
        )

    def listing_baseline(self, crawls: int) -> Baseline | None:
        """The median size of the last `crawls` listings read whole (a complete crawl from before
        `whole` was recorded counts as one); None before the first. A listing that stays at a new
        size for a few nights so becomes the baseline, however implausible the change looked."""
        rows = self._db.execute(
            """SELECT publications FROM crawls WHERE coalesce(whole, complete)
               ORDER BY rowid DESC LIMIT ?""",
            (crawls,),
        ).fetchall()
        counts = tuple(int(row[0]) for row in rows)
        return Baseline(statistics.median(counts), counts) if counts else None

    def failed_parses(self, parser_version: str) -> set[str]:
        """PDFs this parser version failed on (not worth parsing again until it changes)."""
        rows = self._db.execute(
            "SELECT sha256 FROM parses WHERE parser_version = ? AND outcome != 'ok'",
            (parser_version,),
        )
        return {row[0] for row in rows}

    def record_parse(self, sha256: str, parser_version: str, outcome: str) -> None:
        self._db.execute(
            """INSERT INTO parses (sha256, parser_version, outcome, parsed_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (sha256) DO UPDATE SET parser_version = excluded.parser_version,
                 outcome = excluded.outcome, parsed_at = excluded.parsed_at""",
            (sha256, parser_version, outcome, _now()),
        )
