"""What the site says, for people: the data date on every page and in every download that names
one, plain words explained on their own page (and readable), every term linked where a page
first uses it, no tool-speak, sub-points as lists, an area's JSON twin, the search index, and a
PDF given instead of a dataset named as such."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
from pathlib import Path

import pytest
import yaml
from lxml import html

from fixtures.synthetic import synthetic_reports
from sendscrape.cli import main
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.publish.edition import DATASET_TITLE, dataset_edition, last_completed_crawl
from sendscrape.publish.site.terms import EXPLAINED_PAGE, TERMS
from sendscrape.validate.models import Report
from sendscrape.validate.records import validate_record
from tests.records import base_fields
from tests.site_checks import page_text

SUB_POINTS = (
    "Leaders should make sure that:",
    "annual reviews of EHC plans take place on time",
    "they identify changes in children’s needs",
)
RUNS = [
    {"command": "scrape", "finished": "2026-12-01T03:10:00+00:00", "listing_complete": True},
    {"command": "scrape", "finished": "2026-12-02T03:14:00+00:00", "listing_complete": True},
    {"command": "scrape", "finished": "2026-12-03T03:10:00+00:00", "listing_complete": False},
    {"command": "scrape", "finished": "2026-12-04T03:10:00+00:00", "aborted": "disk full"},
    {"command": "rebuild", "finished": "2026-12-05T09:00:00+00:00", "listing_complete": True},
]


def _report_with_sub_points() -> Report:
    text = f"{SUB_POINTS[0]} • {SUB_POINTS[1]} • {SUB_POINTS[2]}"
    fields = base_fields("Rutland", "2024-03-04", "2024-03-08") | {
        "report_type": "area_send_full_inspection",
        "previous_inspections": [],
        "previous_inspection_text": "Not previously inspected under this framework.",
        "outcome": "widespread_failings",
        "outcome_text": "There are widespread and/or systemic failings.",
        "monitoring_within_months": 18,
        "next_full_within_years": 3,
        "priority_action_plan_required": True,
        "priority_actions": [{"responsible_body": "Leaders", "text": text}],
        "areas_for_improvement": [],
        "local_authority": "Rutland County Council",
        "icb": "NHS Leicester, Leicestershire and Rutland ICB",
    }
    return validate_record(fields, "test")


def _report_of_an_abolished_council() -> Report:
    fields = base_fields("Northamptonshire", "2017-03-13", "2017-03-17") | {
        "report_type": "local_area_send_inspection",
        "wsoa_required": False,
        "significant_weaknesses": [],
        "wsoa_responsible_bodies": [],
        "main_findings": ["Leaders know their area well."],
    }
    return validate_record(fields, "test")


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    made = [r for r in synthetic_reports(60) if r.local_area != "Rutland"]
    return [*made, _report_with_sub_points(), _report_of_an_abolished_council()]


@pytest.fixture(scope="module")
def dataset(reports: list[Report], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    write_jsonl_atomic(reports, folder / "reports.jsonl")
    lines = "".join(json.dumps(run) + "\n" for run in RUNS).encode()
    (folder / "runs.jsonl").write_bytes(lines + b"not json\n\xff\xfe damaged\n")
    return folder / "reports.jsonl"


@pytest.fixture(scope="module")
def site(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    assert main(["site", str(dataset), "-o", str(out)]) == 0
    return out


def test_the_data_date_is_the_last_crawl_that_completed(dataset: Path) -> None:
    finished = last_completed_crawl(dataset.parent / "runs.jsonl")
    assert finished == dt.datetime(2026, 12, 2, 3, 14, tzinfo=dt.UTC)
    assert dataset_edition(dataset).as_of_text == "Data as of 2 December 2026"
    assert dataset_edition(dataset, dt.date(2027, 1, 5)).version == "2027.01.05"


def test_without_a_crawl_log_the_data_date_is_the_build(tmp_path: Path) -> None:
    edition = dataset_edition(tmp_path / "reports.jsonl")
    assert edition.data_date == dt.datetime.now(dt.UTC).date()
    assert edition.basis == "the build"


def test_every_page_shows_the_data_date(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 153
    for page in pages:
        assert "Data as of 2 December 2026." in page_text(page), page.name


def test_the_downloads_carry_the_data_date_and_dataset_version(site: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    readme = openpyxl.load_workbook(site / "data" / "sendscrape.xlsx", read_only=True)["README"]
    assert readme["A2"].value.startswith("Data as of 2 December 2026 (from the last completed")
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert (package["created"], package["version"]) == ("2026-12-02T03:14:00Z", "2026.12.02")
    assert package["title"] == DATASET_TITLE
    citation = yaml.safe_load((site / "data" / "CITATION.cff").read_text(encoding="utf-8"))
    assert (citation["type"], citation["version"]) == ("dataset", "2026.12.02")
    cite = page_text(site / "downloads.html")
    assert f"{DATASET_TITLE} (version 2026.12.02) [Data set]" in cite


def _reading_ease(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> float:
    textstat = pytest.importorskip("textstat")
    # textstat looks English words up in NLTK's CMU dictionary, downloading it on first use;
    # without it (no network here) it counts syllables by Pyphen's hyphenation, as it always did.
    counts = importlib.import_module("textstat.backend.counts._count_syllables")
    monkeypatch.setattr(counts, "get_cmudict", lambda lang: None)
    ease: float = textstat.flesch_reading_ease(" ".join(" ".join(t.split()) for t in texts))
    return ease


def _texts(page: Path, xpath: str) -> list[str]:
    return [element.text_content() for element in html.fromstring(page.read_bytes()).xpath(xpath)]


def test_the_explanations_page_is_plain_enough_for_a_parent(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        _reading_ease(_texts(site / EXPLAINED_PAGE, "//div[@class='explained']"), monkeypatch) >= 60
    )
    ids = set(html.fromstring((site / EXPLAINED_PAGE).read_bytes()).xpath("//@id"))
    assert set(TERMS.values()) <= ids


@pytest.mark.parametrize(
    ("page", "xpath"),
    [
        ("index.html", "//p[@class='lead']"),
        ("search.html", "//p[@class='lead']"),
        ("themes.html", "//p[@class='lead']"),
        ("areas/rutland.html", "//p[contains(@class, 'status-line')]"),
        ("areas/northamptonshire.html", "//p[contains(@class, 'status-line')]"),
    ],
)
def test_the_other_explanations_read_as_plainly(
    site: Path, page: str, xpath: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _texts(site / page, xpath)
    assert texts
    assert _reading_ease(texts, monkeypatch) >= 60


def test_each_term_links_to_its_explanation_once_per_page(site: Path) -> None:
    explained = html.fromstring((site / EXPLAINED_PAGE).read_bytes())
    ids = set(explained.xpath("//@id"))
    for page in site.rglob("*.html"):
        links = html.fromstring(page.read_bytes()).xpath("//a[@class='term']/@href")
        anchors = [link.split("#")[1] for link in links]
        assert set(anchors) <= ids, page.name
        assert len(anchors) == len(set(anchors)), f"{page.name}: a term linked twice"
    index_terms = html.fromstring((site / "index.html").read_bytes()).xpath("//a[@class='term']")
    assert [a.text_content() for a in index_terms][:3] == [
        "outcome",
        "priority actions",
        "areas for improvement",
    ]


def test_no_page_speaks_of_the_command_line(site: Path) -> None:
    for page in site.rglob("*.html"):
        assert not re.search(r"sendscrape (stats|site|export)", page_text(page)), page.name


def test_the_themes_page_links_the_themes_document(site: Path) -> None:
    links = html.fromstring((site / "themes.html").read_bytes()).xpath("//a/@href")
    assert "https://github.com/sendscrape/sendscrape/blob/main/docs/THEMES.md" in links


def test_sub_points_of_a_priority_action_are_a_list(site: Path) -> None:
    document = html.fromstring((site / "areas" / "rutland.html").read_bytes())
    (item,) = document.xpath("//ol[@class='items']/li")
    assert item.xpath("p[@class='item-text']/text()") == [SUB_POINTS[0]]
    assert item.xpath("ul[@class='sub-points']/li/text()") == list(SUB_POINTS[1:])


def test_each_area_page_has_a_json_twin_with_its_records(site: Path, dataset: Path) -> None:
    twin = json.loads((site / "areas" / "rutland.json").read_text(encoding="utf-8"))
    lines = [json.loads(line) for line in dataset.read_text(encoding="utf-8").splitlines()]
    assert twin["records"] == [r for r in lines if r["local_area"] == "Rutland"]
    assert (twin["status"]["key"], twin["status"]["due_by"]) == ("overdue", "2025-09-08")
    assert "Overdue since 8 September 2025" in page_text(site / "areas" / "rutland.html")
    assert twin["data_date"] == "2026-12-02"


def test_the_search_index_holds_every_area_and_item(site: Path, reports: list[Report]) -> None:
    script = (site / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.SEARCH_INDEX = ")
    index = json.loads(script.removeprefix("window.SEARCH_INDEX = ").rstrip().rstrip(";"))
    assert len(index["areas"]) == 154  # today's 153 and Northamptonshire, which has a report
    texts = [item[4] for item in index["items"]]
    expected = [
        item.text
        for r in reports
        for item in (*getattr(r, "priority_actions", ()), *getattr(r, "areas_for_improvement", ()))
    ]
    assert sorted(texts) == sorted(expected)


@pytest.mark.parametrize("command", ["site", "stats", "export"])
def test_a_pdf_instead_of_a_dataset_says_to_parse_it_first(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n\xff\xfe\x00binary")
    assert main([command, str(pdf), *([] if command == "stats" else ["-o", str(tmp_path / "o")])])
    error = capsys.readouterr().err
    assert error.strip().splitlines() == [error.strip()]
    assert error.startswith(f"{pdf}: ")
    assert error.rstrip().endswith("this is a PDF: run `sendscrape parse` first")


def test_the_data_date_can_be_given(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert main(["site", str(dataset), "-o", str(out), "--data-date", "2027-01-05"]) == 0
    assert "Data as of 5 January 2027." in page_text(out / "explained.html")
    package = json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == "2027.01.05"


def test_an_area_with_no_report_has_a_page_and_a_twin_that_say_so(
    site: Path, reports: list[Report]
) -> None:
    assert "Kent" not in {r.local_area for r in reports}
    assert "No inspection report of Kent is in the data yet." in page_text(
        site / "areas" / "kent.html"
    )
    twin = json.loads((site / "areas" / "kent.json").read_text(encoding="utf-8"))
    assert (twin["records"], twin["status"]["key"], twin["gss_code"]) == (
        [],
        "no_report",
        "E10000016",
    )


def test_an_abolished_council_and_its_successors_link_each_other(site: Path) -> None:
    old = html.fromstring((site / "areas" / "northamptonshire.html").read_bytes())
    assert "This council was abolished on 1 April 2021" in old.text_content()
    assert old.xpath("//p[@class='successors']/a/@href") == [
        "north-northamptonshire.html",
        "west-northamptonshire.html",
    ]
    successor = page_text(site / "areas" / "west-northamptonshire.html")
    assert "Until 1 April 2021, this area was part of Northamptonshire" in successor
    assert "this area was part of" not in page_text(site / "areas" / "kent.html")
