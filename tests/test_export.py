"""`sendscrape export`: the CSVs read back with the csv module equal the records they came from."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sendscrape.cli import main
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.enrich.themes import tag_themes
from sendscrape.publish.export import column_kind, export, report_columns
from sendscrape.publish.extras import ExportError
from sendscrape.validate.models import FullInspectionReport, Report
from sendscrape.validate.records import validate_record
from tests.records import base_fields, full_report

AREA_CODES = ("urn", "la_code", "gss_code", "region", "ofsted_region")


def _older_framework_reports() -> list[Report]:
    letter = base_fields("Kingston upon Hull", "2017-10-09", "2017-10-13") | {
        "report_type": "local_area_send_inspection",
        "wsoa_required": True,
        "significant_weaknesses": ["Weak joint commissioning.", "Late EHC plans, poor quality."],
        "wsoa_responsible_bodies": ["Hull City Council", "Hull CCG"],
        "main_findings": ["First finding.", "Second, longer finding."],
    }
    revisit = base_fields("Kingston upon Hull", "2019-11-18", "2019-11-20") | {
        "report_type": "local_area_send_revisit",
        "wsoa_issued": "2018-03-01",
        "wsoa_fit_for_purpose": None,
        "weaknesses": [
            {"text": "Weak joint commissioning.", "sufficient_progress": True},
            {"text": "Late EHC plans, poor quality.", "sufficient_progress": False},
        ],
        "revisit_outcome": "some",
        "weaknesses_total": 2,
        "weaknesses_improved": 1,
    }
    return [validate_record(letter, "letter"), validate_record(revisit, "revisit")]


@pytest.fixture
def reports(own_records: list[dict[str, Any]]) -> list[Report]:
    tagged = [
        validate_record(tag_themes(full_report(r).model_dump(mode="json")), r["file"])
        for r in own_records
    ]
    return [*tagged, *_older_framework_reports()]


def _read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name} starts with a BOM"
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _from_csv(text: str, kind: str) -> object:
    if text == "":
        return None
    if kind == "int":
        return int(text)
    if kind == "bool":
        return {"true": True, "false": False}[text]
    return dt.date.fromisoformat(text) if kind == "date" else text


def _model_value(report: Report, column: str) -> object:
    name = column.removesuffix("_count")
    value = getattr(report, name, None)
    if isinstance(value, tuple):
        if column != name:
            return len(value)
        return "\n".join(value) if value else None
    return value


def test_reports_csv_round_trips(reports: list[Report], tmp_path: Path) -> None:
    export(reports, tmp_path, "csv")
    rows = _read_csv(tmp_path / "reports.csv")
    assert len(rows) == len(reports)
    assert tuple(rows[0]) == report_columns()
    for report, row in zip(reports, rows, strict=True):
        assert row["sha256"] == report.sha256
        assert all(row[code] for code in AREA_CODES), row
        for column, text in row.items():
            assert _from_csv(text, column_kind(column)) == _model_value(report, column), column


def _items_by_report(path: Path) -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv(path):
        grouped.setdefault(row["sha256"], []).append(row)
    return grouped


@pytest.mark.parametrize("items_field", ["priority_actions", "areas_for_improvement"])
def test_item_csvs_round_trip(reports: list[Report], tmp_path: Path, items_field: str) -> None:
    export(reports, tmp_path, "csv")
    grouped = _items_by_report(tmp_path / f"{items_field}.csv")
    full = [r for r in reports if isinstance(r, FullInspectionReport)]
    assert sum(map(len, grouped.values())) == sum(len(getattr(r, items_field)) for r in full)
    for report in full:
        rows = grouped.get(report.sha256, [])
        items = getattr(report, items_field)
        assert [int(row["item_number"]) for row in rows] == list(range(1, len(items) + 1))
        for item, row in zip(items, rows, strict=True):
            assert (row["responsible_body"] or None, row["text"]) == (
                item.responsible_body,
                item.text,
            )
            exported_themes = row["themes"].split("; ") if row["themes"] else []
            assert exported_themes == [tag.theme for tag in item.themes]
            assert [row[code] for code in AREA_CODES] == [getattr(report, c) for c in AREA_CODES]
            assert (row["inspection_start"], row["outcome"]) == (
                report.inspection_start.isoformat(),
                report.outcome,
            )


def test_theme_phrases_are_exported(reports: list[Report], tmp_path: Path) -> None:
    export(reports, tmp_path, "csv")
    rows = _read_csv(tmp_path / "areas_for_improvement.csv")
    tagged = [row for row in rows if row["themes"]]
    assert tagged, "some hand-checked item openings carry theme phrases"
    for row in tagged:
        phrases = row["theme_phrases"].split("; ")
        assert [p.split(": ", 1)[0] for p in phrases] == row["themes"].split("; ")


def test_export_command_writes_three_files(
    reports: list[Report], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = tmp_path / "reports.jsonl"
    write_jsonl_atomic(reports, dataset)
    status = main(["export", str(dataset), "--format", "csv", "-o", str(tmp_path / "out")])
    out = capsys.readouterr().out.split()
    assert status == 0
    names = ["reports.csv", "priority_actions.csv", "areas_for_improvement.csv"]
    assert out == [str(tmp_path / "out" / name) for name in names]


def test_parquet_without_pyarrow_is_a_clear_error(
    reports: list[Report], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = importlib.import_module

    def no_pyarrow(name: str, package: str | None = None) -> ModuleType:
        if name.startswith("pyarrow"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", no_pyarrow)
    with pytest.raises(ExportError, match=r"pip install 'sendscrape\[parquet\]'"):
        export(reports, tmp_path, "parquet")
    assert not list(tmp_path.iterdir())


def test_parquet_has_typed_columns_and_the_same_values(
    reports: list[Report], tmp_path: Path
) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    export(reports, tmp_path, "parquet")
    table = parquet.read_table(tmp_path / "reports.parquet").to_pylist()
    assert [row["sha256"] for row in table] == [r.sha256 for r in reports]
    assert [row["inspection_start"] for row in table] == [r.inspection_start for r in reports]
    actions = parquet.read_table(tmp_path / "priority_actions.parquet")
    full = [r for r in reports if isinstance(r, FullInspectionReport)]
    assert actions.num_rows == sum(len(r.priority_actions) for r in full)
