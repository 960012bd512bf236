"""What the parser reads of a page's text through PDFium: runs of characters in content order,
broken at PDFium's line ends, at jumps and across drawn column rules.

A page holds thousands of characters but only a few hundred text objects (show-text operations),
and a run breaks only where one text object gives way to the next or a line ends: characters of
one text object on one line are set side by side. So a line is read a text object at a time,
from PDFium's rectangles around them, and its characters are asked for only where a run breaks:
no Python loop per character, and none per text object but over the rectangles.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium

from sendscrape.parsers.pdfium_calls import Box, TextPageCalls
from sendscrape.parsers.text_lines import (
    GENERATED_SPACE,
    PageTooSlowError,
    last_visible,
    next_visible,
    rect_start,
    visible_lines,
)

_PDFIUM_LINE_BREAK_HYPHEN = "\ufffe"
_WHITESPACE = re.compile(r"\s+")
_NO_RECT = (0.0, 0.0, 0.0, 0.0)
_DEADLINE_CHECK_EVERY = 64


@dataclass(slots=True)
class TextRun:
    """A layout Segment while it is being read: text still being added, extent growing."""

    chars: list[str]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class ColumnRule:
    """A drawn vertical rule that no run crosses."""

    x0: float
    top: float
    bottom: float


def read_runs(
    textpage: pdfium.PdfTextPage,
    height: float,
    columns: Sequence[ColumnRule],
    deadline: float,
) -> list[TextRun]:
    """Runs in content order; `deadline` is a time.monotonic() value."""
    text = textpage.get_text_range().replace(_PDFIUM_LINE_BREAK_HYPHEN, "-")
    crossing = _ColumnCrossing(columns) if columns else None
    reader = _LineReader(text, TextPageCalls(textpage), height, crossing)
    runs: list[TextRun] = []
    for number, (first, last) in enumerate(visible_lines(text)):
        if number % _DEADLINE_CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise PageTooSlowError
        runs.extend(reader.line_runs(first, last))
    return runs


class _LineReader:
    """Reads the runs of one page's lines."""

    def __init__(
        self, text: str, calls: TextPageCalls, height: float, crossing: _ColumnCrossing | None
    ) -> None:
        self._text, self._calls, self._height, self._crossing = text, calls, height, crossing

    def line_runs(self, first: int, last: int) -> list[TextRun]:
        """The runs of a line whose visible characters run from `first` to `last`: its text
        objects' rectangles in order, a new run where one starts far from the run before."""
        found: list[TextRun] = []
        start, run = first, self._run_at(first)
        for index, rect in enumerate(self._calls.rects(first, last)):
            if rect == _NO_RECT:  # every character of the range has an empty box
                continue
            left, right, top, bottom = self._from_top(rect)
            if index > 0 and _breaks_run(run, left, top, bottom, self._crossing):
                boundary = rect_start(self._calls, first, last, index)
                end = last_visible(self._text, start, boundary)
                found.append(self._finished(run, start, end, trim=True))
                start = next_visible(self._text, boundary, last)
                run = self._run_at(start)
            _extend(run, right, top, bottom)
        found.append(self._finished(run, start, last, trim=False))
        return found

    def _run_at(self, first: int) -> TextRun:
        """A run starting at character `first`, as wide and tall as that character's box."""
        left, right, top, bottom = self._from_top(self._calls.char_box(first))
        return TextRun([], left, right, top, bottom, *self._calls.font(first))

    def _from_top(self, box: Box) -> Box:
        """A PDFium box (left, right, bottom, top; y up from the page's foot) as left, right,
        top, bottom measured down from the page's top."""
        left, right, pdf_bottom, pdf_top = box
        return left, right, self._height - pdf_top, self._height - pdf_bottom

    def _finished(self, run: TextRun, first: int, last: int, *, trim: bool) -> TextRun:
        """The run with its text, first..last; `trim`: its extent taken again over those
        characters alone (the rectangle of the text object it ended in may reach further, over
        spaces before the next run)."""
        run.chars.append(_visible_text(self._text[first : last + 1]))
        if trim:
            _, run.x1, run.top, run.bottom = self._from_top(self._calls.char_box(first))
            for rect in self._calls.rects(first, last):
                if rect != _NO_RECT:
                    _, right, top, bottom = self._from_top(rect)
                    _extend(run, right, top, bottom)
        return run


def _extend(run: TextRun, right: float, top: float, bottom: float) -> None:
    # Comparisons, not max()/min(): cheaper, and this runs for every text object's rectangle.
    if right > run.x1:  # noqa: PLR1730
        run.x1 = right
    if top < run.top:  # noqa: PLR1730
        run.top = top
    if bottom > run.bottom:  # noqa: PLR1730
        run.bottom = bottom


def _visible_text(piece: str) -> str:
    """Generated spaces dropped, each gap of whitespace one space."""
    if piece.isprintable() and "  " not in piece:  # every space but " " is unprintable
        return piece
    return _WHITESPACE.sub(" ", piece.replace(GENERATED_SPACE, ""))


class _ColumnCrossing:
    """Column rules sorted by x, to find the ones between two x positions without a scan."""

    def __init__(self, columns: Sequence[ColumnRule]) -> None:
        self._columns = sorted(columns, key=lambda rule: rule.x0)
        self._xs = [rule.x0 for rule in self._columns]

    def crosses(self, from_x: float, to_x: float, top: float, bottom: float) -> bool:
        """A rule at x in [from_x, to_x] spanning some of top..bottom."""
        for position in range(bisect_left(self._xs, from_x), len(self._xs)):
            rule = self._columns[position]
            if rule.x0 > to_x:
                return False
            if rule.top <= bottom and rule.bottom >= top:
                return True
        return False


def _breaks_run(
    run: TextRun, left: float, top: float, bottom: float, crossing: _ColumnCrossing | None
) -> bool:
    """A character far to the right, back to the left, on another baseline or across a drawn
    column rule starts a new run."""
    middle = (top + bottom) / 2
    if not run.top - run.size * 0.6 <= middle <= run.bottom + run.size * 0.3:
        return True
    if left < run.x1 - run.size or left > run.x1 + run.size * 1.5:
        return True
    return (
        crossing is not None
        and left > run.x1 + 1
        and crossing.crosses(run.x1 - 1, left + 1, top, bottom)
    )
