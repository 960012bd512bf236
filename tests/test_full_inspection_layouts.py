"""The full-inspection parser on the project's own fixture PDFs: one test per odd layout met in
real reports (fixtures/pdfs/full_inspection.py), so the suite means something without ../shared.

Each test renders its fixture into tmp_path, checks that the PDF really has the layout the test
is named after (a failure there is the fixture's fault), then compares every field the parser
returns with the fixture's values, and spells out the item the layout is about in full.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fixtures.pdfs import full_inspection as fixtures
from fixtures.pdfs.full_inspection import Fixture
from sendscrape.parsers import parse_report
from tests.fixture_pdfs import (
    assert_record_matches,
    items,
    page_lines,
    page_of,
    page_texts,
    write_pdf,
)


def parse_fixture(fixture: Fixture, folder: Path) -> tuple[Path, dict[str, Any]]:
    pdf = write_pdf(fixture.spec, folder, fixture.name)
    record = parse_report(pdf)
    assert_record_matches(record, fixture.expected)
    assert bool(record["warnings"]) == fixture.warns, record["warnings"]
    return pdf, record


def texts(record: dict[str, Any], field: str) -> list[str]:
    return [item["text"] for item in items(record, field)]


def test_positive_outcome(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.positive_outcome(), tmp_path)
    assert record["outcome"] == "positive"
    assert record["next_full_within_years"] == 5
    assert record["monitoring_within_months"] is None
    assert record["priority_actions"] == []
    assert texts(record, "areas_for_improvement")[1] == (
        "Health leaders should reduce the waits for speech and language therapy assessments for "
        "children of primary school age."
    )


def test_inconsistent_outcome_dates_over_month_end(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.inconsistent_outcome(), tmp_path)
    assert record["outcome"] == "inconsistent"
    assert (record["inspection_start"], record["inspection_end"]) == (
        dt.date(2024, 4, 29),
        dt.date(2024, 5, 3),
    )
    assert record["previous_inspections"] == [
        {"kind": "full", "start": dt.date(2017, 1, 23), "end": dt.date(2017, 1, 27)}
    ]
    assert record["next_full_within_years"] == 3


def test_widespread_failings_with_priority_action_table(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.widespread_failings(), tmp_path)
    assert record["outcome"] == "widespread_failings"
    assert record["priority_action_plan_required"] is True
    assert (record["monitoring_within_months"], record["next_full_within_years"]) == (18, 3)
    assert (record["inspection_start"], record["inspection_end"]) == (
        dt.date(2023, 3, 27),
        dt.date(2023, 3, 31),
    )
    assert record["previous_inspections"] == [
        {"kind": "full", "start": dt.date(2018, 3, 19), "end": dt.date(2018, 3, 19)},
        {"kind": "revisit", "start": dt.date(2020, 3, 24), "end": dt.date(2020, 3, 24)},
    ]
    assert items(record, "priority_actions")[1] == {
        "responsible_body": "NHS Northwold Integrated Care Board",
        "text": "Leaders should shorten the waits for neurodevelopmental assessments and provide "
        "support to families while they wait.",
    }


def test_improvement_table_split_between_rows(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.improvement_table_split_between_rows(), tmp_path)
    assert page_of(pdf, "that this is happening for every child.") + 1 == page_of(
        pdf, "Leaders should widen the range of short breaks"
    )
    assert len(record["areas_for_improvement"]) == 4


def test_priority_table_split_with_repeated_header(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.priority_table_split_with_repeated_header(), tmp_path)
    pages = page_texts(pdf)
    header = "Responsible body Areas for priority action"
    assert [n for n, text in enumerate(pages, start=1) if header in text] == [3, 4]
    assert [action["responsible_body"] for action in record["priority_actions"]] == [
        "Northwold Council and NHS Northwold Integrated Care Board",
        "NHS Northwold Integrated Care Board",
        "Northwold Council",
        "NHS Northwold ICB",
    ]


def test_priority_row_split_body_and_action_continue(tmp_path: Path) -> None:
    fixture = fixtures.priority_row_split_body_and_action_continue()
    pdf, record = parse_fixture(fixture, tmp_path)
    assert page_of(pdf, "Leaders across the partnership should act urgently") + 1 == page_of(
        pdf, "with the parent carer forum"
    )
    assert page_of(pdf, "that it is not working.") == page_of(pdf, "with the parent carer forum")
    assert items(record, "priority_actions")[0] == {
        "responsible_body": "Northwold Council, NHS Northwold Integrated Care Board and NHS "
        "Southmere and Northwold Integrated Care Board, working together with the parent carer "
        "forum",
        "text": "Leaders across the partnership should act urgently to agree and carry out a "
        "shared plan to reduce the waits for assessments, so that children's needs are met "
        "before they reach crisis point. The plan should set out who is responsible for each "
        "part of the work, the money and staff that each body will commit, and the measures "
        "leaders will use to check that families notice a difference. Leaders should report "
        "progress to families every term and change the plan when the measures show that it is "
        "not working.",
    }


def test_priority_row_split_empty_body_cell(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.priority_row_split_empty_body_cell(), tmp_path)
    assert page_of(pdf, "Westmarch ICB The partnership") + 1 == page_of(
        pdf, "• the sharing of information"
    )
    assert items(record, "priority_actions")[0] == {
        "responsible_body": "Westmarch County Council and NHS Westmarch ICB",
        "text": "The partnership should work more closely to improve its strategic planning and "
        "measure the impact of its work on children and families. In particular they should "
        "urgently improve: • the oversight of the quality of plans and the help provided • the "
        "sharing of information between education, health and care services • the planning for "
        "adulthood, starting early and across all services, so that young people are well "
        "prepared for their next steps",
    }
    assert len(record["priority_actions"]) == 2


def test_improvement_row_split_after_so_that(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.improvement_row_split_after_so_that(), tmp_path)
    assert page_of(pdf, "write their plans, so that:") + 1 == page_of(
        pdf, "• children's plans describe their needs"
    )
    assert texts(record, "areas_for_improvement")[0] == (
        "Leaders should improve the way that health, education and care professionals work "
        "together when they assess children's needs and write their plans, so that: • children's "
        "plans describe their needs and the help they will receive precisely • professionals "
        "contribute to plans on time and attend annual reviews • families know who to contact "
        "when the help in a plan is not provided"
    )
    assert len(record["areas_for_improvement"]) == 3


def test_no_improvement_heading_table_header_only(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.no_improvement_heading(), tmp_path)
    assert " ".join(page_texts(pdf)).count("Areas for improvement") == 1
    assert len(record["areas_for_improvement"]) == 3


def test_improvement_table_without_header_row(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.improvement_table_without_header_row(), tmp_path)
    assert " ".join(page_texts(pdf)).count("Areas for improvement") == 1
    assert texts(record, "areas_for_improvement")[0] == (
        "Health leaders should reduce the waits for assessments on the neuro-developmental "
        "pathway and support families while they wait."
    )


def test_numbered_items_sharing_one_cell(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.numbered_items_sharing_one_cell(), tmp_path)
    assert page_of(pdf, "1. Leaders across the partnership") == page_of(pdf, "3. The partnership")
    assert page_of(pdf, "3. The partnership") + 1 == page_of(pdf, "4. Leaders should widen")
    assert texts(record, "areas_for_improvement") == [
        "Leaders across the partnership should make sure that plans are written on time and "
        "reviewed every year, so that support keeps pace with children's changing needs.",
        "Health leaders should reduce the waits for speech and language therapy assessments for "
        "children of primary school age.",
        "The partnership should listen to young people when it plans services for adults, so "
        "that moving on from children's services is smooth.",
        "Leaders should widen the range of short breaks and holiday activities so that disabled "
        "children can take part in the life of their community with friends.",
    ]


def test_numbered_items_fixture_partnership_cells(tmp_path: Path) -> None:
    """The same fixture: an authority cell with just the area's name, an ICB cell with a comma
    that wraps, and a previous inspection over a month end."""
    _, record = parse_fixture(fixtures.numbered_items_sharing_one_cell(), tmp_path)
    assert record["local_authority"] == "Northwold"
    assert record["icb"] == "NHS Northwold and South Fenland Partnership, Integrated Care Board"
    assert record["previous_inspections"] == [
        {"kind": "full", "start": dt.date(2022, 2, 28), "end": dt.date(2022, 3, 4)}
    ]


def test_title_with_the_before_area(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.title_with_the_before_area(), tmp_path)
    assert record["local_area"] == "Eastmere"


def test_priority_body_cells_ending_with_full_stop(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.priority_body_cells_ending_with_full_stop(), tmp_path)
    assert [action["responsible_body"] for action in record["priority_actions"]] == [
        "Northwold Council and NHS Northwold Integrated Care Board, school and college leaders.",
        "NHS Northwold Integrated Care Board, school and college leaders.",
    ]


def test_footer_title_over_two_lines(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.footer_title_over_two_lines(), tmp_path)
    footer = "Area SEND Inspection report: Northwold Local Area Partnership 18 to 22 November 2024"
    assert page_texts(pdf)[0].startswith(footer)
    assert "Area SEND Inspection report:" in page_lines(pdf, 1)  # the footer's first line
    assert all(
        "Area SEND Inspection report" not in text for text in texts(record, "areas_for_improvement")
    )
    assert record["warnings"] == []


def test_stray_bullet_below_improvement_table(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.stray_bullet_below_improvement_table(), tmp_path)
    assert len(record["areas_for_improvement"]) == 3


def test_improvement_table_narrower_than_text(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.improvement_table_narrower_than_text(), tmp_path)
    assert len(record["areas_for_improvement"]) == 3


def test_bulleted_and_hyphen_bulleted_sub_lists_in_cells(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.bulleted_sub_lists_in_cells(), tmp_path)
    assert texts(record, "areas_for_improvement")[2] == (
        "Leaders across the partnership should improve communication to: • make sure families "
        "know what help is available locally • explain how decisions about support are made"
    )
    assert len(record["areas_for_improvement"]) == 4


def test_title_split_at_hyphenated_area_name(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.title_split_at_hyphenated_area_name(), tmp_path)
    assert "inspection of Stoke-on-Trent" not in page_texts(pdf)[0]  # broken after "Stoke-on-"
    assert record["local_area"] == "Stoke-on-Trent"
    assert (record["inspection_start"], record["inspection_end"]) == (
        dt.date(2024, 1, 29),
        dt.date(2024, 2, 2),
    )


def test_title_wrapped_over_two_lines(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.title_wrapped_over_two_lines(), tmp_path)
    assert record["local_area"] == "Kingsbridge and Ashwell"


def test_partnership_cell_text_reaching_column_rule(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.partnership_cell_text_reaching_column_rule(), tmp_path)
    assert (record["local_authority"], record["icb"]) == (
        "Kingsbridge and Ashwell County Council",
        "NHS Kingsbridge and Ashwell ICB",
    )


def test_dates_over_year_end(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.dates_over_year_end(), tmp_path)
    assert (record["inspection_start"], record["inspection_end"]) == (
        dt.date(2024, 12, 30),
        dt.date(2025, 1, 3),
    )
    assert record["previous_inspections"] == [
        {"kind": "full", "start": dt.date(2016, 11, 14), "end": dt.date(2016, 11, 18)}
    ]


def test_footer_dates_disagree_with_dates_line(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.footer_dates_disagree_with_dates_line(), tmp_path)
    assert (record["inspection_start"], record["inspection_end"]) == (
        dt.date(2023, 5, 11),
        dt.date(2023, 5, 19),
    )
    assert len(record["warnings"]) == 1
    assert "2023-05-15" in record["warnings"][0]
    assert "2023-05-11" in record["warnings"][0]


def test_partnership_details_with_labels_and_two_icbs(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.partnership_details_with_labels_and_two_icbs(), tmp_path)
    assert record["local_authority"] == "Westmarch County Council"
    assert record["icb"] == "NHS Westmarch ICB; NHS Eastmarch and Fenland ICB"
    assert record["previous_inspection_text"] == "21 to 23 January 2019"


def test_next_full_within_five_years_without_approximately(tmp_path: Path) -> None:
    fixture = fixtures.next_full_within_five_years_without_approximately()
    _, record = parse_fixture(fixture, tmp_path)
    assert record["next_full_within_years"] == 5


def test_next_full_take_place_within_3_years(tmp_path: Path) -> None:
    _, record = parse_fixture(fixtures.next_full_take_place_within_3_years(), tmp_path)
    assert (record["monitoring_within_months"], record["next_full_within_years"]) == (18, 3)


def test_priority_heading_not_bold_short_footer(tmp_path: Path) -> None:
    pdf, record = parse_fixture(fixtures.priority_heading_not_bold_short_footer(), tmp_path)
    footer = "Inspection report: Northwold Local Area Partnership 18 to 22 November 2024 1"
    assert page_texts(pdf)[0].startswith(footer)
    assert len(record["priority_actions"]) == 2


def test_every_fixture_has_a_test() -> None:
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    names = {make().name for make in fixtures.FULL_FIXTURES}
    untested = {name for name in names if not any(name in test for test in tested)}
    assert not untested, f"fixtures without a test named after them: {sorted(untested)}"
