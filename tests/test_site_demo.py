"""`make demo` end to end: the local reports site scraped, then the results site built from that
dataset: a page per area, every report on it, feeds with one entry per matching report."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from fixtures import demo
from sendscrape.dataset import load
from sendscrape.publish.labels import area_slug, outcome_of
from sendscrape.validate.models import FullInspectionReport
from tests.site_checks import ATOM, page_text, validate_atom

pytestmark = pytest.mark.e2e


def test_demo_builds_a_site_from_its_scraped_dataset(tmp_path: Path) -> None:
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
        demo.run(tmp_path / "data")
    site = tmp_path / "data" / "site"
    assert f"Open the results site: {(site / 'index.html').as_uri()}" in stdout.getvalue()
    reports = load(tmp_path / "data" / "reports.jsonl")
    assert {r.report_type for r in reports} == {
        "area_send_full_inspection",
        "area_send_monitoring_inspection",
        "local_area_send_inspection",
        "local_area_send_revisit",
    }
    assert f"make site DATA_DIR={tmp_path / 'data'} SITE_DIR={site}" in stdout.getvalue()
    pages = {p.name for p in (site / "areas").glob("*.html")}
    assert {f"{area_slug(r)}.html" for r in reports} < pages
    assert len(pages) == 153
    assert "from the last completed crawl)" in page_text(site / "index.html")
    for report in reports:
        text = page_text(site / "areas" / f"{area_slug(report)}.html")
        assert outcome_of(report).label in text
        if isinstance(report, FullInspectionReport):
            texts = [a.text for a in report.priority_actions]
            texts += [a.text for a in report.areas_for_improvement]
            for item in texts:
                for part in item.split("•"):
                    assert " ".join(part.split()) in text
    entries = validate_atom((site / "feed.atom").read_bytes(), "feed.atom")
    assert {e.findtext(ATOM + "id") for e in entries} == {f"urn:sha256:{r.sha256}" for r in reports}
    pdf_links = {e.find(ATOM + "content").get("src") for e in entries}
    assert pdf_links == {r.source_url for r in reports}
