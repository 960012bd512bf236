"""`sendscrape export --format xlsx` and the site's data package: the workbook read back with
openpyxl, the data package validated with frictionless, a missing extra named in one line."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

from fixtures.synthetic import synthetic_reports
from sendscrape.cli import main
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.publish.datapackage import write_descriptor
from sendscrape.publish.export import export_tables, report_columns, write_csv
from sendscrape.validate.models import FullInspectionReport, Report

CURLY = "Leaders should make sure “families’ views” shape the offer – now."


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    made = synthetic_reports(160)
    first = made[0]
    assert isinstance(first, FullInspectionReport)
    items = first.areas_for_improvement
    curly = items[0].model_copy(update={"text": CURLY})
    made[0] = first.model_copy(update={"areas_for_improvement": (curly, *items[1:])})
    return made


@pytest.fixture(scope="module")
def workbook(reports: list[Report], tmp_path_factory: pytest.TempPathFactory) -> Path:
    dataset = tmp_path_factory.mktemp("xlsx") / "reports.jsonl"
    write_jsonl_atomic(reports, dataset)
    out = dataset.parent / "out"
    assert main(["export", str(dataset), "--format", "xlsx", "-o", str(out)]) == 0
    return out / "sendscrape.xlsx"


def test_workbook_has_a_readme_and_a_sheet_per_table(reports: list[Report], workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["README", "reports", "priority_actions", "areas_for_improvement"]
    full = [r for r in reports if isinstance(r, FullInspectionReport)]
    expected_rows = {
        "reports": len(reports),
        "priority_actions": sum(len(r.priority_actions) for r in full),
        "areas_for_improvement": sum(len(r.areas_for_improvement) for r in full),
    }
    for name, rows in expected_rows.items():
        sheet = book[name]
        assert sheet.max_row == rows + 1, name
        assert sheet.freeze_panes == "A2", name
    header = [cell.value for cell in book["reports"][1]]
    assert header == list(report_columns())
    readme = [row[1] for row in book["README"].iter_rows(values_only=True)]
    assert "inspection_start" in readme
    assert "priority_actions_count" in readme
    licence = " ".join(str(row[0]) for row in book["README"].iter_rows(values_only=True))
    assert "Open Government Licence v3.0" in licence
    assert "MIT" in licence


def test_workbook_cells_are_typed_linked_and_round_trip(
    reports: list[Report], workbook: Path
) -> None:
    sheet = openpyxl.load_workbook(workbook)["reports"]
    columns = [cell.value for cell in sheet[1]]
    first = sheet[2]
    start = first[columns.index("inspection_start")]
    assert start.value == dt.datetime.combine(reports[0].inspection_start, dt.time())
    assert start.is_date
    assert start.number_format == "yyyy-mm-dd"
    link = first[columns.index("source_url")]
    assert link.hyperlink is not None
    assert link.hyperlink.target == reports[0].source_url
    assert first[columns.index("pages")].value == reports[0].pages
    improvements = openpyxl.load_workbook(workbook)["areas_for_improvement"]
    text_column = [cell.value for cell in improvements[1]].index("text")
    assert improvements.cell(row=2, column=text_column + 1).value == CURLY


def test_data_package_validates_with_frictionless(reports: list[Report], tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    tables = export_tables(reports)
    write_csv(tables, tmp_path)
    descriptor = write_descriptor(tables, tmp_path)
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    package = frictionless.Package(str(descriptor))
    fields = package.get_resource("reports").schema.get_field("inspection_start")
    assert (fields.type, fields.description) == ("date", "First day of the inspection, as printed.")
    assert package.licenses[0]["name"] == "OGL-UK-3.0"


@pytest.mark.parametrize(
    ("argv", "missing"),
    [
        (["export", "{dataset}", "--format", "xlsx", "-o", "{out}"], "xlsxwriter"),
        (["site", "{dataset}", "-o", "{out}"], "jinja2"),
        (["site", "{dataset}", "-o", "{out}"], "feedgen"),
    ],
)
def test_without_the_publish_extra_one_line_names_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    missing: str,
) -> None:
    dataset = tmp_path / "reports.jsonl"
    write_jsonl_atomic(synthetic_reports(3), dataset)
    real_import = importlib.import_module

    def without(name: str, package: str | None = None) -> ModuleType:
        if name.split(".", maxsplit=1)[0] == missing:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", without)
    out = tmp_path / "out"
    status = main([arg.format(dataset=dataset, out=out) for arg in argv])
    error = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert len(error) == 1
    assert "pip install 'sendscrape[publish]'" in error[0]
    assert missing in error[0]
    assert not out.exists()


def test_an_exported_workbook_says_the_date_of_its_data(
    reports: list[Report], tmp_path: Path
) -> None:
    dataset = tmp_path / "reports.jsonl"
    write_jsonl_atomic(reports[:5], dataset)
    run = '{"command": "scrape", "finished": "2026-11-30T02:45:00+00:00", "listing_complete": true}'
    (tmp_path / "runs.jsonl").write_text(run + "\n", encoding="utf-8")
    assert main(["export", str(dataset), "--format", "xlsx", "-o", str(tmp_path / "out")]) == 0
    book = openpyxl.load_workbook(tmp_path / "out" / "sendscrape.xlsx", read_only=True)
    assert book["README"]["A2"].value.startswith(
        "Data as of 30 November 2026 (from the last completed crawl); dataset version 2026.11.30"
    )
