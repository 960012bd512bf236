"""Discovery on the reports site: the site's markup, the fallback link patterns, paging, the old
3-digit provider ids, and pages whose structure no longer matches (failures, never silence)."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
import respx

from fixtures.site import Site, SiteArea, SitePublication
from fixtures.site.pages import provider_page, search_page
from sendscrape.jobs.crawl import canonical_urn
from sendscrape.scraper.fetch import Fetcher
from sendscrape.scraper.ofsted import (
    SEARCH_ROWS,
    OfstedSource,
    PageStructureError,
    ProviderLink,
    parse_provider_page,
    parse_search_page,
    search_url,
)
from sendscrape.scraper.retry import RetryPolicy
from sendscrape.scraper.source import DiscoverFailure, Publication

BASE = "https://reports.example"
FILES = "https://files.example"


def publication(file_id: str, label: str, published: dt.date) -> SitePublication:
    return SitePublication(file_id, "", label, published, b"%PDF-")


BOLTON = SiteArea(
    "80432",
    "Bolton",
    [
        publication("1", "Area SEND full inspection, pdf - 30 August 2024", dt.date(2024, 8, 30)),
        publication(
            "2", "Children's services focused visit, PDF - 1 May 2023", dt.date(2023, 5, 1)
        ),
        publication("3", "Local area  SEND revisit, PDF - 2 July 2021", dt.date(2021, 7, 2)),
    ],
)
BOLTON_LINK = ProviderLink(f"{BASE}/provider/44/80432", "80432", "Bolton")


def test_provider_page_yields_send_publications_with_label_date_and_area() -> None:
    page = parse_provider_page(provider_page(FILES, BOLTON), BOLTON_LINK)
    assert (page.skipped, page.problems) == (1, [])
    assert page.publications == [
        Publication(
            url=f"{FILES}/v1/file/1",
            label="Area SEND full inspection, pdf - 30 August 2024",
            kind="area_send_full_inspection",
            published=dt.date(2024, 8, 30),
            area_name="Bolton",
            provider_id="80432",
            provider_url=BOLTON_LINK.url,
        ),
        Publication(
            url=f"{FILES}/v1/file/3",
            label="Local area SEND revisit, PDF - 2 July 2021",
            kind="local_area_send_revisit",
            published=dt.date(2021, 7, 2),
            area_name="Bolton",
            provider_id="80432",
            provider_url=BOLTON_LINK.url,
        ),
    ]


def test_bare_file_links_are_found_when_the_classes_are_gone() -> None:
    plain = SiteArea(BOLTON.provider_id, BOLTON.name, BOLTON.publications, plain_links=True)
    page = parse_provider_page(provider_page(FILES, plain), BOLTON_LINK)
    assert [p.url for p in page.publications] == [f"{FILES}/v1/file/1", f"{FILES}/v1/file/3"]
    assert page.skipped == 1


def test_date_falls_back_to_the_timeline_when_the_label_has_none() -> None:
    html = (
        "<h1 class='heading--title'>Bolton</h1><ol class='timeline'><li class='timeline__day'>"
        "<p class='timeline__date'><time datetime='2019-03-08'>8 March 2019</time></p>"
        "<a class='publication-link' href='https://files.api.example/v1/file/9'>"
        "<span class='nonvisual'>Joint local area SEND inspection, pdf</span></a></li></ol>"
    )
    [found] = parse_provider_page(html, BOLTON_LINK).publications
    assert found.published == dt.date(2019, 3, 8)
    assert found.url == "https://files.api.example/v1/file/9"


def test_provider_page_without_any_publication_link_is_a_structure_error() -> None:
    html = "<h1 class='heading--title'>Bolton</h1><div class='new-design'>Reports</div>"
    with pytest.raises(PageStructureError, match="no publication links"):
        parse_provider_page(html, BOLTON_LINK)


def test_search_page_gives_provider_links_and_the_next_page() -> None:
    areas = [SiteArea(str(80400 + n), f"Area {n}") for n in range(5)]
    html = search_page(Site(areas, rows_cap=2), start=0, rows=100)
    page = parse_search_page(html, search_url(BASE, 0))
    assert page.links == [
        ProviderLink(f"{BASE}/provider/44/80400", "80400", "Area 0"),
        ProviderLink(f"{BASE}/provider/44/80401", "80401", "Area 1"),
    ]
    assert page.next_url is not None
    assert "start=2" in page.next_url
    last = parse_search_page(search_page(Site(areas, rows_cap=2), 4, 2), BASE)
    assert [link.provider_id for link in last.links] == ["80404"]
    assert last.next_url is None


def test_search_results_found_by_link_pattern_in_other_markup() -> None:
    html = "<div><a href='/provider/44/80432?tab=reports'>Bolton</a><a href='/about'>x</a></div>"
    page = parse_search_page(html, f"{BASE}/search")
    assert page.links == [ProviderLink(f"{BASE}/provider/44/80432?tab=reports", "80432", "Bolton")]
    assert page.next_url is None


def quiet_fetcher() -> Fetcher:
    policy = RetryPolicy(attempts=2, initial_wait=0.0, jitter=0.0, sleep=lambda _: None)
    return Fetcher(delay=0.0, policy=policy, respect_robots=False)


@respx.mock
def test_search_without_results_is_a_discover_failure() -> None:
    respx.get(url__startswith=f"{BASE}/search").mock(
        return_value=httpx.Response(200, text="<h1>We have changed our website</h1>")
    )
    with quiet_fetcher() as fetcher:
        found = list(OfstedSource(fetcher, BASE).discover())
    assert found == [
        DiscoverFailure(search_url(BASE, 0), "no provider links (li.search-result or /provider/)")
    ]


@respx.mock
def test_failing_provider_page_is_reported_and_the_crawl_goes_on() -> None:
    areas = [BOLTON, SiteArea("80433", "Bournemouth", BOLTON.publications[:1])]
    respx.get(url__startswith=f"{BASE}/search").mock(
        return_value=httpx.Response(200, text=search_page(Site(areas), 0, 100))
    )
    respx.get(f"{BASE}/provider/44/80432").mock(return_value=httpx.Response(500))
    respx.get(f"{BASE}/provider/44/80433").mock(
        return_value=httpx.Response(200, text=provider_page(FILES, areas[1]))
    )
    with quiet_fetcher() as fetcher:
        found = list(OfstedSource(fetcher, BASE).discover())
    assert found[0] == DiscoverFailure(f"{BASE}/provider/44/80432", "HTTP 500 after retries")
    assert len(found) == 2
    assert isinstance(found[1], Publication)
    assert (found[1].area_name, found[1].url) == ("Bournemouth", f"{FILES}/v1/file/1")


@respx.mock
def test_area_linked_by_old_la_code_and_by_urn_is_crawled_once() -> None:
    html = "<a href='/provider/44/350'>Bolton</a><a href='/provider/44/80432'>Bolton</a>"
    respx.get(url__startswith=f"{BASE}/search").mock(return_value=httpx.Response(200, text=html))
    old = respx.get(f"{BASE}/provider/44/350").mock(
        return_value=httpx.Response(200, text=provider_page(FILES, BOLTON))
    )
    new = respx.get(f"{BASE}/provider/44/80432").mock(return_value=httpx.Response(200))
    with quiet_fetcher() as fetcher:
        source = OfstedSource(fetcher, BASE, canonical_id=canonical_urn)
        found = list(source.discover())
    assert (old.call_count, new.call_count) == (1, 0)
    assert {p.provider_id for p in found if isinstance(p, Publication)} == {"80432"}
    assert source.skipped == 1


@respx.mock
def test_paging_stops_when_a_page_brings_no_new_area() -> None:
    areas = [SiteArea(str(80000 + n), f"Area {n}") for n in range(SEARCH_ROWS)]
    same_page = search_page(Site(areas), start=0, rows=SEARCH_ROWS)
    search = respx.get(url__startswith=f"{BASE}/search").mock(
        return_value=httpx.Response(200, text=same_page)
    )
    respx.get(url__startswith=f"{BASE}/provider/").mock(
        return_value=httpx.Response(200, text=provider_page(FILES, BOLTON))
    )
    with quiet_fetcher() as fetcher:
        found = list(OfstedSource(fetcher, BASE).discover())
    assert search.call_count == 2
    assert "start=100" in str(search.calls.last.request.url)
    assert len(found) == 2 * SEARCH_ROWS
