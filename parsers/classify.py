"""Which kind of SEND report a PDF is, decided by the title printed on its first page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sendscrape.parsers.errors import UnsupportedReportType
from sendscrape.parsers.layout import Document, Line
from sendscrape.parsers.text import normalise_text

_TITLE_ZONE = 0.45


@dataclass(frozen=True)
class TitleKind:
    report_type: str
    pattern: re.Pattern[str]


_SEND = r"(?:send|special educational needs and(?:/or)? disabilit(?:y|ies)(?: \(send\))?)"
_PARTNERSHIP = r"(?: local area partnership)?"
_LETTER_AREA = r"(?P<area>[^\d:;()]+)"  # a place name: no dates or sentence punctuation

# Order matters: the more specific wording first. Each pattern captures the area's name.
TITLE_KINDS = (
    TitleKind(
        "area_send_monitoring_inspection",
        re.compile(
            rf"area {_SEND} monitoring inspection (?:of|in) (?:the )?(?P<area>.+?)"
            rf"{_PARTNERSHIP}",
            re.IGNORECASE,
        ),
    ),
    TitleKind(
        "area_send_full_inspection",
        re.compile(
            rf"area {_SEND} (?:full )?inspection of (?:the )?(?P<area>.+?){_PARTNERSHIP}",
            re.IGNORECASE,
        ),
    ),
    TitleKind(
        "local_area_send_revisit",
        re.compile(rf"joint local area {_SEND} revisit in {_LETTER_AREA}", re.IGNORECASE),
    ),
    TitleKind(
        "local_area_send_inspection",
        re.compile(rf"joint local area {_SEND} inspection in {_LETTER_AREA}", re.IGNORECASE),
    ),
)
_TITLE_MAX_LINES = 3
_WRAPPED_LINES = 3


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


def _match_title(title: str) -> tuple[str, str] | None:
    joined = re.sub(r"(\w)- (\w)", r"\1-\2", normalise_text(title))  # 'Stoke-on- Trent'
    joined = joined.replace("\u2019", "'").rstrip(" .")
    for kind in TITLE_KINDS:
        match = kind.pattern.fullmatch(joined)
        if match:
            return kind.report_type, match.group("area").strip()
    return None


def _subject_runs(document: Document, bold: bool) -> list[str]:
    """Texts of the first page's bold lines, alone and joined with the bold lines just below
    them (or, if not `bold`, each line in its top half): a letter names its kind in a subject
    line at body size, usually bold, which may wrap."""
    page = document.pages[0]
    lines = [line for line in page.lines if line.bold or (not bold and line.top < page.height / 2)]
    runs: list[str] = []
    for index in range(len(lines)):
        run = [lines[index]]
        for line in lines[index + 1 : index + (_WRAPPED_LINES if bold else 1)]:
            if line.top - run[-1].bottom > line.size:
                break
            run.append(line)
        runs.extend(" ".join(line.text for line in run[:n]) for n in range(len(run), 0, -1))
    return runs


def _title_for_error(document: Document) -> str:
    """What to call an unknown report: its large-type title, or for a letter (whose largest
    type is its body) the first bold line."""
    lines = title_lines(document)
    if lines and len(lines) <= _TITLE_MAX_LINES:
        return document_title(document)
    bold = next((line.text for line in document.pages[0].lines if line.bold), None)
    first = document.pages[0].lines[0].text if document.pages[0].lines else ""
    return normalise_text(bold or first) or "(no title found)"


def classify(document: Document) -> tuple[str, str]:
    """(report_type, area name) from the title, or else from a letter's subject line;
    UnsupportedReportType, naming the title, for anything else."""
    found = _match_title(document_title(document))
    for bold in (True, False):
        if found is None:
            found = next(filter(None, map(_match_title, _subject_runs(document, bold))), None)
    if found is None:
        raise UnsupportedReportType(document.source, _title_for_error(document))
    return found
