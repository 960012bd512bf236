"""Search and the status filter in headless Chromium, from file://: the box in the header leads to
the search page, which finds an area by name and an item by its words; the area table filters by
when the next visit is due."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixtures.synthetic import synthetic_reports
from sendscrape.publish.site.build import build_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="no Chromium here: apt-get install chromium chromium-driver (.ci/run does) to run "
    "the browser tests",
)
PHRASE = "neurodevelopmental assessments"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(synthetic_reports(200), tmp_path_factory.mktemp("search") / "site").out_dir


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def _search_from_header(browser: Any, site: Path, words: str) -> str:
    browser.get((site / "areas" / "barnet.html").as_uri())
    box = browser.find_element("id", "site-search-q")
    box.send_keys(words)
    box.submit()
    assert browser.current_url.split("?")[0] == (site / "search.html").as_uri()
    results: str = browser.find_element("id", "search-results").text
    return results


def test_search_finds_an_area_by_name(browser: Any, site: Path) -> None:
    results = _search_from_header(browser, site, "kingston")
    assert "2 areas and 0 items match “kingston”." in results
    links = browser.find_elements("css selector", "#search-results .search-areas a")
    assert [a.text for a in links] == ["Kingston upon Hull", "Kingston upon Thames"]
    links[1].click()
    assert browser.find_element("css selector", "h1").text == "Kingston upon Thames"


def test_search_finds_items_by_their_words_across_the_dataset(browser: Any, site: Path) -> None:
    results = _search_from_header(browser, site, PHRASE.upper())
    items = browser.find_elements("css selector", "#search-results ol.items > li")
    assert items
    assert all(PHRASE in item.text for item in items)
    first = items[0].find_element("css selector", "a")
    target = first.get_attribute("href")
    assert "/areas/" in target
    assert "#report-" in target
    assert f"match “{PHRASE.upper()}”" in results
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_the_area_table_filters_by_status(browser: Any, site: Path) -> None:
    select = pytest.importorskip("selenium.webdriver.support.select").Select
    browser.get((site / "index.html").as_uri())
    rows = "#area-table tbody tr"
    every = browser.find_elements("css selector", rows)
    expected = [row for row in every if row.get_attribute("data-status") == "overdue"]
    assert 0 < len(expected) < len(every)
    select(browser.find_element("id", "filter-status")).select_by_visible_text("Overdue")
    shown = [row for row in browser.find_elements("css selector", rows) if row.is_displayed()]
    assert len(shown) == len(expected)
    assert {row.find_element("css selector", "td:last-child").text for row in shown} == {"Overdue"}
