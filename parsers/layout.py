"""The geometry of a PDF's text: lines of positioned text segments and the ruling lines drawn
on each page, read with PDFium (fast) rather than pdfminer.

Coordinates are PDF points with the origin at the top-left of the page (like pdfplumber):
`top` grows down the page.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

import pypdfium2 as pdfium

from sendscrape.parsers.errors import NotAPdfError, ParseLimitExceeded
from sendscrape.parsers.limits import DEFAULT_LIMITS, ParseLimits
from sendscrape.parsers.page_paths import Bounds, TooManyObjectsError, path_bounds
from sendscrape.parsers.pdfium_page import ColumnRule, TextRun, read_runs
from sendscrape.parsers.text_lines import PageTooSlowError

_RULE_THICKNESS = 2.5


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
    """Segments sharing a baseline, left to right. (Its text and extent are worked out once, as
    it is made: the parsers ask for them again and again.)"""

    page: int
    segments: tuple[Segment, ...]
    text: str = field(init=False, compare=False, repr=False)
    top: float = field(init=False, compare=False, repr=False)
    bottom: float = field(init=False, compare=False, repr=False)
    size: float = field(init=False, compare=False, repr=False)
    bold: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        segments = self.segments
        if len(segments) == 1:  # most lines
            only = segments[0]
            text, top, bottom, size, bold = only.text, only.top, only.bottom, only.size, only.bold
        else:
            text = " ".join([s.text for s in segments])
            top, bottom = min([s.top for s in segments]), max([s.bottom for s in segments])
            size, bold = max([s.size for s in segments]), all([s.bold for s in segments])
        set_field = object.__setattr__
        set_field(self, "text", text)
        set_field(self, "top", top)
        set_field(self, "bottom", bottom)
        set_field(self, "size", size)
        set_field(self, "bold", bold)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1


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


def load_pdf(pdf: bytes | Path, source: str | None = None) -> tuple[bytes, str]:
    """The PDF's bytes and the name its errors give: `source`, else the path."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return data, source or (str(pdf) if isinstance(pdf, Path) else "<bytes>")


def read_document(
    pdf: bytes | Path,
    source: str | None = None,
    limits: ParseLimits = DEFAULT_LIMITS,
    deadline: float | None = None,
) -> Document:
    """Read every page's text lines and rules. Raises NotAPdfError for bytes PDFium cannot open
    and ParseLimitExceeded for a PDF beyond `limits`; the time limit runs from now, or up to
    `deadline` (a time.monotonic() value) for a caller with stages of its own."""
    deadline = time.monotonic() + limits.seconds if deadline is None else deadline
    data, name = load_pdf(pdf, source)
    if not data.startswith(b"%PDF-"):
        head = data[:40].decode("latin-1", "replace").strip()
        raise NotAPdfError(name, f"not a PDF (starts with {head!r})")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise NotAPdfError(name, f"unreadable PDF ({error})") from error
    try:
        pages = _read_pages(document, name, limits, deadline)
    finally:
        document.close()
    if not pages:
        raise NotAPdfError(name, "PDF has no pages")
    return Document(source=name, sha256=hashlib.sha256(data).hexdigest(), pages=pages)


def _read_pages(
    document: pdfium.PdfDocument, name: str, limits: ParseLimits, deadline: float
) -> tuple[Page, ...]:
    count = len(document)
    if count > limits.max_pages:
        raise ParseLimitExceeded(name, "max_pages", f"{count} pages, more than {limits.max_pages}")
    pages: list[Page] = []
    for index in range(count):
        try:
            pages.append(_read_page(document[index], index + 1, limits, deadline))
        except TooManyObjectsError as error:
            reason = f"page {index + 1} holds more than {limits.max_page_objects} objects"
            raise ParseLimitExceeded(name, "max_page_objects", reason) from error
        except PageTooSlowError as error:
            reason = f"still reading page {index + 1} after {limits.seconds:g} s"
            raise ParseLimitExceeded(name, "seconds", reason) from error
        except pdfium.PdfiumError as error:
            raise NotAPdfError(name, f"unreadable page {index + 1} ({error})") from error
    return tuple(pages)


def _read_page(page: pdfium.PdfPage, number: int, limits: ParseLimits, deadline: float) -> Page:
    if time.monotonic() > deadline:
        raise PageTooSlowError
    height = page.get_height()
    rules, boxes = _read_rules(path_bounds(page, limits.max_page_objects, deadline), height)
    textpage = page.get_textpage()
    try:
        columns = tuple(ColumnRule(r.x0, r.top, r.bottom) for r in rules if r.vertical)
        runs = list(read_runs(textpage, height, columns, deadline))
    finally:
        textpage.close()
    lines = _group_lines(runs, number, rules)
    return Page(number, page.get_width(), height, lines, rules, boxes)


def _read_rules(paths: list[Bounds], height: float) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    rules: list[Rule] = []
    boxes: list[Rule] = []
    for left, bottom, right, top in paths:
        shape = Rule(left, height - top, right, height - bottom)
        if shape.horizontal or shape.vertical:
            rules.append(shape)
        else:
            boxes.append(shape)
    return tuple(rules), tuple(boxes)


def _group_lines(runs: list[TextRun], number: int, rules: tuple[Rule, ...]) -> tuple[Line, ...]:
    """Cluster runs into lines by vertical overlap, then merge touching runs into segments."""
    clusters: list[list[TextRun]] = []
    for run in sorted(runs, key=attrgetter("bottom", "x0")):
        target = _line_for(clusters, run)
        if target is None:
            clusters.append([run])
        else:
            target.append(run)
    columns = tuple(rule for rule in rules if rule.vertical)
    lines = [Line(number, _merge_segments(_left_to_right(c), columns)) for c in clusters]
    return tuple(sorted(lines, key=attrgetter("top", "x0")))


def _line_for(clusters: list[list[TextRun]], run: TextRun) -> list[TextRun] | None:
    """The latest line the run belongs to. Runs come in order of their bottom edge, so the lines'
    first runs do too: once one ends above the run's top, no earlier line can overlap it."""
    for cluster in reversed(clusters):
        if _same_line(cluster, run):
            return cluster
        if cluster[0].bottom <= run.top:
            return None
    return None


def _same_line(cluster: list[TextRun], run: TextRun) -> bool:
    """Overlaps the line's first run by half a line: a tall glyph cannot join two lines."""
    anchor = cluster[0]
    overlap = min(anchor.bottom, run.bottom) - max(anchor.top, run.top)
    return overlap > 0.5 * min(anchor.bottom - anchor.top, run.bottom - run.top, anchor.size)


def _left_to_right(runs: list[TextRun]) -> list[TextRun]:
    return runs if len(runs) == 1 else sorted(runs, key=attrgetter("x0"))


def _merge_segments(runs: list[TextRun], columns: tuple[Rule, ...]) -> tuple[Segment, ...]:
    """Touching runs of one line as segments; `columns` are the page's vertical rules. (A run is
    copied only when another joins it: most stand alone.)"""
    segments: list[Segment] = []
    current, copied = runs[0], False
    for run in runs[1:]:
        if not _touches(current, run, columns):
            segments.append(_segment(current))
            current, copied = run, False
            continue
        if not copied:
            current, copied = _copy(current), True
        _join(current, run)
    segments.append(_segment(current))
    return tuple(segments)


def _touches(current: TextRun, run: TextRun, columns: tuple[Rule, ...]) -> bool:
    gap = run.x0 - current.x1
    return gap < max(current.size, run.size) * 1.2 and not _rule_between(current, run, columns)


def _join(current: TextRun, run: TextRun) -> None:
    """Add the run to its left neighbour `current`, with a space between unless they touch."""
    if not run.x0 - current.x1 < current.size * 0.12:
        current.chars.append(" ")
    current.chars.extend(run.chars)
    current.x1 = max(current.x1, run.x1)
    current.top = min(current.top, run.top)
    current.bottom = max(current.bottom, run.bottom)
    current.size = max(current.size, run.size)
    current.bold = current.bold and run.bold


def _copy(run: TextRun) -> TextRun:
    return TextRun(list(run.chars), run.x0, run.x1, run.top, run.bottom, run.size, run.bold)


def _rule_between(left: TextRun, right: TextRun, columns: tuple[Rule, ...]) -> bool:
    return any(
        left.x1 - 1 <= rule.x0 <= right.x0 + 1
        and rule.top <= left.bottom
        and rule.bottom >= left.top
        for rule in columns
    )


def _segment(run: TextRun) -> Segment:
    text = "".join(run.chars).strip()
    return Segment(text, run.x0, run.x1, run.top, run.bottom, round(run.size, 1), run.bold)
