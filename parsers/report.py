"""The parse stage's entry point: PDF bytes in, the report's fields out, whatever its kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from parsers.classify import classify
from parsers.full_inspection import parse_full_inspection
from parsers.layout import Document, read_document

PARSER_VERSION = "1.0.0"

KindParser = Callable[[Document, str], dict[str, object]]

KIND_PARSERS: dict[str, KindParser] = {
    "area_send_full_inspection": parse_full_inspection,
}


def parse_report(pdf: bytes | Path, source: str | None = None) -> dict[str, object]:
    """Parse one SEND report. The fields returned are not yet validated (see sendscrape.validate).

    Raises NotAPdfError, UnsupportedReportType or ReportParseError, each naming `source`.
    """
    document = read_document(pdf, source)
    report_type, area = classify(document)
    fields = KIND_PARSERS[report_type](document, area)
    return {
        "report_type": report_type,
        "sha256": document.sha256,
        "pages": len(document.pages),
        "parser_version": PARSER_VERSION,
        **fields,
    }
