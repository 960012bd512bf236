"""`sendscrape reconcile`: official lists read from ODS/XLSX/CSV, and every disagreement found.

Datasets are built by the tests from the official files themselves (then altered) and from the
hand-checked values of the real 2023 reports; no PDF is parsed here.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sendscrape.cli import main
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.enrich.areas import area_by_gss_code, area_fields, local_authorities, name_key
from sendscrape.reconcile.compare import (
    MISSING,
    UNLISTED,
    Reconciliation,
    Window,
    area_identity,
    reconcile,
)
from sendscrape.reconcile.official import (
    OfficialEntry,
    OfficialFileError,
    header_key,
    read_official,
)
from sendscrape.validate.models import FullInspectionReport, Report
from sendscrape.validate.records import validate_record
from tests.records import full_report

ODS = "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
ADCS = "SEND_Outcomes_Summary_www.xlsx"
MI_2023 = "mi_ofsted_area_send_jan_to_aug_2023.csv"

Finding = tuple[str, str, str, str]  # area, report type, kind, fact


def findings(result: Reconciliation) -> set[Finding]:
    return {(d.area, d.report_type, d.kind, d.detail.split(":")[0]) for d in result.disagreements}


@pytest.fixture(scope="module")
def ods_entries(reference_dir: Path) -> list[OfficialEntry]:
    return read_official(reference_dir / ODS)


def _record(entry: OfficialEntry, **changes: Any) -> Report:
    """A valid record stating exactly what the official entry states, then `changes`."""
    facts = {**entry.facts, **changes}
    start = facts["inspection_start"]
    fields: dict[str, Any] = {
        "report_type": entry.report_type,
        "sha256": hashlib.sha256(f"{entry.where} {entry.report_type} {start}".encode()).hexdigest(),
        "pages": 4,
        "parser_version": "test",
        "published": facts.get("published"),
        "local_area": entry.area,
        **area_by_gss_code(str(entry.gss_code)).fields(),
        "inspection_start": start,
        "inspection_end": start + dt.timedelta(days=4),
    }
    if entry.report_type == "local_area_send_inspection":
        count = int(facts["significant_weaknesses"])
        fields |= {
            "wsoa_required": facts["wsoa_required"],
            "significant_weaknesses": [f"weakness {n}" for n in range(1, count + 1)],
            "wsoa_responsible_bodies": ["local authority"] if count else [],
            "main_findings": ["Findings."],
        }
    else:
        fields |= {
            "wsoa_issued": None,
            "wsoa_fit_for_purpose": None,
            "weaknesses": [],
            "revisit_outcome": facts["revisit_outcome"],
            "weaknesses_total": facts["weaknesses_total"],
            "weaknesses_improved": facts["weaknesses_improved"],
        }
    return validate_record(fields, entry.where)


def _first(entries: Iterable[OfficialEntry], report_type: str, **facts: object) -> OfficialEntry:
    return next(
        e
        for e in entries
        if e.report_type == report_type and all(e.facts.get(k) == v for k, v in facts.items())
    )


@pytest.mark.corpus
def test_ods_reproduces_the_official_figures(ods_entries: list[OfficialEntry]) -> None:
    inspections = [e for e in ods_entries if e.report_type == "local_area_send_inspection"]
    revisits = [e for e in ods_entries if e.report_type == "local_area_send_revisit"]
    assert len({e.gss_code for e in inspections}) == len(inspections) == 149
    assert sum(bool(e.facts["wsoa_required"]) for e in inspections) == 82
    outcomes = [e.facts["revisit_outcome"] for e in revisits]
    assert (outcomes.count("all"), outcomes.count("some"), outcomes.count("none")) == (20, 24, 2)


@pytest.mark.corpus
def test_dataset_built_from_the_ods_agrees_with_it(
    ods_entries: list[OfficialEntry],
    reference_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dataset = tmp_path / "reports.jsonl"
    write_jsonl_atomic([_record(e) for e in ods_entries], dataset)
    assert main(["reconcile", str(dataset), "--official", str(reference_dir / ODS)]) == 0
    total = len(ods_entries)
    inspections = sum(e.report_type == "local_area_send_inspection" for e in ods_entries)
    assert capsys.readouterr().out.splitlines() == [
        "compared inspections started 2016-05-23 to 2022-07-11",
        f"local_area_send_inspection: {inspections} agree, 0 disagree, 0 missing, 0 extra",
        f"local_area_send_revisit: {total - inspections} agree, 0 disagree, 0 missing, 0 extra",
        f"{total} official entries: {total} agree, 0 disagree, 0 missing; 0 extra report(s); "
        "0 disagreement(s)",
    ]


@pytest.mark.corpus
def test_altered_dataset_disagrees_where_altered(
    ods_entries: list[OfficialEntry],
    reference_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dropped = _first(ods_entries, "local_area_send_inspection", wsoa_required=False)
    moved = _first(ods_entries, "local_area_send_revisit", revisit_outcome="some")
    grown = _first(ods_entries, "local_area_send_inspection", wsoa_required=True)
    worse = _first(ods_entries, "local_area_send_revisit", revisit_outcome="all")
    late = [e for e in ods_entries if e.report_type == "local_area_send_inspection"][-1]
    extra_of = [e for e in ods_entries if e.facts.get("wsoa_required") is False][-1]
    assert len({id(e) for e in (dropped, moved, grown, worse, late, extra_of)}) == 6
    start_of_moved = moved.facts["inspection_start"]
    assert isinstance(start_of_moved, dt.date)
    changes: dict[int, dict[str, Any]] = {
        id(moved): {"inspection_start": start_of_moved + dt.timedelta(days=7)},
        id(grown): {"significant_weaknesses": int(str(grown.facts["significant_weaknesses"])) + 1},
        id(worse): {
            "revisit_outcome": "some",
            "weaknesses_improved": int(str(worse.facts["weaknesses_improved"])) - 1,
        },
        id(late): {"published": late.facts["published"] + dt.timedelta(days=1)},  # type: ignore[operator]
    }
    records = [_record(e, **changes.get(id(e), {})) for e in ods_entries if e is not dropped]
    first_start = min(e.start for e in ods_entries if e.start)
    records.append(_record(extra_of, inspection_start=first_start + dt.timedelta(days=400)))

    result = reconcile(ods_entries, records)

    inspection, revisit = "local_area_send_inspection", "local_area_send_revisit"
    assert findings(result) == {
        (dropped.area, inspection, MISSING, "no such report in the dataset"),
        (moved.area, revisit, "different date", "inspection_start"),
        (grown.area, inspection, "different count", "significant_weaknesses"),
        (worse.area, revisit, "different outcome", "revisit_outcome"),
        (worse.area, revisit, "different count", "weaknesses_improved"),
        (late.area, inspection, "different date", "published"),
        (extra_of.area, inspection, UNLISTED, "the dataset has this report"),
    }
    assert result.agreeing == len(ods_entries) - 5
    agree = {kind: counts["agree"] for kind, counts in result.tallies.items()}
    assert result.kind_lines() == [
        f"{inspection}: {agree[inspection]} agree, 2 disagree, 1 missing, 1 extra",
        f"{revisit}: {agree[revisit]} agree, 2 disagree, 0 missing, 0 extra",
    ]

    dataset = tmp_path / "reports.jsonl"
    write_jsonl_atomic(records, dataset)
    assert main(["reconcile", str(dataset), "--official", str(reference_dir / ODS)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == result.summary()
    assert f"  {revisit} {start_of_moved.isoformat()}: different date: inspection_start: " in (
        "\n".join(out)
    )
    assert dropped.area in out  # each area heads its own disagreements


@pytest.mark.corpus
@pytest.mark.filterwarnings("ignore:Data Validation extension:UserWarning")
def test_adcs_summary_rows_and_names(reference_dir: Path) -> None:
    entries = read_official(reference_dir / ADCS)
    workbook = openpyxl.load_workbook(reference_dir / ADCS, read_only=True)
    kinds: dict[tuple[str, str, object], str] = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=2, values_only=True):
            kind = header_key(row[2])
            if row[0] and kind in {"send", "re send"}:
                kinds[(header_key(row[0]), kind, row[3])] = kind
    workbook.close()
    counted = {
        "local_area_send_inspection": list(kinds.values()).count("send"),
        "local_area_send_revisit": list(kinds.values()).count("re send"),
    }
    assert {k: sum(e.report_type == k for e in entries) for k in counted} == counted
    known = {authority.name for authority in local_authorities()}
    unresolved = {e.area for e in entries if area_identity(e.area) not in known}
    assert unresolved == {"Leicesteshire", "Kingston"}  # a misspelling; two Kingstons exist


def _mi_outcome(text: str) -> str:
    first = text.split(maxsplit=1)[0].casefold()
    return {"typically": "positive", "inconsistent": "inconsistent"}.get(
        first, "widespread_failings"
    )


def _expected_2023(rows: list[dict[str, str]], records: list[FullInspectionReport]) -> set[Finding]:
    """What the reconciliation should find, worked out here straight from the two sources."""
    kind = "area_send_full_inspection"
    found: set[Finding] = set()
    left = list(records)
    for row in rows:
        area = row["Local.area.partnership"]
        start = dt.datetime.strptime(row["Inspection.start.date"], "%d/%m/%Y").date()
        same = [r for r in left if name_key(r.local_area) == name_key(area)]
        near = [r for r in same if abs((r.inspection_start - start).days) <= 120]
        if not near:
            found.add((area, kind, MISSING, "no such report in the dataset"))
            continue
        record = near[0]
        left.remove(record)
        published = dt.datetime.strptime(row["Inspection.publication.date"], "%d/%m/%Y").date()
        count = (
            0
            if row["Number.of.areas.for.priority.action"] == "NA"
            else int(row["Number.of.areas.for.priority.action"])
        )
        checks = {
            ("different date", "inspection_start"): record.inspection_start == start,
            ("different date", "published"): record.published == published,
            ("different outcome", "outcome"): record.outcome
            == _mi_outcome(row["Inspection.outcome"]),
            ("different outcome", "priority_action_plan_required"): (
                record.priority_action_plan_required
                == (row["Priority.action.plan.required."] == "Yes")
            ),
            ("different count", "priority_actions"): len(record.priority_actions) == count,
        }
        found |= {(area, kind, what, fact) for (what, fact), ok in checks.items() if not ok}
    starts = [dt.datetime.strptime(r["Inspection.start.date"], "%d/%m/%Y").date() for r in rows]
    for record in left:
        if min(starts) <= record.inspection_start <= max(starts):
            found.add((record.local_area, kind, UNLISTED, "the dataset has this report"))
    return found


@pytest.mark.corpus
def test_real_2023_reports_against_the_management_information(
    reference_dir: Path, expected_records: list[dict[str, Any]]
) -> None:
    records = [full_report(expected) for expected in expected_records]
    with (reference_dir / MI_2023).open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    expected = _expected_2023(rows, records)
    result = reconcile(read_official(reference_dir / MI_2023), records)
    assert findings(result) == expected
    matched = len(rows) - sum(kind == MISSING for _, _, kind, _ in expected)
    assert matched >= 10, "most 2023 areas in the list have a real report in the corpus"
    assert result.agreeing == matched - len(
        {f[0] for f in expected if f[2] not in {MISSING, UNLISTED}}
    )


def test_csv_shapes_and_missing_values(tmp_path: Path) -> None:
    path = tmp_path / "mi.csv"
    path.write_text(
        '"","Local.area.partnership","Inspection.start.date","Inspection.outcome",'
        '"Priority.action.plan.required.","Number.of.areas.for.priority.action"\n'
        '"1","Kensington & Chelsea","2023-02-06","Inconsistent experiences","No",NA\n'
        '"2","Stoke","27/03/2023","Widespread and/or systemic failings","Yes",3\n'
    )
    first, second = read_official(path)
    assert (first.area, first.report_type) == ("Kensington & Chelsea", "area_send_full_inspection")
    assert first.facts == {
        "inspection_start": dt.date(2023, 2, 6),
        "outcome": "inconsistent",
        "priority_action_plan_required": False,
        "priority_actions": 0,
    }
    assert second.facts["priority_actions"] == 3
    assert area_identity(first.area) == "Kensington and Chelsea"
    assert area_identity(second.area) == "Stoke-on-Trent"


def test_file_without_a_header_is_named_in_the_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("just,some\nwords,here\n")
    with pytest.raises(OfficialFileError, match=r"notes\.csv: no sheet with a header"):
        read_official(path)
    dataset = tmp_path / "reports.jsonl"
    dataset.write_text("")
    assert main(["reconcile", str(dataset), "--official", str(path)]) == 2
    assert f"{path}: no sheet with a header" in capsys.readouterr().err


def test_unreadable_inputs_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "list.txt"
    odd.write_text("area\n")
    assert main(["reconcile", str(tmp_path / "reports.jsonl"), "--official", str(odd)]) == 2
    assert f"{odd}: not an ODS, XLSX or CSV file" in capsys.readouterr().err
    official = tmp_path / "mi.csv"
    official.write_text(
        "Local area partnership,Inspection start date,Inspection outcome\n"
        "Rutland,15/05/2023,Typically positive experiences and outcomes\n"
    )
    missing = tmp_path / "absent.jsonl"
    assert main(["reconcile", str(missing), "--official", str(official)]) == 2
    assert f"{missing}: cannot read" in capsys.readouterr().err


def _monitoring_record(area: str, start: dt.date, outcome: str) -> Report:
    fields = {
        "report_type": "area_send_monitoring_inspection",
        "sha256": hashlib.sha256(f"{area} {start}".encode()).hexdigest(),
        "pages": 6,
        "parser_version": "test",
        "local_area": area,
        **area_fields(area, "test"),
        "inspection_start": start,
        "inspection_end": start + dt.timedelta(days=2),
        "monitoring_outcome": outcome,
        "outcome_text": "The local area partnership has taken effective action.",
        "priority_action_reviews": [],
        "next_steps": [],
    }
    return validate_record(fields, "test")


def test_monitoring_rows_of_a_typed_list(tmp_path: Path) -> None:
    path = tmp_path / "mi.csv"
    path.write_text(
        "Local area partnership,Inspection type,Inspection start date,Inspection outcome\n"
        "Oxfordshire,Monitoring inspection,03/03/2025,Taken effective action\n"
        "Plymouth,Monitoring inspection,10/03/2025,Taken ineffective action\n"
    )
    oxfordshire, plymouth = read_official(path)
    assert oxfordshire.report_type == plymouth.report_type == "area_send_monitoring_inspection"
    assert oxfordshire.facts["monitoring_outcome"] == "effective_action"
    assert plymouth.facts["monitoring_outcome"] == "ineffective_action"
    records = [
        _monitoring_record("Oxfordshire", dt.date(2025, 3, 3), "effective_action"),
        _monitoring_record("Plymouth", dt.date(2025, 3, 10), "effective_action"),
    ]
    result = reconcile([oxfordshire, plymouth], records)
    assert findings(result) == {
        ("Plymouth", "area_send_monitoring_inspection", "different outcome", "monitoring_outcome")
    }
    assert result.agreeing == 1


@pytest.mark.corpus
def test_the_official_lists_span_is_compared_by_default(ods_entries: list[OfficialEntry]) -> None:
    """By default every entry of the list is compared: a dataset of one year's inspections is
    missing all the others; --since/--until narrow the comparison to that year."""
    year = [e for e in ods_entries if e.start and e.start.year == 2019]
    records = [_record(e) for e in year]
    starts = [e.start for e in ods_entries if e.start]
    result = reconcile(ods_entries, records)
    assert result.window == Window(min(starts), max(starts))
    assert result.official_entries == len(starts)
    missing = {d.start.year for d in result.disagreements if d.kind == MISSING and d.start}
    assert missing == {e.start.year for e in ods_entries if e.start} - {2019}
    assert result.agreeing == len(year)
    narrow = reconcile(ods_entries, records, Window(dt.date(2019, 1, 1), dt.date(2019, 12, 31)))
    assert (narrow.official_entries, narrow.agreeing, narrow.disagreements) == (
        len(year),
        len(year),
        (),
    )


@pytest.mark.corpus
def test_the_earliest_official_inspection_missing_is_named(
    reference_dir: Path, expected_records: list[dict[str, Any]]
) -> None:
    """Nottinghamshire (30 January 2023) is the first entry of the 2023 list: a dataset without
    it starts later, and the comparison must still name it missing."""
    records = [full_report(expected) for expected in expected_records]
    without = [r for r in records if r.local_area != "Nottinghamshire"]
    assert len(without) == len(records) - 1
    result = reconcile(read_official(reference_dir / MI_2023), without)
    assert result.window.since == dt.date(2023, 1, 30)
    assert ("Nottinghamshire", dt.date(2023, 1, 30), MISSING) in {
        (d.area, d.start, d.kind) for d in result.disagreements
    }


def test_since_until_must_be_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["reconcile", str(tmp_path), "--official", "x.csv", "--since", "May 2018"])
    assert "not a date (YYYY-MM-DD): 'May 2018'" in capsys.readouterr().err
