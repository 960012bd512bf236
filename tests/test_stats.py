"""`sendscrape stats` on datasets built from hand-checked values; counts recomputed here."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from sendscrape.cli import main
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.enrich.themes import tag_themes
from sendscrape.stats.counts import breakdown, distinct_inspections
from sendscrape.validate.models import FullInspectionReport, Report
from sendscrape.validate.records import validate_record
from tests.official import official_2016_rows
from tests.records import base_fields, full_report

# Ofsted's eight regions merge two ONS regions; la_lookup.csv gives the ONS ones.
MERGED = {"north east", "yorkshire and the humber"}


def _run_stats(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["stats", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def own_dataset(own_records: list[dict[str, Any]], tmp_path: Path) -> Path:
    path = tmp_path / "reports.jsonl"
    write_jsonl_atomic([full_report(record) for record in own_records], path)
    return path


@pytest.fixture
def corpus_dataset(expected_records: list[dict[str, Any]], tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    write_jsonl_atomic([full_report(record) for record in expected_records], path)
    return path


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_year_outcome_csv_is_exactly_the_documented_columns(
    own_dataset: Path, own_records: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run_stats(
        [str(own_dataset), "--by", "year,outcome", "--format", "csv"], capsys
    )
    assert status == 0
    header, *rows = _csv_rows(out)
    assert header == ["year", "outcome", "inspections"]
    expected = collections.Counter(
        (record["inspection_start"][:4], record["outcome"]) for record in own_records
    )
    assert {(year, outcome): int(n) for year, outcome, n in rows} == expected
    assert sum(int(n) for *_, n in rows) == len(own_records)


def test_region_outcome_matches_the_public_lookup_regions(
    corpus_dataset: Path,
    expected_records: list[dict[str, Any]],
    reference_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with (reference_dir / "la_lookup.csv").open(encoding="utf-8-sig") as stream:
        ons_region = {row["urn"]: row["region_name"] for row in csv.DictReader(stream)}

    def ofsted_region(urn: str) -> str:
        region = ons_region[urn]
        return "North East, Yorkshire and the Humber" if region.lower() in MERGED else region

    expected = collections.Counter(
        (ofsted_region(record["urn"]), record["outcome"]) for record in expected_records
    )
    status, out, _ = _run_stats(
        [str(corpus_dataset), "--by", "ofsted_region,outcome", "--format", "csv"], capsys
    )
    header, *rows = _csv_rows(out)
    assert (status, header) == (0, ["ofsted_region", "outcome", "inspections"])
    assert {(region, outcome): int(n) for region, outcome, n in rows} == expected


def test_priority_action_distribution_and_share(
    own_dataset: Path, own_records: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    counts = collections.Counter(len(record["priority_actions"]) for record in own_records)
    _, out, _ = _run_stats(
        [str(own_dataset), "--by", "priority_actions", "--format", "csv"], capsys
    )
    assert {int(n_actions): int(n) for n_actions, n in _csv_rows(out)[1:]} == counts

    _, out, _ = _run_stats([str(own_dataset), "--by", "shares", "--format", "json"], capsys)
    share = json.loads(out)["shares"][0]
    with_actions = sum(bool(record["priority_actions"]) for record in own_records)
    assert share == {
        "measure": "full inspections with priority actions",
        "count": with_actions,
        "of": len(own_records),
        "share": round(with_actions / len(own_records), 3),
    }


def _iso(day_month_year: str) -> str:
    return dt.datetime.strptime(day_month_year, "%d/%m/%Y").date().isoformat()


def _official_2016_reports(row: dict[str, str]) -> list[Report]:
    """The 2016-framework inspection of one area of Ofsted's official file, and its revisit."""
    start = _iso(row["inspection_start"])
    weaknesses = [f"Weakness {n}" for n in range(1, int(row["weaknesses"] or 0) + 1)]
    letter = base_fields(row["area"], start, start) | {
        "report_type": "local_area_send_inspection",
        "wsoa_required": row["wsoa_required"] == "Yes",
        "significant_weaknesses": weaknesses,
        "wsoa_responsible_bodies": ["The local authority and the CCG"] if weaknesses else [],
        "main_findings": ["Findings."],
    }
    reports = [validate_record(letter, row["area"])]
    if row["revisit_all_progress"]:
        revisit_start = _iso(row["revisit_start"])
        improved = int(row["weaknesses_improved"])
        total = improved + int(row["weaknesses_not_improved"])
        outcome = {"Yes": "all", "Some": "some", "No": "none"}[row["revisit_all_progress"]]
        revisit = base_fields(row["area"], revisit_start, revisit_start) | {
            "report_type": "local_area_send_revisit",
            "wsoa_issued": None,
            "wsoa_fit_for_purpose": None,
            "weaknesses": [],
            "revisit_outcome": outcome,
            "weaknesses_total": total,
            "weaknesses_improved": improved,
        }
        reports.append(validate_record(revisit, row["area"]))
    return reports


def test_2016_framework_wsoa_share_and_revisit_progress(reference_dir: Path) -> None:
    rows = official_2016_rows(reference_dir)
    reports = [report for row in rows for report in _official_2016_reports(row)]

    wsoa = breakdown(reports, "wsoa_required").records()
    required = sum(row["wsoa_required"] == "Yes" for row in rows)
    assert wsoa == [
        {"wsoa_required": "yes", "inspections": required},
        {"wsoa_required": "no", "inspections": len(rows) - required},
    ]
    progress = collections.Counter(
        row["revisit_all_progress"] for row in rows if row["revisit_start"]
    )
    revisits = {
        r["revisit_outcome"]: r["inspections"]
        for r in breakdown(reports, "revisit_outcome").records()
    }
    assert revisits == {"all": progress["Yes"], "some": progress["Some"], "none": progress["No"]}

    wsoa_share = breakdown(reports, "shares").records()[2]
    assert (wsoa_share["count"], wsoa_share["of"]) == (required, len(rows))


def test_a_republished_report_counts_once_and_a_reinspection_twice(
    own_records: list[dict[str, Any]],
) -> None:
    original = own_records[0]
    republished = original | {"sha256": "0" * 64, "published": "2025-01-01"}
    reinspected = original | {"sha256": "1" * 64, "inspection_start": "2028-03-06"}
    reinspected["inspection_end"] = "2028-03-10"
    reports = [full_report(r) for r in (original, republished, reinspected)]
    kept = distinct_inspections(reports)
    assert sorted(report.sha256 for report in kept) == ["0" * 64, "1" * 64]
    counts = breakdown(kept, "year").records()
    assert counts == [
        {"year": int(original["inspection_start"][:4]), "inspections": 1},
        {"year": 2028, "inspections": 1},
    ]


def test_year_is_the_year_the_inspection_started_not_published(
    own_dataset: Path, own_records: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    late = [r for r in own_records if r["inspection_start"][:4] != r["published"][:4]]
    assert late, "the own records have reports published the year after the inspection"
    _, out, _ = _run_stats([str(own_dataset), "--by", "year", "--format", "csv"], capsys)
    by_start = collections.Counter(int(r["inspection_start"][:4]) for r in own_records)
    assert {int(year): int(n) for year, n in _csv_rows(out)[1:]} == by_start


def test_table_format_is_aligned_and_titled(
    own_dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run_stats([str(own_dataset)], capsys)
    assert status == 0
    block = out.split("\n\n")[1].splitlines()
    assert block[0] == "Inspections by year, outcome"
    assert block[1].split() == ["year", "outcome", "inspections"]
    assert len({len(line) for line in block[2:]}) == 1  # every row as wide as the rule


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "colour"], "unknown breakdown 'colour'"),
        (["--format", "csv"], "needs exactly one --by"),
    ],
)
def test_bad_breakdown_requests_are_refused(
    own_dataset: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run_stats([str(own_dataset), *args], capsys)
    assert (status, out) == (2, "")
    assert message in err


def test_invalid_dataset_line_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"report_type": "area_send_full_inspection"}\n', encoding="utf-8")
    status, _, err = _run_stats([str(path)], capsys)
    assert status == 1
    assert f"{path}:1: invalid record" in err


def test_themes_flag_adds_the_theme_tables(
    own_records: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tagged = [
        validate_record(tag_themes(full_report(r).model_dump(mode="json")), r["file"])
        for r in own_records
    ]
    path = tmp_path / "tagged.jsonl"
    write_jsonl_atomic(tagged, path)
    status, out, _ = _run_stats([str(path), "--themes", "--format", "json"], capsys)
    tables = json.loads(out)
    assert (status, list(tables)) == (0, ["themes", "themes_by_outcome"])
    actions_per_theme = collections.Counter(
        tag.theme
        for report in tagged
        if isinstance(report, FullInspectionReport)
        for action in report.priority_actions
        for tag in {t.theme: t for t in action.themes}.values()
    )
    assert actions_per_theme, "hand-checked priority action openings carry some theme phrases"
    assert {row["theme"]: row["priority_actions"] for row in tables["themes"]} == actions_per_theme


@pytest.mark.parametrize("recent_first", [True, False])
def test_of_two_publications_of_one_inspection_the_most_recent_is_counted(
    own_records: list[dict[str, Any]],
    recent_first: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    original = own_records[2] | {"published": "2024-01-22"}
    corrected = original | {"sha256": "c" * 64, "published": "2024-06-03", "outcome": "positive"}
    corrected |= {"priority_actions": [], "monitoring_within_months": None}
    reports = [full_report(corrected), full_report(original)]
    if not recent_first:
        reports.reverse()
    [kept] = distinct_inspections(reports)
    assert kept.sha256 == "c" * 64
    path = tmp_path / "reports.jsonl"
    write_jsonl_atomic(reports, path)
    _, out, _ = _run_stats([str(path), "--by", "outcome", "--format", "csv"], capsys)
    assert _csv_rows(out) == [["outcome", "inspections"], ["positive", "1"]]
