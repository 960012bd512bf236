"""The Excel workbook: a README sheet (what the data is, the licence, the data dictionary), then
one sheet per table with a frozen header row, real dates and the report's link as a hyperlink.

Written with XlsxWriter (the `publish` extra), which streams rows and so stays fast on the whole
dataset; text goes in as Unicode, so curly quotes and dashes come back unchanged.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sendscrape.publish.dictionary import LICENCE_STATEMENT, data_dictionary
from sendscrape.publish.edition import Edition, build_edition
from sendscrape.publish.export import Cell, ExportTable
from sendscrape.publish.extras import require_extra
from sendscrape.scraper.files import TEMP_SUFFIX, remove_dead_leftovers, temp_prefix

LINK_COLUMN = "source_url"
EXCEL_URL_LIMIT = 2079  # Excel refuses longer hyperlinks; such a cell stays plain text
README_INTRO = (
    "Ofsted/CQC area SEND inspection reports as tables, one sheet per table, built by sendscrape.",
    "reports: one row per report. priority_actions and areas_for_improvement: one row per item, "
    "joined to reports on sha256. Lists of texts are one cell, one item per line.",
    "Dates are real dates; a blank cell is a value the report kind does not have (null).",
)
DICTIONARY_HEADER = ("table", "column", "type", "applies to", "description")


def _formats(book: Any) -> dict[str, Any]:
    return {
        "header": book.add_format({"bold": True, "bg_color": "#e8e8e8", "text_wrap": True}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "link": book.add_format({"font_color": "#1a5fb4", "underline": 1}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }


def _write_cell(
    sheet: Any, row: int, col: int, value: Cell, *, column: str, fmt: dict[str, Any]
) -> None:
    if value is None:
        return
    if isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), fmt["date"])
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int):
        sheet.write_number(row, col, value)
    elif column == LINK_COLUMN and len(value) <= EXCEL_URL_LIMIT:
        sheet.write_url(row, col, value, fmt["link"], string=value)
    else:
        sheet.write_string(row, col, value)


def _write_table(book: Any, table: ExportTable, fmt: dict[str, Any]) -> None:
    sheet = book.add_worksheet(table.name)
    sheet.write_row(0, 0, table.columns, fmt["header"])
    sheet.freeze_panes(1, 0)
    for row_number, row in enumerate(table.rows, start=1):
        for col, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            _write_cell(sheet, row_number, col, value, column=column, fmt=fmt)
    sheet.autofilter(0, 0, len(table.rows), len(table.columns) - 1)
    for col, column in enumerate(table.columns):
        sheet.set_column(col, col, 60 if column == "text" else max(12, min(len(column) + 2, 30)))


def _edition_line(edition: Edition) -> str:
    return (
        f"{edition.as_of_text} (from {edition.basis}); dataset version {edition.version}, "
        f"built by sendscrape {edition.software_version}."
    )


def _write_readme(
    book: Any, tables: Sequence[ExportTable], fmt: dict[str, Any], edition: Edition
) -> None:
    sheet = book.add_worksheet("README")
    sheet.write_string(0, 0, "sendscrape: area SEND inspection reports", fmt["title"])
    lines = [_edition_line(edition), *README_INTRO, LICENCE_STATEMENT]
    for offset, line in enumerate(lines, start=1):
        sheet.write_string(offset, 0, line)
    counts = ", ".join(f"{table.name}: {len(table.rows)} rows" for table in tables)
    sheet.write_string(len(lines) + 1, 0, f"Rows: {counts}.")
    header_row = len(lines) + 3
    sheet.write_row(header_row, 0, DICTIONARY_HEADER, fmt["header"])
    for row, entry in enumerate(data_dictionary(list(tables)), start=header_row + 1):
        values = (entry.table, entry.column, entry.kind, entry.applies_to, entry.description)
        sheet.write_row(row, 0, values, fmt["wrap"])
    for col, width in enumerate((22, 30, 8, 30, 90)):
        sheet.set_column(col, col, width)


def write_workbook(
    tables: Sequence[ExportTable], path: Path, edition: Edition | None = None
) -> Path:
    """Write the workbook to `path` (whole or not at all: built beside it, then renamed); its
    README sheet gives the edition's data date (the build's when none is given)."""
    xlsxwriter = require_extra("xlsxwriter", "publish", "--format xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_dead_leftovers(path.parent, temp_prefix(path), TEMP_SUFFIX)
    tmp_name = path.with_name(f"{temp_prefix(path)}{os.getpid()}{TEMP_SUFFIX}")
    try:
        book = xlsxwriter.Workbook(str(tmp_name), {"strings_to_urls": False, "in_memory": True})
        fmt = _formats(book)
        _write_readme(book, tables, fmt, edition or build_edition())
        for table in tables:
            _write_table(book, table, fmt)
        book.close()
        os.replace(tmp_name, path)
    except BaseException:
        tmp_name.unlink(missing_ok=True)
        raise
    return path
