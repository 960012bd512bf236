"""Discovery on Ofsted's reports site: local-authority search -> provider pages -> report links.

Selectors follow the site's markup where present and fall back to link patterns
(`/provider/<n>/<urn>`, `/v1/file/<id>`); a page with neither is a `DiscoverFailure`, never
silently an empty result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from sendscrape.scraper.fetch import Fetcher, FetchError
from sendscrape.scraper.labels import label_date, send_kind
from sendscrape.scraper.source import Discovered, DiscoverFailure, Publication

DEFAULT_BASE_URL = "https://reports.ofsted.gov.uk"
SEARCH_ROWS = 100  # the site's cap
SEARCH_PATH = (
    "/search?q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12"
    "&start={start}&rows={rows}"
)
PROVIDER_HREF = re.compile(r"/provider/\d+/(?P<id>[A-Za-z0-9]+)/?(?:[?#].*)?$")
FILE_HREF = re.compile(r"/v1/file/(?P<id>[A-Za-z0-9]+)/?(?:[?#].*)?$")


@dataclass(frozen=True)
class ProviderLink:
    url: str
    provider_id: str
    name: str


class PageStructureError(Exception):
    """A page that no longer has what discovery looks for."""


def search_url(base_url: str, start: int, rows: int = SEARCH_ROWS) -> str:
    return base_url.rstrip("/") + SEARCH_PATH.format(start=start, rows=rows)


def parse_search_page(html: str, page_url: str) -> tuple[list[ProviderLink], str | None]:
    """Provider links on one results page and the next page's URL (None on the last page)."""
    soup = BeautifulSoup(html, "html.parser")
    anchors = soup.select("li.search-result h3 a[href]") or soup.select("a[href]")
    providers: dict[str, ProviderLink] = {}
    for anchor in anchors:
        url = urljoin(page_url, str(anchor["href"]))
        match = PROVIDER_HREF.search(url)
        if match and match["id"] not in providers:
            name = " ".join(anchor.get_text(" ").split())
            providers[match["id"]] = ProviderLink(url, match["id"], name)
    next_link = soup.select_one("a.pagination__next[href]")
    next_url = urljoin(page_url, str(next_link["href"])) if next_link else None
    return list(providers.values()), next_url


def parse_provider_page(html: str, page: ProviderLink) -> tuple[list[Publication], int]:
    """SEND publications on a provider page, and how many other report links were skipped."""
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.select_one("h1.heading--title") or soup.select_one("h1")
    area_name = " ".join(heading.get_text(" ").split()) if heading else page.name
    links = soup.select("a.publication-link[href]") or [
        a for a in soup.select("a[href]") if FILE_HREF.search(str(a["href"]))
    ]
    if not links:
        raise PageStructureError("no publication links (a.publication-link or /v1/file/ links)")
    publications, skipped = [], 0
    for link in links:
        label = _link_label(link)
        kind = send_kind(label)
        if kind is None:
            skipped += 1
            continue
        publications.append(
            Publication(
                url=urljoin(page.url, str(link["href"])),
                label=label,
                kind=kind,
                published=label_date(label) or _timeline_date(link),
                area_name=area_name or page.name,
                provider_id=page.provider_id,
                provider_url=page.url,
            )
        )
    return publications, skipped


def _link_label(link: Tag) -> str:
    hidden = link.select_one("span.nonvisual")
    text = hidden.get_text(" ") if hidden else link.get_text(" ")
    return " ".join(text.split())


def _timeline_date(link: Tag) -> dt.date | None:
    day = link.find_parent("li")
    time_tag = day.select_one("time[datetime]") if day else None
    if time_tag is None:
        return None
    try:
        return dt.date.fromisoformat(str(time_tag["datetime"])[:10])
    except ValueError:
        return None


class OfstedSource:
    """Ofsted's reports site, crawled through `fetcher`."""

    name = "ofsted"

    def __init__(
        self,
        fetcher: Fetcher,
        base_url: str = DEFAULT_BASE_URL,
        canonical_id: Callable[[str], str] = str,
    ) -> None:
        """`canonical_id` maps a provider id to the area's one id (a URN for the 3-digit LA code
        some links use), so an area linked both ways is crawled once."""
        self.fetcher = fetcher
        self.base_url = base_url
        self.canonical_id = canonical_id
        self.skipped = 0

    def discover(self) -> Iterator[Discovered]:
        for item in self._providers():
            if isinstance(item, DiscoverFailure):
                yield item
            else:
                yield from self._provider_publications(item)

    def _providers(self) -> Iterator[ProviderLink | DiscoverFailure]:
        """Provider links of every search results page, each area once. Paging ends on a page
        with no new area (the last page, or a site ignoring `start`)."""
        start, seen = 0, set[str]()
        url: str | None = search_url(self.base_url, start)
        while url is not None:
            try:
                links, next_url = parse_search_page(self.fetcher.get(url).text, url)
            except FetchError as error:
                yield DiscoverFailure(url, error.reason)
                return
            if not links and start == 0:
                yield DiscoverFailure(url, "no provider links (li.search-result or /provider/)")
            new = self._new_areas(links, seen)
            yield from new
            start += SEARCH_ROWS
            full_page = len(links) >= SEARCH_ROWS
            url = next_url or (search_url(self.base_url, start) if full_page else None)
            url = url if new else None

    def _new_areas(self, links: list[ProviderLink], seen: set[str]) -> list[ProviderLink]:
        new = []
        for link in links:
            area_id = self.canonical_id(link.provider_id)
            if area_id not in seen:
                seen.add(area_id)
                new.append(ProviderLink(link.url, area_id, link.name))
        return new

    def _provider_publications(self, page: ProviderLink) -> Iterator[Discovered]:
        try:
            publications, skipped = parse_provider_page(self.fetcher.get(page.url).text, page)
        except FetchError as error:
            yield DiscoverFailure(page.url, error.reason)
            return
        except PageStructureError as error:
            yield DiscoverFailure(page.url, str(error))
            return
        self.skipped += skipped
        yield from publications
