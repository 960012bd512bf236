"""Parse stage: a SEND report PDF (bytes or a path, never a URL) to a dict of its fields."""

from sendscrape.parsers.errors import (
    NotAPdfError,
    ParseLimitExceeded,
    ReportParseError,
    UnsupportedReportType,
)
from sendscrape.parsers.limits import DEFAULT_LIMITS, ParseLimits
from sendscrape.parsers.report import PARSER_VERSION, parse_report

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
