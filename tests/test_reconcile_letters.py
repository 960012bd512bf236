"""`sendscrape reconcile` on a dataset parsed from generated letters, against Ofsted's real
2016-2022 ODS: it reports the weakness counts and revisit outcomes planted in the letters, and
nothing outside --since/--until."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.pdfs.older_kinds import (
    WEAKNESSES,
    LetterOptions,
    RevisitOptions,
    local_area_letter,
    revisit_letter,
)
from fixtures.pdfs.render import DocumentSpec, render_pdf
from sendscrape.cli import main
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.enrich.areas import area_fields
from sendscrape.parsers import parse_report
from sendscrape.validate.models import Report
from sendscrape.validate.records import validate_record

ODS = "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
EXTRA = "the extra weak use of short breaks for older children"

# All three inspected from 1 October 2018 (the fixture letters' dates); the ODS gives
# Lincolnshire no WSoA, Northumberland 3 weaknesses, Southend-on-Sea 4: we plant 5.
LETTERS = {
    "Lincolnshire": LetterOptions(wsoa=False),
    "Northumberland": LetterOptions(weaknesses=WEAKNESSES[:3]),
    "Southend-on-Sea": LetterOptions(weaknesses=(*WEAKNESSES, EXTRA)),
}


def _record(spec: DocumentSpec, area: str) -> Report:
    source = f"generated {area}"
    fields = parse_report(render_pdf(spec), source)
    assert fields["warnings"] == []
    return validate_record(fields | area_fields(area, source), source)


@pytest.fixture(scope="module")
def records() -> dict[str, Report]:
    parsed = {area: _record(local_area_letter(area, opts), area) for area, opts in LETTERS.items()}
    # Northumberland's revisit of 19 May 2021: the ODS says all three improved; we say two.
    revisit = revisit_letter("Northumberland", RevisitOptions(progress=(True, True, False)))
    return parsed | {"Northumberland revisit": _record(revisit, "Northumberland")}


def _row(number: int) -> str:
    return f"[{ODS}:Area_SEND_up_to_31_Aug_2022:row {number}]"


SOUTHEND = (
    "Southend-on-Sea",
    "  local_area_send_inspection 2018-10-01: different count: significant_weaknesses: "
    "official 4, dataset 5 " + _row(120),
)
CASES = {
    "letters only, the day they started": (
        tuple(LETTERS),
        ("--since", "2018-10-01", "--until", "2018-10-01"),
        [
            *SOUTHEND,
            "compared inspections started 2018-10-01 to 2018-10-01",
            "local_area_send_inspection: 2 agree, 1 disagree, 0 missing, 0 extra",
            "3 official entries: 2 agree, 1 disagree, 0 missing; 0 extra report(s); "
            "1 disagreement(s) (1 different count)",
        ],
    ),
    "October 2018": (
        (*LETTERS, "Northumberland revisit"),
        ("--since", "2018-10-01", "--until", "2018-10-31"),
        [
            "Milton Keynes",
            "  local_area_send_inspection 2018-10-08: missing report: no such report in the "
            "dataset " + _row(85),
            *SOUTHEND,
            "compared inspections started 2018-10-01 to 2018-10-31",
            "local_area_send_inspection: 2 agree, 1 disagree, 1 missing, 0 extra",
            "4 official entries: 2 agree, 1 disagree, 1 missing; 0 extra report(s); "
            "2 disagreement(s) (1 different count, 1 missing report)",
        ],
    ),
    "the revisit's day": (
        (*LETTERS, "Northumberland revisit"),
        ("--since", "2021-05-19", "--until", "2021-05-19"),
        [
            "Northumberland",
            "  local_area_send_revisit 2021-05-19: different outcome: revisit_outcome: official "
            "'all', dataset 'some' " + _row(94),
            "  local_area_send_revisit 2021-05-19: different count: weaknesses_improved: "
            "official 3, dataset 2 " + _row(94),
            "compared inspections started 2021-05-19 to 2021-05-19",
            "local_area_send_revisit: 0 agree, 1 disagree, 0 missing, 0 extra",
            "1 official entries: 0 agree, 1 disagree, 0 missing; 0 extra report(s); "
            "2 disagreement(s) (1 different count, 1 different outcome)",
        ],
    ),
}


@pytest.mark.corpus
@pytest.mark.parametrize("case", CASES)
def test_planted_disagreements_and_nothing_outside_the_window(
    case: str,
    records: dict[str, Report],
    reference_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    names, window, expected = CASES[case]
    dataset = tmp_path / "reports.jsonl"
    write_jsonl_atomic([records[name] for name in names], dataset)
    official = str(reference_dir / ODS)
    assert main(["reconcile", str(dataset), "--official", official, *window]) == 1
    assert capsys.readouterr().out.splitlines() == expected
