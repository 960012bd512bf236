"""Reading a response body within bounds: a size cap on the announced and decompressed bytes.

httpx would decompress a whole network chunk at once (a 64 KB gzip bomb chunk can become 64 MB),
so the raw bytes are read as they arrive and inflated here with zlib's `max_length`, never
producing more than the cap allows. (The time a body may take is bounded by the request's
deadline, which every socket read keeps: `scraper/deadline.py`.)
"""

from __future__ import annotations

import zlib
from typing import Protocol

import httpx


class BodyProblem(Exception):
    """A body too large, too slow, or in an encoding that cannot be read."""


class _Inflater(Protocol):
    def feed(self, data: bytes, room: int) -> bytes: ...

    def end(self) -> bytes: ...


class _Identity:
    def feed(self, data: bytes, room: int) -> bytes:
        return data

    def end(self) -> bytes:
        return b""


class _Zlib:
    def __init__(self, wbits: int) -> None:
        self._decompress = zlib.decompressobj(wbits)

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            return self._decompress.decompress(data, room + 1)
        except zlib.error as error:
            raise BodyProblem(f"body is not valid compressed data ({error})") from error

    def end(self) -> bytes:
        try:
            return self._decompress.flush()
        except zlib.error as error:
            raise BodyProblem(f"body is not valid compressed data ({error})") from error


def _inflater(encoding: str) -> _Inflater:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return _Identity()
    if encoding in ("gzip", "x-gzip"):
        return _Zlib(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return _Zlib(32 + zlib.MAX_WBITS)  # zlib or gzip header, detected
    raise BodyProblem(f"unsupported Content-Encoding {encoding[:20]!r}")


def read_capped(response: httpx.Response, cap: int, truncate: bool = False) -> bytes:
    """The decompressed body, or BodyProblem once it passes `cap` bytes (as announced by
    Content-Length or as received). With `truncate`, the first `cap` bytes instead, the rest
    never read (robots.txt: RFC 9309 has crawlers parse at least the first 500 KiB)."""
    announced = response.headers.get("Content-Length", "")
    if not truncate and announced.isdigit() and int(announced) > cap:
        raise BodyProblem(f"body of {announced} bytes is over the limit of {cap}")
    inflater = _inflater(response.headers.get("Content-Encoding", ""))
    body = bytearray()
    for raw in response.iter_raw():
        body += inflater.feed(raw, cap - len(body))
        if len(body) > cap:
            break
    else:
        body += inflater.end()
    if len(body) <= cap:
        return bytes(body)
    if truncate:
        return bytes(body[:cap])
    raise BodyProblem(f"body over the limit of {cap} bytes")
