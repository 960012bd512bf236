"""sendscrape: Ofsted/CQC area SEND inspection reports as a validated research dataset.

>>> import sendscrape
>>> reports = sendscrape.load("data/reports.jsonl")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.metadata

from sendscrape.dataset import iter_reports, load
from sendscrape.validate.models import SCHEMA_VERSION

__version__ = importlib.metadata.version("sendscrape")

__all__ = ["SCHEMA_VERSION", "__version__", "iter_reports", "load"]
