"""Date forms the reports print, and the previous-inspection sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from sendscrape.parsers.dates import find_date_ranges, parse_date_range
from sendscrape.parsers.front_page import parse_previous_inspections

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 to 22 November 2024", (D(2024, 11, 18), D(2024, 11, 22))),
        ("29 April to 3 May 2024", (D(2024, 4, 29), D(2024, 5, 3))),
        ("27 March 2023 to 31 March 2023", (D(2023, 3, 27), D(2023, 3, 31))),
        ("29 January 2024 to 02 February 2024", (D(2024, 1, 29), D(2024, 2, 2))),
        ("30 December to 3 January 2020", (D(2019, 12, 30), D(2020, 1, 3))),
        ("14 November to 18 November 2016", (D(2016, 11, 14), D(2016, 11, 18))),
        ("Between 1 October 2018 and 5 October 2018, Ofsted", (D(2018, 10, 1), D(2018, 10, 5))),
        ("Between 19 and 21 May 2021, Ofsted", (D(2021, 5, 19), D(2021, 5, 21))),
        ("3 June 2019", (D(2019, 6, 3), D(2019, 6, 3))),
        ("20 to 24 june 2016", (D(2016, 6, 20), D(2016, 6, 24))),
    ],
)
def test_parse_date_range_reads_every_printed_form(
    text: str, expected: tuple[dt.date, dt.date]
) -> None:
    assert parse_date_range(text) == expected


def test_impossible_date_is_an_error() -> None:
    with pytest.raises(ValueError, match="day is out of range"):
        parse_date_range("30 to 31 February 2024")


def test_text_without_a_date_is_an_error() -> None:
    with pytest.raises(ValueError, match="no date"):
        parse_date_range("Not previously inspected")


def test_find_date_ranges_keeps_document_order() -> None:
    text = "first on 19 March 2018, then 2 to 4 May 2020"
    assert find_date_ranges(text) == [
        (D(2018, 3, 19), D(2018, 3, 19)),
        (D(2020, 5, 2), D(2020, 5, 4)),
    ]


def test_not_previously_inspected_is_an_empty_list() -> None:
    assert parse_previous_inspections("Not previously inspected") == []


def test_previous_full_inspection_and_revisit() -> None:
    text = (
        "The previous full inspection was on 19 March 2018. "
        "There was a subsequent revisit on 24 March 2020."
    )
    assert parse_previous_inspections(text) == [
        {"kind": "full", "start": D(2018, 3, 19), "end": D(2018, 3, 19)},
        {"kind": "revisit", "start": D(2020, 3, 24), "end": D(2020, 3, 24)},
    ]


def test_previous_inspection_range() -> None:
    assert parse_previous_inspections("23 to 27 January 2017") == [
        {"kind": "full", "start": D(2017, 1, 23), "end": D(2017, 1, 27)}
    ]
