"""Ruled tables: rows cut at drawn horizontal rules, cells assigned to columns by position, and
rows that a page break split joined back together."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sendscrape.parsers.layout import Line, Rule, Segment
from sendscrape.parsers.text import (
    BULLET,
    SENTENCE_END,
    fold,
    join_wrapped_lines,
    normalise_text,
    runs_on,
    starts_with_bullet,
    strip_bullet,
)

_COLUMN_SLACK = 8.0
_RULE_SLACK = 2.5
_MIN_RULE_WIDTH = 20.0
_NUMBERED_ITEM = re.compile(r"^(\d{1,2})[.)]\s+")


@dataclass(frozen=True)
class CellLine:
    text: str
    x0: float


@dataclass
class TableRow:
    """One row: for each column, the text lines of its cell in reading order."""

    page: int
    cells: list[list[CellLine]]
    starts_page: bool

    def cell_text(self, column: int) -> str:
        return join_wrapped_lines([line.text for line in self.cells[column]])

    def is_empty(self) -> bool:
        return not any(strip_bullet(line.text) for cell in self.cells for line in cell)


def column_starts_from_header(header: Line) -> list[float]:
    return [segment.x0 for segment in header.segments]


def column_starts_from_rules(
    lines: Sequence[Line], rules_by_page: Mapping[int, Sequence[Rule]]
) -> list[float]:
    """Column starts from the vertical rules drawn beside the table's first lines: its left
    edge and each inner rule (a single column when only the outer edges are drawn)."""
    if not lines:
        return [0.0]
    page = lines[0].page
    on_page = [line for line in lines if line.page == page]
    top, bottom = on_page[0].top, on_page[-1].bottom
    edges: list[float] = []
    for rule in sorted(rules_by_page[page], key=lambda r: r.x0):
        crosses = rule.vertical and rule.top < bottom and rule.bottom > top
        if crosses and (not edges or rule.x0 - edges[-1] > _COLUMN_SLACK):
            edges.append(rule.x0)
    return edges[:-1] if len(edges) >= 3 else [0.0]


def _column_of(segment: Segment, starts: Sequence[float]) -> int:
    column = 0
    for index, start in enumerate(starts):
        if segment.x0 >= start - _COLUMN_SLACK:
            column = index
    return column


def _rule_between(upper: Line, lower: Line, rules: Sequence[Rule]) -> bool:
    highest, lowest = upper.bottom - _RULE_SLACK, lower.top + _RULE_SLACK
    return any(
        highest <= rule.top <= lowest
        and rule.horizontal
        and rule.x1 - rule.x0 >= _MIN_RULE_WIDTH
        and rule.x0 < lower.x1
        and rule.x1 > lower.x0
        for rule in rules
    )


def split_rows(
    lines: Sequence[Line],
    rules_by_page: Mapping[int, Sequence[Rule]],
    column_starts: Sequence[float],
) -> list[TableRow]:
    """Cut lines into rows at horizontal rules (and at page breaks, marked `starts_page`)."""
    rows: list[TableRow] = []
    previous: Line | None = None
    for line in lines:
        new_page = previous is None or line.page != previous.page
        if new_page or (previous and _rule_between(previous, line, rules_by_page[line.page])):
            rows.append(TableRow(line.page, [[] for _ in column_starts], starts_page=new_page))
        for segment in line.segments:
            column = _column_of(segment, column_starts)
            rows[-1].cells[column].append(CellLine(segment.text, segment.x0))
        previous = line
    return [row for row in rows if not row.is_empty()]


def _continues(previous: TableRow, row: TableRow, key_column: int) -> bool:
    """Whether a row at the top of a page is the rest of the row the page break split."""
    if not row.starts_page:
        return False
    if not row.cells[key_column] and previous.cells[key_column]:
        return True
    last_column = len(row.cells) - 1
    before = previous.cell_text(last_column).rstrip()
    first_line = next((line.text for line in row.cells[last_column]), "")
    if not first_line:
        return True
    return starts_with_bullet(first_line) or runs_on(before, first_line, SENTENCE_END)


def join_split_rows(rows: list[TableRow], key_column: int = 0) -> list[TableRow]:
    """Join each row that continues over a page break with its first part."""
    joined: list[TableRow] = []
    for row in rows:
        if joined and _continues(joined[-1], row, key_column):
            for cell, more in zip(joined[-1].cells, row.cells, strict=True):
                cell.extend(more)
        else:
            joined.append(row)
    return joined


def drop_header_rows(rows: list[TableRow], is_header: Callable[[TableRow], bool]) -> list[TableRow]:
    """Drop header rows; the row under a header repeated at the top of a page then starts that
    page, so a row the page break split is still joined back together."""
    kept: list[TableRow] = []
    header_starts_page = False
    for row in rows:
        if is_header(row):
            header_starts_page = row.starts_page
            continue
        if header_starts_page:
            row.starts_page = True
        header_starts_page = False
        kept.append(row)
    return kept


def row_matches(row: TableRow, patterns: Sequence[str]) -> bool:
    """Whether each cell's text fully matches the pattern for its column (a header row)."""
    texts = [fold(row.cell_text(i)) for i in range(len(row.cells))]
    cells = [t for t in texts if t]
    return len(cells) == len(patterns) and all(
        re.fullmatch(p, t) for p, t in zip(patterns, cells, strict=True)
    )


def cell_items(lines: Sequence[CellLine]) -> list[str]:
    """A cell as its items: numbered items ('1.', '2.') sharing a cell are separate items, the
    numbers dropped; otherwise the whole cell is one item."""
    numbered = bool(lines) and _NUMBERED_ITEM.match(lines[0].text) is not None
    groups: list[list[CellLine]] = []
    for line in lines:
        if not groups or (numbered and _NUMBERED_ITEM.match(line.text)):
            groups.append([])
        groups[-1].append(line)
    return [text for text in (format_cell(group) for group in groups) if text]


def format_cell(lines: Sequence[CellLine]) -> str:
    """Cell text with whitespace collapsed and bullet points as '• ' items."""
    parts: list[list[str]] = []
    for index, line in enumerate(lines):
        text = _NUMBERED_ITEM.sub("", line.text) if index == 0 else line.text
        if starts_with_bullet(text):
            body = strip_bullet(text)
            if body:
                parts.append([f"{BULLET} {body}"])
        elif parts:
            parts[-1].append(text)
        else:
            parts.append([text])
    return normalise_text(" ".join(join_wrapped_lines(part) for part in parts))
