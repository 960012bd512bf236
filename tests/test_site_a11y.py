"""Accessibility of the site in a real browser: axe-core (the npm package pinned in package.json,
injected into Debian's headless Chromium from node_modules, so nothing leaves the machine) finds
no WCAG 2.2 A/AA violation on any page type at 360 and 1280 px, and a keyboard alone reaches
the search, the filters, the map and an area page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sendscrape.publish.labels import slug
from tests.browser import WIDTHS, needs_chromium, open_page
from tests.conftest import PROJECT_ROOT

pytestmark = needs_chromium
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(function (results) { done(results); },
        function (error) { done({error: String(error)}); });"""


def page_types(site: Path) -> dict[str, Path]:
    """Every kind of page: each top-level page, and of each folder's pages the first and the
    largest (the one with the most kinds of content)."""
    pages = {page.name: page for page in sorted(site.glob("*.html"))}
    for folder in sorted(p for p in site.iterdir() if p.is_dir()):
        members = sorted(folder.glob("*.html"))
        if members:
            pages[f"{folder.name}/"] = members[0]
            pages[f"{folder.name}/ largest"] = max(members, key=lambda p: p.stat().st_size)
    return pages


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip(f"{AXE} is absent: `make install` (npm ci) installs axe-core")
    return AXE.read_text(encoding="utf-8")


def axe_violations(driver: Any, axe_source: str) -> list[str]:
    """Each violation as 'rule: help: the elements', one line per rule."""
    driver.set_script_timeout(60)
    driver.execute_script(axe_source)
    results = driver.execute_async_script(RUN_AXE, WCAG_22_AA)
    assert "error" not in results, results.get("error")
    return [
        f"{v['id']}: {v['help']}: {[node['target'] for node in v['nodes']][:5]}"
        for v in results["violations"]
    ]


def test_every_page_type_is_found(browser_site: Path) -> None:
    types = page_types(browser_site)
    assert {"index.html", "themes.html", "downloads.html", "areas/", "themes/"} <= set(types)
    assert types["areas/"].parent.name == "areas"
    assert types["areas/ largest"].stat().st_size >= types["areas/"].stat().st_size


@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violation_on_any_page_type(
    chromium: Any, browser_site: Path, axe_source: str, width: int
) -> None:
    found = {}
    for kind, page in page_types(browser_site).items():
        open_page(chromium, page, width)
        violations = axe_violations(chromium, axe_source)
        if violations:
            found[kind] = violations
    assert found == {}


DESCRIBE = """function describe(e) {
  return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.getAttribute("class") || "",
    href: e.getAttribute("href") || "", inMap: !!e.closest("svg.hexmap"),
    search: e.matches('input[type="search"]:not(#filter-name)'),
    order: Array.prototype.indexOf.call(document.querySelectorAll("*"), e)};
}"""
RECORD_FOCUS = (
    DESCRIBE
    + """
if (!window.focusStops) {
  document.addEventListener("focusin", function (event) {
    window.focusStops.push(describe(event.target));
  });
}
window.focusStops = [];"""
)


def tab_through(driver: Any, presses: int) -> list[dict[str, Any]]:
    """What takes the focus at each of `presses` presses of Tab, in order."""
    keys = pytest.importorskip("selenium.webdriver.common.keys").Keys
    actions = pytest.importorskip("selenium.webdriver.common.action_chains").ActionChains
    driver.execute_script(RECORD_FOCUS)
    actions(driver).send_keys(keys.TAB * presses).perform()
    stops: list[dict[str, Any]] = driver.execute_script("return window.focusStops")
    seen = [stop["order"] for stop in stops]
    wrapped = next((n for n, order in enumerate(seen) if order in seen[:n]), len(stops))
    return stops[:wrapped]


def tab_until(driver: Any, wanted: Callable[[dict[str, Any]], bool], limit: int = 60) -> None:
    """Press Tab until the focus is on an element `wanted` accepts."""
    for _ in range(limit):
        stops = tab_through(driver, 1)
        if stops and wanted(stops[-1]):
            return
    raise AssertionError(f"not reached in {limit} presses of Tab")


def press_enter(driver: Any) -> None:
    keys = pytest.importorskip("selenium.webdriver.common.keys").Keys
    actions = pytest.importorskip("selenium.webdriver.common.action_chains").ActionChains
    actions(driver).send_keys(keys.ENTER).perform()


FILTER_CONTROLS = """return Array.from(document.querySelectorAll(
  "#area-filters select, #area-filters input")).map(function (control) { return control.id; });"""


def test_keyboard_reaches_search_filters_map_and_areas(chromium: Any, browser_site: Path) -> None:
    open_page(chromium, browser_site / "index.html", 1280)
    has_search = chromium.execute_script(
        "return !!document.querySelector('input[type=\"search\"]:not(#filter-name)')"
    )
    controls = chromium.execute_script(FILTER_CONTROLS)
    assert {"filter-region", "filter-outcome", "filter-name"} <= set(controls)
    stops = tab_through(chromium, 250)
    hexes = [n for n, stop in enumerate(stops) if stop["inMap"]]
    assert len(hexes) == 153, "every hexagon of the first map is one Tab stop"
    assert [stop["href"] for stop in stops if stop["cls"] == "skip-map"] == ["#areas"]
    filters = [n for n, stop in enumerate(stops) if stop["id"].startswith("filter-")]
    assert [stops[n]["id"] for n in filters] == controls, "every filter, in order"
    after_filters = stops[filters[-1] + 1 :]
    assert [stop["href"] for stop in after_filters if stop["href"]][:1] == [
        "areas/barking-and-dagenham.html"
    ], "the table's first area follows the filters"
    if has_search:
        assert any(stop["search"] for stop in stops), "the search box is reached"


def test_keyboard_skips_the_map_to_the_filters(chromium: Any, browser_site: Path) -> None:
    open_page(chromium, browser_site / "index.html", 1280)
    tab_until(chromium, lambda stop: stop["cls"] == "skip-map")
    press_enter(chromium)
    after = tab_through(chromium, 4)
    assert "filter-region" in [stop["id"] for stop in after]
    assert not any(stop["inMap"] for stop in after)


NAME_UNDER_MAP = """const link = document.activeElement;
return [link.closest("figure").querySelector(".map-name").textContent,
        link.querySelector("title").textContent];"""
FOCUSED_HEXAGON = """const path = document.activeElement.querySelector("path");
const style = getComputedStyle(path);
return [style.stroke, style.strokeWidth];"""


def test_keyboard_opens_an_area_from_the_map(chromium: Any, browser_site: Path) -> None:
    open_page(chromium, browser_site / "index.html", 1280)
    tab_until(chromium, lambda stop: stop["inMap"])
    assert chromium.execute_script(FOCUSED_HEXAGON) == ["rgb(29, 29, 31)", "2.5px"]
    href = chromium.execute_script("return document.activeElement.getAttribute('href')")
    shown, words = chromium.execute_script(NAME_UNDER_MAP)
    assert shown == words != "", "the focused hexagon's words show under the map"
    press_enter(chromium)
    assert chromium.current_url == (browser_site / href).as_uri()
    name = chromium.find_element("css selector", "h1").text
    assert href == f"areas/{slug(name)}.html"


FILE_NAME_LINES = """const links = document.querySelectorAll("table.downloads td:first-child a");
return Array.from(links).map(function (link) {
  return [link.textContent, link.getClientRects().length];
});"""


def test_file_names_stay_whole_at_360_px(chromium: Any, browser_site: Path) -> None:
    open_page(chromium, browser_site / "downloads.html", 360)
    lines = dict(chromium.execute_script(FILE_NAME_LINES))
    assert "areas_for_improvement.parquet" in lines
    assert {name: count for name, count in lines.items() if count != 1} == {}
