"""One report through the pipeline: parse -> area codes and themes -> validate.

Fetching happens before (scraper/), writing after (sendscrape.write); this module joins the
stages for one PDF so the CLI, the nightly scrape and refresh all build records the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sendscrape.enrich.areas import area_fields
from sendscrape.enrich.themes import tag_themes
from sendscrape.parsers import DEFAULT_LIMITS, ParseLimits, parse_report
from sendscrape.validate.models import Report
from sendscrape.validate.records import validate_record


@dataclass(frozen=True)
class Provenance:
    """Where a PDF came from, when it was crawled (both null for a local file)."""

    source_url: str | None = None
    published: dt.date | None = None
    urn: str | None = None


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
