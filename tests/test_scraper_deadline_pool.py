"""The request deadline (scraper/deadline.py) replaces httpx's private connection pool: this says
plainly when an httpx upgrade moves it, and checks the replacement keeps httpx's own limits."""

from __future__ import annotations

import httpcore
import httpx
import pytest

from sendscrape.scraper.deadline import HttpxChanged, RequestDeadline, transport_with_deadline

POOL_SETTINGS = (
    "_max_connections",
    "_max_keepalive_connections",
    "_keepalive_expiry",
    "_http1",
    "_http2",
    "_retries",
)


def test_httpx_still_keeps_the_pool_the_deadline_replaces() -> None:
    pool = getattr(httpx.HTTPTransport(), "_pool", None)
    assert isinstance(pool, httpcore.ConnectionPool), (
        f"httpx {httpx.__version__} no longer keeps an httpcore.ConnectionPool in "
        "HTTPTransport._pool: scraper/deadline.py, which replaces it to bound each request, "
        "must change for this httpx (or pin httpx back in pyproject.toml)"
    )


def test_the_replacement_pool_has_httpx_own_limits_and_keep_alive() -> None:
    ours = transport_with_deadline(RequestDeadline())._pool
    httpx_own = httpx.HTTPTransport()._pool
    for setting in POOL_SETTINGS:
        assert getattr(ours, setting) == getattr(httpx_own, setting), setting
    assert ours._max_connections == 100
    assert ours._max_keepalive_connections == 20
    assert ours._keepalive_expiry == 5.0


def test_an_httpx_without_the_pool_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class Moved(httpx.HTTPTransport):
        def __init__(self, **kwargs: object) -> None:
            super().__init__(**kwargs)  # type: ignore[arg-type]
            self._connections = self.__dict__.pop("_pool")

    monkeypatch.setattr(httpx, "HTTPTransport", Moved)
    with pytest.raises(HttpxChanged, match=r"keeps no httpcore\.ConnectionPool in HTTPTransport"):
        transport_with_deadline(RequestDeadline())
