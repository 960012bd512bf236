"""Which kind of SEND report a PDF is, decided by the title printed on its first page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.errors import UnsupportedReportType
from parsers.layout import Document, Line
from parsers.text import normalise_text

_TITLE_ZONE = 0.45


@dataclass(frozen=True)
class TitleKind:
    report_type: str
    pattern: re.Pattern[str]


# Order matters: the more specific wording first. Each pattern captures the area's name.
TITLE_KINDS = (
    TitleKind(
        "area_send_monitoring_inspection",
        re.compile(r"area send monitoring inspection of (?:the )?(?P<area>.+?)"
                   r"(?: local area partnership)?$", re.IGNORECASE),
    ),
    TitleKind(
        "area_send_full_inspection",
        re.compile(r"area send (?:full )?inspection of (?:the )?(?P<area>.+?)"
                   r"(?: local area partnership)?$", re.IGNORECASE),
    ),
    TitleKind(
        "local_area_send_revisit",
        re.compile(r"joint local area send revisit in (?P<area>.+)$", re.IGNORECASE),
    ),
    TitleKind(
        "local_area_send_inspection",
        re.compile(r"joint local area send inspection in (?P<area>.+)$", re.IGNORECASE),
    ),
)


def title_lines(document: Document) -> list[Line]:
    """The first run of the first page's largest-type lines near the top: the title, however
    it wraps (a heading of the same size further down is not part of it)."""
    page = document.pages[0]
    candidates = [line for line in page.lines if line.top < page.height * _TITLE_ZONE]
    if not candidates:
        return []
    largest = max(line.size for line in candidates)
    start = next(i for i, line in enumerate(candidates) if line.size >= largest - 0.5)
    title = [candidates[start]]
    for line in candidates[start + 1 :]:
        if line.size < largest - 0.5 or line.top - title[-1].bottom > line.size:
            break
        title.append(line)
    return title


def document_title(document: Document) -> str:
    return normalise_text(" ".join(line.text for line in title_lines(document)))


def classify(document: Document) -> tuple[str, str]:
    """(report_type, area name) from the title; UnsupportedReportType for anything else."""
    title = document_title(document)
    joined = re.sub(r"(\w)- (\w)", r"\1-\2", title)  # 'Stoke-on- Trent' wrapped at a hyphen
    for kind in TITLE_KINDS:
        match = kind.pattern.fullmatch(joined)
        if match:
            return kind.report_type, match.group("area").strip()
    raise UnsupportedReportType(document.source, title or "(no title found)")
