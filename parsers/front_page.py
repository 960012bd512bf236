"""The front page of a 2023-framework report: inspection dates, previous inspections, the
outcome and what follows it, and the dates the running footers repeat."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from sendscrape.parsers.blocks import BodyText, Section, paragraphs
from sendscrape.parsers.dates import (
    find_date_ranges,
    labelled_inspection_dates,
    parse_date_range,
)
from sendscrape.parsers.errors import ReportParseError
from sendscrape.parsers.text import NUMBER_WORDS, fold, normalise_text

OUTCOME_PHRASES = {
    "positive": r"typically leads? to positive experiences and outcomes",
    "inconsistent": r"leads? to inconsistent experiences and outcomes",
    "widespread_failings": r"widespread and/or systemic failings",
}
_NUMBER = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_MONITORING = re.compile(
    rf"monitoring inspection will be carried out within (?:approximately )?"
    rf"{_NUMBER} months"
)
_NEXT_FULL = re.compile(
    rf"next full (?:area send )?(?:re-?)?inspection will (?:take place |be )?"
    rf"within (?:approximately )?{_NUMBER} years"
)
_PLAN_REQUIRED = re.compile(
    r"requires the local area partnership to prepare and submit a "
    r"priority action plan"
)
_PREVIOUS_LABEL = re.compile(r"dates? of (?:the )?previous inspections?:\s*(.*)$", re.S | re.I)


def _header_text(body: BodyText) -> str:
    """Text of the first page above the first section heading."""
    first_page = body.lines[0].page
    lines: list[str] = []
    for line in body.lines:
        if line.page != first_page or fold(line.text) == "inspection outcome":
            break
        lines.append(line.text)
    return "\n".join(lines)


def parse_inspection_dates(body: BodyText, source: str) -> tuple[dt.date, dt.date]:
    labelled = labelled_inspection_dates(fold(_header_text(body)))
    if labelled is None:
        raise ReportParseError(source, "inspection_start", "no 'Inspection dates:' line")
    try:
        return parse_date_range(labelled)
    except ValueError as error:
        raise ReportParseError(source, "inspection_start", str(error)) from error


def parse_previous_inspection_text(body: BodyText, source: str) -> str:
    header = _header_text(body)
    match = _PREVIOUS_LABEL.search(header.replace("\n", " "))
    if match is None or not match.group(1).strip():
        raise ReportParseError(
            source, "previous_inspection_text", "no 'Dates of previous inspection:' line"
        )
    return normalise_text(match.group(1))


def parse_previous_inspections(text: str) -> list[dict[str, object]]:
    """Each date or range in the sentence, with the kind named just before it."""
    found: list[dict[str, object]] = []
    sentences = re.split(r"(?<=\.)\s+", text)
    for sentence in sentences:
        for start, end in find_date_ranges(sentence):
            found.append({"kind": _previous_kind(sentence), "start": start, "end": end})
    return found


def _previous_kind(sentence: str) -> str:
    words = fold(sentence)
    if "revisit" in words:
        return "revisit"
    if "monitoring" in words:
        return "monitoring"
    return "full"


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


def parse_outcome(section: Section, source: str) -> dict[str, object]:
    texts = paragraphs(section.lines)
    folded = fold(" ".join(texts)).replace("’", "'")
    found = [name for name, phrase in OUTCOME_PHRASES.items() if re.search(phrase, folded)]
    if len(found) != 1:
        reason = "no outcome sentence" if not found else f"several outcomes: {found}"
        raise ReportParseError(source, "outcome", reason)
    outcome_text = next((t for t in texts if re.search(OUTCOME_PHRASES[found[0]], fold(t))), None)
    if outcome_text is None:
        raise ReportParseError(source, "outcome", "the outcome sentence is split across paragraphs")
    monitoring = _MONITORING.search(folded)
    next_full = _NEXT_FULL.search(folded)
    return {
        "outcome": found[0],
        "outcome_text": outcome_text,
        "monitoring_within_months": _number(monitoring.group(1)) if monitoring else None,
        "next_full_within_years": _number(next_full.group(1)) if next_full else None,
        "priority_action_plan_required": bool(_PLAN_REQUIRED.search(folded)),
    }


def footer_date_warnings(body: BodyText, start: dt.date, end: dt.date) -> list[str]:
    """The page footers repeat the inspection dates; say so when they disagree with the header."""
    ranges: Counter[tuple[dt.date, dt.date]] = Counter()
    for line in body.furniture:
        ranges.update(find_date_ranges(line.text))
    if not ranges:
        return []
    (footer_start, footer_end), _ = ranges.most_common(1)[0]
    if (footer_start, footer_end) == (start, end):
        return []
    return [
        f"page footers give the inspection dates as {footer_start.isoformat()} to "
        f"{footer_end.isoformat()}, but the 'Inspection dates:' line gives {start.isoformat()} "
        f"to {end.isoformat()}; the 'Inspection dates:' line is used"
    ]
