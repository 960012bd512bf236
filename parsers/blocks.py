"""Document structure shared by the parsers: page furniture, headed sections and paragraphs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sendscrape.parsers.layout import Document, Line, Page
from sendscrape.parsers.text import (
    fold,
    join_wrapped_lines,
    runs_on,
    starts_with_bullet,
    strip_bullet,
)

PAGE_MARGIN_SHARE = 0.14  # the top and bottom share of a page where furniture is printed
_PARAGRAPH_GAP = 0.45
_DIGITS = re.compile(r"\d+")
_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")


@dataclass(frozen=True)
class BodyText:
    """The document's lines minus running headers and footers, which are kept aside."""

    lines: tuple[Line, ...]
    furniture: tuple[Line, ...]


def _furniture_key(line: Line) -> str:
    return _DIGITS.sub("#", fold(line.text))


def in_margin(line: Line, height: float) -> bool:
    """Whether the line lies in the top or bottom PAGE_MARGIN_SHARE of a page `height` points
    tall (running headers and footers, page numbers)."""
    top, bottom = _margins(height)
    return line.top < top or line.bottom > bottom


def _margins(height: float) -> tuple[float, float]:
    """Where the top margin of a page `height` points tall ends and its bottom margin starts."""
    return height * PAGE_MARGIN_SHARE, height * (1 - PAGE_MARGIN_SHARE)


def margin_lines(page: Page) -> dict[int, Line]:
    """{index in page.lines: line} of the page's lines that are `in_margin`."""
    top, bottom = _margins(page.height)
    return {
        index: line
        for index, line in enumerate(page.lines)
        if line.top < top or line.bottom > bottom
    }


def split_furniture(document: Document) -> BodyText:
    """Lines in the top or bottom margin whose text (digits aside) recurs on at least half the
    pages are running headers/footers; everything else is body."""
    keys = [
        {index: _furniture_key(line) for index, line in margin_lines(page).items()}
        for page in document.pages
    ]
    pages_with_key = Counter(key for page_keys in keys for key in set(page_keys.values()))
    threshold = max(2, (len(document.pages) + 1) // 2)
    body: list[Line] = []
    furniture: list[Line] = []
    for page, page_keys in zip(document.pages, keys, strict=True):
        recurring = {index for index, key in page_keys.items() if pages_with_key[key] >= threshold}
        body += [line for index, line in enumerate(page.lines) if index not in recurring]
        furniture += [page.lines[index] for index in sorted(recurring)]
    return BodyText(tuple(body), tuple(furniture))


@dataclass(frozen=True)
class Heading:
    key: str
    title: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Section:
    heading: Heading
    line: Line
    lines: tuple[Line, ...]


def match_heading(
    line: Line, headings: Sequence[Heading], any_heading: re.Pattern[str] | None = None
) -> Heading | None:
    """A heading is a line of a single segment whose whole text matches a known heading.
    (`any_heading`, from `any_heading_pattern`, turns most lines away in one match.)"""
    if len(line.segments) != 1:
        return None
    text = fold(line.text)
    if any_heading is not None and any_heading.fullmatch(text) is None:
        return None
    return next((h for h in headings if h.pattern.fullmatch(text)), None)


def any_heading_pattern(headings: Sequence[Heading]) -> re.Pattern[str] | None:
    """One pattern matching a whole text wherever one of the headings' patterns does (None if
    their flags differ, or one refers back to a group, which joining them would renumber)."""
    flags = {heading.pattern.flags for heading in headings}
    sources = [heading.pattern.pattern for heading in headings]
    if len(flags) != 1 or any(_BACK_REFERENCE.search(source) for source in sources):
        return None
    try:
        return re.compile("|".join(f"(?:{source})" for source in sources), flags.pop())
    except re.error:  # a group name used twice
        return None


def split_sections(lines: Sequence[Line], headings: Sequence[Heading]) -> list[Section]:
    """Cut the body at each heading line; a heading repeated straight after itself (a table
    header that repeats the section title) stays inside its section."""
    sections: list[Section] = []
    current: tuple[Heading, Line] | None = None
    content: list[Line] = []
    any_heading = any_heading_pattern(headings)
    for line in lines:
        heading = match_heading(line, headings, any_heading)
        if heading is not None and (current is None or heading.key != current[0].key):
            if current is not None:
                sections.append(Section(current[0], current[1], tuple(content)))
            current, content = (heading, line), []
        elif current is not None:
            content.append(line)
    if current is not None:
        sections.append(Section(current[0], current[1], tuple(content)))
    return sections


def _starts_new_paragraph(previous: Line, line: Line) -> bool:
    if starts_with_bullet(line.text):
        return True
    if line.page != previous.page:
        return not runs_on(previous.text, line.text)
    return line.top - previous.bottom > _PARAGRAPH_GAP * line.size


def paragraphs(lines: Iterable[Line]) -> list[str]:
    """Group lines into paragraphs and bullet items (bullet glyphs removed), whitespace
    collapsed, line-break hyphens joined. A paragraph may run over a page break."""
    groups: list[list[str]] = []
    previous: Line | None = None
    for line in lines:
        text = line.text
        if not strip_bullet(text):
            continue
        if previous is None or _starts_new_paragraph(previous, line):
            groups.append([strip_bullet(text)])
        else:
            groups[-1].append(text)
        previous = line
    return [join_wrapped_lines(group) for group in groups]
