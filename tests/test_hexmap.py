"""The hex map of England's local areas: one hexagon for each of today's 153 areas, none sharing
a cell, the original layout kept wherever the areas did not change; the SVG's links, names and
colour keys; and the two maps' shading from reports."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from pathlib import Path
from typing import Any

import pytest
from lxml import etree, html

from fixtures.synthetic import synthetic_reports
from sendscrape.enrich.areas import LocalAuthority, local_authorities
from sendscrape.publish.labels import slug
from sendscrape.publish.site import hexmap as hexmap_module
from sendscrape.publish.site.area_maps import AreaMap, area_maps
from sendscrape.publish.site.hexmap import WIDTH, Cell, Shading, cells, centre, hex_map_svg
from sendscrape.validate.models import Report

UPSTREAM = "hexmap/uk-upper-tier-local-authorities.hexjson"
# Today's areas placed by hand (see sendscrape/publish/site/data/README.md).
PLACED = {
    "E06000060": "E10000002",  # Buckinghamshire: new code, same cell
    "E06000065": "E10000023",  # North Yorkshire
    "E06000066": "E10000027",  # Somerset
    "E06000064": "E10000006",  # Westmorland and Furness: Cumbria's cell
    "E06000061": "E10000021",  # North Northamptonshire: Northamptonshire's cell
}
NEW_CELLS = {"E06000063", "E06000062", "E10000031", "E06000019"}  # Cumberland, West Northants,
# and Warwickshire and Herefordshire, each moved one cell west to make room.


def current_areas() -> dict[str, LocalAuthority]:
    return {a.gss_code: a for a in local_authorities() if a.abolished is None}


def by_name(name: str) -> Cell:
    return next(cell for cell in cells() if cell.name == name)


def neighbours(a: Cell, b: Cell) -> bool:
    return math.dist(centre(a), centre(b)) == pytest.approx(WIDTH)


def test_each_of_the_153_areas_has_exactly_one_hexagon() -> None:
    codes = [cell.gss_code for cell in cells()]
    assert len(codes) == len(set(codes)) == 153
    areas = current_areas()
    assert set(codes) == set(areas)
    assert {cell.name for cell in cells()} == {area.name for area in areas.values()}
    assert all(cell.name == areas[cell.gss_code].name for cell in cells())


def test_no_two_hexagons_share_a_cell_or_overlap() -> None:
    assert len({(cell.q, cell.r) for cell in cells()}) == 153
    closest = min(math.dist(centre(a), centre(b)) for a, b in itertools.combinations(cells(), 2))
    assert closest == pytest.approx(WIDTH)


def test_split_areas_sit_side_by_side_where_their_county_was() -> None:
    assert neighbours(by_name("Cumberland"), by_name("Westmorland and Furness"))
    assert neighbours(by_name("Westmorland and Furness"), by_name("Lancashire"))
    assert neighbours(by_name("North Northamptonshire"), by_name("West Northamptonshire"))
    assert neighbours(by_name("West Northamptonshire"), by_name("Warwickshire"))
    assert neighbours(by_name("West Northamptonshire"), by_name("Oxfordshire"))
    assert neighbours(by_name("Warwickshire"), by_name("Solihull"))
    assert neighbours(by_name("Herefordshire"), by_name("Gloucestershire"))


def test_every_other_cell_is_as_in_the_original_map(reference_dir: Path) -> None:
    upstream = json.loads((reference_dir / UPSTREAM).read_text(encoding="utf-8"))["hexes"]
    cell_of = {code: (h["q"], h["r"]) for code, h in upstream.items()}
    ours = {cell.gss_code: (cell.q, cell.r) for cell in cells()}
    moved = {
        code: where for code, where in ours.items() if cell_of.get(PLACED.get(code, code)) != where
    }
    assert set(moved) == NEW_CELLS
    assert moved["E06000063"] == (6, 15)  # Cumberland, north of Westmorland and Furness


def test_the_layout_ships_with_the_original_licence_notice(reference_dir: Path) -> None:
    notice = (reference_dir / "hexmap" / "LICENSE").read_text(encoding="utf-8").strip()
    shipped = Path(hexmap_module.__file__).with_name("data") / "README.md"
    assert notice in shipped.read_text(encoding="utf-8")


def parse(svg: str) -> Any:
    return etree.fromstring(svg.encode())


def shadings(key: str = "positive") -> dict[str, Shading]:
    return {
        a.gss_code: Shading(key, f"areas/{slug(a.name)}.html", f"{a.name} & co")
        for a in current_areas().values()
    }


def test_the_svg_has_153_hexagons_each_a_named_link() -> None:
    svg = parse(hex_map_svg("Outcomes <by area>", shadings()))
    assert svg.get("aria-label") == "Outcomes <by area>"
    links = svg.findall("a")
    assert len(links) == 153
    hrefs = {link.get("href") for link in links}
    assert "areas/kingston-upon-hull.html" in hrefs
    assert "areas/westmorland-and-furness.html" in hrefs
    assert all(link.get("class") == "hex-positive" for link in links)
    assert all(link.get("tabindex") is None for link in links)
    titles = [link.findtext("title") for link in links]
    assert "Barnet & co" in titles
    assert all(link.find("path").get("d").startswith("M") for link in links)


def test_hexagons_follow_reading_order_north_to_south() -> None:
    links = parse(hex_map_svg("Map", shadings())).findall("a")
    assert links[0].findtext("title") == "North Tyneside & co"
    assert links[-1].findtext("title") == "Isle of Wight & co"


def test_a_second_map_keeps_its_links_out_of_the_tab_order() -> None:
    svg = parse(hex_map_svg("Map", shadings(), focusable=False))
    assert {link.get("tabindex") for link in svg.findall("a")} == {"-1"}
    assert svg.get("aria-hidden") == "true"
    assert parse(hex_map_svg("Map", shadings())).get("aria-hidden") is None


def test_every_hexagon_links_to_a_page_of_the_site(browser_site: Path) -> None:
    page = html.fromstring((browser_site / "index.html").read_bytes())
    hrefs = [link.get("href") for link in page.xpath("//svg[@class='hexmap']/a")]
    assert len(hrefs) == 2 * 153
    assert [href for href in hrefs if not (browser_site / href).is_file()] == []


def test_an_area_without_shading_is_an_error() -> None:
    some = shadings()
    del some["E06000063"]
    with pytest.raises(ValueError, match="E06000063"):
        hex_map_svg("Map", some)


def report(kind: str, area: str, start: dt.date, **changes: Any) -> Report:
    template = next(r for r in synthetic_reports(8) if r.report_type == kind)
    authority = next(a for a in local_authorities() if a.name == area)
    fields = {**authority.fields(), "local_area": area}
    days = dt.timedelta(days=4)
    return template.model_copy(
        update={**fields, "inspection_start": start, "inspection_end": start + days, **changes}
    )


def titles(area_map: AreaMap) -> dict[str, tuple[str, str]]:
    """Area name -> (colour key, words) of each hexagon."""
    found = {}
    for link in parse(area_map.svg).findall("a"):
        words = link.findtext("title")
        found[words.split(":")[0]] = (link.get("class").removeprefix("hex-"), words)
    return found


AS_OF = dt.date(2026, 12, 2)
REPORTS = [
    report("area_send_full_inspection", "Barnet", dt.date(2024, 3, 4), outcome="inconsistent"),
    report("area_send_monitoring_inspection", "Barnet", dt.date(2025, 9, 1)),
    report("local_area_send_inspection", "Leeds", dt.date(2017, 5, 1)),
    report("area_send_full_inspection", "Cumbria", dt.date(2022, 11, 28), outcome="positive"),
    report("area_send_full_inspection", "York", dt.date(2025, 12, 2), outcome="positive"),
]


def test_outcome_map_colours_each_area_by_its_latest_full_inspection() -> None:
    outcomes, _ = area_maps(REPORTS, AS_OF)
    shown = titles(outcomes)
    assert len(shown) == 153
    key, words = shown["Barnet"]
    assert key == "inconsistent"
    assert words == (
        "Barnet: Inconsistent experiences and outcomes (full inspection, March 2024); then "
        "monitoring inspection, September 2025: "
        + ("Effective action taken" if "Effective" in words else "Ineffective action")
    )
    assert shown["Leeds"][0] == "older"
    assert shown["Cumberland"] == (
        "positive",
        "Cumberland: Positive experiences and outcomes (full inspection, December 2022, "
        "inspected as Cumbria)",
    )
    assert shown["Westmorland and Furness"][0] == "positive"
    assert shown["Croydon"] == ("none", "Croydon: No report in the dataset")
    counts = {entry.key: entry.count for entry in outcomes.legend}
    assert counts == {
        "positive": 3,
        "inconsistent": 1,
        "widespread_failings": 0,
        "older": 1,
        "none": 148,
    }


def test_years_map_bands_the_time_since_the_last_inspection() -> None:
    _, years = area_maps(REPORTS, AS_OF)
    shown = titles(years)
    assert shown["Barnet"][0] == "y1"  # September 2025: 1 year and a bit
    assert shown["York"][0] == "y0"  # ended 6 December 2025: not yet a year
    assert shown["Cumberland"][0] == "y3"  # 2 December 2022: 4 years
    assert shown["Leeds"][0] == "y5"
    assert shown["Leeds"][1] == ("Leeds: last inspected May 2017, inspection (2016-2022 framework)")
    assert shown["Cumberland"][1] == (
        "Cumberland: last inspected December 2022, full inspection, inspected as Cumbria"
    )
    assert {entry.key: entry.count for entry in years.legend}["none"] == 148
    assert {link.get("tabindex") for link in parse(years.svg).findall("a")} == {"-1"}
