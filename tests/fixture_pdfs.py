"""Helpers for tests that build the project's own fixture PDFs into tmp_path.

`write_pdf` renders a fixture document to a file; `page_texts` and `page_of` read a rendered
PDF back (whitespace collapsed) so a test can check that the fixture really has the layout it
is named after before blaming the parser.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from fixtures.pdfs.render import DocumentSpec, render_pdf

ITEM_KEYS = ("responsible_body", "text")
ITEM_FIELDS = ("priority_actions", "areas_for_improvement")


def write_pdf(spec: DocumentSpec, folder: Path, name: str) -> Path:
    path = folder / f"{name}.pdf"
    path.write_bytes(render_pdf(spec))
    return path


def _raw_page_texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(pdf.read_bytes())
    try:
        texts = []
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
        return texts
    finally:
        document.close()


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, whitespace collapsed, in page order."""
    return [" ".join(text.split()) for text in _raw_page_texts(pdf)]


def page_lines(pdf: Path, page: int) -> list[str]:
    """The text lines of one page (1-based), each stripped."""
    return [line.strip() for line in _raw_page_texts(pdf)[page - 1].splitlines()]


def page_of(pdf: Path, text: str) -> int:
    """The 1-based number of the only page on which `text` is printed; fails otherwise."""
    pages = [n for n, page in enumerate(page_texts(pdf), start=1) if text in page]
    assert len(pages) == 1, f"{text!r} is on pages {pages} of {pdf.name}, expected exactly one"
    return pages[0]


def items(record: Mapping[str, Any], field: str) -> list[dict[str, Any]]:
    """A record's priority actions or areas for improvement as {responsible_body, text} only."""
    values: Sequence[Mapping[str, Any]] = record[field]
    return [{key: value[key] for key in ITEM_KEYS} for value in values]


def assert_record_matches(record: Mapping[str, Any], expected: Mapping[str, Any]) -> None:
    """Every expected field equals the record's; a failure lists each field that differs."""
    wrong = {}
    for field, value in expected.items():
        actual = items(record, field) if field in ITEM_FIELDS else record.get(field, "<missing>")
        if actual != value:
            wrong[field] = f"{field}:\n  parsed   {actual!r}\n  expected {value!r}"
    assert not wrong, "fields differ from the fixture's values:\n" + "\n".join(wrong.values())
