"""One report through the pipeline: parse -> area codes and themes -> validate.

Fetching happens before (scraper/), writing after (sendscrape.dataset); this module joins the
stages for one PDF so the `parse` command, the nightly scrape and refresh all build records the
same way, and all meet a failure the same way (`try_build_record`): one line naming the file and
the reason, whatever went wrong, so a surprise in one PDF never costs the others their records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sendscrape.enrich.areas import AreaNotFound, area_fields
from sendscrape.enrich.themes import tag_themes
from sendscrape.parsers import DEFAULT_LIMITS, ParseLimits, ReportParseError, parse_report
from sendscrape.validate.models import Report
from sendscrape.validate.records import RecordValidationError, validate_record

_UNEXPECTED_TEXT_CHARS = 200


@dataclass(frozen=True)
class Provenance:
    """Where a PDF came from, when it was crawled (both null for a local file)."""

    source_url: str | None = None
    published: dt.date | None = None
    urn: str | None = None


@dataclass(frozen=True)
class RecordFailure:
    """Why one PDF gave no record. `pdf_at_fault` is False when the cause lies outside the PDF
    (it could not be read, the machine ran out of memory, the parser process died), so the PDF
    is worth trying again rather than remembered as one that cannot be parsed."""

    source: str
    stage: str
    error: str
    pdf_at_fault: bool = True


def build_record(
    pdf: bytes | Path,
    source: str,
    provenance: Provenance | None = None,
    limits: ParseLimits = DEFAULT_LIMITS,
) -> Report:
    """Parse, enrich and validate one PDF. Raises ReportParseError, AreaNotFound or
    RecordValidationError, each naming `source`."""
    provenance = provenance or Provenance()
    fields = parse_report(pdf, source, limits)
    fields.update(area_fields(str(fields["local_area"]), source, urn=provenance.urn))
    fields = tag_themes(fields)
    fields["source_url"] = provenance.source_url
    fields["published"] = provenance.published
    return validate_record(fields, source)


def try_build_record(
    path: Path, source: str | None = None, provenance: Provenance | None = None
) -> Report | RecordFailure:
    """The record of the PDF at `path`, or the failure: never raises for a bad PDF."""
    source = source or str(path)
    try:
        pdf = path.read_bytes()
    except OSError as error:
        return RecordFailure(
            source, "read", f"{path}: cannot read: {error.strerror or error}", False
        )
    return record_or_failure(pdf, source, provenance)


def record_or_failure(
    pdf: bytes, source: str, provenance: Provenance | None = None
) -> Report | RecordFailure:
    """The record of these PDF bytes, or the failure naming `source`: never raises for a bad
    PDF."""
    try:
        return build_record(pdf, source, provenance)
    except OSError as error:
        return RecordFailure(
            source, "read", f"{source}: cannot read: {error.strerror or error}", False
        )
    except MemoryError:
        return RecordFailure(source, "parse", f"{source}: out of memory while parsing", False)
    except RecordValidationError as error:
        return RecordFailure(source, "validate", str(error))
    except (ReportParseError, AreaNotFound) as error:
        return RecordFailure(source, "parse", _naming(source, str(error)))
    except Exception as error:
        detail = str(error)[:_UNEXPECTED_TEXT_CHARS]
        reason = f"unexpected {type(error).__name__}" + (f": {detail}" if detail else "")
        return RecordFailure(source, "parse", f"{source}: {reason}")


def _naming(source: str, message: str) -> str:
    return message if message.startswith(source) else f"{source}: {message}"
