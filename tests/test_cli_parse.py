"""`sendscrape parse`: the whole pipeline (parse -> area codes -> validate -> JSONL) on PDFs the
project builds itself, and its behaviour on bad input."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from fixtures.pdfs.full_inspection import (
    inconsistent_outcome,
    positive_outcome,
    widespread_failings,
)
from fixtures.pdfs.render import render_pdf
from sendscrape.cli import main
from sendscrape.validate.records import validate_json_line

# Real area names, so that the area-code stage can resolve them.
AREAS = ("Telford and Wrekin", "Kingston upon Hull", "Bedford Borough")


@pytest.fixture(scope="module")
def report_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    paths = []
    fixtures = (widespread_failings(), positive_outcome(), inconsistent_outcome())
    for fixture, area in zip(fixtures, AREAS, strict=True):
        title = f"Area SEND inspection of {area} Local Area Partnership"
        path = folder / f"{fixture.name}.pdf"
        path.write_bytes(render_pdf(dataclasses.replace(fixture.spec, title=title)))
        paths.append(path)
    return paths


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_parse_writes_one_validated_record_per_pdf_in_input_order(
    report_pdfs: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["parse", *map(str, report_pdfs), "-o", str(out)]) == 0
    lines = out.read_text().splitlines()
    records = [validate_json_line(line, str(out)) for line in lines]
    assert [r.report_type for r in records] == ["area_send_full_inspection"] * 3
    assert [getattr(r, "outcome", None) for r in records] == [
        "widespread_failings",
        "positive",
        "inconsistent",
    ]
    assert [(r.local_area, r.la_code, r.gss_code) for r in records] == [
        ("Telford and Wrekin", "894", "E06000020"),
        ("Kingston upon Hull", "810", "E06000010"),
        ("Bedford Borough", "822", "E06000055"),
    ]
    assert all(r.source_url is None for r in records)


def test_record_keys_are_the_documented_contract(report_pdfs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    main(["parse", str(report_pdfs[0]), "-o", str(out)])
    record = _records(out)[0]
    for key in (
        "sha256", "pages", "parser_version", "report_type", "local_area", "inspection_start",
        "inspection_end", "previous_inspections", "previous_inspection_text", "outcome",
        "outcome_text", "monitoring_within_months", "next_full_within_years",
        "priority_action_plan_required", "priority_actions", "areas_for_improvement",
        "local_authority", "icb", "warnings", "sections", "urn", "la_code", "gss_code",
        "region", "ofsted_region",
    ):  # fmt: skip
        assert key in record, key
    assert record["monitoring_within_months"] == 18
    assert record["priority_action_plan_required"] is True


def test_stdout_output(report_pdfs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(report_pdfs[1]), "-o", "-"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["outcome"] == "positive"


def test_bad_files_are_reported_and_skipped_and_the_rest_written(
    report_pdfs: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "error-page.pdf"
    html.write_text("<!DOCTYPE html><html><body>Service unavailable</body></html>")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(report_pdfs[0].read_bytes()[:2000])
    missing = tmp_path / "missing.pdf"
    out = tmp_path / "out.jsonl"

    status = main(["parse", str(html), str(report_pdfs[1]), str(truncated), str(missing),
                   "-o", str(out)])  # fmt: skip

    assert status == 1
    assert [r["outcome"] for r in _records(out)] == ["positive"]
    errors = capsys.readouterr().err.splitlines()
    assert errors[0].startswith(f"{html}: ")
    assert "not a PDF" in errors[0]
    assert errors[1].startswith(f"{truncated}: ")
    assert errors[2].startswith(f"{missing}: cannot read")
    assert errors[3] == "sendscrape parse: 3 of 4 file(s) failed"


def test_failed_run_leaves_no_partial_file_behind(tmp_path: Path) -> None:
    html = tmp_path / "page.pdf"
    html.write_text("<html></html>")
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(html), "-o", str(out)]) == 1
    assert out.read_text() == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "page.pdf"]
