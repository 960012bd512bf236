"""The bounds of the paths drawn on a page, read through PDFium, including those inside form
XObjects: at most `max_objects` objects walked, nested at most 15 forms deep, and the time
checked as it goes, so a PDF whose forms draw each other over and over is refused, not walked."""

from __future__ import annotations

import ctypes
import struct
import time

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from sendscrape.parsers.pdfium_calls import untyped
from sendscrape.parsers.text_lines import PageTooSlowError

Bounds = tuple[float, float, float, float]
_FOUR_FLOATS = struct.Struct("4f")
_MAX_FORM_DEPTH = 15
_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM


class _Handle(ctypes.c_void_p):
    """A page object's address, kept as a ctypes value (a subclass, so ctypes does not turn it
    into an int) to be passed on to PDFium without converting it back."""


_GET_TYPE = untyped(pdfium_c.FPDFPageObj_GetType)
_GET_BOUNDS = untyped(pdfium_c.FPDFPageObj_GetBounds)
_COUNT_PAGE_OBJECTS = untyped(pdfium_c.FPDFPage_CountObjects)
_GET_PAGE_OBJECT = untyped(pdfium_c.FPDFPage_GetObject, _Handle)
_COUNT_FORM_OBJECTS = untyped(pdfium_c.FPDFFormObj_CountObjects)
_GET_FORM_OBJECT = untyped(pdfium_c.FPDFFormObj_GetObject, _Handle, _Handle, ctypes.c_ulong)


class TooManyObjectsError(Exception):
    """A page (with its form XObjects) holds more objects than the walk may visit."""


class _Walk:
    """One page's walk: the bounds found so far and the objects visited."""

    def __init__(self, max_objects: int, deadline: float) -> None:
        self.found: list[Bounds] = []
        self.visited = 0
        self.max_objects = max_objects
        self.deadline = deadline
        self._buffer = (ctypes.c_float * 4)()
        address = ctypes.addressof(self._buffer)
        self._out = tuple(ctypes.c_void_p(address + 4 * k) for k in range(4))

    def objects(self, parent: _Handle, in_form: bool) -> list[_Handle]:
        count_objects, get = (
            (_COUNT_FORM_OBJECTS, _GET_FORM_OBJECT)
            if in_form
            else (_COUNT_PAGE_OBJECTS, _GET_PAGE_OBJECT)
        )
        count: int = count_objects(parent)
        if count < 0:
            raise pdfium.PdfiumError("cannot count the page's objects")
        self.visited += count
        if self.visited > self.max_objects:
            raise TooManyObjectsError
        if time.monotonic() > self.deadline:
            raise PageTooSlowError
        children: list[_Handle] = [get(parent, index) for index in range(count)]
        if not all(children):
            raise pdfium.PdfiumError("cannot read a page object")
        return children

    def visit(self, parent: _Handle, level: int) -> None:
        children = self.objects(parent, in_form=level > 0)
        kinds = [_GET_TYPE(child) for child in children]
        if _FORM not in kinds:  # most pages: a list of objects, none of them forms
            paths = [obj for obj, kind in zip(children, kinds, strict=True) if kind == _PATH]
            self.found.extend([self.bounds(path) for path in paths])
            return
        for obj, kind in zip(children, kinds, strict=True):
            if kind == _PATH:
                self.found.append(self.bounds(obj))
            elif kind == _FORM and level < _MAX_FORM_DEPTH - 1:
                self.visit(obj, level + 1)

    def bounds(self, path: _Handle) -> Bounds:
        if not _GET_BOUNDS(path, *self._out):
            raise pdfium.PdfiumError("cannot locate a drawn path")
        found: Bounds = _FOUR_FLOATS.unpack_from(self._buffer)
        return found


def path_bounds(page: pdfium.PdfPage, max_objects: int, deadline: float) -> list[Bounds]:
    """(left, bottom, right, top) of every path object, in content order, including those inside
    form XObjects. Raises TooManyObjectsError past `max_objects` objects and PageTooSlowError
    past `deadline` (a time.monotonic() value)."""
    walk = _Walk(max_objects, deadline)
    address = ctypes.cast(page.raw, ctypes.c_void_p).value
    if address is None:
        raise pdfium.PdfiumError("the page is closed")
    walk.visit(_Handle(address), 0)
    return walk.found
