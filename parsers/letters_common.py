"""Structure shared by the letter-like SEND reports (2016-2022 letters and revisits, 2023
monitoring inspections): the body as headings, paragraphs and bullet items, cut into sections.

Headings are found by their look (bold, or larger than the body text), not by their wording, so
a heading the parser has never seen still opens a section of its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from sendscrape.parsers.blocks import BodyText, in_margin
from sendscrape.parsers.dates import find_date_ranges
from sendscrape.parsers.errors import ReportParseError
from sendscrape.parsers.layout import Document, Line
from sendscrape.parsers.text import (
    BULLET,
    NUMBER_WORDS,
    fold,
    join_wrapped_lines,
    normalise_text,
    runs_on,
    starts_with_bullet,
    starts_with_list_marker,
    strip_list_marker,
)

BlockKind = Literal["heading", "paragraph", "bullet"]

_PARAGRAPH_GAP = 0.25
_SAME_SIZE = 0.3
_MAX_LEADING = 1.6
_DEFAULT_LEADING = 1.25
_SMALL_TYPE = 2.5
_HEADING_MAX_CHARS = 200
_LARGER = 0.8
_INDENT = 3.0
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$", re.IGNORECASE)

_STRAIGHT_QUOTES = str.maketrans("‘’“”", "''\"\"")


@dataclass
class Block:
    """A heading, a paragraph or one bullet item, its lines joined."""

    kind: BlockKind
    lines: list[Line]

    @property
    def text(self) -> str:
        first, *rest = self.lines
        return join_wrapped_lines([strip_list_marker(first.text), *(line.text for line in rest)])


@dataclass
class LetterSection:
    """A heading (empty for the text before the first one) and the blocks under it."""

    heading: str
    size: float = 0.0
    blocks: list[Block] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [block.text for block in self.blocks]

    def leading_bullets(self) -> list[str]:
        """The bullet items that open the section (a list ends at the first paragraph)."""
        items = list(itertools.takewhile(lambda block: block.kind == "bullet", self.blocks))
        return [block.text for block in items]


def body_size(lines: Sequence[Line]) -> float:
    """The font size of most of the text."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _line_kind(line: Line, size: float) -> BlockKind:
    """A bullet glyph always starts an item; a numbered line in heading type ('1. Leadership')
    is a heading; any other list marker ('2.', '(b)', 'o', '–') starts an item."""
    text = line.text
    if starts_with_bullet(text):
        return "bullet"
    if (line.bold or line.size > size + _LARGER) and len(text) <= _HEADING_MAX_CHARS:
        return "heading"
    return "bullet" if starts_with_list_marker(text) else "paragraph"


def _continues(block: Block, line: Line, kind: BlockKind, spacing: float) -> bool:
    """Whether `line` carries on `block`: same kind of text in the same type, no further below
    the previous line than the usual spacing, and across a page break only when the block's
    sentence runs on."""
    previous = block.lines[-1]
    if kind == "bullet":
        return False
    if block.kind == "bullet":
        if kind != "paragraph" or not _continues_item(block, line):
            return False
    elif kind != block.kind or abs(line.size - previous.size) > _SAME_SIZE:
        return False
    if line.page != previous.page:
        return runs_on(previous.text, line.text)
    return _step(previous, line) <= (spacing + _PARAGRAPH_GAP) * line.size


def _continues_item(block: Block, line: Line) -> bool:
    """Whether a line without a marker can carry on a list item: indented past the marker
    (a hanging indent), or at the marker's own margin (Word exports that drop the indent) while
    the item's sentence runs on and none of its lines so far hung indented."""
    marker_x = block.lines[0].x0
    if line.x0 > marker_x + _INDENT:
        return True
    hanging = any(item_line.x0 > marker_x + _INDENT for item_line in block.lines[1:])
    return not hanging and runs_on(block.lines[-1].text, line.text)


def _step(previous: Line, line: Line) -> float:
    """Distance between two lines, robust to glyph heights ('care' has no ascender or
    descender): the smaller of the top-to-top and bottom-to-bottom distances."""
    return min(line.top - previous.top, line.bottom - previous.bottom)


def line_spacing(lines: Sequence[Line]) -> float:
    """The usual step from one line of a paragraph to the next, in type sizes (the leading
    ratio); steps longer than _MAX_LEADING sizes are gaps between paragraphs."""
    ratios: Counter[float] = Counter()
    for previous, line in itertools.pairwise(lines):
        if line.page == previous.page and abs(line.size - previous.size) <= _SAME_SIZE:
            ratio = _step(previous, line) / line.size
            if 0 < ratio <= _MAX_LEADING:
                ratios[round(ratio * 20) / 20] += 1
    return ratios.most_common(1)[0][0] if ratios else _DEFAULT_LEADING


def body_lines(document: Document, body: BodyText) -> list[Line]:
    """Every line of the document's `body` but bare page numbers and small type in the page
    margins (the footer of a one-page document, which nothing repeats)."""
    lines = body.lines
    size = body_size(lines)
    return [
        line
        for line in lines
        if not _PAGE_NUMBER.match(line.text.strip())
        and not (_in_margin(line, document) and _small_or_numbers(line, size))
    ]


def _small_or_numbers(line: Line, size: float) -> bool:
    return all(
        segment.size < size - _SMALL_TYPE or _PAGE_NUMBER.match(segment.text.strip())
        for segment in line.segments
    )


def _in_margin(line: Line, document: Document) -> bool:
    return in_margin(line, document.pages[line.page - 1].height)


def read_blocks(lines: Sequence[Line]) -> list[Block]:
    size = body_size(lines)
    spacing = line_spacing(lines)
    blocks: list[Block] = []
    for line in lines:
        if not strip_list_marker(line.text):
            continue
        kind = _line_kind(line, size)
        if blocks and _continues(blocks[-1], line, kind, spacing):
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block(kind, [line]))
    return blocks


def read_sections(document: Document, body: BodyText) -> list[LetterSection]:
    """The `body` cut at each heading; the first section (heading '') holds what comes before."""
    sections = [LetterSection("")]
    for block in read_blocks(body_lines(document, body)):
        if block.kind == "heading":
            sections.append(LetterSection(block.text, block.lines[0].size))
        else:
            sections[-1].blocks.append(block)
    return sections


def sections_field(sections: Sequence[LetterSection]) -> dict[str, tuple[str, ...]]:
    """The record's `sections`: heading -> paragraphs and '• ' bullet items; a heading that
    recurs (each aspect has its own 'Strengths') gathers the items of every occurrence."""
    gathered: dict[str, list[str]] = {}
    for section in sections:
        if not section.heading or not section.blocks:
            continue
        items = gathered.setdefault(section.heading, [])
        for block in section.blocks:
            items.append(f"{BULLET} {block.text}" if block.kind == "bullet" else block.text)
    return {heading: tuple(items) for heading, items in gathered.items()}


def all_blocks(sections: Iterable[LetterSection]) -> list[Block]:
    return [block for section in sections for block in section.blocks]


def all_texts(sections: Iterable[LetterSection]) -> list[str]:
    """Headings and blocks, in reading order."""
    texts: list[str] = []
    for section in sections:
        texts.extend([section.heading] if section.heading else [])
        texts.extend(section.texts())
    return texts


def subsections(sections: Sequence[LetterSection], parent: LetterSection) -> list[LetterSection]:
    """The sections after `parent` whose headings are in smaller type, up to the next heading
    as large as the parent's."""
    start = next(i for i, section in enumerate(sections) if section is parent) + 1
    children: list[LetterSection] = []
    for section in sections[start:]:
        if section.size >= parent.size - 0.1:
            break
        children.append(section)
    return children


def plain(text: str) -> str:
    """Whitespace collapsed and quotes straightened, case kept: what the wording patterns
    (compiled with re.IGNORECASE) are matched against."""
    text = normalise_text(text)
    return text.translate(_STRAIGHT_QUOTES)


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z'\"(])", plain(text))


def find_sentence(texts: Iterable[str], pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of `pattern` within one sentence of `texts`."""
    for text in texts:
        for sentence in sentences(text):
            match = pattern.search(sentence)
            if match:
                return match
    return None


def sections_headed(sections: Iterable[LetterSection], pattern: str) -> list[LetterSection]:
    """Sections whose folded heading matches `pattern` from its start."""
    compiled = re.compile(pattern)
    return [s for s in sections if s.heading and compiled.match(fold(s.heading))]


def count_word(word: str) -> int | None:
    """'three' or '3' -> 3; None for anything else."""
    word = word.strip().casefold()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def opening_dates(
    texts: list[str], opening: re.Pattern[str], source: str
) -> tuple[dt.date, dt.date]:
    """The dates of the letter's opening sentence ('Between 1 October 2018 and 5 October 2018,
    Ofsted and the CQC conducted...'); never a date printed elsewhere (the letter's own date)."""
    match = find_sentence(texts, opening)
    ranges = find_date_ranges(match.string) if match else []
    if not ranges:
        raise ReportParseError(
            source,
            "inspection dates",
            f"no opening sentence with dates matching {opening.pattern!r}",
        )
    return ranges[0]
