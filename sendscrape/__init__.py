"""sendscrape: Ofsted/CQC area SEND inspection reports as a validated research dataset.

>>> import sendscrape
>>> reports = sendscrape.load("data/reports.jsonl")  # doctest: +SKIP

Importing the package imports nothing else: each public name is loaded on first use, so the
command line (`sendscrape --version`) and every worker start at once.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendscrape.dataset import iter_reports, load
    from sendscrape.validate.models import SCHEMA_VERSION

    __version__: str

_LAZY = {
    "iter_reports": "sendscrape.dataset",
    "load": "sendscrape.dataset",
    "SCHEMA_VERSION": "sendscrape.validate.models",
}

__all__ = ["SCHEMA_VERSION", "__version__", "iter_reports", "load"]


def __getattr__(name: str) -> object:
    if name == "__version__":
        import importlib.metadata  # noqa: PLC0415 (only when asked: it costs 20 ms)

        return importlib.metadata.version("sendscrape")
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'sendscrape' has no attribute {name!r}")
