"""A damaged manifest: found before it is used, and what rows of it can still be read.

A manifest truncated by a full disk or overwritten with garbage fails SQLite's own check
(`PRAGMA quick_check`), or does not open as a database at all. The run then sets it aside and
starts a new one, into which `salvage_rows` copies every row the damaged file still gives.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

TABLES = ("publications", "downloads", "crawls", "parses")


@dataclass(frozen=True)
class SalvagedRows:
    table: str
    columns: tuple[str, ...]
    rows: list[tuple[object, ...]]


def manifest_problem(path: Path) -> str | None:
    """What is wrong with the manifest database at `path` (None when it is sound or absent).
    A full disk is not damage: its OperationalError is raised for the run to end on."""
    if not path.exists():
        return None
    try:
        with contextlib.closing(sqlite3.connect(path)) as db:
            verdict = db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as error:
        return f"not a readable SQLite database ({error})"
    return None if verdict == "ok" else f"SQLite's check fails ({verdict})"


def salvage_rows(path: Path, columns: Mapping[str, Sequence[str]]) -> list[SalvagedRows]:
    """For each table, the rows of the damaged database at `path` that can still be read (in
    the columns of `columns` it still has); nothing where nothing can be read."""
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    with contextlib.closing(source):
        return [_salvage_table(source, table, columns[table]) for table in TABLES]


def _salvage_table(source: sqlite3.Connection, table: str, wanted: Sequence[str]) -> SalvagedRows:
    rows: list[tuple[object, ...]] = []
    names: tuple[str, ...] = ()
    try:
        present = {row[1] for row in source.execute(f"PRAGMA table_info({table})")}
        names = tuple(name for name in wanted if name in present)
        if names:
            for row in source.execute(f"SELECT {', '.join(names)} FROM {table}"):
                rows.append(tuple(row))
    except sqlite3.Error:
        pass  # the rows read before the damaged page are kept
    return SalvagedRows(table, names if rows else (), rows)
