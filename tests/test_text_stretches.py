"""Reading a line a text object at a time: each stretch must hold one text object by PDFium's
own rectangle count, even where asking characters for their object misleads (an object that
comes back later in the line), and spaces and generated characters never start or end one."""

from __future__ import annotations

from itertools import pairwise
from typing import cast

from sendscrape.parsers.pdfium_calls import Box, TextPageCalls
from sendscrape.parsers.stretches import Stretch, stretches

NO_DEADLINE = float("inf")


class _Line:
    """PDFium's answers for a page whose characters belong to the text objects named in
    `objects` (one letter a character; '.' for a generated one, in no object)."""

    def __init__(self, objects: str) -> None:
        self.objects = objects

    def text_object(self, index: int) -> int | None:
        name = self.objects[index]
        return None if name == "." else ord(name)

    def rect_count(self, first: int, last: int) -> int:
        names = [name for name in self.objects[first : last + 1] if name != "."]
        return 1 + sum(1 for a, b in pairwise(names) if a != b)

    def rects(self, first: int, last: int) -> tuple[int, Box]:
        """The count, and a stand-in for the first rectangle that names the range counted."""
        return self.rect_count(first, last), (float(first), float(last), 0.0, 1.0)


def _stretches(text: str, objects: str) -> list[Stretch]:
    return list(stretches(text, cast(TextPageCalls, _Line(objects)), NO_DEADLINE))


def test_a_line_of_one_text_object_is_one_stretch() -> None:
    assert _stretches("Area SEND", "AAAAAAAAA") == [(0, 8, (0.0, 8.0, 0.0, 1.0), False)]


def test_objects_changing_inside_a_word_and_at_a_space() -> None:
    assert [(first, last) for first, last, _, _ in _stretches("Local area", "AAAAAABCCC")] == [
        (0, 4),
        (6, 6),
        (7, 9),
    ]


def test_an_object_that_comes_back_is_cut_where_the_rectangle_count_steps_up() -> None:
    found = _stretches("abcdef", "AABBAA")
    assert [(first, last, rect) for first, last, rect, _ in found] == [
        (0, 1, (0.0, 1.0, 0.0, 1.0)),
        (2, 3, (2.0, 3.0, 0.0, 1.0)),
        (4, 5, (4.0, 5.0, 0.0, 1.0)),
    ]


def test_a_line_end_and_generated_spaces() -> None:
    found = _stretches("ab\r\ncd\x02ef", "AA..BB.CC")
    assert [(first, last, line_start) for first, last, _, line_start in found] == [
        (0, 1, False),
        (4, 5, True),
        (7, 8, False),
    ]
