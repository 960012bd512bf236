"""Area SEND full inspection reports (2023 framework): where each field comes from.

- header (page 1, above "Inspection outcome"): inspection dates, previous inspections
- "Inspection outcome" section: outcome, follow-up intervals, priority action plan
- "Areas for priority action" table: responsible body | action, one row per action
- "Areas for improvement" table (or list): one item per row / numbered item
- "Local area partnership details" table: local authority | integrated care board
- narrative sections: paragraphs keyed by heading
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sendscrape.parsers.blocks import BodyText, Heading, Section, paragraphs, split_sections
from sendscrape.parsers.checks import full_inspection_warnings
from sendscrape.parsers.errors import ReportParseError
from sendscrape.parsers.front_page import (
    footer_date_warnings,
    parse_inspection_dates,
    parse_outcome,
    parse_previous_inspection_text,
    parse_previous_inspections,
)
from sendscrape.parsers.layout import Document, Line, Rule
from sendscrape.parsers.tables import (
    CellLine,
    TableRow,
    cell_items,
    column_starts_from_header,
    column_starts_from_rules,
    drop_header_rows,
    format_cell,
    join_split_rows,
    row_matches,
    split_rows,
)
from sendscrape.parsers.text import fold, normalise_text

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

_FIELD_LABEL = re.compile(r"^name of [a-z ]+:\s*", re.IGNORECASE)
_RESPONSIBLE = r"responsible bod(?:y|ies)"
_PA_HEADER = (_RESPONSIBLE, _PA_TITLE)
_AFI_HEADER = (_RESPONSIBLE, _AFI_TITLE)
_LAP_HEADER = (r"local authority", r"integrated care boards?|icbs?")
_ICB_END = re.compile(r"(?:\bICB|integrated care board)\)?[;,]?\s*$", re.IGNORECASE)


def parse_full_inspection(document: Document, body: BodyText, area: str) -> dict[str, object]:
    sections = {s.heading.key: s for s in split_sections(body.lines, HEADINGS)}
    source = document.source
    start, end = parse_inspection_dates(body, source)
    previous_text = parse_previous_inspection_text(body, source)
    outcome = parse_outcome(_require(sections, "outcome", source), source)
    local_authority, icb = parse_partnership_details(
        _require(sections, "details", source), document
    )
    items = {
        "priority_actions": parse_priority_actions(sections.get("priority"), document, source),
        "areas_for_improvement": parse_areas_for_improvement(sections.get("improvement"), document),
    }
    return {
        "local_area": area,
        "inspection_start": start,
        "inspection_end": end,
        "previous_inspection_text": previous_text,
        "previous_inspections": parse_previous_inspections(previous_text),
        **outcome,
        **items,
        "local_authority": local_authority,
        "icb": icb,
        "sections": {
            sections[key].heading.title: paragraphs(sections[key].lines)
            for key in NARRATIVE_SECTIONS
            if key in sections
        },
        "warnings": footer_date_warnings(body, start, end)
        + full_inspection_warnings(outcome, items),
    }


def _require(sections: dict[str, Section], key: str, source: str) -> Section:
    if key not in sections:
        title = next(h.title for h in HEADINGS if h.key == key)
        raise ReportParseError(source, key, f"no '{title}' heading found")
    return sections[key]


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


def _table_rows(
    lines: Sequence[Line], document: Document, header: tuple[str, str]
) -> list[TableRow]:
    """Rows of a two-column table; columns placed by its header row where printed, else by
    its drawn column rules. Header rows repeated on later pages are dropped."""
    rules = _rules_by_page(document)
    header_line = _header_line(lines, header)
    starts = (
        column_starts_from_header(header_line)
        if header_line is not None
        else column_starts_from_rules(lines, rules)
    )
    rows = split_rows(lines, rules, starts)
    return drop_header_rows(rows, lambda row: row_matches(row, header))


def _two_columns(rows: list[TableRow], source: str, field: str) -> list[TableRow]:
    if any(len(row.cells) != 2 for row in rows):
        raise ReportParseError(source, field, "table has no header row and no column rule")
    return rows


def parse_priority_actions(
    section: Section | None, document: Document, source: str
) -> list[dict[str, object]]:
    if section is None:
        return []
    rows = _two_columns(
        _table_rows(section.lines, document, _PA_HEADER), source, "priority_actions"
    )
    return [
        {"responsible_body": _responsible_body(row), "text": text}
        for row in join_split_rows(rows)
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
    if not _has_row_rules(lines, _rules_by_page(document)):
        return [{"responsible_body": None, "text": text} for text in paragraphs(lines)]
    rows = join_split_rows(_table_rows(lines, document, _AFI_HEADER))
    return [
        {"responsible_body": _responsible_body(row) or None, "text": text}
        if len(row.cells) == 2
        else {"responsible_body": None, "text": text}
        for row in rows
        for text in cell_items(row.cells[-1])
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
    source = document.source
    rows = _two_columns(
        _table_rows(section.lines, document, _LAP_HEADER), source, "local_authority"
    )
    if not rows:
        raise ReportParseError(source, "local_authority", "partnership table is empty")
    names = [_FIELD_LABEL.sub("", format_cell(rows[0].cells[0])), _boards(rows)]
    if not all(names):
        raise ReportParseError(source, "local_authority", f"empty cell in {names}")
    return names[0], names[1]


def _boards(rows: Sequence[TableRow]) -> str:
    """The first row's boards, and those of the rows below it whose local authority cell is
    empty and whose board cell names a board (one board per cell), joined by '; '."""
    names = [icb_names(rows[0].cells[1])]
    for row in rows[1:]:
        local_authority, boards = row.cells
        if local_authority or not boards or not _ICB_END.search(boards[-1].text):
            break
        names.append(icb_names(boards))
    return "; ".join(name for name in names if name)


def icb_names(lines: Sequence[CellLine]) -> str:
    """The integrated care board cell: a board per line where the cell lists several (a line
    that ends a board's name, followed by one that starts with a capital letter), joined by
    '; '; one name wrapped over lines, or several in one line of prose, as printed."""
    boards: list[list[CellLine]] = []
    for line in lines:
        if not boards or (_ICB_END.search(boards[-1][-1].text) and line.text.strip()[:1].isupper()):
            boards.append([])
        boards[-1].append(line)
    names = (_FIELD_LABEL.sub("", format_cell(board)).rstrip(";, ") for board in boards)
    return "; ".join(name for name in names if name)
