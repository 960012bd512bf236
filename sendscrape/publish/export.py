"""Flat tables for spreadsheets: one row per report, one row per priority action and per area for
improvement, each row carrying the report's sha256, area codes, dates and outcome.

Columns come from the models, so a new field appears without edits here: a plain field is one
column; a list of texts is one cell, items separated by a line break; a list of structured items
(priority actions, weaknesses...) becomes `<field>_count`, and priority actions and areas for
improvement get their own tables. Narrative `sections` stay in the JSONL only.
"""

from __future__ import annotations

import csv
import datetime as dt
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from sendscrape.dataset.write import atomic_text_file
from sendscrape.publish.edition import Edition
from sendscrape.publish.extras import require_extra
from sendscrape.validate.models import (
    AreaForImprovement,
    FullInspectionReport,
    LocalAreaInspectionReport,
    MonitoringInspectionReport,
    PriorityAction,
    Report,
    RevisitReport,
)

Cell = str | int | bool | dt.date | None
REPORT_MODELS: tuple[type[BaseModel], ...] = (
    FullInspectionReport,
    LocalAreaInspectionReport,
    RevisitReport,
    MonitoringInspectionReport,
)
LEADING_COLUMNS = (
    "sha256",
    "report_type",
    "local_area",
    "urn",
    "la_code",
    "gss_code",
    "region",
    "ofsted_region",
    "inspection_start",
    "inspection_end",
    "published",
)
JSONL_ONLY = frozenset({"sections"})
ITEM_CONTEXT_COLUMNS = (*LEADING_COLUMNS, "outcome")
ITEM_COLUMNS = ("item_number", "responsible_body", "text", "themes", "theme_phrases")
TEXT_ITEM_SEPARATOR = "\n"
THEME_SEPARATOR = "; "


@dataclass(frozen=True)
class ExportTable:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _item_model(annotation: object) -> bool:
    """Whether a field's type is a tuple of structured items (pydantic models)."""
    args = typing.get_args(annotation)
    return bool(args) and isinstance(args[0], type) and issubclass(args[0], BaseModel)


def report_columns() -> tuple[str, ...]:
    """Columns of reports.csv: the leading ones, then every model's fields in schema order."""
    columns = list(LEADING_COLUMNS)
    for model in REPORT_MODELS:
        for name, field in model.model_fields.items():
            column = f"{name}_count" if _item_model(field.annotation) else name
            if name not in JSONL_ONLY and column not in columns:
                columns.append(column)
    return tuple(columns)


def _report_cell(report: Report, column: str) -> Cell:
    name = column.removesuffix("_count")
    if not hasattr(report, name):
        return None
    value: object = getattr(report, name)
    if column != name and isinstance(value, tuple):
        return len(value)
    if isinstance(value, tuple):
        return TEXT_ITEM_SEPARATOR.join(str(item) for item in value)
    if value is None or isinstance(value, str | int | bool | dt.date):
        return value
    raise TypeError(f"cannot export field {column!r} of type {type(value).__name__}")


def _item_rows(reports: Iterable[Report], items_field: str) -> list[tuple[Cell, ...]]:
    rows = []
    for report in reports:
        if not isinstance(report, FullInspectionReport):
            continue
        context = tuple(_report_cell(report, column) for column in ITEM_CONTEXT_COLUMNS)
        items: tuple[PriorityAction | AreaForImprovement, ...] = getattr(report, items_field)
        for number, item in enumerate(items, start=1):
            themes = THEME_SEPARATOR.join(tag.theme for tag in item.themes)
            phrases = THEME_SEPARATOR.join(f"{tag.theme}: {tag.phrase}" for tag in item.themes)
            rows.append((*context, number, item.responsible_body, item.text, themes, phrases))
    return rows


def export_tables(reports: Sequence[Report]) -> list[ExportTable]:
    """reports, priority_actions and areas_for_improvement, rows in dataset order."""
    columns = report_columns()
    report_rows = tuple(tuple(_report_cell(r, column) for column in columns) for r in reports)
    item_columns = (*ITEM_CONTEXT_COLUMNS, *ITEM_COLUMNS)
    return [
        ExportTable("reports", columns, report_rows),
        ExportTable(
            "priority_actions", item_columns, tuple(_item_rows(reports, "priority_actions"))
        ),
        ExportTable(
            "areas_for_improvement",
            item_columns,
            tuple(_item_rows(reports, "areas_for_improvement")),
        ),
    ]


def _leaf_types(annotation: object) -> set[object]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _leaf_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_leaf_types(arg) for arg in typing.get_args(annotation)))
    return {annotation}


def column_kind(column: str) -> str:
    """'int', 'bool', 'date' or 'str': a column's type whatever rows a dataset happens to have."""
    if column.endswith("_count") or column == "item_number":
        return "int"
    models: tuple[type[BaseModel], ...] = (*REPORT_MODELS, AreaForImprovement)
    for model in models:
        if column in model.model_fields:
            leaves = _leaf_types(model.model_fields[column].annotation)
            for python_type, kind in ((bool, "bool"), (int, "int"), (dt.date, "date")):
                if python_type in leaves:
                    return kind
            return "str"
    return "str"


def csv_text(cell: Cell) -> str:
    """How a cell is written to CSV: empty for null, true/false, ISO dates."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def write_csv(tables: Sequence[ExportTable], out_dir: Path) -> list[Path]:
    """One UTF-8 CSV (no BOM, header row, `\\n` line ends) per table; each file appears whole."""
    written = []
    for table in tables:
        path = out_dir / f"{table.name}.csv"
        with atomic_text_file(path) as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(table.columns)
            writer.writerows([csv_text(cell) for cell in row] for row in table.rows)
        written.append(path)
    return written


def write_parquet(tables: Sequence[ExportTable], out_dir: Path) -> list[Path]:
    """One Parquet file per table (typed columns: dates, integers, booleans); needs pyarrow."""
    pa = require_extra("pyarrow", "parquet", "--format parquet")
    pq = require_extra("pyarrow.parquet", "parquet", "--format parquet")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = out_dir / f"{table.name}.parquet"
        arrow_types = {
            "int": pa.int64(),
            "bool": pa.bool_(),
            "date": pa.date32(),
            "str": pa.string(),
        }
        schema = pa.schema([(name, arrow_types[column_kind(name)]) for name in table.columns])
        columns = {name: [row[i] for row in table.rows] for i, name in enumerate(table.columns)}
        pq.write_table(pa.table(columns, schema=schema), path)
        written.append(path)
    return written


def write_xlsx(
    tables: Sequence[ExportTable], out_dir: Path, edition: Edition | None = None
) -> list[Path]:
    """One Excel workbook, a sheet per table and a README sheet; needs the publish extra."""
    # Imported here: the workbook module builds on this one's tables and data dictionary.
    from sendscrape.publish.workbook import write_workbook  # noqa: PLC0415

    return [write_workbook(tables, out_dir / WORKBOOK_NAME, edition)]


WORKBOOK_NAME = "sendscrape.xlsx"
WRITERS = {"csv": write_csv, "parquet": write_parquet, "xlsx": write_xlsx}


def export(reports: Sequence[Report], out_dir: Path, file_format: str) -> list[Path]:
    """Write the three tables to `out_dir` in `file_format` (csv, parquet or xlsx); returns the
    paths."""
    return WRITERS[file_format](export_tables(reports), out_dir)
