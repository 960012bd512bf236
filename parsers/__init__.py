"""Parse stage: a SEND report PDF (bytes or a path, never a URL) to a dict of its fields."""

from sendscrape.parsers.errors import NotAPdfError, ReportParseError, UnsupportedReportType
from sendscrape.parsers.report import PARSER_VERSION, parse_report

__all__ = [
    "PARSER_VERSION",
    "NotAPdfError",
    "ReportParseError",
    "UnsupportedReportType",
    "parse_report",
]
