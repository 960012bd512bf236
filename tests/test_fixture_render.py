"""The fixture renderer (fixtures/pdfs/render.py) draws what its description says."""

from __future__ import annotations

import pytest

from fixtures.build import OLDER_KINDS, all_specs
from fixtures.pdfs.full_inspection import FULL_FIXTURES
from fixtures.pdfs.full_inspection_2025 import (
    PINNED_FIXTURES,
    SHAPE_CHECK_FIXTURES,
    TEMPLATE_2025_FIXTURES,
)
from fixtures.pdfs.render import (
    Break,
    Bullets,
    DocumentSpec,
    Footer,
    Gap,
    Paragraph,
    Table,
    render_pdf,
)
from sendscrape.parsers.layout import Document, read_document

FOOTER = Footer("Area SEND inspection report: Northwold Local Area Partnership", "1 to 5 May 2024")


def render(*blocks: object, title: str = "A title") -> Document:
    spec = DocumentSpec(title=title, blocks=blocks, footer=FOOTER)  # type: ignore[arg-type]
    return read_document(render_pdf(spec))


def page_lines(document: Document, page: int) -> list[str]:
    return [line.text for line in document.pages[page - 1].lines]


def test_footer_on_every_page_with_its_page_number() -> None:
    document = render(Paragraph("One."), Break(), Paragraph("Two."), Break(), Paragraph("Three."))
    assert len(document.pages) == 3
    for number in (1, 2, 3):
        lines = page_lines(document, number)
        assert "Area SEND inspection report: Northwold Local Area Partnership" in lines
        assert f"1 to 5 May 2024 {number}" in lines


def test_forced_line_break_in_title() -> None:
    document = render(title="Area SEND inspection of Stoke-on-\nTrent Local Area Partnership")
    first, second = page_lines(document, 1)[:2]
    assert first.startswith("Area SEND inspection of Stoke-on")
    assert second == "Trent Local Area Partnership"


def test_split_row_continues_with_an_empty_neighbour_cell() -> None:
    action = " ".join(f"Sentence number {n} of the action." for n in range(1, 40))
    table = Table((("Northwold Council", action),), header=("Body", "Action"), widths=(0.3, 0.7))
    document = render(Gap(450), table)
    body = next(line for line in document.lines() if line.text.startswith("Northwold Council"))
    assert body.page == 1
    continuation = [line for line in document.pages[1].lines if "number" in line.text]
    assert continuation, "the row did not continue on page 2"
    assert all(line.x0 > body.segments[0].x1 for line in continuation)
    assert continuation[-1].text == "number 39 of the action."


def test_whole_rows_move_when_split_in_row_is_off() -> None:
    rows = tuple((f"Row {n}", "Text " * 40) for n in range(1, 9))
    table = Table(rows, widths=(0.3, 0.7), split_in_row=False)
    document = render(Gap(560), table)
    first_words = [line.segments[0].text for page in document.pages for line in page.lines]
    assert [word for word in first_words if word.startswith("Row")] == [
        f"Row {n}" for n in range(1, 9)
    ]
    body_pages = {line.page for line in document.lines() if line.text.startswith("Row")}
    assert len(body_pages) == 2


@pytest.mark.parametrize("glyph", ["•", "-", "◼", "▪"])
def test_bullet_glyph_starts_each_item(glyph: str) -> None:
    document = render(Bullets(("first item", "second item"), glyph))
    starts = {line.text.split()[0] for line in document.lines() if "item" in line.text}
    assert len(starts) == 1
    assert starts.pop() in (glyph, "■")  # "■": ZapfDingbats stands in when DejaVu is absent


def test_table_row_with_wrong_cell_count_is_an_error() -> None:
    with pytest.raises(ValueError, match="table row has 1 cells, widths give 2"):
        render_pdf(DocumentSpec(title="T", blocks=(Table((("one",),), widths=(0.5, 0.5)),)))


def test_build_lists_every_fixture_once() -> None:
    names = list(all_specs())
    added = (*TEMPLATE_2025_FIXTURES, *SHAPE_CHECK_FIXTURES, *PINNED_FIXTURES)
    full = len(FULL_FIXTURES) + len(added)
    assert len(names) == len(set(names)) == full + len(OLDER_KINDS)
