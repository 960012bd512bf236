"""Ofsted's official 2016-2022 area SEND statistics (an ODS in ../shared/reference), as rows."""

from __future__ import annotations

from pathlib import Path

from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.text import P

OFFICIAL_2016_ODS = "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
SHEET = "Area_SEND_up_to_31_Aug_2022"
COLUMNS = (
    "link",
    "gss_code",
    "area",
    "ofsted_region",
    "inspection_start",
    "inspection_published",
    "wsoa_required",
    "weaknesses",
    "revisit_start",
    "revisit_published",
    "revisit_all_progress",
    "weaknesses_improved",
    "weaknesses_not_improved",
)


def _cell_texts(row: TableRow) -> list[str]:
    texts: list[str] = []
    for cell in row.getElementsByType(TableCell):
        repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
        text = " ".join(str(p) for p in cell.getElementsByType(P))
        texts.extend([text] * min(repeat, len(COLUMNS)))
    return texts


def official_2016_rows(reference_dir: Path) -> list[dict[str, str]]:
    """One dict per area inspected under the 2016 framework (149), keyed by COLUMNS."""
    document = load(str(reference_dir / OFFICIAL_2016_ODS))
    tables = document.spreadsheet.getElementsByType(Table)
    sheet = next(table for table in tables if table.getAttribute("name") == SHEET)
    rows = []
    for row in sheet.getElementsByType(TableRow):
        texts = _cell_texts(row)
        if len(texts) > 1 and texts[1].startswith("E") and texts[1][1:].isdigit():
            rows.append(dict(zip(COLUMNS, texts[: len(COLUMNS)], strict=False)))
    return rows
