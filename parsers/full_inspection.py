"""Area SEND full inspection reports (2023 framework): where each field comes from.

- header (page 1, above "Inspection outcome"): inspection dates, previous inspections
- "Inspection outcome" section: outcome, follow-up intervals, priority action plan
- "Areas for priority action" table: responsible body | action, one row per action
- "Areas for improvement" table (or list): one item per row / numbered item
- "Local area partnership details" table: local authority | integrated care board
- narrative sections: paragraphs keyed by heading
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from parsers.blocks import BodyText, Heading, Section, paragraphs, split_furniture, split_sections
from parsers.dates import find_date_ranges, parse_date_range
from parsers.errors import ReportParseError
from parsers.layout import Document, Line, Rule
from parsers.tables import (
    TableRow,
    cell_items,
    column_starts_from_header,
    drop_header_rows,
    format_cell,
    join_split_rows,
    row_matches,
    split_rows,
)
from parsers.text import fold, normalise_text

_PA_TITLE = r"areas? for priority action"
_AFI_TITLE = r"areas? for improvement"


def _heading(key: str, title: str, pattern: str) -> Heading:
    return Heading(key, title, re.compile(pattern))


HEADINGS = (
    _heading("outcome", "Inspection outcome", r"inspection outcome"),
    _heading(
        "about_partnership",
        "Information about the local area partnership",
        r"information about the local area partnership",
    ),
    _heading(
        "experience",
        "What is it like to be a child or young person with SEND in this area?",
        r"what is it like to be a child or young person\b.*",
    ),
    _heading(
        "effective",
        "What is the area partnership doing that is effective?",
        r"what is the (?:local )?area partnership doing that is effective\??",
    ),
    _heading(
        "better",
        "What does the area partnership need to do better?",
        r"what does the (?:local )?area partnership need to do better\??",
    ),
    _heading("priority", "Areas for priority action", _PA_TITLE),
    _heading("improvement", "Areas for improvement", _AFI_TITLE),
    _heading("details", "Local area partnership details", r"local area partnership details"),
    _heading(
        "about_inspection",
        "Information about this inspection",
        r"information about this inspection",
    ),
    _heading("team", "Inspection team", r"inspection team"),
)
NARRATIVE_SECTIONS = ("about_partnership", "experience", "effective", "better")

OUTCOME_PHRASES = {
    "positive": r"typically leads? to positive experiences and outcomes",
    "inconsistent": r"leads? to inconsistent experiences and outcomes",
    "widespread_failings": r"widespread and/or systemic failings",
}
_NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUMBER = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
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
_DATES_LABEL = re.compile(r"inspection dates?:\s*(.*?)\s*(?=dates? of (?:the )?previous|$)", re.S)
_PREVIOUS_LABEL = re.compile(r"dates? of (?:the )?previous inspections?:\s*(.*)$", re.S)
_FIELD_LABEL = re.compile(r"^name of [a-z ]+:\s*", re.IGNORECASE)
_RESPONSIBLE = r"responsible bod(?:y|ies)"
_PA_HEADER = (_RESPONSIBLE, _PA_TITLE)
_AFI_HEADER = (_RESPONSIBLE, _AFI_TITLE)
_LAP_HEADER = (r"local authority", r"integrated care boards?|icbs?")


def parse_full_inspection(document: Document, area: str) -> dict[str, object]:
    body = split_furniture(document)
    sections = {s.heading.key: s for s in split_sections(body.lines, HEADINGS)}
    source = document.source
    start, end = parse_inspection_dates(document, body, source)
    previous_text = parse_previous_inspection_text(body, source)
    outcome_section = _require(sections, "outcome", source)
    local_authority, icb = parse_partnership_details(
        _require(sections, "details", source), document
    )
    return {
        "local_area": area,
        "inspection_start": start,
        "inspection_end": end,
        "previous_inspection_text": previous_text,
        "previous_inspections": parse_previous_inspections(previous_text),
        **parse_outcome(outcome_section, source),
        "priority_actions": parse_priority_actions(sections.get("priority"), document, source),
        "areas_for_improvement": parse_areas_for_improvement(sections.get("improvement"), document),
        "local_authority": local_authority,
        "icb": icb,
        "sections": {
            sections[key].heading.title: paragraphs(sections[key].lines)
            for key in NARRATIVE_SECTIONS
            if key in sections
        },
        "warnings": footer_date_warnings(body, start, end),
    }


def _require(sections: dict[str, Section], key: str, source: str) -> Section:
    if key not in sections:
        title = next(h.title for h in HEADINGS if h.key == key)
        raise ReportParseError(source, key, f"no '{title}' heading found")
    return sections[key]


def _header_text(body: BodyText) -> str:
    """Text of the first page above the first section heading."""
    first_page = body.lines[0].page
    lines: list[str] = []
    for line in body.lines:
        if line.page != first_page or fold(line.text) == "inspection outcome":
            break
        lines.append(line.text)
    return "\n".join(lines)


def parse_inspection_dates(
    document: Document, body: BodyText, source: str
) -> tuple[dt.date, dt.date]:
    match = _DATES_LABEL.search(fold(_header_text(body)))
    if match is None:
        raise ReportParseError(source, "inspection_start", "no 'Inspection dates:' line")
    try:
        return parse_date_range(match.group(1))
    except ValueError as error:
        raise ReportParseError(source, "inspection_start", str(error)) from error


def parse_previous_inspection_text(body: BodyText, source: str) -> str:
    header = _header_text(body)
    match = _PREVIOUS_LABEL.search(header.replace("\n", " "))
    if match is None:
        match = re.search(
            r"(?i)dates? of (?:the )?previous inspections?:\s*(.*)$", header.replace("\n", " ")
        )
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
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def parse_outcome(section: Section, source: str) -> dict[str, object]:
    texts = paragraphs(section.lines)
    folded = fold(" ".join(texts)).replace("’", "'")
    found = [name for name, phrase in OUTCOME_PHRASES.items() if re.search(phrase, folded)]
    if len(found) != 1:
        reason = "no outcome sentence" if not found else f"several outcomes: {found}"
        raise ReportParseError(source, "outcome", reason)
    outcome_text = next(t for t in texts if re.search(OUTCOME_PHRASES[found[0]], fold(t)))
    monitoring = _MONITORING.search(folded)
    next_full = _NEXT_FULL.search(folded)
    return {
        "outcome": found[0],
        "outcome_text": outcome_text,
        "monitoring_within_months": _number(monitoring.group(1)) if monitoring else None,
        "next_full_within_years": _number(next_full.group(1)) if next_full else None,
        "priority_action_plan_required": bool(_PLAN_REQUIRED.search(folded)),
    }


def _rules_by_page(document: Document) -> dict[int, tuple[Rule, ...]]:
    return {page.number: page.rules for page in document.pages}


def _header_line(lines: Sequence[Line], patterns: Sequence[str]) -> Line | None:
    for line in lines:
        texts = [fold(segment.text) for segment in line.segments]
        if len(texts) == len(patterns) and all(
            re.fullmatch(p, t) for p, t in zip(patterns, texts, strict=True)
        ):
            return line
    return None


def parse_priority_actions(
    section: Section | None, document: Document, source: str
) -> list[dict[str, object]]:
    if section is None:
        return []
    header = _header_line(section.lines, _PA_HEADER)
    if header is None:
        raise ReportParseError(
            source,
            "priority_actions",
            "no 'Responsible body | Areas for priority action' table header",
        )
    rows = split_rows(section.lines, _rules_by_page(document), column_starts_from_header(header))
    rows = join_split_rows(drop_header_rows(rows, lambda r: row_matches(r, _PA_HEADER)))
    return [
        {"responsible_body": _responsible_body(row), "text": text}
        for row in rows
        for text in cell_items(row.cells[1])
    ]


def _responsible_body(row: TableRow) -> str:
    return normalise_text(row.cell_text(0))


def parse_areas_for_improvement(
    section: Section | None, document: Document
) -> list[dict[str, object]]:
    """One item per table row (numbered items sharing a cell are split); a table with a
    responsible-body column keeps it; a list printed without a table is read by paragraph."""
    if section is None:
        return []
    lines = [line for line in section.lines if not re.fullmatch(_AFI_TITLE, fold(line.text))]
    rules = _rules_by_page(document)
    if not _has_row_rules(lines, rules):
        return [{"responsible_body": None, "text": text} for text in paragraphs(lines)]
    header = _header_line(lines, _AFI_HEADER)
    if header is None:
        rows = join_split_rows(split_rows(lines, rules, [0.0]))
        return [
            {"responsible_body": None, "text": text}
            for row in rows
            for text in cell_items(row.cells[0])
        ]
    rows = split_rows(lines, rules, column_starts_from_header(header))
    rows = join_split_rows(drop_header_rows(rows, lambda r: row_matches(r, _AFI_HEADER)))
    return [
        {"responsible_body": _responsible_body(row) or None, "text": text}
        for row in rows
        for text in cell_items(row.cells[1])
    ]


def _has_row_rules(lines: Sequence[Line], rules: dict[int, tuple[Rule, ...]]) -> bool:
    """Whether any horizontal rule is drawn across the lines' span on their pages."""
    for page in sorted({line.page for line in lines}):
        on_page = [line for line in lines if line.page == page]
        top, bottom = on_page[0].top, on_page[-1].bottom
        if any(r.horizontal and top - 30 <= r.top <= bottom + 30 for r in rules[page]):
            return True
    return False


def parse_partnership_details(section: Section, document: Document) -> tuple[str, str]:
    header = _header_line(section.lines, _LAP_HEADER)
    if header is None:
        raise ReportParseError(
            document.source,
            "local_authority",
            "no 'Local authority | Integrated care board' table header",
        )
    rows = split_rows(section.lines, _rules_by_page(document), column_starts_from_header(header))
    rows = drop_header_rows(rows, lambda r: row_matches(r, _LAP_HEADER))
    if not rows:
        raise ReportParseError(document.source, "local_authority", "partnership table is empty")
    names = [_FIELD_LABEL.sub("", format_cell(cell)) for cell in rows[0].cells]
    if not all(names):
        raise ReportParseError(document.source, "local_authority", f"empty cell in {names}")
    return names[0], names[1]


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
