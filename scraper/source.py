"""What every publisher's discovery yields, whatever site it crawls.

A source walks a publisher's listings and yields one `Publication` per SEND report link, or a
`DiscoverFailure` for a page it could not fetch or read. Adding a publisher (CQC publishes the same
joint reports) means writing one more class with a `discover()` method; nothing else changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Publication:
    """One report link on a listing page."""

    url: str
    label: str
    kind: str
    published: dt.date | None
    area_name: str
    provider_id: str
    provider_url: str


@dataclass(frozen=True)
class DiscoverFailure:
    """A listing page that failed to download or no longer has the structure expected."""

    url: str
    error: str


Discovered = Publication | DiscoverFailure


class Source(Protocol):
    """A publisher's listings."""

    name: str
    skipped: int
    """Report links seen and skipped because they are not SEND reports."""
    areas: set[str]
    """The areas (canonical ids) the listings named, whether or not they have a SEND report."""

    def discover(self) -> Iterator[Discovered]: ...
