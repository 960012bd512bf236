"""Parse stage: a SEND report PDF (bytes or a path, never a URL) to a dict of its fields.

`parse_report` loads the PDF library on first use, so that naming PARSER_VERSION or the errors
costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendscrape.parsers.errors import (
    NotAPdfError,
    ParseLimitExceeded,
    ReportParseError,
    UnsupportedReportType,
)
from sendscrape.parsers.limits import DEFAULT_LIMITS, ParseLimits
from sendscrape.parsers.version import PARSER_VERSION

if TYPE_CHECKING:
    from sendscrape.parsers.report import parse_report

__all__ = [
    "DEFAULT_LIMITS",
    "PARSER_VERSION",
    "NotAPdfError",
    "ParseLimitExceeded",
    "ParseLimits",
    "ReportParseError",
    "UnsupportedReportType",
    "parse_report",
]


def __getattr__(name: str) -> object:
    if name == "parse_report":
        from sendscrape.parsers.report import parse_report  # noqa: PLC0415 (see above)

        return parse_report
    raise AttributeError(f"module 'sendscrape.parsers' has no attribute {name!r}")
