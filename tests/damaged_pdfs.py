"""Damage done to the project's own fixture PDFs, through PDFium, for the bad-PDF tests: a page
blanked (its text gone, as when a content stream breaks), a page deleted, a page object broken,
a compressed stream's checksum broken."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pypdfium2 as pdfium

_PAGE_OBJECT = re.compile(rb"(\d+) 0 obj\s*<<\s*/Contents")
_FLATE_STREAM = re.compile(rb"/Filter \[ /FlateDecode \] /Length (\d+)[^>]*>>\s*stream\r?\n")


def _edited(pdf: bytes, edit: Callable[[pdfium.PdfDocument], None]) -> bytes:
    document = pdfium.PdfDocument(pdf)
    try:
        edit(document)
        out = io.BytesIO()
        document.save(out)
    finally:
        document.close()
    return out.getvalue()


def blank_page(pdf: bytes, number: int) -> bytes:
    """The PDF with every object on page `number` (1-based) removed."""

    def blank(document: pdfium.PdfDocument) -> None:
        page = document[number - 1]
        for obj in list(page.get_objects(max_depth=1)):
            page.remove_obj(obj)
        page.gen_content()

    return _edited(pdf, blank)


def delete_page(pdf: bytes, number: int) -> bytes:
    return _edited(pdf, lambda document: document.del_page(number - 1))


def break_page_object(pdf: bytes, number: int) -> bytes:
    """The PDF with page `number`'s object replaced by a bare number: PDFium counts the page but
    cannot load it. (reportlab writes page objects as `N 0 obj << /Contents ...`.)"""
    page = list(_PAGE_OBJECT.finditer(pdf))[number - 1]
    end = pdf.index(b"endobj", page.start())
    replacement = (page.group(1) + b" 0 obj\n42\n").ljust(end - page.start())
    return pdf[: page.start()] + replacement + pdf[end:]


def break_stream_checksum(pdf: bytes) -> bytes:
    """The PDF with the last byte of its first Flate stream (the end of its checksum) flipped:
    PDFium still reads the stream, so only the check of the stream itself can tell."""
    header = _FLATE_STREAM.search(pdf)
    assert header is not None, "no Flate stream with a direct /Length"
    last = header.end() + int(header.group(1)) - 1
    return pdf[:last] + bytes([pdf[last] ^ 0xFF]) + pdf[last + 1 :]


def duplicate_page(pdf: bytes, number: int) -> bytes:
    """The PDF with page `number` (1-based) in it twice, the copy right after it."""

    def duplicate(document: pdfium.PdfDocument) -> None:
        source = pdfium.PdfDocument(pdf)
        try:
            document.import_pages(source, [number - 1], index=number)
        finally:
            source.close()

    return _edited(pdf, duplicate)
