"""What the parser reads of a page through PDFium: runs of characters (in content order, broken
at PDFium's line ends, at jumps and across drawn column rules) and the bounds of drawn paths.

Both go through PDFium's C API in tight loops with reused buffers: a page holds thousands of
characters and objects, and the Python helpers allocate and check on every call.
"""

from __future__ import annotations

import ctypes
import struct
import time
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_BOLD_WEIGHT = 600
_FONT_NAME_BUFFER = 128
_PDFIUM_LINE_BREAK_HYPHEN = "\ufffe"
_LINE_ENDS = frozenset("\r\n\x00")
_GENERATED_SPACE = "\x02"
_INVISIBLE = _LINE_ENDS | {_GENERATED_SPACE}
_DEADLINE_CHECK_EVERY = 4096
_FOUR_DOUBLES = struct.Struct("4d")
_FOUR_FLOATS = struct.Struct("4f")
_MAX_FORM_DEPTH = 15


class PageTooSlowError(Exception):
    """Reading a page's characters ran past the time allowed for the whole PDF."""


@dataclass(slots=True)
class TextRun:
    """A layout Segment while it is being read: characters still being added, extent growing."""

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


_SPACE_BEFORE = 1
_LINE_START = 2


def _untyped(function: ctypes._CFunctionType) -> ctypes._CFunctionType:
    """The same C function, called with plain pointers: pypdfium2's typed binding converts each
    argument on every call, which costs more than the call itself."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise ImportError("a PDFium function is missing from pypdfium2")
    return ctypes.CFUNCTYPE(ctypes.c_int)(address)


_GET_CHAR_BOX = _untyped(pdfium_c.FPDFText_GetCharBox)


@dataclass(frozen=True)
class _VisibleChars:
    """Characters that carry a box: their indices in PDFium's list, their text, and whether a
    space (_SPACE_BEFORE) or a line end (_LINE_START) came before each."""

    indices: list[int]
    texts: list[str]
    flags: list[int]


def read_runs(
    textpage: pdfium.PdfTextPage,
    height: float,
    columns: Sequence[ColumnRule],
    deadline: float,
) -> Iterator[TextRun]:
    """Runs in content order; `deadline` is a time.monotonic() value."""
    chars = _visible_chars(textpage.get_text_range())
    boxes = _char_boxes(textpage, chars.indices, deadline)
    crossing = _ColumnCrossing(columns) if columns else None
    run: TextRun | None = None
    for index, text, flag, (left, right, pdf_bottom, pdf_top) in zip(
        chars.indices, chars.texts, chars.flags, boxes, strict=True
    ):
        top, bottom = height - pdf_top, height - pdf_bottom
        if run is not None and (
            flag == _LINE_START or _breaks_run(run, left, top, bottom, crossing)
        ):
            yield run
            run = None
        if run is None:
            run = TextRun([], left, right, top, bottom, *_font(textpage, index))
        elif flag == _SPACE_BEFORE:
            run.chars.append(" ")
        run.chars.append(text)
        # Comparisons, not max()/min(): three builtin calls per character cost a third of the loop.
        if right > run.x1:  # noqa: PLR1730
            run.x1 = right
        if top < run.top:  # noqa: PLR1730
            run.top = top
        if bottom > run.bottom:  # noqa: PLR1730
            run.bottom = bottom
    if run is not None:
        yield run


def _visible_chars(text: str) -> _VisibleChars:
    chars = _VisibleChars([], [], [])
    text = text.replace(_PDFIUM_LINE_BREAK_HYPHEN, "-")
    invisible = {char for char in set(text) if char.isspace() or char in _INVISIBLE}
    flag = 0
    for index, char in enumerate(text):
        if char not in invisible:
            chars.indices.append(index)
            chars.texts.append(char)
            chars.flags.append(flag)
            flag = 0
        elif char in _LINE_ENDS:
            flag = _LINE_START
        elif flag == 0 and char != _GENERATED_SPACE:
            flag = _SPACE_BEFORE
    return chars


def _char_boxes(
    textpage: pdfium.PdfTextPage, indices: list[int], deadline: float
) -> list[tuple[float, float, float, float]]:
    """(left, right, bottom, top) of each character, in PDF coordinates."""
    buffer = (ctypes.c_double * 4)()
    address = ctypes.addressof(buffer)
    left, right, bottom, top = (ctypes.c_void_p(address + 8 * k) for k in range(4))
    handle = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    get_box, unpack = _GET_CHAR_BOX, _FOUR_DOUBLES.unpack_from
    boxes: list[tuple[float, float, float, float]] = []
    for start in range(0, len(indices), _DEADLINE_CHECK_EVERY):
        if time.monotonic() > deadline:
            raise PageTooSlowError
        for index in indices[start : start + _DEADLINE_CHECK_EVERY]:
            if not get_box(handle, index, left, right, bottom, top):
                raise pdfium.PdfiumError(f"no box for character {index}")
            boxes.append(unpack(buffer))
    return boxes


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


def _font(textpage: pdfium.PdfTextPage, index: int) -> tuple[float, bool]:
    """Size and boldness of the character's font."""
    size: float = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
    return size, _font_is_bold(textpage, index)


def _font_is_bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= _BOLD_WEIGHT:
        return True
    buffer = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(
        textpage.raw, index, buffer, _FONT_NAME_BUFFER, ctypes.byref(flags)
    )
    return b"bold" in buffer.value.lower()


def path_bounds(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every path object, in content order, including those inside
    form XObjects (nested up to 15 deep)."""
    buffer = (ctypes.c_float * 4)()
    address = ctypes.addressof(buffer)
    float_p = ctypes.POINTER(ctypes.c_float)
    pointers = tuple(ctypes.cast(address + 4 * k, float_p) for k in range(4))
    found: list[tuple[float, float, float, float]] = []

    def visit(objects: Iterator[ctypes.c_void_p], level: int) -> None:
        for obj in objects:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                if not pdfium_c.FPDFPageObj_GetBounds(obj, *pointers):
                    raise pdfium.PdfiumError("cannot locate a drawn path")
                found.append(_FOUR_FLOATS.unpack_from(buffer))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < _MAX_FORM_DEPTH - 1:
                visit(_children(obj), level + 1)

    visit(_children(None, page), 0)
    return found


def _children(
    form: ctypes.c_void_p | None, page: pdfium.PdfPage | None = None
) -> Iterator[ctypes.c_void_p]:
    """The objects of a form XObject, or of the page when `form` is None."""
    if form is None:
        count, get = pdfium_c.FPDFPage_CountObjects(page), pdfium_c.FPDFPage_GetObject
        parent: object = page
    else:
        count, get = pdfium_c.FPDFFormObj_CountObjects(form), pdfium_c.FPDFFormObj_GetObject
        parent = form
    if count < 0:
        raise pdfium.PdfiumError("cannot count the page's objects")
    for index in range(count):
        obj = get(parent, index)
        if not obj:
            raise pdfium.PdfiumError("cannot read a page object")
        yield obj
