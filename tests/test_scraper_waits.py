"""Every wait the fetcher makes: the per-host delay (however short), robots.txt's Crawl-delay and
the server's Retry-After, each capped at a stated maximum with a line when capped, and none
allowed past the run's time budget. HTTP is mocked with respx; sleeps are recorded, never slept.
"""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest
import respx

from sendscrape.scraper.fetch import Fetcher, FetchError
from sendscrape.scraper.polite import HostThrottle
from sendscrape.scraper.retry import RetryPolicy, retry_after_seconds
from tests.test_scraper_fetch import FakeClock

SITE = "https://reports.example"
PAGE = SITE + "/provider/44/80432"


def test_a_delay_under_one_second_is_still_kept() -> None:
    clock = FakeClock()
    throttle = HostThrottle(0.8, sleep=clock.sleep, clock=clock)
    throttle.run(PAGE, lambda: None)
    clock.now += 0.3
    throttle.run(PAGE, lambda: None)
    assert clock.slept == [pytest.approx(0.5)]


def crawl_delay_site(delay: str) -> None:
    respx.get(SITE + "/robots.txt").mock(
        return_value=httpx.Response(200, text=f"User-agent: *\nCrawl-delay: {delay}\n")
    )
    respx.get(PAGE).mock(return_value=httpx.Response(200))


@respx.mock
def test_crawl_delay_is_capped_at_60_seconds_with_a_line(caplog: pytest.LogCaptureFixture) -> None:
    crawl_delay_site("3600")
    sleeps: list[float] = []
    with Fetcher(delay=1.0, policy=RetryPolicy(sleep=sleeps.append)) as fetcher:
        fetcher.get(PAGE)
        fetcher.get(PAGE)
    assert len(sleeps) == 2
    assert all(59.0 < sleep <= 60.0 for sleep in sleeps)
    capped = [r.getMessage() for r in caplog.records if "Crawl-delay" in r.getMessage()]
    assert capped == [f"{SITE}/robots.txt asks for a Crawl-delay of 3600 s: capped at 60 s"]


@respx.mock
def test_a_crawl_delay_past_the_time_budget_is_not_waited() -> None:
    crawl_delay_site("3600")
    sleeps: list[float] = []
    policy = RetryPolicy(sleep=sleeps.append)
    with Fetcher(delay=1.0, policy=policy, stop_at=time.monotonic() + 20) as fetcher:
        with pytest.raises(FetchError) as refused:
            fetcher.get(PAGE)
        assert fetcher.out_of_time
    assert sleeps == []
    assert refused.value.reason.startswith("a wait of 60 s would pass the run's time budget")


@respx.mock
def test_a_wait_within_the_time_budget_is_waited() -> None:
    crawl_delay_site("5")
    sleeps: list[float] = []
    policy = RetryPolicy(sleep=sleeps.append)
    with Fetcher(delay=1.0, policy=policy, stop_at=time.monotonic() + 20) as fetcher:
        fetcher.get(PAGE)
        assert not fetcher.out_of_time
    assert len(sleeps) == 1
    assert 4.0 < sleeps[0] <= 5.0


def retry_after(value: str) -> respx.Route:
    return respx.get(PAGE).mock(
        side_effect=[httpx.Response(503, headers={"Retry-After": value}), httpx.Response(200)]
    )


@respx.mock
def test_retry_after_is_capped_at_two_minutes_with_a_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    retry_after("86400")
    sleeps: list[float] = []
    with Fetcher(delay=0.0, policy=RetryPolicy(sleep=sleeps.append), respect_robots=False) as f:
        assert f.get(PAGE).status == 200
    assert sleeps == [120.0]
    assert [r.getMessage() for r in caplog.records] == [
        f"{PAGE} asks to retry after 86400 s: capped at 120 s"
    ]


@respx.mock
def test_a_retry_after_past_the_time_budget_is_not_waited() -> None:
    route = retry_after("86400")
    sleeps: list[float] = []
    policy = RetryPolicy(sleep=sleeps.append)
    stop_at = time.monotonic() + 30
    with Fetcher(delay=0.0, policy=policy, respect_robots=False, stop_at=stop_at) as fetcher:
        with pytest.raises(FetchError, match="a wait of 120 s would pass the run's time budget"):
            fetcher.get(PAGE)
        assert fetcher.out_of_time
    assert sleeps == []
    assert route.call_count == 1


@respx.mock
def test_a_retry_after_date_in_the_past_means_the_ordinary_backoff() -> None:
    retry_after(email.utils.formatdate(time.time() - 3600, usegmt=True))
    sleeps: list[float] = []
    policy = RetryPolicy(initial_wait=0.5, jitter=0.0, sleep=sleeps.append)
    with Fetcher(delay=0.0, policy=policy, respect_robots=False) as fetcher:
        assert fetcher.get(PAGE).status == 200
    assert sleeps == [0.5]


def test_retry_after_dates_past_and_future() -> None:
    now = 1_750_000_000.0
    assert retry_after_seconds(email.utils.formatdate(now - 1, usegmt=True), lambda: now) is None
    assert retry_after_seconds(email.utils.formatdate(now, usegmt=True), lambda: now) is None
    assert retry_after_seconds(email.utils.formatdate(now + 90, usegmt=True), lambda: now) == 90
