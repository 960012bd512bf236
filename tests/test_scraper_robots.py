"""robots.txt as RFC 9309 reads it: `*` and `$` wildcards, the longest match, a UTF-8 BOM, only
the first 500 KiB read, redirects followed up to five times (one it will not follow counts as
"unavailable", never as "could not reach"), and a 5xx disallowing the whole host. HTTP is mocked
with respx."""

from __future__ import annotations

import httpx
import pytest
import respx

from sendscrape.scraper.fetch import Fetcher, FetchError
from sendscrape.scraper.limits import KIB
from sendscrape.scraper.retry import RetryPolicy

SITE = "https://reports.example"
ROBOTS = SITE + "/robots.txt"
PDF = SITE + "/v1/file/50012345"
PAGE = SITE + "/provider/44/80432"


def fetcher(**kwargs: object) -> Fetcher:
    policy = RetryPolicy(attempts=2, sleep=lambda _: None)
    return Fetcher(delay=0.0, policy=policy, **kwargs)  # type: ignore[arg-type]


def reachable(urls: list[str], robots: httpx.Response) -> dict[str, bool]:
    """Whether each URL was fetched (True) or refused by robots.txt (False)."""
    respx.get(ROBOTS).mock(return_value=robots)
    for url in urls:
        respx.get(url).mock(return_value=httpx.Response(200))
    reasons = {}
    with fetcher(allowed_hosts={"reports.example"}) as client:
        for url in urls:
            try:
                client.get(url)
                reasons[url] = ""
            except FetchError as error:
                reasons[url] = error.reason
    assert set(reasons.values()) <= {"", "disallowed by robots.txt"}, reasons
    return {url: not reason for url, reason in reasons.items()}


@respx.mock
@pytest.mark.parametrize(
    "robots",
    [
        "User-agent: *\nDisallow: /*/file/\n",
        "User-agent: *\nAllow: /\nDisallow: /v1/file/\n",
        "User-agent: *\nAllow: /v1/\nDisallow: /v1/file/\nAllow: /provider/\n",
    ],
    ids=["wildcard", "longest match over Allow: /", "longest match, either order"],
)
def test_wildcards_and_the_longest_match_decide(robots: str) -> None:
    assert reachable([PDF, PAGE], httpx.Response(200, text=robots)) == {PDF: False, PAGE: True}


@respx.mock
def test_a_dollar_anchors_the_end_of_the_path() -> None:
    robots = httpx.Response(200, text="User-agent: *\nDisallow: /*.pdf$\n")
    pdf, with_query = SITE + "/files/report.pdf", SITE + "/files/report.pdf?download=1"
    assert reachable([pdf, with_query], robots) == {pdf: False, with_query: True}


@respx.mock
def test_a_utf8_byte_order_mark_does_not_hide_the_first_group() -> None:
    robots = httpx.Response(200, content=b"\xef\xbb\xbfUser-agent: *\nDisallow: /v1/\n")
    assert reachable([PDF, PAGE], robots) == {PDF: False, PAGE: True}


@respx.mock
def test_only_the_first_500_kib_of_a_huge_robots_txt_is_read() -> None:
    head = b"User-agent: *\nDisallow: /v1/file/\n"
    padding = b"# " + b"x" * 1000 + b"\n"
    huge = head + padding * (5 * 1024) + b"Disallow: /provider/\n"  # 5 MB; the last rule unread
    assert len(huge) > 10 * 500 * KIB
    assert reachable([PDF, PAGE], httpx.Response(200, content=huge)) == {PDF: False, PAGE: True}


@respx.mock
def test_five_redirects_of_robots_txt_are_followed() -> None:
    for hop in range(1, 5):
        respx.get(f"{SITE}/robots-{hop}.txt").mock(
            return_value=httpx.Response(301, headers={"Location": f"/robots-{hop + 1}.txt"})
        )
    respx.get(f"{SITE}/robots-5.txt").mock(
        return_value=httpx.Response(200, text="User-agent: *\nDisallow: /v1/\n")
    )
    redirect = httpx.Response(301, headers={"Location": "/robots-1.txt"})
    assert reachable([PDF, PAGE], redirect) == {PDF: False, PAGE: True}


@respx.mock
@pytest.mark.parametrize(
    ("location", "why"),
    [
        ("https://elsewhere.example/robots.txt", "host 'elsewhere.example' is not one"),
        ("/robots.txt", "more than 5 redirects"),
    ],
    ids=["to another host", "in a loop"],
)
def test_a_robots_redirect_not_followed_means_no_restrictions_with_a_line(
    location: str, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    elsewhere = respx.get("https://elsewhere.example/robots.txt").mock(
        return_value=httpx.Response(200, text="User-agent: *\nDisallow: /\n")
    )
    redirect = httpx.Response(302, headers={"Location": location})
    assert reachable([PDF], redirect) == {PDF: True}
    assert elsewhere.call_count == 0
    [line] = [r.getMessage() for r in caplog.records if "robots.txt" in r.getMessage()]
    assert line.startswith(f"{ROBOTS}: ")
    assert why in line
    assert line.endswith("RFC 9309 then counts it unavailable: no restrictions")


@respx.mock
@pytest.mark.parametrize("status", [500, 502, 503, 599])
def test_robots_txt_answering_any_5xx_disallows_the_whole_host(status: int) -> None:
    respx.get(ROBOTS).mock(return_value=httpx.Response(status))
    page = respx.get(PAGE).mock(return_value=httpx.Response(200))
    with fetcher() as client:
        with pytest.raises(FetchError, match=f"answered HTTP {status}: RFC 9309 treats"):
            client.get(PAGE)
        assert client.robots_problem(PAGE) == (
            f"{ROBOTS} answered HTTP {status}: RFC 9309 treats the whole host as disallowed"
        )
    assert page.call_count == 0
