"""Every bound on what the web can make a run spend, as named settings with sane defaults.

The largest real report is under 2 MB and a listing page under 200 KB; the site lists 153 areas
on two search pages and a provider page carries a few dozen links. The defaults leave ample room
for all of that and stop anything far beyond it.
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class FetchLimits:
    """What one request may cost."""

    read_timeout: float = 30.0
    """Seconds to connect, and to wait for each piece of the answer."""
    request_seconds: float = 120.0
    """Seconds for a whole request, however the server trickles its bytes."""
    max_page_bytes: int = 5 * MIB
    """A listing page (HTML), after decompression."""
    max_pdf_bytes: int = 60 * MIB
    """A report PDF, after decompression."""
    max_robots_bytes: int = 500 * KIB
    """robots.txt (RFC 9309 asks crawlers to read at least 500 KiB)."""
    max_redirects: int = 5


@dataclass(frozen=True)
class CrawlLimits:
    """How far discovery may go before the listing counts as implausible (not complete)."""

    max_search_pages: int = 5
    """Search result pages of 100 areas each (the site has 153 areas: two pages)."""
    max_links_per_page: int = 500
    """Links followed from one search or provider page."""
