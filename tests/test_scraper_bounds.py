"""Bounds on what one URL can cost: body size (announced and decompressed), redirects, hosts,
malformed URLs, backoff jitter and the Retry-After cap. Every problem is a FetchError naming the
URL, never another exception. HTTP is mocked with respx; sleeps are recorded, never slept."""

from __future__ import annotations

import gzip

import httpx
import pytest
import respx

from sendscrape.scraper.fetch import Fetcher, FetchError
from sendscrape.scraper.limits import FetchLimits
from sendscrape.scraper.retry import RetryPolicy

PAGE = "https://reports.example/provider/44/80432"
SMALL = FetchLimits(max_page_bytes=1000, max_pdf_bytes=5000, max_redirects=3)


def fetcher(**kwargs: object) -> Fetcher:
    policy = RetryPolicy(attempts=2, initial_wait=0.5, jitter=0.0, sleep=lambda _: None)
    options: dict[str, object] = {"limits": SMALL, "respect_robots": False} | kwargs
    return Fetcher(delay=0.0, policy=policy, **options)  # type: ignore[arg-type]


def fails(url: str, **kwargs: object) -> FetchError:
    with fetcher(**kwargs) as client, pytest.raises(FetchError) as caught:
        client.get(url)
    assert caught.value.url == url
    return caught.value


@respx.mock
def test_a_body_announced_over_the_cap_is_refused_before_it_is_read() -> None:
    respx.get(PAGE).mock(
        return_value=httpx.Response(200, content=b"x" * 10, headers={"Content-Length": "5000"})
    )
    assert fails(PAGE).reason == "body of 5000 bytes is over the limit of 1000"


@respx.mock
def test_a_pdf_gets_the_larger_pdf_cap() -> None:
    respx.get(PAGE).mock(
        side_effect=lambda _: httpx.Response(200, content=iter([b"%PDF-", bytes(3000)]))
    )
    with fetcher() as client:
        assert len(client.get(PAGE, max_bytes=SMALL.max_pdf_bytes).content) == 3005
    assert fails(PAGE).reason == "body over the limit of 1000 bytes"  # no Content-Length


@respx.mock
def test_compressed_bodies_are_inflated() -> None:
    text = b"<html>" + b"a" * 900 + b"</html>"
    respx.get(PAGE).mock(
        return_value=httpx.Response(
            200, content=gzip.compress(text), headers={"Content-Encoding": "gzip"}
        )
    )
    with fetcher() as client:
        assert client.get(PAGE).content == text


@respx.mock
def test_a_redirect_loop_is_a_fetch_error() -> None:
    respx.get(PAGE).mock(return_value=httpx.Response(302, headers={"Location": PAGE}))
    assert fails(PAGE).reason == "more than 3 redirects"


@respx.mock
def test_redirects_are_followed_within_the_declared_hosts() -> None:
    moved = "https://files.example/v1/file/1"
    respx.get(PAGE).mock(return_value=httpx.Response(301, headers={"Location": moved}))
    respx.get(moved).mock(return_value=httpx.Response(200, content=b"ok"))
    with fetcher(allowed_hosts={"reports.example", "files.example"}) as client:
        fetched = client.get(PAGE)
    assert (fetched.url, fetched.content) == (moved, b"ok")


@respx.mock
@pytest.mark.parametrize(
    "target", ["http://localhost/admin", "http://169.254.169.254/latest", "http://10.0.0.1/x"]
)
def test_a_redirect_to_an_undeclared_host_is_refused(target: str) -> None:
    respx.get(PAGE).mock(return_value=httpx.Response(302, headers={"Location": target}))
    inner = respx.get(target).mock(return_value=httpx.Response(200))
    error = fails(PAGE, allowed_hosts={"reports.example"})
    assert "is not one the source declares" in error.reason
    assert inner.call_count == 0


@pytest.mark.parametrize(
    "url",
    [
        "https://reports.example/v1/file/\x01bad",
        "http://[::1/v1/file/1",
        "ftp://reports.example/file",
        "https://reports.example/\x00",
    ],
)
def test_malformed_urls_are_fetch_errors(url: str) -> None:
    error = fails(url)
    assert error.reason
    assert error.reason.isprintable()


@respx.mock
def test_error_text_from_the_network_is_short_and_printable() -> None:
    respx.get(PAGE).mock(side_effect=httpx.ConnectError("refused\x1b[31m" + "x" * 5000))
    reason = fails(PAGE).reason
    assert reason.isprintable()
    assert len(reason) < 300


def test_backoff_jitter_spreads_the_waits_within_its_bound() -> None:
    policy = RetryPolicy(initial_wait=0.5, jitter=0.25)
    waits = [policy.wait_seconds(1, None) for _ in range(50)]
    assert all(0.5 <= wait <= 0.75 for wait in waits)
    assert len(set(waits)) > 40  # without jitter every wait would be 0.5


@respx.mock
def test_retry_after_beyond_the_cap_waits_only_the_cap() -> None:
    respx.get(PAGE).mock(
        side_effect=[httpx.Response(503, headers={"Retry-After": "86400"}), httpx.Response(200)]
    )
    sleeps: list[float] = []
    policy = RetryPolicy(max_retry_after=30.0, sleep=sleeps.append)
    with Fetcher(delay=0.0, policy=policy, respect_robots=False) as client:
        client.get(PAGE)
    assert sleeps == [30.0]
