"""What the site's browser tests share: Debian's headless Chromium driven by Selenium through
Debian's chromedriver, one synthetic site built once per test process, and page loading."""

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
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="no Chromium here: apt-get install chromium chromium-driver (.ci/run does) to run "
    "the browser tests",
)
WIDTHS = (360, 1280)


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of 200 synthetic reports (every one of the 153 areas has one)."""
    return build_site(synthetic_reports(200), tmp_path_factory.mktemp("browser") / "site").out_dir


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Chromium logging the console and every request."""
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver: Any, page: Path, width: int, height: int = 900) -> None:
    """Load `page` from file:// in a window `width` px wide, the logs emptied first."""
    driver.get_log("browser")
    driver.get_log("performance")
    driver.set_window_size(width, height)
    driver.get(page.as_uri())
