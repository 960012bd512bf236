"""What the parser reads of a page's text through PDFium: runs of characters in content order,
broken at PDFium's line ends, at jumps and across drawn column rules.

A page holds thousands of characters but only a few hundred text objects (show-text operations),
and a run breaks only where one text object gives way to the next or a line ends: characters of
one text object on one line are set side by side. So the page is read a text object's stretch at
a time: the box of its first character decides whether a run breaks there, and PDFium's
rectangle around the stretch extends the run, leaving no Python loop per character.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium

from sendscrape.parsers.pdfium_calls import TextPageCalls
from sendscrape.parsers.stretches import GENERATED_SPACE, stretches

_PDFIUM_LINE_BREAK_HYPHEN = "\ufffe"
_WHITESPACE = re.compile(r"\s+")
_NO_RECT = (0.0, 0.0, 0.0, 0.0)


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
    calls = TextPageCalls(textpage)
    char_box, font = calls.char_box, calls.font
    crossing = _ColumnCrossing(columns) if columns else None
    runs: list[TextRun] = []
    spans: list[list[int]] = []  # each run's first and last character
    run: TextRun | None = None
    for first, last, rect, line_start in stretches(text, calls, deadline):
        left, right, pdf_bottom, pdf_top = char_box(first)
        top, bottom = height - pdf_top, height - pdf_bottom
        if run is None or line_start or _breaks_run(run, left, top, bottom, crossing):
            run = TextRun([], left, right, top, bottom, *font(first))
            runs.append(run)
            spans.append([first, last])
        else:
            _extend(run, right, top, bottom)
            spans[-1][1] = last
        if rect != _NO_RECT:  # PDFium's rectangle leaves out characters with an empty box
            _, rect_right, rect_bottom, rect_top = rect
            _extend(run, rect_right, height - rect_top, height - rect_bottom)
    for run, (first, last) in zip(runs, spans, strict=True):
        run.chars.append(_visible_text(text[first : last + 1]))
    return runs


def _extend(run: TextRun, right: float, top: float, bottom: float) -> None:
    # Comparisons, not max()/min(): cheaper, and this runs for every stretch.
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
