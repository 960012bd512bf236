"""sendscrape: Ofsted/CQC area SEND inspection reports as a validated research dataset.

>>> import sendscrape
>>> reports = sendscrape.load("data/reports.jsonl")  # doctest: +SKIP
"""

from __future__ import annotations

from sendscrape.dataset import iter_reports, load
from sendscrape.models import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "iter_reports", "load"]
