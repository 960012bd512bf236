"""What a publication link's label says: which SEND report kind it is, and when it was published.

Labels read like `Area SEND full inspection, pdf - 15 July 2024`; case and spacing vary. Kinds are
decided by words, so a label worded slightly differently still lands in the right kind; the PDF's
own title confirms the kind when it is parsed.
"""

from __future__ import annotations

import datetime as dt
import re

# A SEND label of a kind not listed below is still kept (downloaded, then confirmed or refused by
# the parser), so a new kind of report is never silently lost.
UNKNOWN_SEND_KIND = "send_unknown"

# Children's services reports that share provider pages with SEND reports and are never fetched.
_SKIPPED_WORDS = ("focused visit", "ilacs", "child protection", "jtai", "children's services")

_SEND_WORD = re.compile(r"\bsend\b")
_KIND_WORDS = (
    ("area_send_monitoring_inspection", re.compile(r"\bmonitoring\b")),
    ("local_area_send_revisit", re.compile(r"\bre-?visit\b")),
    ("local_area_send_inspection", re.compile(r"\blocal area\b")),
    ("area_send_full_inspection", re.compile(r"\bfull\b|\barea send inspection\b")),
)
_MONTHS = [
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
]
_TRAILING_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})\s*$")


def normalise_label(label: str) -> str:
    """Lower case, curly quotes straightened, runs of whitespace collapsed."""
    return " ".join(label.replace("\u2019", "'").replace("\xa0", " ").split()).casefold()


def send_kind(label: str) -> str | None:
    """The SEND report kind a label names, or None for a report that is not a SEND report."""
    text = normalise_label(label)
    if not _SEND_WORD.search(text) or any(word in text for word in _SKIPPED_WORDS):
        return None
    for kind, words in _KIND_WORDS:
        if words.search(text):
            return kind
    return UNKNOWN_SEND_KIND


def label_date(label: str) -> dt.date | None:
    """The publication date a label ends with (`..., pdf - 15 July 2024`), or None."""
    match = _TRAILING_DATE.search(normalise_label(label))
    if match is None or match.group(2) not in _MONTHS:
        return None
    day, month, year = int(match.group(1)), _MONTHS.index(match.group(2)) + 1, int(match.group(3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
