"""Fetch stage: the only package that touches the network.

`ofsted.OfstedSource` discovers publications on the reports site through a polite `fetch.Fetcher`;
`store.RawStore` keeps every downloaded file by its SHA-256; `manifest.Manifest` records what was
seen where and what became of it.
"""

from scraper.fetch import USER_AGENT, Fetched, Fetcher, FetchError
from scraper.manifest import Manifest
from scraper.ofsted import DEFAULT_BASE_URL, OfstedSource
from scraper.retry import RetryPolicy
from scraper.source import DiscoverFailure, Publication, Source
from scraper.store import RawStore, pdf_problem

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
