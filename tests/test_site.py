"""`sendscrape site`: every area has a page, every item word for word, counts equal `sendscrape
stats`, both feeds valid Atom with one entry per matching report, a failed build leaves nothing
half-written, an empty dataset says so."""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from fixtures.synthetic import synthetic_reports
from sendscrape.cli import main
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.enrich.areas import area_by_gss_code
from sendscrape.publish.feeds import NEWEST_ENTRIES, report_date
from sendscrape.publish.labels import outcome_of, report_title, slug
from sendscrape.publish.site.build import build_site
from sendscrape.publish.site.national import CHARTS, STATS_BREAKDOWNS
from sendscrape.validate.models import (
    FullInspectionReport,
    LocalAreaInspectionReport,
    MonitoringInspectionReport,
    Report,
    RevisitReport,
)
from tests.site_checks import ATOM, page_text, table_rows, validate_atom

PAGE_WEIGHT_LIMIT = 250 * 1024  # issue 19: index.html with its assets


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return synthetic_reports(300)


@pytest.fixture(scope="module")
def dataset(reports: list[Report], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dataset") / "reports.jsonl"
    write_jsonl_atomic(reports, path)
    return path


@pytest.fixture(scope="module")
def site(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    assert main(["site", str(dataset), "-o", str(out)]) == 0
    return out


def _stats_json(dataset: Path, spec: str) -> list[dict[str, Any]]:
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        assert main(["stats", str(dataset), "--by", spec, "--format", "json"]) == 0
    rows: list[dict[str, Any]] = json.loads(stdout.getvalue())[spec]
    return rows


def test_every_area_has_a_page_named_from_its_authority(reports: list[Report], site: Path) -> None:
    codes = {r.gss_code for r in reports}
    slugs = {slug(area_by_gss_code(code).name) for code in codes}
    assert {p.name for p in (site / "areas").glob("*.html")} == {s + ".html" for s in slugs}
    assert {p.name for p in (site / "areas").glob("*.json")} == {s + ".json" for s in slugs}
    assert len(slugs) == 153


def test_every_report_and_item_is_on_its_area_page_word_for_word(
    reports: list[Report], site: Path
) -> None:
    pages: dict[Path, str] = {}
    for report in reports:
        page = site / "areas" / f"{slug(area_by_gss_code(report.gss_code).name)}.html"
        text = pages.setdefault(page, page_text(page))
        assert outcome_of(report).label in text
        items: list[str] = list(report.warnings)
        if isinstance(report, FullInspectionReport):
            items += [a.text for a in report.priority_actions]
            items += [a.text for a in report.areas_for_improvement]
            items += [a.responsible_body for a in report.priority_actions]
        elif isinstance(report, LocalAreaInspectionReport):
            items += report.significant_weaknesses
        elif isinstance(report, RevisitReport):
            items += [w.text for w in report.weaknesses]
        elif isinstance(report, MonitoringInspectionReport):
            items += [r.progress for r in report.priority_action_reviews]
        for item in items:
            for part in item.split("•"):  # sub-points are a list on the page
                assert " ".join(part.split()) in text, f"{page.name}: missing {part[:60]!r}"
        assert f"data/records/{report.sha256}.json" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("spec", STATS_BREAKDOWNS)
def test_counts_equal_sendscrape_stats(dataset: Path, site: Path, spec: str) -> None:
    published = json.loads((site / "data" / "stats.json").read_text(encoding="utf-8"))
    assert published[spec] == _stats_json(dataset, spec)


@pytest.mark.parametrize(("spec", "title", "series"), [(c[0], c[1], c[3]) for c in CHARTS])
def test_chart_tables_show_the_stats_counts(
    dataset: Path, site: Path, spec: str, title: str, series: tuple[str, ...]
) -> None:
    rows = table_rows(site / "index.html", title)
    category, key = spec.split(",")
    expected = {(str(r[category]), r[key]): r["inspections"] for r in _stats_json(dataset, spec)}
    shown = {
        (row[0], name): int(cell)
        for row in rows
        for name, cell in zip(series, row[1:], strict=False)
        if cell != "0"
    }
    assert shown == expected
    assert all(int(row[-1]) == sum(int(c) for c in row[1:-1]) for row in rows)


def test_area_table_lists_every_area_with_its_latest_report(
    reports: list[Report], site: Path
) -> None:
    rows = table_rows(site / "index.html", "Every local area")
    assert len(rows) == 153
    barnet = next(row for row in rows if row[0] == "Barnet")
    latest = max((r for r in reports if r.local_area == "Barnet"), key=lambda r: r.inspection_start)
    assert barnet[1] == latest.ofsted_region
    assert barnet[4] == outcome_of(latest).label


def test_feeds_are_atom_with_one_entry_per_matching_report(
    reports: list[Report], site: Path
) -> None:
    newest = sorted(reports, key=lambda r: (report_date(r), r.sha256), reverse=True)
    serious = [
        r for r in newest if outcome_of(r).key in {"widespread_failings", "ineffective_action"}
    ]
    for name, matching in (("feed.atom", newest), ("widespread-failings.atom", serious)):
        entries = validate_atom((site / name).read_bytes(), name)
        expected = matching[:NEWEST_ENTRIES]
        assert [e.findtext(ATOM + "id") for e in entries] == [
            f"urn:sha256:{r.sha256}" for r in expected
        ]
        assert [e.findtext(ATOM + "title") for e in entries] == [report_title(r) for r in expected]
        assert [e.findtext(ATOM + "updated")[:10] for e in entries] == [
            report_date(r).isoformat() for r in expected
        ]


def test_a_rebuild_from_shuffled_records_gives_the_same_feeds_and_pages(
    reports: list[Report], site: Path, tmp_path: Path
) -> None:
    shuffled = list(reports)
    random.Random(4).shuffle(shuffled)
    again = build_site(shuffled, tmp_path / "again").out_dir
    for name in ("feed.atom", "widespread-failings.atom"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name
    assert sorted(p.name for p in (again / "areas").iterdir()) == sorted(
        p.name for p in (site / "areas").iterdir()
    )
    line_numbers = re.compile(r"line \d+ of")  # where each record sits in this reports.jsonl
    page = [
        line_numbers.sub("", (s / "areas/barnet.html").read_text("utf-8")) for s in (again, site)
    ]
    assert page[0] == page[1]


def test_index_with_its_assets_weighs_under_250_kb(site: Path) -> None:
    weight = sum((site / name).stat().st_size for name in ("index.html", "style.css", "table.js"))
    assert weight < PAGE_WEIGHT_LIMIT


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    """Scripts, style sheets and icons are files inside the site (or a data: URL)."""
    loaded = []
    for page in site.rglob("*.html"):
        document = html.fromstring(page.read_bytes())
        loaded += [(page.name, url) for url in document.xpath("//script/@src | //img/@src")]
        loaded += [
            (page.name, link.get("href"))
            for link in document.iter("link")
            if link.get("rel") in ("stylesheet", "icon", "preload", "modulepreload")
        ]
    assert loaded
    assert [(name, url) for name, url in loaded if "//" in url] == []
    for _name, url in loaded:
        if not url.startswith("data:"):
            assert (site / "areas" / url).resolve().is_file() or (site / url).is_file(), url
    assert "url(" not in (site / "style.css").read_text(encoding="utf-8")


def test_a_bad_line_is_named_and_the_old_site_stays(
    dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    good = tmp_path / "good.jsonl"
    good.write_text("".join(dataset.read_text(encoding="utf-8").splitlines(True)[:5]), "utf-8")
    assert main(["site", str(good), "-o", str(out)]) == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    bad = tmp_path / "bad.jsonl"
    lines = good.read_text(encoding="utf-8").splitlines(True)
    bad.write_text("".join([*lines[:2], '{"report_type": "area_send_full_inspection"}\n']), "utf-8")
    capsys.readouterr()
    assert main(["site", str(bad), "-o", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"sendscrape site: {bad}:3: invalid record")
    assert len(error.strip().splitlines()) == 1
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "good.jsonl", "site"]


def test_an_empty_dataset_gives_a_site_that_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "reports.jsonl"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "site"
    assert main(["site", str(empty), "-o", str(out)]) == 0
    assert "There is no data yet" in page_text(out / "index.html")
    assert validate_atom((out / "feed.atom").read_bytes(), "feed.atom") == []
    header = (out / "data" / "reports.csv").read_text(encoding="utf-8").splitlines()
    assert len(header) == 1
    assert header[0].startswith("sha256,report_type,local_area")
    barnet = page_text(out / "areas" / "barnet.html")
    assert "No inspection report of Barnet is in the data yet" in barnet
    assert len(list((out / "areas").glob("*.html"))) == 153


def test_a_folder_that_is_not_an_earlier_build_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "reports.jsonl"
    empty.write_text("", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["site", str(empty), "-o", str(project)]) == 1
    assert "not a site built by sendscrape site; nothing written" in capsys.readouterr().err
    assert [p.name for p in project.iterdir()] == ["notes.txt"]
    site = tmp_path / "site"
    assert main(["site", str(empty), "-o", str(site)]) == 0
    assert main(["site", str(empty), "-o", str(site)]) == 0
