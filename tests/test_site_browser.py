"""The site in a real browser: headless Chromium (Debian's package, driven by Selenium through
Debian's chromedriver) opens index.html and an area page from file://. No console error, no
request to any host, sorting and filtering work, and screenshots at 360 and 1280 px are saved
under a folder the test prints, for a person to look at."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser import WIDTHS, needs_chromium, open_page

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(browser_site: Path) -> Path:
    return browser_site


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nscreenshots of the site: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Any:
    return chromium


def _requested_urls(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _open(driver: Any, page: Path, width: int) -> None:
    open_page(driver, page, width)


def _check_clean_load(driver: Any) -> None:
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    urls = _requested_urls(driver)
    assert urls, "the performance log saw no request at all"
    assert [u for u in urls if not u.startswith(("file://", "data:"))] == []


def _full_screenshot(driver: Any, path: Path, width: int) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(int(height), 6000))
    driver.save_screenshot(str(path))


VISIBLE_ROWS = """return Array.from(document.querySelectorAll("#area-table tbody tr"))
    .filter(function (row) { return row.offsetParent !== null; })
    .map(function (row) { return [row.cells[0].textContent.trim(), row.dataset.region]; });"""


def _visible_rows(driver: Any) -> list[tuple[str, str]]:
    """(area name, region) of each row a person can see, top to bottom."""
    return [(name, region) for name, region in driver.execute_script(VISIBLE_ROWS)]


def _area_names(driver: Any) -> list[str]:
    return [name for name, _ in _visible_rows(driver)]


@pytest.mark.parametrize("width", WIDTHS)
def test_index_loads_cleanly_and_is_screenshot(
    browser: Any, site: Path, screenshots: Path, width: int
) -> None:
    _open(browser, site / "index.html", width)
    _check_clean_load(browser)
    assert browser.find_element("id", "area-filters").is_displayed()
    _full_screenshot(browser, screenshots / f"index-{width}.png", width)
    assert (screenshots / f"index-{width}.png").stat().st_size > 10_000


def test_area_table_sorts_and_filters(browser: Any, site: Path) -> None:
    _open(browser, site / "index.html", 1280)
    names = _area_names(browser)
    assert names == sorted(names)
    assert len(names) == 153
    area_header = browser.find_element("css selector", "#area-table thead th button")
    area_header.click()
    area_header.click()
    assert _area_names(browser) == sorted(names, reverse=True)
    header = browser.find_element("css selector", "#area-table thead th")
    assert header.get_attribute("aria-sort") == "descending"

    select = pytest.importorskip("selenium.webdriver.support.select").Select
    select(browser.find_element("id", "filter-region")).select_by_visible_text("London")
    london = _visible_rows(browser)
    assert {region for _, region in london} == {"London"}
    assert len(london) == 33
    assert browser.find_element("id", "area-count").text == "Showing 33 of 153 areas"
    browser.find_element("id", "filter-name").send_keys("ham")
    matching = _area_names(browser)
    assert matching == [name for name, _ in london if "ham" in name.lower()]
    assert {"Tower Hamlets", "Newham", "Waltham Forest"} <= set(matching)
    assert "Croydon" not in matching


@pytest.mark.parametrize("width", WIDTHS)
def test_area_page_loads_cleanly_and_is_screenshot(
    browser: Any, site: Path, screenshots: Path, width: int
) -> None:
    page = site / "areas" / "barking-and-dagenham.html"
    _open(browser, page, width)
    _check_clean_load(browser)
    assert browser.find_element("css selector", "h1").text == "Barking and Dagenham"
    _full_screenshot(browser, screenshots / f"area-{width}.png", width)
