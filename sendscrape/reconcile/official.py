"""Ofsted's (and ADCS's) official lists of SEND inspections, read from ODS, XLSX or CSV.

Each row becomes one `OfficialEntry` per report it describes (a 2016-2022 row describes the
inspection and, when there was one, its revisit). Columns are found by their header, whatever
the sheet, title rows or spelling ('Inspection.start.date' in an R export is 'Inspection start
date'); a file without a recognisable header is an `OfficialFileError` naming the file.

Only what a list states plainly is compared: ADCS's 'Written Statement of Action' column is read
as yes/no on inspection rows and ignored elsewhere ('Removed', 'DfE to determine' on revisits).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sendscrape.reconcile.sheets import Cell, read_rows

# Canonical column -> header spellings, compared on `header_key`.
COLUMNS = {
    "area": ("area name", "local area partnership", "la", "local authority", "local area"),
    "gss_code": ("local authority code",),
    "type": ("type", "inspection type", "type of inspection"),
    "start": ("inspection start date", "visit date"),
    "published": ("inspection publication date", "publication date"),
    "wsoa": (
        "inspection outcome written statement of action required",
        "written statement of action",
    ),
    "weaknesses": ("number significant weaknesses identified in written statement of action",),
    "revisit_start": ("revisit start date",),
    "revisit_published": ("revisit publication date",),
    "revisit_outcome": (
        "revisit outcome sufficient progress in addressing all significant weaknesses",
    ),
    "revisit_improved": ("number significant weaknesses where sufficient progress has been made",),
    "revisit_not_improved": (
        "number significant weaknesses where sufficient progress has not been made",
    ),
    "outcome": ("inspection outcome",),
    "plan_required": ("priority action plan required",),
    "priority_actions": ("number of areas for priority action",),
}
_HEADER_LOOKUP = {spelling: column for column, names in COLUMNS.items() for spelling in names}
_MIN_HEADER_COLUMNS = 3
_OUTCOMES_2023 = {
    "positive": "positive",
    "inconsistent": "inconsistent",
    "widespread": "widespread_failings",
    "systemic": "widespread_failings",
}
_REVISIT_OUTCOMES = {"yes": "all", "all": "all", "some": "some", "no": "none", "none": "none"}
_YES_NO = {"yes": True, "no": False}
_MISSING = {"", "na", "n/a", "-", "none", "null"}


class OfficialFileError(ValueError):
    """An official file that cannot be read or has no recognisable header; names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class OfficialEntry:
    """One report an official list says exists, and the facts it states about it (only those
    the list gives: a fact left out is not compared)."""

    area: str
    report_type: str
    where: str
    gss_code: str | None = None
    facts: dict[str, object] = field(default_factory=dict)

    @property
    def start(self) -> dt.date | None:
        value = self.facts.get("inspection_start")
        return value if isinstance(value, dt.date) else None


def header_key(text: object) -> str:
    """'Priority.action.plan.required.' and 'Priority action plan required?' -> one key."""
    words = re.sub(r"[^a-z0-9]+", " ", str(text or "").casefold().replace(".", " "))
    return " ".join(words.split())


def _header_columns(row: Sequence[Cell]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        column = _HEADER_LOOKUP.get(header_key(cell))
        if column is not None and column not in columns:
            columns[column] = index
    return columns


def _find_header(rows: list[list[Cell]]) -> tuple[int, dict[str, int]] | None:
    for number, row in enumerate(rows):
        columns = _header_columns(row)
        if "area" in columns and len(columns) >= _MIN_HEADER_COLUMNS:
            return number, columns
    return None


def as_date(value: Cell) -> dt.date | None:
    """A date cell (date, datetime, '27/03/2023', '2023-03-27'); None for text like 'Not
    revisited yet' or an empty cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def as_count(value: Cell) -> int | None:
    text = str(value if value is not None else "").strip()
    if text.casefold() in _MISSING:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def _text(value: Cell) -> str:
    return " ".join(str(value if value is not None else "").split())


def _row_entries(row: dict[str, Cell], where: str) -> Iterator[OfficialEntry]:
    area = _text(row.get("area"))
    gss_code = _text(row.get("gss_code")) or None
    if "outcome" in row and "wsoa" not in row:
        yield _entry_2023(area, gss_code, row, where)
        return
    kind = header_key(row.get("type")) if "type" in row else "send"
    if kind == "re send":
        facts = {"inspection_start": as_date(row.get("start")), **_published(row, "published")}
        yield OfficialEntry(area, "local_area_send_revisit", where, gss_code, facts)
        return
    yield OfficialEntry(area, "local_area_send_inspection", where, gss_code, _facts_2016(row))
    revisit_start = as_date(row.get("revisit_start"))
    if revisit_start is not None:
        facts = {"inspection_start": revisit_start, **_revisit_facts(row)}
        yield OfficialEntry(area, "local_area_send_revisit", where, gss_code, facts)


def _entry_2023(area: str, gss_code: str | None, row: dict[str, Cell], where: str) -> OfficialEntry:
    """A 2023-framework row: a full inspection, or a monitoring inspection where a type column
    says so (its outcome is effective or ineffective action)."""
    if "monitoring" not in header_key(row.get("type")):
        return OfficialEntry(area, "area_send_full_inspection", where, gss_code, _facts_2023(row))
    facts: dict[str, object] = {"inspection_start": as_date(row.get("start"))}
    facts |= _published(row, "published")
    outcome = header_key(row.get("outcome"))
    if "effective" in outcome:
        ineffective = "ineffective" in outcome or "not effective" in outcome
        facts["monitoring_outcome"] = "ineffective_action" if ineffective else "effective_action"
    return OfficialEntry(area, "area_send_monitoring_inspection", where, gss_code, facts)


def _published(row: dict[str, Cell], column: str) -> dict[str, object]:
    published = as_date(row.get(column))
    return {"published": published} if published else {}


def _facts_2016(row: dict[str, Cell]) -> dict[str, object]:
    facts: dict[str, object] = {"inspection_start": as_date(row.get("start"))}
    facts |= _published(row, "published")
    wsoa = _YES_NO.get(header_key(row.get("wsoa")))
    if wsoa is not None:
        facts["wsoa_required"] = wsoa
    weaknesses = as_count(row.get("weaknesses"))
    if "weaknesses" in row and wsoa is not None:
        facts["significant_weaknesses"] = weaknesses if wsoa else 0
    return facts


def _revisit_facts(row: dict[str, Cell]) -> dict[str, object]:
    facts = _published(row, "revisit_published")
    outcome = _REVISIT_OUTCOMES.get(header_key(row.get("revisit_outcome")))
    if outcome is not None:
        facts["revisit_outcome"] = outcome
    improved = as_count(row.get("revisit_improved"))
    not_improved = as_count(row.get("revisit_not_improved"))
    if improved is not None:
        facts["weaknesses_improved"] = improved
        if not_improved is not None:
            facts["weaknesses_total"] = improved + not_improved
    return facts


def _facts_2023(row: dict[str, Cell]) -> dict[str, object]:
    facts: dict[str, object] = {"inspection_start": as_date(row.get("start"))}
    facts |= _published(row, "published")
    outcome_text = header_key(row.get("outcome"))
    outcome = next((v for k, v in _OUTCOMES_2023.items() if k in outcome_text), None)
    if outcome is not None:
        facts["outcome"] = outcome
    plan = _YES_NO.get(header_key(row.get("plan_required")))
    if plan is not None:
        facts["priority_action_plan_required"] = plan
    count = as_count(row.get("priority_actions"))
    if count is not None or plan is False:
        facts["priority_actions"] = count or 0
    return facts


def _sheet_entries(path: Path, sheet: str, rows: list[list[Cell]]) -> list[OfficialEntry]:
    header = _find_header(rows)
    if header is None:
        return []
    number, columns = header
    entries: list[OfficialEntry] = []
    for offset, row in enumerate(rows[number + 1 :], start=number + 2):
        cells = {name: row[index] if index < len(row) else None for name, index in columns.items()}
        if _text(cells.get("area")):
            entries.extend(_row_entries(cells, f"{path.name}:{sheet}:row {offset}"))
    return entries


def read_official(path: Path) -> list[OfficialEntry]:
    """Every report the file lists, from every sheet with a recognisable header (a report
    listed twice, as in ADCS's two sheets, counts once). Raises OfficialFileError or OSError."""
    try:
        sheets = list(read_rows(path))
    except ValueError as error:
        raise OfficialFileError(path, str(error).removeprefix(f"{path}: ")) from error
    entries: dict[tuple[str, str, dt.date | None], OfficialEntry] = {}
    for sheet, rows in sheets:
        for entry in _sheet_entries(path, sheet, rows):
            entries.setdefault((header_key(entry.area), entry.report_type, entry.start), entry)
    if not entries:
        raise OfficialFileError(path, "no sheet with a header naming the area and its inspections")
    return list(entries.values())
