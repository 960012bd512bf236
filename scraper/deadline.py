"""A deadline every socket operation of a request respects, headers included.

httpx's timeouts bound each read, not a whole request: a server that sends its headers one byte
at a time, just inside the read timeout, could hold a request for days. The fetcher's transport
runs on a network backend whose every connect, read and write gets at most the time left before
the current request's deadline (kept per thread), so a request ends by its deadline whatever
the server does.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
import typing
from collections.abc import Iterable, Iterator

import httpcore
import httpx


class RequestDeadline:
    """The deadline (time.monotonic) of the request this thread is making, if any."""

    def __init__(self) -> None:
        self._local = threading.local()

    @contextlib.contextmanager
    def until(self, deadline: float) -> Iterator[None]:
        self._local.deadline = deadline
        try:
            yield
        finally:
            self._local.deadline = None

    def clamp(self, timeout: float | None) -> float | None:
        """`timeout`, shortened to the time left; ReadTimeout once none is left."""
        deadline: float | None = getattr(self._local, "deadline", None)
        if deadline is None:
            return timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the time allowed for the request is up")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: RequestDeadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._deadline.clamp(timeout))
        return _Stream(inner, self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, deadline: RequestDeadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, self._deadline.clamp(timeout), local_address, socket_options
        )
        return _Stream(stream, self._deadline)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, self._deadline.clamp(timeout), socket_options
        )
        return _Stream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


HTTPX_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
"""httpx's own default pool limits (`httpx._config.DEFAULT_LIMITS`, not exported), which the
replacement pool keeps."""
_POOL = "_pool"


class HttpxChanged(RuntimeError):
    """The installed httpx no longer keeps its connection pool where this module replaces it."""


def transport_with_deadline(deadline: RequestDeadline) -> httpx.HTTPTransport:
    """httpx's own transport, its connection pool on the deadline-keeping backend. (httpx has no
    public way to choose the backend; its pool, the private `_pool`, is replaced by one built the
    same way, with httpx's own limits.)"""
    transport = httpx.HTTPTransport(limits=HTTPX_LIMITS)
    if not isinstance(getattr(transport, _POOL, None), httpcore.ConnectionPool):
        raise HttpxChanged(
            f"httpx {httpx.__version__} keeps no httpcore.ConnectionPool in "
            f"HTTPTransport.{_POOL}: scraper/deadline.py cannot keep request deadlines with it; "
            "install the httpx version pyproject.toml names"
        )
    setattr(
        transport,
        _POOL,
        httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=HTTPX_LIMITS.max_connections,
            max_keepalive_connections=HTTPX_LIMITS.max_keepalive_connections,
            keepalive_expiry=HTTPX_LIMITS.keepalive_expiry,
            network_backend=_Backend(deadline),
        ),
    )
    return transport
