"""A page's PDFium text as lines of visible characters, and where a text object's rectangle
begins along a line: PDFium's own rectangle count decides, even where an object comes back later
in the line or a character between has an empty box."""

from __future__ import annotations

from itertools import pairwise
from typing import cast

import pytest

from sendscrape.parsers.pdfium_calls import TextPageCalls
from sendscrape.parsers.text_lines import last_visible, next_visible, rect_start, visible_lines


class _Rectangles:
    """PDFium's rectangle count for a page whose characters belong to the text objects named in
    `objects` (one letter a character; '.' for one with an empty box, in no rectangle)."""

    def __init__(self, objects: str) -> None:
        self.objects = objects

    def rect_count(self, first: int, last: int) -> int:
        names = [name for name in self.objects[first : last + 1] if name != "."]
        return 1 + sum(1 for a, b in pairwise(names) if a != b)


def _calls(objects: str) -> TextPageCalls:
    return cast(TextPageCalls, _Rectangles(objects))


def test_lines_skip_spaces_generated_spaces_and_empty_lines() -> None:
    text = " Area\x02 SEND \r\n\r\n\x02\x02\r\nLocal area"
    assert list(visible_lines(text)) == [(1, 10), (20, 29)]
    assert text[1 : 10 + 1] == "Area\x02 SEND"


def test_last_and_next_visible_step_over_spaces_and_generated_spaces() -> None:
    text = "ab \x02 cd"
    assert last_visible(text, 0, 5) == 1
    assert next_visible(text, 2, 6) == 5


def test_next_visible_refuses_a_line_that_ends_in_nothing_visible() -> None:
    with pytest.raises(ValueError, match="lost the line's last character"):
        next_visible("ab  ", 2, 3)


def test_rect_start_finds_where_each_text_object_begins() -> None:
    calls = _calls("AAAAAABCCC")
    assert [rect_start(calls, 0, 9, index) for index in (1, 2)] == [6, 7]


def test_rect_start_counts_an_object_that_comes_back_as_a_new_rectangle() -> None:
    calls = _calls("AABBAA")
    assert [rect_start(calls, 0, 5, index) for index in (1, 2)] == [2, 4]


def test_rect_start_passes_over_characters_with_an_empty_box() -> None:
    calls = _calls("AA..BB")
    assert rect_start(calls, 0, 5, 1) == 4
