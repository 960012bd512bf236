"""The parse stage's entry point: PDF bytes in, the report's fields out, whatever its kind."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from sendscrape.parsers.blocks import BodyText, split_furniture
from sendscrape.parsers.classify import classify
from sendscrape.parsers.errors import ParseLimitExceeded
from sendscrape.parsers.full_inspection import parse_full_inspection
from sendscrape.parsers.integrity import damaged_stream_warnings, integrity_warnings
from sendscrape.parsers.layout import Document, load_pdf, read_document
from sendscrape.parsers.limits import DEFAULT_LIMITS, ParseLimits
from sendscrape.parsers.local_area_letter import parse_local_area_letter
from sendscrape.parsers.monitoring import parse_monitoring
from sendscrape.parsers.revisit import parse_revisit
from sendscrape.parsers.text import SOFT_HYPHEN, DocumentWords, resolve_line_break_hyphens
from sendscrape.parsers.version import PARSER_VERSION

# (the document, its body text, the area's name) -> the report's fields
KindParser = Callable[[Document, BodyText, str], dict[str, object]]

KIND_PARSERS: dict[str, KindParser] = {
    "area_send_full_inspection": parse_full_inspection,
    "local_area_send_inspection": parse_local_area_letter,
    "local_area_send_revisit": parse_revisit,
    "area_send_monitoring_inspection": parse_monitoring,
}


def parse_report(
    pdf: bytes | Path, source: str | None = None, limits: ParseLimits = DEFAULT_LIMITS
) -> dict[str, object]:
    """Parse one SEND report. The fields returned are not yet validated (see sendscrape.validate).

    Raises NotAPdfError, UnsupportedReportType, ParseLimitExceeded or ReportParseError, each
    naming `source`.
    """
    deadline = time.monotonic() + limits.seconds
    data, name = load_pdf(pdf, source)
    document = read_document(data, name, limits, deadline)
    report_type, area = classify(document)
    body = split_furniture(document)
    fields = _resolve_hyphens(KIND_PARSERS[report_type](document, body, area), document)
    _check_time(name, limits, deadline)
    lost_text = damaged_stream_warnings(data) + integrity_warnings(
        document, body, report_type, fields
    )
    _check_time(name, limits, deadline)
    if lost_text:
        fields["warnings"] = [*_as_list(fields.get("warnings")), *lost_text]
    return {
        "report_type": report_type,
        "sha256": document.sha256,
        "pages": len(document.pages),
        "parser_version": PARSER_VERSION,
        **fields,
    }


def _check_time(name: str, limits: ParseLimits, deadline: float) -> None:
    if time.monotonic() > deadline:
        reason = f"still parsing after {limits.seconds:g} s"
        raise ParseLimitExceeded(name, "seconds", reason)


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _resolve_hyphens(fields: dict[str, object], document: Document) -> dict[str, object]:
    """Settle every line-break hyphen in the parsed text against the document's own words
    (looked at only when some text has one)."""
    words: DocumentWords | None = None

    def resolve(value: object) -> object:
        nonlocal words
        if isinstance(value, str):
            if SOFT_HYPHEN not in value:
                return value
            if words is None:
                words = DocumentWords(line.text for line in document.lines())
            return resolve_line_break_hyphens(value, words)
        if isinstance(value, list | tuple):
            return [resolve(item) for item in value]
        if isinstance(value, dict):
            return {key: resolve(item) for key, item in value.items()}
        return value

    return {key: resolve(value) for key, value in fields.items()}
