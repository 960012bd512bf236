"""The HTTP layer: retries and backoff, Retry-After, no retry on 4xx, conditional requests,
robots.txt, User-Agent and per-host politeness. HTTP is mocked with respx; sleeps are recorded,
never slept."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
import respx

from sendscrape.scraper.fetch import CONTACT_URL, Fetcher, FetchError
from sendscrape.scraper.polite import HostThrottle
from sendscrape.scraper.retry import RetryPolicy, retry_after_seconds

PAGE = "https://reports.example/provider/44/80432"


def fetcher_recording(sleeps: list[float], attempts: int = 4, **kwargs: object) -> Fetcher:
    policy = RetryPolicy(attempts=attempts, initial_wait=0.5, jitter=0.0, sleep=sleeps.append)
    return Fetcher(delay=0.0, policy=policy, respect_robots=False, **kwargs)  # type: ignore[arg-type]


@respx.mock
def test_server_errors_are_retried_with_exponential_backoff() -> None:
    route = respx.get(PAGE).mock(
        side_effect=[httpx.Response(503), httpx.Response(502), httpx.Response(200, text="ok")]
    )
    sleeps: list[float] = []
    with fetcher_recording(sleeps) as fetcher:
        fetched = fetcher.get(PAGE)
    assert fetched.text == "ok"
    assert route.call_count == 3
    assert sleeps == [0.5, 1.0]


@respx.mock
def test_backoff_adds_jitter_within_its_bound() -> None:
    respx.get(PAGE).mock(side_effect=[httpx.Response(500), httpx.Response(200)])
    sleeps: list[float] = []
    policy = RetryPolicy(initial_wait=0.5, jitter=0.25, sleep=sleeps.append)
    with Fetcher(delay=0.0, policy=policy, respect_robots=False) as fetcher:
        fetcher.get(PAGE)
    assert len(sleeps) == 1
    assert 0.5 <= sleeps[0] <= 0.75


@respx.mock
def test_429_waits_as_long_as_retry_after_says() -> None:
    respx.get(PAGE).mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200)]
    )
    sleeps: list[float] = []
    with fetcher_recording(sleeps) as fetcher:
        assert fetcher.get(PAGE).status == 200
    assert sleeps == [7.0]


def test_retry_after_accepts_an_http_date() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=lambda: 1445412470.0) == 10.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


@respx.mock
@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_other_client_errors_are_never_retried(status: int) -> None:
    route = respx.get(PAGE).mock(return_value=httpx.Response(status))
    sleeps: list[float] = []
    with fetcher_recording(sleeps) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(PAGE)
    assert route.call_count == 1
    assert sleeps == []
    assert caught.value.status == status
    assert str(caught.value) == f"{PAGE}: HTTP {status}"


@respx.mock
def test_persistent_server_error_fails_after_the_last_attempt() -> None:
    route = respx.get(PAGE).mock(return_value=httpx.Response(500))
    sleeps: list[float] = []
    with fetcher_recording(sleeps, attempts=3) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(PAGE)
    assert route.call_count == 3
    assert caught.value.reason == "HTTP 500 after retries"


@respx.mock
def test_timeouts_and_connection_errors_are_retried() -> None:
    respx.get(PAGE).mock(
        side_effect=[httpx.ReadTimeout("slow"), httpx.ConnectError("refused"), httpx.Response(200)]
    )
    sleeps: list[float] = []
    with fetcher_recording(sleeps) as fetcher:
        assert fetcher.get(PAGE).status == 200
    assert len(sleeps) == 2


@respx.mock
def test_timeout_on_every_attempt_is_a_fetch_error_naming_the_url() -> None:
    respx.get(PAGE).mock(side_effect=httpx.ReadTimeout("slow"))
    with fetcher_recording([], attempts=2) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(PAGE)
    assert caught.value.url == PAGE
    assert "timed out" in caught.value.reason


@respx.mock
def test_conditional_request_sends_validators_and_reports_not_modified() -> None:
    route = respx.get(PAGE).mock(return_value=httpx.Response(304))
    with fetcher_recording([]) as fetcher:
        fetched = fetcher.get(PAGE, etag='"abc"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    request = route.calls.last.request
    assert request.headers["If-None-Match"] == '"abc"'
    assert request.headers["If-Modified-Since"] == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert fetched.not_modified
    assert fetched.content == b""


@respx.mock
def test_response_validators_are_returned() -> None:
    headers = {"ETag": '"v1"', "Last-Modified": "Tue, 02 Jan 2024 00:00:00 GMT"}
    respx.get(PAGE).mock(return_value=httpx.Response(200, content=b"%PDF-", headers=headers))
    with fetcher_recording([]) as fetcher:
        fetched = fetcher.get(PAGE)
    assert (fetched.etag, fetched.last_modified) == ('"v1"', "Tue, 02 Jan 2024 00:00:00 GMT")
    assert not fetched.not_modified


@respx.mock
def test_user_agent_names_the_project_and_a_contact_url() -> None:
    route = respx.get(PAGE).mock(return_value=httpx.Response(200))
    with fetcher_recording([]) as fetcher:
        fetcher.get(PAGE)
    user_agent = route.calls.last.request.headers["User-Agent"]
    assert user_agent.startswith("sendscrape/")
    assert CONTACT_URL in user_agent


@respx.mock
def test_robots_txt_is_read_once_per_host_and_obeyed() -> None:
    robots = respx.get("https://reports.example/robots.txt").mock(
        return_value=httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
    )
    page = respx.get(PAGE).mock(return_value=httpx.Response(200))
    private = respx.get("https://reports.example/private/x").mock(return_value=httpx.Response(200))
    with Fetcher(delay=0.0, policy=RetryPolicy(sleep=lambda _: None)) as fetcher:
        fetcher.get(PAGE)
        fetcher.get(PAGE)
        with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
            fetcher.get("https://reports.example/private/x")
    assert robots.call_count == 1
    assert page.call_count == 2
    assert private.call_count == 0


@respx.mock
@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 429])
def test_robots_txt_answering_4xx_means_no_restrictions(status: int) -> None:
    respx.get("https://reports.example/robots.txt").mock(return_value=httpx.Response(status))
    page = respx.get(PAGE).mock(return_value=httpx.Response(200))
    with Fetcher(delay=0.0, policy=RetryPolicy(attempts=1)) as fetcher:
        fetcher.get(PAGE)
        assert fetcher.robots_problem(PAGE) is None
    assert page.call_count == 1


@respx.mock
@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (httpx.Response(503), "https://reports.example/robots.txt answered HTTP 503"),
        (httpx.ConnectError("refused"), "could not reach reports.example (connection failed"),
    ],
)
def test_robots_txt_5xx_or_unreachable_disallows_the_whole_host(
    answer: httpx.Response | Exception, reason: str
) -> None:
    respx.get("https://reports.example/robots.txt").mock(side_effect=[answer] * 2)
    page = respx.get(PAGE).mock(return_value=httpx.Response(200))
    with Fetcher(delay=0.0, policy=RetryPolicy(attempts=2, sleep=lambda _: None)) as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.get(PAGE)
        problem = fetcher.robots_problem(PAGE)
    assert problem is not None
    assert problem.startswith(reason)
    assert problem.endswith("RFC 9309 treats the whole host as disallowed")
    assert caught.value.reason == problem
    assert page.call_count == 0


@respx.mock
def test_robots_txt_redirects_are_followed_within_the_limit() -> None:
    respx.get("https://reports.example/robots.txt").mock(
        return_value=httpx.Response(301, headers={"Location": "/robots-live.txt"})
    )
    respx.get("https://reports.example/robots-live.txt").mock(
        return_value=httpx.Response(200, text="User-agent: *\nDisallow: /provider/\n")
    )
    with (
        Fetcher(delay=0.0, policy=RetryPolicy(attempts=1)) as fetcher,
        pytest.raises(FetchError, match=r"disallowed by robots\.txt"),
    ):
        fetcher.get(PAGE)


@respx.mock
def test_robots_crawl_delay_lengthens_the_delay_for_its_host() -> None:
    respx.get("https://reports.example/robots.txt").mock(
        return_value=httpx.Response(200, text="User-agent: *\nCrawl-delay: 5\n")
    )
    respx.get(PAGE).mock(return_value=httpx.Response(200))
    sleeps: list[float] = []
    with Fetcher(delay=1.0, policy=RetryPolicy(sleep=sleeps.append)) as fetcher:
        fetcher.get(PAGE)
        fetcher.get(PAGE)
    assert len(sleeps) == 2  # after robots.txt, and between the two pages
    assert sleeps[-1] > 4.0


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_throttle_spaces_requests_to_one_host_but_not_across_hosts() -> None:
    clock = FakeClock()
    throttle = HostThrottle(2.0, sleep=clock.sleep, clock=clock)
    throttle.run("https://a.example/1", lambda: None)
    clock.now += 0.5
    throttle.run("https://b.example/1", lambda: None)
    throttle.run("https://a.example/2", lambda: None)
    assert clock.slept == [1.5]


def test_throttle_allows_one_request_at_a_time_per_host() -> None:
    throttle = HostThrottle(0.0)
    in_flight, most = 0, 0
    lock = threading.Lock()

    def request() -> None:
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        time.sleep(0.01)
        with lock:
            in_flight -= 1

    threads = [
        threading.Thread(target=throttle.run, args=("https://a.example/x", request))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 1
