"""Rows of the sheets of an ODS, XLSX or CSV file, as plain cell values."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

Cell = str | int | float | dt.date | dt.datetime | None
Sheet = tuple[str, list[list[Cell]]]

MISSING_EXTRA = (
    "reading ODS and XLSX files needs the 'reconcile' extra: pip install 'sendscrape[reconcile]'"
)


def read_rows(path: Path) -> Iterator[Sheet]:
    """(sheet name, rows) for each sheet; a CSV is one sheet named after the file."""
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        reader = _csv_sheets
    elif suffix in (".ods", ".xlsx"):
        reader = _spreadsheet_sheets
    else:
        raise ValueError(f"{path}: not an ODS, XLSX or CSV file (suffix {path.suffix!r})")
    try:
        yield from reader(path)
    except (UnicodeDecodeError, csv.Error) as error:
        raise ValueError(f"{path}: cannot read as {suffix[1:].upper()}: {error}") from error


def _csv_sheets(path: Path) -> Iterator[Sheet]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows: list[list[Cell]] = [list(row) for row in csv.reader(stream)]
    yield path.stem, rows


def _spreadsheet_sheets(path: Path) -> Iterator[Sheet]:
    try:
        from python_calamine import CalamineError, CalamineWorkbook  # noqa: PLC0415 (an extra)
    except ImportError as error:
        raise ValueError(f"{path}: {MISSING_EXTRA}") from error
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = [
            (name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in workbook.sheet_names
        ]
    except (CalamineError, OSError, ValueError) as error:
        raise ValueError(f"{path}: cannot read as {path.suffix[1:].upper()}: {error}") from error
    for name, rows in sheets:
        yield name, [[_cell_value(value) for value in row] for row in rows]


def _cell_value(value: object) -> Cell:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, str):
        return value.strip() or None
    if value is None or isinstance(value, int | float | dt.date):
        return value
    return str(value)
