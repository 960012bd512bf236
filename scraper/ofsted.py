"""Discovery on Ofsted's reports site: local-authority search -> provider pages -> report links.

Selectors follow the site's markup where present and fall back to link patterns
(`/provider/<n>/<urn>`, `/v1/file/<id>`); a page with neither is a `DiscoverFailure`, never
silently an empty result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from sendscrape.scraper.fetch import Fetcher, FetchError, hostname
from sendscrape.scraper.labels import label_date, send_kind
from sendscrape.scraper.limits import CrawlLimits
from sendscrape.scraper.source import Discovered, DiscoverFailure, Publication
from sendscrape.scraper.store import printable_snippet

DEFAULT_BASE_URL = "https://reports.ofsted.gov.uk"
# Ofsted serves listings and report files from hosts under its own domain (reports., files.,
# files.api., ...): any of them is accepted over https, so a new file host is not refused.
OFSTED_DOMAIN = "ofsted.gov.uk"
# GOV.UK's copies of the oldest letters: its asset host, and the old uploads path on www.gov.uk
# that redirects there.
OTHER_HOSTS = frozenset({"assets.publishing.service.gov.uk", "www.gov.uk"})
SEARCH_ROWS = 100  # the site's cap
SEARCH_PATH = (
    "/search?q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12"
    "&start={start}&rows={rows}"
)
PROVIDER_HREF = re.compile(r"/provider/\d+/(?P<id>[A-Za-z0-9]+)/?(?:[?#].*)?$")
FILE_HREF = re.compile(r"/v1/file/(?P<id>[A-Za-z0-9]+)/?(?:[?#].*)?$")


@dataclass(frozen=True)
class SourceHosts:
    """The URLs a crawl of a site may reach: https on any host under Ofsted's domain or on
    GOV.UK's, and the base URL's own host (a local copy of the site in tests and the
    demo) by any scheme. Called with a URL, says whether it is one of them."""

    own_host: str

    def __call__(self, url: str) -> bool:
        host = hostname(url)
        if host == self.own_host:
            return True
        if urlsplit(url).scheme != "https":
            return False
        return host == OFSTED_DOMAIN or host.endswith("." + OFSTED_DOMAIN) or host in OTHER_HOSTS


def declared_hosts(base_url: str) -> SourceHosts:
    """The hosts a crawl of `base_url` may reach (see SourceHosts)."""
    return SourceHosts(hostname(base_url))


@dataclass(frozen=True)
class ProviderLink:
    url: str
    provider_id: str
    name: str


@dataclass(frozen=True)
class SearchPage:
    """One results page: its provider links, the next page, and links it could not read."""

    links: list[ProviderLink]
    next_url: str | None
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ProviderPage:
    """One provider page: its SEND publications, how many other reports it skipped, and links
    it could not read."""

    publications: list[Publication]
    skipped: int
    problems: list[str] = field(default_factory=list)


class PageStructureError(Exception):
    """A page that no longer has what discovery looks for."""


def search_url(base_url: str, start: int, rows: int = SEARCH_ROWS) -> str:
    return base_url.rstrip("/") + SEARCH_PATH.format(start=start, rows=rows)


def _absolute(page_url: str, href: str, problems: list[str]) -> str | None:
    """`href` resolved against the page, or None (and a problem noted) when it is malformed."""
    try:
        return urljoin(page_url, href)
    except ValueError as error:
        problems.append(f"unreadable link {printable_snippet(href)!r} ({error})")
        return None


def _capped(links: list[Tag], max_links: int, problems: list[str]) -> list[Tag]:
    if len(links) > max_links:
        problems.append(
            f"{len(links)} links, more than the limit of {max_links}: only the first read"
        )
    return links[:max_links]


def parse_search_page(html: str, page_url: str, max_links: int = 500) -> SearchPage:
    """Provider links on one results page and the next page's URL (None on the last page)."""
    soup = BeautifulSoup(html, "html.parser")
    problems: list[str] = []
    anchors = soup.select("li.search-result h3 a[href]") or soup.select("a[href]")
    providers: dict[str, ProviderLink] = {}
    for anchor in anchors:
        url = _absolute(page_url, str(anchor["href"]), problems)
        match = PROVIDER_HREF.search(url) if url else None
        if url and match and match["id"] not in providers:
            if len(providers) == max_links:
                problems.append(f"more than {max_links} provider links: only the first read")
                break
            name = " ".join(anchor.get_text(" ").split())
            providers[match["id"]] = ProviderLink(url, match["id"], name)
    next_link = soup.select_one("a.pagination__next[href]")
    next_url = _absolute(page_url, str(next_link["href"]), problems) if next_link else None
    return SearchPage(list(providers.values()), next_url, problems)


def parse_provider_page(html: str, page: ProviderLink, max_links: int = 500) -> ProviderPage:
    """SEND publications on a provider page, and how many other report links were skipped."""
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.select_one("h1.heading--title") or soup.select_one("h1")
    area_name = " ".join(heading.get_text(" ").split()) if heading else page.name
    links = soup.select("a.publication-link[href]") or [
        a for a in soup.select("a[href]") if FILE_HREF.search(str(a["href"]))
    ]
    if not links:
        raise PageStructureError("no publication links (a.publication-link or /v1/file/ links)")
    problems: list[str] = []
    publications, skipped = [], 0
    for link in _capped(links, max_links, problems):
        label = _link_label(link)
        kind = send_kind(label)
        url = _absolute(page.url, str(link["href"]), problems) if kind else None
        if kind is None or url is None:
            skipped += kind is None
            continue
        publications.append(
            Publication(
                url=url,
                label=label,
                kind=kind,
                published=label_date(label) or _timeline_date(link),
                area_name=area_name or page.name,
                provider_id=page.provider_id,
                provider_url=page.url,
            )
        )
    return ProviderPage(publications, skipped, problems)


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
    """Ofsted's reports site, crawled through `fetcher` within `limits`."""

    name = "ofsted"

    def __init__(
        self,
        fetcher: Fetcher,
        base_url: str = DEFAULT_BASE_URL,
        canonical_id: Callable[[str], str] = str,
        limits: CrawlLimits | None = None,
    ) -> None:
        """`canonical_id` maps a provider id to the area's one id (a URN for the 3-digit LA code
        some links use), so an area linked both ways is crawled once."""
        self.fetcher = fetcher
        self.base_url = base_url
        self.canonical_id = canonical_id
        self.limits = limits or CrawlLimits()
        self.skipped = 0
        self.areas: set[str] = set()

    def discover(self) -> Iterator[Discovered]:
        for item in self._providers():
            if isinstance(item, DiscoverFailure):
                yield item
            else:
                yield from self._provider_publications(item)

    def _providers(self) -> Iterator[ProviderLink | DiscoverFailure]:
        """Provider links of every search results page, each area once. Paging ends on a page
        with no new area (the last page, or a site ignoring `start`), or at the page limit."""
        start, pages = 0, 0
        url: str | None = search_url(self.base_url, start)
        while url is not None:
            if pages == self.limits.max_search_pages:
                limit = self.limits.max_search_pages
                yield DiscoverFailure(url, f"more than {limit} search pages: listing not read")
                return
            try:
                page = parse_search_page(self._page(url), url, self.limits.max_links_per_page)
            except FetchError as error:
                yield DiscoverFailure(url, error.reason)
                return
            pages += 1
            yield from (DiscoverFailure(url, problem) for problem in page.problems)
            if not page.links and start == 0:
                yield DiscoverFailure(url, "no provider links (li.search-result or /provider/)")
            new = self._new_areas(page.links)
            yield from new
            start += SEARCH_ROWS
            full_page = len(page.links) >= SEARCH_ROWS
            url = page.next_url or (search_url(self.base_url, start) if full_page else None)
            url = url if new else None

    def _page(self, url: str) -> str:
        return self.fetcher.get(url).text

    def _new_areas(self, links: list[ProviderLink]) -> list[ProviderLink]:
        new = []
        for link in links:
            area_id = self.canonical_id(link.provider_id)
            if area_id not in self.areas:
                self.areas.add(area_id)
                new.append(ProviderLink(link.url, area_id, link.name))
        return new

    def _provider_publications(self, link: ProviderLink) -> Iterator[Discovered]:
        try:
            html = self._page(link.url)
            page = parse_provider_page(html, link, self.limits.max_links_per_page)
        except FetchError as error:
            yield DiscoverFailure(link.url, error.reason)
            return
        except PageStructureError as error:
            yield DiscoverFailure(link.url, str(error))
            return
        self.skipped += page.skipped
        yield from (DiscoverFailure(link.url, problem) for problem in page.problems)
        yield from page.publications
