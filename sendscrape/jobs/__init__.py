"""The nightly scrape and refresh: crawl, store, parse in a worker pool, write the dataset.

`execute(command, config)` runs one under the data directory's lock and returns its summary.
"""

from sendscrape.jobs.run import execute
from sendscrape.jobs.state import JobConfig, RunAborted, RunSummary

__all__ = ["JobConfig", "RunAborted", "RunSummary", "execute"]
