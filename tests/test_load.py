"""`sendscrape.load`: a dataset back as validated models; a bad line names its file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import sendscrape
from sendscrape.dataset.write import report_to_json_line, write_jsonl_atomic
from sendscrape.validate.records import RecordValidationError
from tests.records import full_report


def test_load_returns_the_records_written(
    own_records: list[dict[str, Any]], tmp_path: Path
) -> None:
    reports = [full_report(record) for record in own_records]
    path = tmp_path / "reports.jsonl"
    write_jsonl_atomic(reports, path)
    assert sendscrape.load(path) == reports
    assert sendscrape.load(tmp_path) == reports  # a data directory: its reports.jsonl


def test_bad_line_names_file_and_line(own_records: list[dict[str, Any]], tmp_path: Path) -> None:
    report = full_report(own_records[0])
    good = report_to_json_line(report)
    bad = good.replace(f'"la_code":"{report.la_code}"', '"la_code":"83"')
    assert bad != good
    path = tmp_path / "reports.jsonl"
    path.write_text(f"{good}\n\n{bad}\n", encoding="utf-8")
    with pytest.raises(RecordValidationError) as caught:
        sendscrape.load(path)
    assert str(caught.value).startswith(f"{path}:3: invalid record: ")
    assert "la_code" in str(caught.value)


def test_blank_lines_carry_no_record(own_records: list[dict[str, Any]], tmp_path: Path) -> None:
    line = report_to_json_line(full_report(own_records[1]))
    path = tmp_path / "reports.jsonl"
    path.write_text(f"\n{line}\n  \n", encoding="utf-8")
    assert [r.sha256 for r in sendscrape.load(path)] == [own_records[1]["sha256"]]


def test_missing_file_is_an_os_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        sendscrape.load(tmp_path / "absent.jsonl")
    assert caught.value.filename == str(tmp_path / "absent.jsonl")


def test_iter_reports_streams_lazily(own_records: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    first = report_to_json_line(full_report(own_records[0]))
    path.write_text(f"{first}\nnot json\n", encoding="utf-8")
    records = sendscrape.iter_reports(path)
    assert next(records).sha256 == own_records[0]["sha256"]
    with pytest.raises(RecordValidationError, match=r":2: invalid record"):
        next(records)
