"""PDFium's text-page calls the parser makes by the thousand, bound once without pypdfium2's
per-call argument conversion (which costs more than the call itself), with reused buffers.

Boxes are (left, right, bottom, top) in PDF coordinates, as FPDFText_GetCharBox gives them.
"""

from __future__ import annotations

import ctypes
import struct
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_FOUR_DOUBLES = struct.Struct("4d")
Box = tuple[float, float, float, float]


def untyped(
    function: ctypes._CFunctionType,
    result: type[ctypes._SimpleCData[Any]] = ctypes.c_int,
    *arguments: type[ctypes._SimpleCData[Any]],
) -> ctypes._CFunctionType:
    """The same C function, called with plain pointers and ints (or these `arguments`, declared:
    then an address may be passed as a Python int), without letting go of the GIL: these calls
    are short, and releasing and taking back the GIL costs more than most of them."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise ImportError("a PDFium function is missing from pypdfium2")
    return ctypes.PYFUNCTYPE(result, *arguments)(address)


_GET_CHAR_BOX = untyped(pdfium_c.FPDFText_GetCharBox)
_COUNT_RECTS = untyped(pdfium_c.FPDFText_CountRects)
_GET_RECT = untyped(pdfium_c.FPDFText_GetRect)
_GET_FONT_SIZE = untyped(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_GET_FONT_WEIGHT = untyped(pdfium_c.FPDFText_GetFontWeight)
_GET_FONT_INFO = untyped(pdfium_c.FPDFText_GetFontInfo)
_BOLD_WEIGHT = 600
_FONT_NAME_BUFFER = 128


class TextPageCalls:
    """Character boxes and PDFium's text rectangles of one text page.

    PDFium's rectangles over a range of characters are one per text object (one show-text
    operation), each the union of its characters' boxes, leaving out generated characters and
    those with an empty box."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        # Arguments converted once (ctypes' own CArgObjects), not on every call.
        self._handle = ctypes.c_void_p.from_param(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        self._buffer = (ctypes.c_double * 4)()
        self._out = tuple(ctypes.byref(self._buffer, 8 * k) for k in range(4))
        self._font_name = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
        self._font_flags = ctypes.byref(ctypes.c_int())

    def char_box(self, index: int) -> Box:
        left, right, bottom, top = self._out
        if not _GET_CHAR_BOX(self._handle, index, left, right, bottom, top):
            raise pdfium.PdfiumError(f"no box for character {index}")
        box: Box = _FOUR_DOUBLES.unpack_from(self._buffer)
        return box

    def font(self, index: int) -> tuple[float, bool]:
        """Size and boldness of the character's font: bold by weight, or by name."""
        size: float = _GET_FONT_SIZE(self._handle, index)
        if _GET_FONT_WEIGHT(self._handle, index) >= _BOLD_WEIGHT:
            return size, True
        self._font_name.value = b""
        _GET_FONT_INFO(self._handle, index, self._font_name, _FONT_NAME_BUFFER, self._font_flags)
        return size, b"bold" in self._font_name.value.lower()

    def rect_count(self, first: int, last: int) -> int:
        """How many text-object rectangles the characters first..last (inclusive) make."""
        count: int = _COUNT_RECTS(self._handle, first, last - first + 1)
        if count < 1:
            raise pdfium.PdfiumError(f"no text rectangles for characters {first}-{last}")
        return count

    def rects(self, first: int, last: int) -> list[Box]:
        """PDFium's text-object rectangles over the characters first..last (inclusive), in
        order: one a text object, the union of its characters' boxes but for generated ones and
        those with an empty box ((0, 0, 0, 0) when every one is empty)."""
        found: list[Box] = []
        left, top, right, bottom = self._out
        for index in range(self.rect_count(first, last)):
            if not _GET_RECT(self._handle, index, left, top, right, bottom):
                raise pdfium.PdfiumError("no text rectangle")
            x0, y1, x1, y0 = _FOUR_DOUBLES.unpack_from(self._buffer)
            found.append((x0, x1, y0, y1))
        return found
