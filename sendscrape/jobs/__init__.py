"""The nightly scrape and refresh: crawl, store, parse in a worker pool, write the dataset.

`execute(command, config)` runs one under the data directory's lock and returns its summary.
The names below load on first use: a parse worker imports sendscrape.jobs.parse_worker and
nothing of the crawl (tests/test_parse_workers.py holds this).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendscrape.jobs.run import execute
    from sendscrape.jobs.state import JobConfig, RunAborted, RunSummary

_LAZY = {
    "execute": "sendscrape.jobs.run",
    "JobConfig": "sendscrape.jobs.state",
    "RunAborted": "sendscrape.jobs.state",
    "RunSummary": "sendscrape.jobs.state",
}

__all__ = ["JobConfig", "RunAborted", "RunSummary", "execute"]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'sendscrape.jobs' has no attribute {name!r}")
