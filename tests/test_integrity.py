"""A report that lost text on the way is never passed as complete: a blank page, a gap in the
printed page numbers or a section its outcome requires gets a warning in the record, while the
project's own reports and the real ones get none."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.build import all_specs
from fixtures.pdfs.full_inspection import (
    priority_row_split_body_and_action_continue,
    widespread_failings,
)
from fixtures.pdfs.render import render_pdf
from sendscrape.parsers import NotAPdfError, ReportParseError, parse_report
from sendscrape.parsers.blocks import split_furniture
from sendscrape.parsers.classify import classify
from sendscrape.parsers.integrity import (
    damaged_stream_warnings,
    integrity_warnings,
    unreadable_text_warnings,
)
from sendscrape.parsers.layout import Document, Line, Page, Segment, read_document
from sendscrape.parsers.report import KIND_PARSERS
from tests.damaged_pdfs import (
    blank_page,
    break_page_object,
    break_stream_checksum,
    delete_page,
)
from tests.fixture_pdfs import page_of

IMPROVEMENT_MISSING = "no areas for improvement were found"


@pytest.fixture(scope="module")
def five_pages() -> bytes:
    """A widespread-failings report of five pages: narrative on 2, priority table on 3 (and 4),
    improvement table on 4."""
    return render_pdf(priority_row_split_body_and_action_continue().spec)


def _pages_of(pdf: bytes, tmp_path: Path, *texts: str) -> list[int]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return [page_of(path, text) for text in texts]


def test_the_undamaged_report_has_no_warnings(five_pages: bytes) -> None:
    record = parse_report(five_pages, "five.pdf")
    assert record["warnings"] == []
    assert len(record["priority_actions"]) == 2  # type: ignore[arg-type]
    assert len(record["areas_for_improvement"]) == 3  # type: ignore[arg-type]


def test_a_blank_page_is_named(five_pages: bytes, tmp_path: Path) -> None:
    assert _pages_of(five_pages, tmp_path, "Areas for priority action") == [3]
    record = parse_report(blank_page(five_pages, 3), "blanked.pdf")
    assert record["priority_actions"] == []
    assert "page 3 has no text" in record["warnings"]  # type: ignore[operator]
    assert _integrity_warnings(blank_page(five_pages, 3), "blanked.pdf") == ["page 3 has no text"]


def test_a_deleted_page_shows_as_a_gap_in_the_printed_page_numbers(five_pages: bytes) -> None:
    damaged = delete_page(five_pages, 4)
    record = parse_report(damaged, "deleted.pdf")
    assert record["areas_for_improvement"] == []
    expected = [
        "the printed page numbers go from 3 on page 3 to 5 on page 4: pages may be missing",
        IMPROVEMENT_MISSING,
    ]
    assert record["warnings"][-2:] == expected  # type: ignore[index]
    assert _integrity_warnings(damaged, "deleted.pdf") == expected


def test_a_lost_narrative_section_is_named() -> None:
    damaged = blank_page(render_pdf(widespread_failings().spec), 2)
    assert _integrity_warnings(damaged, "blanked.pdf") == [
        "page 2 has no text",
        IMPROVEMENT_MISSING,
        "no 'What does the area partnership need to do better?' section",
    ]


def test_a_damaged_compressed_stream_is_flagged_even_when_the_text_survives(
    five_pages: bytes,
) -> None:
    original = parse_report(five_pages, "five.pdf")
    damaged = parse_report(break_stream_checksum(five_pages), "five.pdf")
    assert damaged["warnings"] == ["1 of 11 compressed streams are damaged: text may be missing"]
    unchanged = {key for key in original if original[key] == damaged[key]}
    assert set(original) - unchanged == {"warnings", "sha256"}


def test_only_a_stream_keyword_that_starts_a_word_opens_a_stream() -> None:
    broken = b"<</Filter /FlateDecode>>\nstream\nnot zlib\nendstream\n"
    lookalike = b"<</Filter /FlateDecode>>\nupstream\nnot zlib\nendstream\n"
    pdf = b"%PDF-1.4\n1 0 obj\n" + broken + b"endobj\n2 0 obj\n" + lookalike + b"endobj\n"
    assert damaged_stream_warnings(pdf) == [
        "1 of 1 compressed streams are damaged: text may be missing"
    ]


def test_a_page_pdfium_cannot_load_is_a_one_line_error(five_pages: bytes) -> None:
    with pytest.raises(NotAPdfError) as raised:
        parse_report(break_page_object(five_pages, 2), "broken.pdf")
    assert str(raised.value) == "broken.pdf: unreadable page 2 (Failed to load page.)"


def _integrity_warnings(pdf: bytes | Path, source: str) -> list[str]:
    document = read_document(pdf, source)
    report_type, area = classify(document)
    body = split_furniture(document)
    fields = KIND_PARSERS[report_type](document, body, area)
    return integrity_warnings(document, body, report_type, fields)


def test_no_fixture_report_gets_an_integrity_warning() -> None:
    checked = 0
    for stem, spec in all_specs().items():
        try:
            warnings = _integrity_warnings(render_pdf(spec), stem)
        except ReportParseError:  # the fixtures of reports the parser refuses
            continue
        assert warnings == [], stem
        checked += 1
    assert checked >= 29


@pytest.mark.corpus
def test_no_real_report_gets_an_integrity_warning(corpus_dir: Path) -> None:
    pdfs = sorted(corpus_dir.glob("*.pdf"))
    assert len(pdfs) == 40
    for pdf in pdfs:
        assert _integrity_warnings(pdf, pdf.name) == [], pdf.name


def _document(*texts: str) -> Document:
    lines = tuple(
        Line(1, (Segment(text, 72, 300, 100 + 14 * row, 111 + 14 * row, 11, False),))
        for row, text in enumerate(texts)
    )
    return Document("made.pdf", "0" * 64, (Page(1, 595, 842, lines, ()),))


def test_characters_no_font_maps_are_flagged() -> None:
    # What PDFium gives for a bullet whose font's ToUnicode map is gone.
    damaged = _document("What works well", "\x01 Leaders share information well.")
    assert unreadable_text_warnings(damaged) == [
        "unreadable characters on page(s) 1: a font may be damaged"
    ]
    assert unreadable_text_warnings(_document("• Leaders share information’s use.")) == []
