"""A page's PDFium text as lines of visible characters, and where along a line PDFium's text
rectangles (one for each text object, or show-text operation, a line passes through) begin."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sendscrape.parsers.pdfium_calls import TextPageCalls

GENERATED_SPACE = "\x02"
_LINE_END = re.compile(r"[\r\n\x00]")
_VISIBLE = re.compile(r"[^\s\x00\x02]")


class PageTooSlowError(Exception):
    """Reading a page ran past the time allowed for the whole PDF."""


def visible_lines(text: str) -> Iterator[tuple[int, int]]:
    """First and last visible character of each line of PDFium's text that has one."""
    start = 0
    ends = [match.start() for match in _LINE_END.finditer(text)]
    for end in [*ends, len(text)]:
        first = _VISIBLE.search(text, start, end)
        if first is not None:
            yield first.start(), last_visible(text, first.start(), end)
        start = end + 1


def last_visible(text: str, first: int, end: int) -> int:
    """The last visible character before `end`, at `first` or after it (which is visible)."""
    last = end - 1
    while last > first and (text[last].isspace() or text[last] == GENERATED_SPACE):
        last -= 1
    return last


def next_visible(text: str, start: int, last: int) -> int:
    """The first visible character from `start`, up to `last` (which is visible)."""
    found = _VISIBLE.search(text, start, last + 1)
    if found is None:
        raise ValueError("lost the line's last character")
    return found.start()


def rect_start(calls: TextPageCalls, first: int, last: int, index: int) -> int:
    """The character where rectangle `index` (counting from 0) of the characters first..last
    begins: the first one after `first` where the rectangle count passes `index`."""
    low, high = first + 1, last
    while low < high:
        middle = (low + high) // 2
        if calls.rect_count(first, middle) > index:
            high = middle
        else:
            low = middle + 1
    return low
