"""The README's "Using the data" snippets run as written, on a dataset in data/ and its Parquet
tables in tables/: pandas reads dates as dates, DuckDB gives one row per priority action, and R
(where it is installed with jsonlite and arrow) reads both."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from fixtures.synthetic import synthetic_reports
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.publish.export import export
from sendscrape.validate.models import FullInspectionReport, Report

README = Path(__file__).resolve().parents[1] / "README.md"


def _snippet(language: str) -> str:
    """The fenced block of `language` in the README's "Using the data" section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Using the data\n", 1)[1].split("\n## ", 1)[0]
    blocks: list[str] = re.findall(rf"```{language}\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 1, f"README: one {language} block expected under Using the data"
    return blocks[0]


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return synthetic_reports(40)


@pytest.fixture(scope="module")
def folder(reports: list[Report], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    write_jsonl_atomic(reports, root / "data" / "reports.jsonl")
    if shutil.which("Rscript"):
        pytest.importorskip("pyarrow")
        export(reports, root / "tables", "parquet")
    return root


def test_the_pandas_snippet_reads_dates_as_dates(
    folder: Path, reports: list[Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pandas", reason="the pandas snippet needs pandas (in the dev extra)")
    monkeypatch.chdir(folder)
    namespace: dict[str, object] = {}
    exec(_snippet("python"), namespace)
    frame = namespace["reports"]
    assert len(frame) == len(reports)  # type: ignore[arg-type]
    starts = frame["inspection_start"]  # type: ignore[index]
    assert str(starts.dtype).startswith("datetime64")
    assert [day.date() for day in starts] == [r.inspection_start for r in reports]
    assert list(frame["la_code"]) == [r.la_code for r in reports]  # type: ignore[index]


def test_the_duckdb_snippet_gives_a_row_per_priority_action(
    folder: Path, reports: list[Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    duckdb = pytest.importorskip("duckdb", reason="the DuckDB snippet needs duckdb (dev extra)")
    monkeypatch.chdir(folder)
    rows = duckdb.sql(_snippet("sql")).fetchall()
    full = [r for r in reports if isinstance(r, FullInspectionReport)]
    expected = sorted(
        (r.local_area, r.inspection_start, action.text)
        for r in full
        for action in r.priority_actions
    )
    assert sorted(rows) == expected
    assert expected


def test_the_r_snippet_reads_the_dataset_and_the_parquet_table(
    folder: Path, reports: list[Report]
) -> None:
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("R is not installed (Rscript not found): the R snippet was not run")
    missing = subprocess.run(
        [rscript, "-e", "for (p in c('jsonlite', 'arrow')) library(p, character.only = TRUE)"],
        capture_output=True,
        check=False,
    )
    if missing.returncode != 0:
        pytest.skip("R lacks jsonlite or arrow (install.packages): the R snippet was not run")
    check = "\ncat(nrow(reports), nrow(tables), class(reports$inspection_start), sep = ',')\n"
    ran = subprocess.run(
        [rscript, "-e", _snippet("r") + check],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip().splitlines()[-1] == f"{len(reports)},{len(reports)},Date"
