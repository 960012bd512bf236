"""Rows of the sheets of an ODS, XLSX or CSV file, as plain cell values."""

from __future__ import annotations

import csv
import datetime as dt
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from odf import teletype
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow

Cell = str | int | float | dt.date | dt.datetime | None
Sheet = tuple[str, list[list[Cell]]]

_MAX_REPEAT = 200  # ODS pads rows with thousands of repeated empty cells; keep a few


def read_rows(path: Path) -> Iterator[Sheet]:
    """(sheet name, rows) for each sheet; a CSV is one sheet named after the file."""
    suffix = path.suffix.casefold()
    readers = {".ods": _ods_sheets, ".xlsx": _xlsx_sheets, ".csv": _csv_sheets}
    reader = readers.get(suffix)
    if reader is None:
        raise ValueError(f"{path}: not an ODS, XLSX or CSV file (suffix {path.suffix!r})")
    try:
        yield from reader(path)
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, csv.Error) as error:
        raise ValueError(f"{path}: cannot read as {suffix[1:].upper()}: {error}") from error


def _csv_sheets(path: Path) -> Iterator[Sheet]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows: list[list[Cell]] = [list(row) for row in csv.reader(stream)]
    yield path.stem, rows


def _xlsx_sheets(path: Path) -> Iterator[Sheet]:
    sheets: list[Sheet] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Data Validation extension not supported"
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                rows = sheet.iter_rows(values_only=True)
                sheets.append((sheet.title, [[_xlsx_value(v) for v in row] for row in rows]))
        finally:
            workbook.close()
    yield from sheets


def _xlsx_value(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | dt.date):
        return value
    return str(value)


def _ods_sheets(path: Path) -> Iterator[Sheet]:
    document = load(str(path))
    for table in document.spreadsheet.getElementsByType(Table):
        rows: list[list[Cell]] = []
        for row in table.getElementsByType(TableRow):
            cells: list[Cell] = []
            for cell in row.getElementsByType(TableCell):
                repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
                cells.extend([_ods_value(cell)] * min(repeat, _MAX_REPEAT))
            rows.append(cells)
        yield str(table.getAttribute("name")), rows


def _ods_value(cell: Any) -> Cell:
    kind = cell.getAttribute("valuetype")
    if kind == "date":
        return dt.date.fromisoformat(str(cell.getAttribute("datevalue"))[:10])
    if kind == "float":
        return float(cell.getAttribute("value"))
    text = str(teletype.extractText(cell)).strip()
    return text or None
