"""The letter layout matrix (fixtures/pdfs/letter_matrix.py): every generated outcome letter and
revisit letter parses with every weakness's full text, the count and the revisit outcome right,
and no warning. Each case first checks that its PDF has the page break its name says."""

from __future__ import annotations

import functools

import pypdfium2 as pdfium
import pytest

from fixtures.pdfs.letter_matrix import (
    WEAKNESS_TEXTS,
    LetterCase,
    RevisitCase,
    letter_cases,
    revisit_cases,
)
from fixtures.pdfs.render import render_pdf
from sendscrape.parsers import parse_report
from sendscrape.parsers.layout import read_document

LETTERS = letter_cases()
REVISITS = revisit_cases()
CASES: list[LetterCase | RevisitCase] = [*LETTERS, *REVISITS]


@functools.cache
def _rendered(case: LetterCase | RevisitCase) -> bytes:
    return render_pdf(case.spec())


def _page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def _pages_with(pages: list[str], text: str) -> list[int]:
    return [number for number, page in enumerate(pages, start=1) if text in page]


def _words(text: str, first: bool) -> str:
    words = text.rstrip(".;").split()
    return " ".join(words[:4] if first else words[-4:])


def _check_letter_layout(case: LetterCase, pages: list[str]) -> None:
    items = case.items()
    starts = [_pages_with(pages, _words(item, first=True)) for item in items]
    ends = [_pages_with(pages, _words(item, first=False)) for item in items]
    assert all(len(found) == 1 for found in starts + ends), (starts, ends)
    k = case.break_item
    if case.page_break == "inside":
        assert ends[k][0] == starts[k][0] + 1, "the page break should fall inside the item"
    elif case.page_break == "between":
        assert starts[k][0] == ends[k - 1][0] + 1, "the page break should fall between items"
    else:
        assert {s[0] for s in starts} == {e[0] for e in ends} == {starts[0][0]}


def _check_indent(case: LetterCase, pdf: bytes) -> None:
    """The longest item's second line starts past its marker (hanging) or under it (flush)."""
    lines = list(read_document(pdf, case.name).lines())
    longest = max(case.items(), key=len)
    first = next(i for i, line in enumerate(lines) if _words(longest, first=True) in line.text)
    indent = lines[first + 1].x0 - lines[first].x0
    assert indent > 10 if case.hanging else abs(indent) < 2, indent


def _before(pages: list[str], page: int, text: str) -> int:
    return sum(page_text.count(text) for page_text in pages[:page])


def _check_revisit_layout(case: RevisitCase, pages: list[str]) -> None:
    middle = len(case.progress) // 2
    opening = " ".join(WEAKNESS_TEXTS[middle].split()[1:5])  # as headed or recalled
    (page,) = _pages_with(pages, opening)
    judgements = "in addressing this significant weakness."
    if case.page_break == "inside":
        assert _before(pages, page, "Since the inspection, leaders") == middle + 1
        assert _before(pages, page, "direction it is taking.") == middle
    elif case.page_break == "between":
        assert _before(pages, page - 1, judgements) == middle
        assert opening in pages[page - 1][:300], "the weakness should open its page"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_layout_matrix(case: LetterCase | RevisitCase) -> None:
    """Every count, every item's full text, the revisit outcome, and no warning."""
    pdf = _rendered(case)
    if isinstance(case, LetterCase):
        _check_letter_layout(case, _page_texts(pdf))
        _check_indent(case, pdf)
    else:
        _check_revisit_layout(case, _page_texts(pdf))
    fields = parse_report(pdf, case.name)
    wrong = {key: fields[key] for key, value in case.expected().items() if fields[key] != value}
    assert not wrong, f"{case.name}: parsed {wrong}, expected {case.expected()}"


def test_matrix_covers_the_layouts() -> None:
    """Every marker with both indents and both spacings, every lead-in, page break and kind of
    page furniture, and 1 to 7 weaknesses."""
    combos = {(case.marker, case.hanging, case.spaced) for case in LETTERS}
    assert len(combos) == 8 * 2 * 2
    assert {case.lead_in for case in LETTERS} | {case.ending for case in LETTERS} >= {";", "."}
    assert len({case.lead_in for case in LETTERS}) == 3
    assert (
        {case.page_break for case in LETTERS}
        == {case.page_break for case in REVISITS}
        == {
            "none",
            "inside",
            "between",
        }
    )
    assert len({case.furniture for case in LETTERS + REVISITS}) == 3
    counts = {case.count for case in LETTERS} | {len(case.progress) for case in REVISITS}
    assert counts == set(range(1, 8))
    assert {case.outcome for case in REVISITS} == {"all", "some", "none"}
    assert {(case.headings, case.numbered) for case in REVISITS} == {
        (True, True),
        (True, False),
        (False, False),
    }
    assert len(LETTERS) + len(REVISITS) >= 40
