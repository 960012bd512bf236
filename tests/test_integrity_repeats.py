"""A page given twice (its lists and sections read twice) is never passed as complete, and a PDF
encrypted with an empty user password is not taken for a damaged one."""

from __future__ import annotations

import pytest

from fixtures.pdfs.full_inspection import (
    priority_row_split_body_and_action_continue,
    widespread_failings,
)
from fixtures.pdfs.render import render_pdf
from sendscrape.parsers import parse_report
from sendscrape.parsers.integrity import repeated_item_warnings
from tests.damaged_pdfs import duplicate_page


@pytest.fixture(scope="module")
def five_pages() -> bytes:
    """A widespread-failings report of five pages: narrative on 2, priority table on 3 (and 4),
    improvement table on 4."""
    return render_pdf(priority_row_split_body_and_action_continue().spec)


def repeats(page: int) -> str:
    return (
        f"page {page + 1} repeats the text of page {page}: a page may be duplicated, and the "
        "lists and sections on it read twice"
    )


@pytest.mark.parametrize("page", [2, 3, 4])
def test_a_duplicated_page_is_named(five_pages: bytes, page: int) -> None:
    original = parse_report(five_pages, "five.pdf")
    damaged = parse_report(duplicate_page(five_pages, page), "doubled.pdf")
    assert original["warnings"] == []
    assert repeats(page) in damaged["warnings"]  # type: ignore[operator]


def test_a_duplicated_improvement_page_names_the_items_read_twice(five_pages: bytes) -> None:
    original = parse_report(five_pages, "five.pdf")
    damaged = parse_report(duplicate_page(five_pages, 4), "doubled.pdf")
    assert len(damaged["areas_for_improvement"]) > len(original["areas_for_improvement"])  # type: ignore[arg-type]
    assert damaged["warnings"][0] == repeats(4)  # type: ignore[index]
    assert damaged["warnings"][-3:] == [  # type: ignore[index]
        f"areas_for_improvement item {copy} repeats item {item}: the list may have been read twice"
        for copy, item in ((6, 1), (7, 2), (8, 3))
    ]


def test_repeated_items_of_each_list_are_named() -> None:
    fields: dict[str, object] = {
        "priority_actions": [{"text": "Leaders should act."}, {"text": "Leaders should act."}],
        "areas_for_improvement": [{"text": "A."}, {"text": "B."}, {"text": "A."}],
        "significant_weaknesses": ["weak plans for the area", "weak plans for the area"],
        "sections": {"Main findings": ["Same.", "Same."]},
    }
    assert repeated_item_warnings(fields) == [
        "priority_actions item 2 repeats item 1: the list may have been read twice",
        "areas_for_improvement item 3 repeats item 1: the list may have been read twice",
        "significant_weaknesses item 2 repeats item 1: the list may have been read twice",
    ]


def test_a_pdf_encrypted_with_an_empty_password_is_the_same_record_without_a_warning() -> None:
    spec = widespread_failings().spec
    plain = parse_report(render_pdf(spec), "plain.pdf")
    encrypted_pdf = render_pdf(spec, encrypted=True)
    assert b"/Encrypt " in encrypted_pdf
    encrypted = parse_report(encrypted_pdf, "encrypted.pdf")
    assert encrypted["warnings"] == []
    assert {key for key in plain if plain[key] != encrypted[key]} == {"sha256"}
