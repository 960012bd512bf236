"""A page's text as stretches: the visible characters of one text object (one show-text
operation) on one line of PDFium's text, with PDFium's rectangle around them.

A line is cut where the text object of a word's first character changes; PDFium's rectangle
count then proves each stretch holds one text object, and a stretch that does not (an object
changing inside a word) is cut where the count steps up.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

from sendscrape.parsers.pdfium_calls import Box, TextPageCalls

GENERATED_SPACE = "\x02"
_LINE_END = re.compile(r"[\r\n\x00]")
_VISIBLE = re.compile(r"[^\s\x00\x02]")
_DEADLINE_CHECK_EVERY = 64


class PageTooSlowError(Exception):
    """Reading a page ran past the time allowed for the whole PDF."""


# Visible characters first..last (hidden ones may lie between) of one text object, the box
# around them, and whether a line end came before. (A plain tuple: there are thousands.)
Stretch = tuple[int, int, Box, bool]
# Characters after a stretch whose text object a search asked of PDFium, and that object: the
# nearest last (a stack, since searches move right along a line).
_Ahead = list[tuple[int, int | None]]


def stretches(text: str, calls: TextPageCalls, deadline: float) -> list[Stretch]:
    """Every stretch of the page whose PDFium text is `text`, in order."""
    found: list[Stretch] = []
    for number, (first, last) in enumerate(_lines(text)):
        if number % _DEADLINE_CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise PageTooSlowError
        _line_stretches(text, calls, first, last, after_line=number > 0, found=found)
    return found


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """First and last visible character of each line of PDFium's text that has one."""
    start = 0
    ends = [match.start() for match in _LINE_END.finditer(text)]
    for end in [*ends, len(text)]:
        first = _VISIBLE.search(text, start, end)
        if first is not None:
            yield first.start(), _last_visible(text, first.start(), end)
        start = end + 1


def _line_stretches(
    text: str,
    calls: TextPageCalls,
    first: int,
    last: int,
    *,
    after_line: bool,
    found: list[Stretch],
) -> None:
    """Adds the stretches of a line whose visible characters run from `first` to `last` (the
    first of them starts a line, unless it is the page's first line)."""
    ask, line_start = calls.text_object, after_line
    line_object = ask(last)
    ahead: _Ahead = []
    while True:
        while ahead and ahead[-1][0] < first:
            ahead.pop()
        if ahead and ahead[-1][0] == first:
            target = ahead.pop()[1]
        else:
            target = line_object if first == last else ask(first)
        end = last
        if target != line_object:
            end = _last_visible(text, first, _object_change(ahead, ask, target, first, last))
        count, rect = calls.rects(first, end)
        if count > 1:  # a text object that came back, or a hidden one
            end = _last_visible(text, first, _next_rect(calls, first, end))
            _, rect = calls.rects(first, end)
        found.append((first, end, rect, line_start))
        if end == last:
            return
        following = _VISIBLE.search(text, end + 1, last + 1)
        if following is None:  # `last` itself is visible
            raise ValueError("lost the line's last character")
        first, line_start = following.start(), False


def _object_change(
    ahead: _Ahead, ask: Callable[[int], int | None], target: int | None, first: int, last: int
) -> int:
    """A character after `first`, up to `last` (which is in another text object than `target`),
    where the text object is not `target` while the one before it is. The search starts from
    what earlier searches on the line found ahead of `first`, and leaves what it finds there."""
    low, high = first + 1, last
    while ahead:
        position, found = ahead[-1]
        if found != target:
            high = position
            break
        low = position + 1
        ahead.pop()
    while low < high:
        middle = (low + high) // 2
        found = ask(middle)
        if found != target:
            high = middle
            ahead.append((middle, found))
        else:
            low = middle + 1
    return low


def _last_visible(text: str, first: int, end: int) -> int:
    """The last visible character before `end`, at `first` or after it (which is visible)."""
    last = end - 1
    while last > first and (text[last].isspace() or text[last] == GENERATED_SPACE):
        last -= 1
    return last


def _next_rect(calls: TextPageCalls, first: int, last: int) -> int:
    """The first character after `first` (up to `last`) where the rectangle count steps up."""
    low, high = first + 1, last
    while low < high:
        middle = (low + high) // 2
        if calls.rect_count(first, middle) > 1:
            high = middle
        else:
            low = middle + 1
    return low
