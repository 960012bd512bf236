"""Fetch stage: the only package that touches the network.

`ofsted.OfstedSource` discovers publications on the reports site through a polite `fetch.Fetcher`;
`store.RawStore` keeps every downloaded file by its SHA-256; `manifest.Manifest` records what was
seen where and what became of it.
"""

from sendscrape.scraper.fetch import USER_AGENT, Fetched, Fetcher, FetchError
from sendscrape.scraper.manifest import Manifest
from sendscrape.scraper.ofsted import DEFAULT_BASE_URL, OfstedSource
from sendscrape.scraper.retry import RetryPolicy
from sendscrape.scraper.source import DiscoverFailure, Publication, Source
from sendscrape.scraper.store import RawStore, pdf_problem

__all__ = [
    "DEFAULT_BASE_URL",
    "USER_AGENT",
    "DiscoverFailure",
    "FetchError",
    "Fetched",
    "Fetcher",
    "Manifest",
    "OfstedSource",
    "Publication",
    "RawStore",
    "RetryPolicy",
    "Source",
    "pdf_problem",
]
