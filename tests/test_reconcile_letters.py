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
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = [_record(local_area_letter(area, opts), area) for area, opts in LETTERS.items()]
    # Northumberland's revisit of 19 May 2021: the ODS says all three improved; we say two.
    revisit = revisit_letter("Northumberland", RevisitOptions(progress=(True, True, False)))
    records.append(_record(revisit, "Northumberland"))
    path = tmp_path_factory.mktemp("letters") / "reports.jsonl"
    write_jsonl_atomic(records, path)
    return path


def _row(number: int) -> str:
    return f"[{ODS}:Area_SEND_up_to_31_Aug_2022:row {number}]"


@pytest.mark.corpus
def test_weakness_count_disagreement_within_the_window(
    dataset: Path, reference_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    official = str(reference_dir / ODS)
    window = ["--since", "2018-10-01", "--until", "2018-10-31"]
    assert main(["reconcile", str(dataset), "--official", official, *window]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "Milton Keynes",
        "  local_area_send_inspection 2018-10-08: missing report: no such report in the dataset "
        + _row(85),
        "Southend-on-Sea",
        "  local_area_send_inspection 2018-10-01: different count: significant_weaknesses: "
        "official 4, dataset 5 " + _row(120),
        "compared inspections started 2018-10-01 to 2018-10-31",
        "local_area_send_inspection: 2 agree, 1 disagree, 1 missing, 0 extra",
        "4 official entries: 2 agree, 1 disagree, 1 missing; 0 extra report(s); "
        "2 disagreement(s) (1 different count, "
        "1 missing report)",
    ]


@pytest.mark.corpus
def test_revisit_outcome_disagreement_and_nothing_outside_the_window(
    dataset: Path, reference_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    official = str(reference_dir / ODS)
    window = ["--since", "2021-05-19", "--until", "2021-05-19"]
    assert main(["reconcile", str(dataset), "--official", official, *window]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "Northumberland",
        "  local_area_send_revisit 2021-05-19: different outcome: revisit_outcome: official "
        "'all', dataset 'some' " + _row(94),
        "  local_area_send_revisit 2021-05-19: different count: weaknesses_improved: official "
        "3, dataset 2 " + _row(94),
        "compared inspections started 2021-05-19 to 2021-05-19",
        "local_area_send_revisit: 0 agree, 1 disagree, 0 missing, 0 extra",
        "1 official entries: 0 agree, 1 disagree, 0 missing; 0 extra report(s); "
        "2 disagreement(s) (1 different count, "
        "1 different outcome)",
    ]
