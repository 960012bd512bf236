"""2016-2022 outcome letters, parsed from fixture PDFs rendered at test time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.pdfs.older_kinds import WEAKNESSES, LetterOptions, local_area_letter, render
from sendscrape.enrich.areas import area_fields
from sendscrape.parsers import ReportParseError, parse_report
from sendscrape.parsers.layout import read_document
from sendscrape.validate.models import LocalAreaInspectionReport
from sendscrape.validate.records import validate_record

RenderLetter = Callable[..., Path]


@pytest.fixture
def letter_pdf(tmp_path: Path) -> RenderLetter:
    def make(area: str = "Northwold", **options: object) -> Path:
        path = tmp_path / f"letter-{len(list(tmp_path.iterdir()))}.pdf"
        path.write_bytes(render(local_area_letter(area, LetterOptions(**options))))  # type: ignore[arg-type]
        return path

    return make


def test_letter_with_wsoa(letter_pdf: RenderLetter) -> None:
    fields = parse_report(letter_pdf())
    assert fields["report_type"] == "local_area_send_inspection"
    assert fields["local_area"] == "Northwold"
    assert (fields["inspection_start"], fields["inspection_end"]) == (
        dt.date(2018, 10, 1),
        dt.date(2018, 10, 5),
    )
    assert fields["wsoa_required"] is True
    assert fields["significant_weaknesses"] == list(WEAKNESSES)
    assert fields["wsoa_responsible_bodies"] == [
        "local authority",
        "area's clinical commissioning group (CCG)",
    ]
    assert fields["main_findings"] == [
        "Leaders know the area well and see clearly where support falls short.",
        "Families say that they are listened to more than before, although not always.",
    ]
    assert fields["strengths"] == [
        "Health visitors spot needs early and refer children promptly.",
        "Short breaks are well liked by families.",
    ]
    assert fields["areas_for_development"] == [
        "Needs that emerge at secondary school are noticed late.",
        "Plans are often late and copied from earlier advice.",
    ]
    assert fields["warnings"] == []


def test_letter_without_wsoa(letter_pdf: RenderLetter) -> None:
    fields = parse_report(letter_pdf(wsoa=False))
    assert fields["wsoa_required"] is False
    assert fields["significant_weaknesses"] == []
    assert fields["wsoa_responsible_bodies"] == []


@pytest.mark.parametrize(
    ("chief", "tense", "apostrophe"),
    [
        ("Her Majesty's Chief Inspector (HMCI)", "past", "'"),
        ("HMCI", "present", "'"),
        ("Her Majesty’s Chief Inspector", "present", "’"),
        ("HER MAJESTY'S CHIEF INSPECTOR", "past", "’"),
    ],
)
def test_determination_wording_variants(
    letter_pdf: RenderLetter, chief: str, tense: str, apostrophe: str
) -> None:
    fields = parse_report(letter_pdf(chief=chief, tense=tense, apostrophe=apostrophe))
    assert fields["wsoa_required"] is True
    assert fields["significant_weaknesses"] == list(WEAKNESSES)
    assert fields["wsoa_responsible_bodies"] == [  # quotes come out straightened
        "local authority",
        "area's clinical commissioning group (CCG)",
    ]


def _pages_of(path: Path, phrases: tuple[str, ...]) -> dict[str, int]:
    lines = read_document(path).lines()
    return {phrase: line.page for line in lines for phrase in phrases if phrase in line.text}


def test_weakness_list_split_across_page_break(letter_pdf: RenderLetter) -> None:
    phrases = ("slow start", "different services", "speech")
    for space in range(300, 700, 5):  # push the list down until the second item breaks
        path = letter_pdf(space_before_weaknesses=float(space))
        pages = _pages_of(path, phrases)
        if pages["slow start"] < pages["different services"] == pages["speech"]:
            break
    else:
        pytest.fail("no spacing breaks the second weakness over two pages")
    assert parse_report(path)["significant_weaknesses"] == list(WEAKNESSES)


def test_list_without_determination_is_warned(letter_pdf: RenderLetter) -> None:
    fields = parse_report(letter_pdf(determination=False))
    assert fields["wsoa_required"] is True
    assert fields["wsoa_responsible_bodies"] == []
    assert fields["warnings"] == [
        "the letter does not determine that a Written Statement of Action is required but "
        "asks the area to produce one"
    ]


def test_list_lead_in_ending_after_weakness(letter_pdf: RenderLetter) -> None:
    fields = parse_report(letter_pdf(lead_in_ending=" in the local area's practice"))
    assert fields["significant_weaknesses"] == list(WEAKNESSES)


def test_letter_layout_subject_line_at_body_size(letter_pdf: RenderLetter) -> None:
    fields = parse_report(letter_pdf(area="Southend-on-Sea", letter_layout=True))
    assert fields["report_type"] == "local_area_send_inspection"
    assert fields["local_area"] == "Southend-on-Sea"
    assert fields["significant_weaknesses"] == list(WEAKNESSES)


def test_determination_without_list_is_a_parse_error(letter_pdf: RenderLetter) -> None:
    with pytest.raises(ReportParseError, match="significant_weaknesses"):
        parse_report(letter_pdf(weaknesses=()))


def test_letter_record_validates(letter_pdf: RenderLetter) -> None:
    path = letter_pdf(area="Southend-on-Sea")
    fields = parse_report(path) | area_fields("Southend-on-Sea", str(path))
    record = validate_record(fields, str(path))
    assert isinstance(record, LocalAreaInspectionReport)
    assert record.gss_code == "E06000033"
    assert record.sections["Main findings"][0].startswith("• Leaders know the area")


def test_one_weakness_is_warned(letter_pdf: RenderLetter) -> None:
    fields = parse_report(letter_pdf(weaknesses=WEAKNESSES[:1]))
    assert fields["significant_weaknesses"] == [WEAKNESSES[0]]
    assert fields["warnings"] == [
        "the list of significant weaknesses has 1 item(s); letters list 2 to 10: check the "
        "list was read whole"
    ]


def test_eleven_weaknesses_are_warned(letter_pdf: RenderLetter) -> None:
    eleven = tuple(f"the weak planning of service number {n} for families" for n in range(11))
    fields = parse_report(letter_pdf(weaknesses=eleven))
    assert fields["significant_weaknesses"] == list(eleven)
    assert fields["warnings"] == [
        "the list of significant weaknesses has 11 item(s); letters list 2 to 10: check the "
        "list was read whole"
    ]


def test_weakness_too_short_or_too_long_is_warned(letter_pdf: RenderLetter) -> None:
    long_item = "the slow pace of change " + "in every part of the local area " * 11
    fields = parse_report(
        letter_pdf(weaknesses=("weak joint commissioning", *WEAKNESSES[:2], long_item.strip()))
    )
    assert fields["warnings"] == [
        "significant weakness 1 has 3 words (items have 4 to 80): 'weak joint commissioning'",
        "significant weakness 4 has 82 words (items have 4 to 80): "
        "'the slow pace of change in every part...'",
    ]


def test_list_of_two_to_ten_ordinary_items_is_quiet(letter_pdf: RenderLetter) -> None:
    for count in (2, 4):
        fields = parse_report(letter_pdf(weaknesses=WEAKNESSES[:count]))
        assert fields["significant_weaknesses"] == list(WEAKNESSES[:count])
        assert fields["warnings"] == []
