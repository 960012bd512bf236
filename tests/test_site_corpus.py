"""The site from the 40 hand-checked real reports in ../shared (skipped when it is absent): a page
per area with every item, counts equal to `sendscrape stats`, the workbook's rows."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sendscrape.cli import main
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.enrich.themes import tag_themes
from sendscrape.publish.labels import area_slug
from sendscrape.publish.site.national import STATS_BREAKDOWNS
from sendscrape.validate.models import FullInspectionReport
from sendscrape.validate.records import validate_record
from tests.records import full_report
from tests.site_checks import ATOM, page_text, validate_atom

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus_site(
    expected_records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, list[FullInspectionReport]]:
    reports = []
    for record in expected_records:
        report = validate_record(tag_themes(full_report(record).model_dump(mode="json")), "x")
        assert isinstance(report, FullInspectionReport)
        reports.append(report)
    folder = tmp_path_factory.mktemp("corpus-site")
    write_jsonl_atomic(reports, folder / "reports.jsonl")
    assert main(["site", str(folder / "reports.jsonl"), "-o", str(folder / "site")]) == 0
    return folder / "reports.jsonl", folder / "site", reports


def test_every_area_page_has_every_item(
    corpus_site: tuple[Path, Path, list[FullInspectionReport]],
) -> None:
    _, site, reports = corpus_site
    pages = {page.name for page in (site / "areas").glob("*.html")}
    assert len(pages) == 153
    assert {f"{area_slug(r)}.html" for r in reports} <= pages
    for report in reports:
        text = page_text(site / "areas" / f"{area_slug(report)}.html")
        texts = [a.text for a in report.priority_actions]
        texts += [a.text for a in report.areas_for_improvement]
        for item in texts:
            for part in item.split("•"):  # sub-points are a list on the page
                assert " ".join(part.split()) in text


def test_counts_equal_sendscrape_stats(
    corpus_site: tuple[Path, Path, list[FullInspectionReport]],
) -> None:
    dataset, site, _ = corpus_site
    published = json.loads((site / "data" / "stats.json").read_text(encoding="utf-8"))
    stdout = io.StringIO()
    arguments = [argument for spec in STATS_BREAKDOWNS for argument in ("--by", spec)]
    with contextlib.redirect_stdout(stdout):
        assert main(["stats", str(dataset), *arguments, "--format", "json"]) == 0
    assert published == json.loads(stdout.getvalue())
    assert sum(row["inspections"] for row in published["year,outcome"]) == 40


def test_feeds_and_workbook(corpus_site: tuple[Path, Path, list[FullInspectionReport]]) -> None:
    _, site, reports = corpus_site
    assert len(validate_atom((site / "feed.atom").read_bytes(), "feed.atom")) == 40
    serious = validate_atom((site / "widespread-failings.atom").read_bytes(), "failings")
    failing = {f"urn:sha256:{r.sha256}" for r in reports if r.outcome == "widespread_failings"}
    assert {entry.findtext(ATOM + "id") for entry in serious} == failing
    book = openpyxl.load_workbook(site / "data" / "sendscrape.xlsx", read_only=True)
    rows = {name: book[name].max_row - 1 for name in book.sheetnames if name != "README"}
    assert rows == {"reports": 40, "priority_actions": 27, "areas_for_improvement": 150}
