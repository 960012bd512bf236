"""The dataset on disk: reading it back, the data directory's files, atomic JSONL writes."""

from sendscrape.dataset.read import iter_reports, load

__all__ = ["iter_reports", "load"]
