"""Atom 1.0 feeds of the newest reports, written with feedgen.

Each entry's id comes from the report's sha256 and its `updated` from the publication date, so a
rebuild gives the same entries and a feed reader shows each report once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from sendscrape.publish.extras import require_extra
from sendscrape.publish.labels import (
    SERIOUS_OUTCOMES,
    area_slug,
    date_span,
    outcome_of,
    report_anchor,
    report_title,
)
from sendscrape.validate.models import FullInspectionReport, MonitoringInspectionReport, Report

NEWEST_ENTRIES = 100
FEEDS = {
    "feed.atom": "Area SEND inspection reports: the newest",
    "widespread-failings.atom": "Area SEND inspections finding widespread failings or "
    "ineffective action",
}


def report_date(report: Report) -> dt.date:
    """When the report came out: the publication date, else when first seen, else the last
    day of the inspection."""
    return report.published or report.first_seen or report.inspection_end


def _timestamp(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def entry_id(report: Report) -> str:
    return f"urn:sha256:{report.sha256}"


def _summary(report: Report) -> str:
    dates = date_span(report.inspection_start, report.inspection_end)
    lines = [f"{outcome_of(report).label}. Inspection: {dates}."]
    if isinstance(report, FullInspectionReport) and report.priority_actions:
        lines.append("Priority actions:")
        lines += [f"{n}. {a.text}" for n, a in enumerate(report.priority_actions, start=1)]
    elif isinstance(report, MonitoringInspectionReport):
        lines += [review.text + " " + review.progress for review in report.priority_action_reviews]
    return "\n".join(lines)


def is_serious(report: Report) -> bool:
    return outcome_of(report).key in SERIOUS_OUTCOMES


def _add_entry(feed: object, report: Report, site_url: str) -> None:
    entry = feed.add_entry(order="append")  # type: ignore[attr-defined]
    entry.id(entry_id(report))
    entry.title(report_title(report))
    entry.updated(_timestamp(report_date(report)))
    entry.published(_timestamp(report_date(report)))
    page = f"{site_url}areas/{area_slug(report)}.html#{report_anchor(report)}"
    # One link only: feedgen 1.0 writes an entry link's href but drops rel and type, so a second
    # link would read as a second alternate. The PDF is the entry's out-of-line content instead.
    entry.link(href=page, rel="alternate")
    if report.source_url:
        entry.content(src=report.source_url)
    entry.summary(_summary(report))


def feed_xml(reports: Sequence[Report], file_name: str, site_url: str) -> bytes:
    """One feed: the newest NEWEST_ENTRIES of `reports`, newest first."""
    feed_module = require_extra("feedgen.feed", "publish", "sendscrape site")
    newest = sorted(reports, key=lambda r: (report_date(r), r.sha256), reverse=True)
    newest = newest[:NEWEST_ENTRIES]
    feed = feed_module.FeedGenerator()
    feed.id(f"{site_url}{file_name}" if site_url else f"urn:sendscrape:{file_name}")
    feed.title(FEEDS[file_name])
    feed.author({"name": "sendscrape"})
    feed.link(href=f"{site_url}{file_name}", rel="self", type="application/atom+xml")
    feed.link(href=site_url or "index.html", rel="alternate", type="text/html")
    feed.language("en-GB")
    feed.rights("Report content: Crown copyright, Open Government Licence v3.0")
    latest = report_date(newest[0]) if newest else dt.date(2016, 5, 1)
    feed.updated(_timestamp(latest))
    for report in newest:
        _add_entry(feed, report, site_url)
    xml: bytes = feed.atom_str(pretty=True)
    return xml


FEED_FILTERS: dict[str, Callable[[Report], bool]] = {
    "feed.atom": lambda report: True,
    "widespread-failings.atom": is_serious,
}


def write_feeds(reports: Sequence[Report], out_dir: Path, site_url: str = "") -> list[Path]:
    """Both feeds into `out_dir`; `site_url` (ending '/') makes the links absolute."""
    written = []
    for name, wanted in FEED_FILTERS.items():
        path = out_dir / name
        path.write_bytes(feed_xml([r for r in reports if wanted(r)], name, site_url))
        written.append(path)
    return written
