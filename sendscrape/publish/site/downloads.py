"""The site's data/ folder: the dataset, its tables in every format, the data package, the counts
behind the charts, and each record on its own for the area pages to link to."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sendscrape.dataset.write import report_to_json_line, write_jsonl
from sendscrape.publish.citation import CITATION_FILE, citation_cff
from sendscrape.publish.datapackage import write_descriptor
from sendscrape.publish.edition import Edition
from sendscrape.publish.export import export_tables, write_csv, write_parquet, write_xlsx
from sendscrape.publish.extras import has_module
from sendscrape.validate.models import Report

DESCRIPTIONS = {
    "reports.jsonl": "The dataset: one JSON object per report, every field (JSON Lines)",
    "reports.csv": "One row per report (CSV, UTF-8)",
    "priority_actions.csv": "One row per priority action (CSV, UTF-8)",
    "areas_for_improvement.csv": "One row per area for improvement (CSV, UTF-8)",
    "sendscrape.xlsx": "Excel workbook: the three tables and a README sheet with the data "
    "dictionary",
    "reports.parquet": "One row per report (Parquet, typed columns)",
    "priority_actions.parquet": "One row per priority action (Parquet)",
    "areas_for_improvement.parquet": "One row per area for improvement (Parquet)",
    "datapackage.json": "Frictionless data package describing the CSV files",
    "stats.json": "The counts behind the charts (JSON)",
    "CITATION.cff": "How to cite this build of the dataset (Citation File Format)",
}
RECORDS_DIR = "records"


@dataclass(frozen=True)
class Download:
    name: str
    description: str
    size: int

    @property
    def size_text(self) -> str:
        return f"{self.size / 1024:.0f} KB" if self.size >= 1024 else f"{self.size} bytes"


def record_path(report: Report) -> str:
    """Where a single record lives, relative to data/."""
    return f"{RECORDS_DIR}/{report.sha256}.json"


def _write_records(reports: Sequence[Report], data_dir: Path) -> None:
    folder = data_dir / RECORDS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for report in reports:
        (data_dir / record_path(report)).write_text(
            report_to_json_line(report) + "\n", encoding="utf-8"
        )


def write_downloads(
    reports: Sequence[Report], data_dir: Path, stats_json: dict[str, object], edition: Edition
) -> list[Download]:
    """Every download into `data_dir`, dated by `edition`; Parquet only where pyarrow is
    installed."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "reports.jsonl").open("w", encoding="utf-8", newline="\n") as stream:
        write_jsonl(reports, stream)
    tables = export_tables(reports)
    paths = [data_dir / "reports.jsonl", *write_csv(tables, data_dir)]
    paths += write_xlsx(tables, data_dir, edition)
    if has_module("pyarrow"):
        paths += write_parquet(tables, data_dir)
    paths.append(write_descriptor(tables, data_dir, edition))
    stats_path = data_dir / "stats.json"
    stats_path.write_text(json.dumps(stats_json, indent=2, ensure_ascii=False) + "\n", "utf-8")
    paths.append(stats_path)
    citation_path = data_dir / CITATION_FILE
    citation_path.write_text(citation_cff(edition), encoding="utf-8")
    paths.append(citation_path)
    _write_records(reports, data_dir)
    return [Download(p.name, DESCRIPTIONS[p.name], p.stat().st_size) for p in paths]
