"""A page's text as stretches: the visible characters of one text object (one show-text
operation) on one line of PDFium's text, with PDFium's rectangle around them.

A line is cut where the text object of a word's first character changes; PDFium's rectangle
count then proves each stretch holds one text object, and a stretch that does not (an object
changing inside a word) is cut where the count steps up.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from sendscrape.parsers.pdfium_calls import Box, TextPageCalls

GENERATED_SPACE = "\x02"
_LINE_END = re.compile(r"[\r\n\x00]")
_VISIBLE = re.compile(r"[^\s\x00\x02]")
_DEADLINE_CHECK_EVERY = 64


class PageTooSlowError(Exception):
    """Reading a page ran past the time allowed for the whole PDF."""


# Visible characters first..last (hidden ones may lie between) of one text object, the box
# around them, and what came before: a line end, a space. (A plain tuple: there are thousands.)
Stretch = tuple[int, int, Box, bool, bool]


def stretches(text: str, calls: TextPageCalls, deadline: float) -> Iterator[Stretch]:
    """Every stretch of the page whose PDFium text is `text`, in order."""
    for number, (first, last) in enumerate(_lines(text)):
        if number % _DEADLINE_CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise PageTooSlowError
        yield from _line_stretches(text, calls, first, last, number > 0)


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
    text: str, calls: TextPageCalls, first: int, last: int, line_start: bool
) -> Iterator[Stretch]:
    """The stretches of a line whose visible characters run from `first` to `last`."""
    objects = _LineObjects(calls)
    space_before = False
    while True:
        end = _one_object(text, calls, objects, first, last)
        yield (first, end, calls.first_rect(), line_start, space_before)
        if end == last:
            return
        following = _VISIBLE.search(text, end + 1, last + 1)
        if following is None:  # `last` itself is visible
            raise ValueError("lost the line's last character")
        space_before = bool(text[end + 1 : following.start()].replace(GENERATED_SPACE, ""))
        first, line_start = following.start(), False


class _LineObjects:
    """The text objects of a line's characters, each asked of PDFium once: a search for where
    one object ends starts from what the searches before it found."""

    def __init__(self, calls: TextPageCalls) -> None:
        self._ask = calls.text_object
        self._known: dict[int, int | None] = {}

    def at(self, index: int) -> int | None:
        known = self._known
        if index not in known:
            known[index] = self._ask(index)
        return known[index]

    def change(self, target: int | None, first: int, last: int) -> int:
        """A character after `first`, up to `last` (which is in another text object than
        `target`), where the text object is not `target` while the one before it is."""
        low, high = first + 1, last
        for position, found in self._known.items():
            if low <= position < high:
                if found == target:
                    low = position + 1
                else:
                    high = position
        low, known, ask = min(low, high), self._known, self._ask
        while low < high:
            middle = (low + high) // 2
            found = known[middle] if middle in known else known.setdefault(middle, ask(middle))
            if found != target:
                high = middle
            else:
                low = middle + 1
        return low


def _one_object(
    text: str, calls: TextPageCalls, objects: _LineObjects, first: int, last: int
) -> int:
    """The last visible character of the stretch starting at `first`, whose rectangle count
    (one) PDFium has just made."""
    target = objects.at(first)
    if objects.at(last) == target:
        end = last
    else:
        end = _last_visible(text, first, objects.change(target, first, last))
    if calls.rect_count(first, end) > 1:  # a text object that came back, or a hidden one
        end = _last_visible(text, first, _next_rect(calls, first, end))
        calls.rect_count(first, end)
    return end


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
