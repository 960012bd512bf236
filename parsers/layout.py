"""The geometry of a PDF's text: lines of positioned text segments and the ruling lines drawn
on each page, read with PDFium (fast) rather than pdfminer.

Coordinates are PDF points with the origin at the top-left of the page (like pdfplumber):
`top` grows down the page.
"""

from __future__ import annotations

import ctypes
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from sendscrape.parsers.errors import NotAPdfError

_PATH_OBJECT = 2
_RULE_THICKNESS = 2.5
_BOLD_WEIGHT = 600
_FONT_NAME_BUFFER = 128
_PDFIUM_LINE_BREAK_HYPHEN = "\ufffe"


@dataclass(frozen=True)
class Segment:
    """A run of text on one line with no large gap inside: a line of prose or of one cell."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Line:
    """Segments sharing a baseline, left to right."""

    page: int
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def size(self) -> float:
        return max(s.size for s in self.segments)

    @property
    def bold(self) -> bool:
        return all(s.bold for s in self.segments)


@dataclass(frozen=True)
class Rule:
    """A drawn horizontal or vertical line (or the edge of a thin filled rectangle)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top <= _RULE_THICKNESS

    @property
    def vertical(self) -> bool:
        return self.x1 - self.x0 <= _RULE_THICKNESS


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    rules: tuple[Rule, ...]
    boxes: tuple[Rule, ...] = field(default=())


@dataclass(frozen=True)
class Document:
    source: str
    sha256: str
    pages: tuple[Page, ...]

    def lines(self) -> Iterator[Line]:
        for page in self.pages:
            yield from page.lines


@dataclass
class _Run:
    chars: list[str]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


def read_document(pdf: bytes | Path, source: str | None = None) -> Document:
    """Read every page's text lines and rules. Raises NotAPdfError for bytes PDFium cannot open."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    name = source or (str(pdf) if isinstance(pdf, Path) else "<bytes>")
    if not data.startswith(b"%PDF-"):
        head = data[:40].decode("latin-1", "replace").strip()
        raise NotAPdfError(name, f"not a PDF (starts with {head!r})")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise NotAPdfError(name, f"unreadable PDF ({error})") from error
    try:
        pages = tuple(_read_page(document[i], i + 1) for i in range(len(document)))
    finally:
        document.close()
    if not pages:
        raise NotAPdfError(name, "PDF has no pages")
    return Document(source=name, sha256=hashlib.sha256(data).hexdigest(), pages=pages)


def _read_page(page: pdfium.PdfPage, number: int) -> Page:
    height = page.get_height()
    rules, boxes = _read_rules(page, height)
    textpage = page.get_textpage()
    try:
        columns = tuple(rule for rule in rules if rule.vertical)
        runs = list(_read_runs(textpage, height, columns))
    finally:
        textpage.close()
    lines = _group_lines(runs, number, rules)
    return Page(number, page.get_width(), height, lines, rules, boxes)


def _read_rules(page: pdfium.PdfPage, height: float) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    rules: list[Rule] = []
    boxes: list[Rule] = []
    for obj in page.get_objects(filter=[_PATH_OBJECT]):
        left, bottom, right, top = obj.get_bounds()
        shape = Rule(left, height - top, right, height - bottom)
        if shape.horizontal or shape.vertical:
            rules.append(shape)
        else:
            boxes.append(shape)
    return tuple(rules), tuple(boxes)


def _font_is_bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= _BOLD_WEIGHT:
        return True
    buffer = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(
        textpage.raw, index, buffer, _FONT_NAME_BUFFER, ctypes.byref(flags)
    )
    return b"bold" in buffer.value.lower()


def _read_runs(
    textpage: pdfium.PdfTextPage, height: float, columns: tuple[Rule, ...]
) -> Iterator[_Run]:
    """Runs of characters in content order, broken at PDFium's line ends and at jumps."""
    text = textpage.get_text_range()
    run: _Run | None = None
    pending_space = False
    for index, char in enumerate(text):
        if char in "\r\n\x00":
            if run is not None:
                yield run
            run, pending_space = None, False
            continue
        if char.isspace() or char == "\x02":
            pending_space = pending_space or char != "\x02"
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        if run is not None and _breaks_run(run, left, height - top, height - bottom, columns):
            yield run
            run = None
        if run is None:
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
            run = _Run(
                [], left, right, height - top, height - bottom, size, _font_is_bold(textpage, index)
            )
        elif pending_space:
            run.chars.append(" ")
        run.chars.append("-" if char == _PDFIUM_LINE_BREAK_HYPHEN else char)
        run.x1 = max(run.x1, right)
        run.top = min(run.top, height - top)
        run.bottom = max(run.bottom, height - bottom)
        pending_space = False
    if run is not None:
        yield run


def _breaks_run(
    run: _Run, left: float, top: float, bottom: float, columns: tuple[Rule, ...]
) -> bool:
    """A character far to the right, back to the left, on another baseline or across a drawn
    column rule starts a new run."""
    middle = (top + bottom) / 2
    if not run.top - run.size * 0.6 <= middle <= run.bottom + run.size * 0.3:
        return True
    if left < run.x1 - run.size or left > run.x1 + run.size * 1.5:
        return True
    return left > run.x1 + 1 and any(
        run.x1 - 1 <= rule.x0 <= left + 1 and rule.top <= bottom and rule.bottom >= top
        for rule in columns
    )


def _group_lines(runs: list[_Run], number: int, rules: tuple[Rule, ...]) -> tuple[Line, ...]:
    """Cluster runs into lines by vertical overlap, then merge touching runs into segments."""
    clusters: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.bottom, r.x0)):
        target = next((c for c in reversed(clusters) if _same_line(c, run)), None)
        if target is None:
            clusters.append([run])
        else:
            target.append(run)
    lines = [Line(number, _merge_segments(sorted(c, key=lambda r: r.x0), rules)) for c in clusters]
    return tuple(sorted(lines, key=lambda line: (line.top, line.x0)))


def _same_line(cluster: list[_Run], run: _Run) -> bool:
    """Overlaps the line's first run by half a line: a tall glyph cannot join two lines."""
    anchor = cluster[0]
    overlap = min(anchor.bottom, run.bottom) - max(anchor.top, run.top)
    return overlap > 0.5 * min(anchor.bottom - anchor.top, run.bottom - run.top, anchor.size)


def _merge_segments(runs: list[_Run], rules: tuple[Rule, ...]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    current = runs[0]
    for run in runs[1:]:
        gap = run.x0 - current.x1
        if gap < max(current.size, run.size) * 1.2 and not _rule_between(current, run, rules):
            joiner = "" if gap < current.size * 0.12 else " "
            current = _Run(
                current.chars + list(joiner) + run.chars,
                current.x0,
                max(current.x1, run.x1),
                min(current.top, run.top),
                max(current.bottom, run.bottom),
                max(current.size, run.size),
                current.bold and run.bold,
            )
        else:
            segments.append(_segment(current))
            current = run
    segments.append(_segment(current))
    return tuple(segments)


def _rule_between(left: _Run, right: _Run, rules: tuple[Rule, ...]) -> bool:
    return any(
        rule.vertical
        and left.x1 - 1 <= rule.x0 <= right.x0 + 1
        and rule.top <= left.bottom
        and rule.bottom >= left.top
        for rule in rules
    )


def _segment(run: _Run) -> Segment:
    text = "".join(run.chars).strip()
    return Segment(text, run.x0, run.x1, run.top, run.bottom, round(run.size, 1), run.bold)
