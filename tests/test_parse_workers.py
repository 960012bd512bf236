"""The parse pool's workers: a dead worker loses no record, a PDF over the memory limit is one
failure line, the biggest PDFs go first, and a worker imports only what parsing needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.site.reports import report_pdf
from sendscrape.jobs import parse_pool
from sendscrape.jobs.parse_pool import (
    ParseFailure,
    ParseOutcome,
    ParseTask,
    largest_first,
    parse_all,
)
from sendscrape.validate.models import Report
from tests.misbehaving_worker import Misbehaviour, use

AREAS = ("Bolton", "Rutland", "Dorset", "Wigan")


def fixture_tasks(folder: Path) -> list[ParseTask]:
    tasks = []
    for area in AREAS:
        path = folder / f"{area}.pdf"
        path.write_bytes(report_pdf("local_area_send_revisit", area))
        tasks.append(ParseTask(area.lower() * 8, path))
    return tasks


def records_and_one_failure(
    outcomes: list[ParseOutcome],
) -> tuple[list[Report], ParseFailure]:
    """The records among `outcomes`, and their one failure (an error if there are more)."""
    records = [o for o in outcomes if not isinstance(o, ParseFailure)]
    [failure] = [o for o in outcomes if isinstance(o, ParseFailure)]
    return records, failure


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_killed_once_loses_no_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    tasks = fixture_tasks(tmp_path)
    misbehaviour = Misbehaviour(str(tmp_path / "tries"), victim="Rutland.pdf", kill_times=1)
    use(monkeypatch, misbehaviour)

    outcomes = list(parse_all(tasks, workers=workers))

    assert sorted(o.local_area for o in outcomes if not isinstance(o, ParseFailure)) == sorted(
        AREAS
    )
    assert misbehaviour.tries_of("Rutland.pdf") == 2
    assert all(misbehaviour.tries_of(f"{area}.pdf") == 1 for area in AREAS if area != "Rutland")


def test_a_pdf_that_kills_its_worker_every_time_is_tried_once_more_then_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = fixture_tasks(tmp_path)
    misbehaviour = Misbehaviour(str(tmp_path / "tries"), victim="Rutland.pdf", kill_times=99)
    use(monkeypatch, misbehaviour)

    outcomes = list(parse_all(tasks, workers=2))

    records, failure = records_and_one_failure(outcomes)
    assert sorted(r.local_area for r in records) == ["Bolton", "Dorset", "Wigan"]
    assert failure.sha256 == "rutland" * 8
    assert "the parser process died on this PDF twice" in failure.error
    assert not failure.pdf_at_fault
    assert misbehaviour.tries_of("Rutland.pdf") == 2


def test_a_pdf_over_the_worker_memory_limit_is_one_failure_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = fixture_tasks(tmp_path)
    misbehaviour = Misbehaviour(str(tmp_path / "tries"), victim="Dorset.pdf", allocate_mb=400)
    use(monkeypatch, misbehaviour)

    outcomes = list(parse_all(tasks, workers=2, memory_mb=200))

    records, failure = records_and_one_failure(outcomes)
    assert sorted(r.local_area for r in records) == ["Bolton", "Rutland", "Wigan"]
    assert failure.error == (
        f"{tmp_path / 'Dorset.pdf'}: out of memory while parsing "
        "(the worker's memory limit is 200 MB: --worker-memory)"
    )
    assert not failure.pdf_at_fault
    assert misbehaviour.tries_of("Dorset.pdf") == 1


def test_a_pdf_that_holds_its_worker_too_long_is_killed_tried_once_more_then_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = fixture_tasks(tmp_path)
    misbehaviour = Misbehaviour(str(tmp_path / "tries"), victim="Wigan.pdf", hang=3600.0)
    use(monkeypatch, misbehaviour)
    monkeypatch.setattr(parse_pool, "TASK_SECONDS", 5.0)

    outcomes = list(parse_all(tasks, workers=2))

    records, failure = records_and_one_failure(outcomes)
    assert sorted(r.local_area for r in records) == ["Bolton", "Dorset", "Rutland"]
    assert failure.error.startswith(
        f"{tmp_path / 'Wigan.pdf'}: the parser process died on this PDF twice (a crash, an "
        "out-of-memory kill or over 5 s on it"
    )
    assert misbehaviour.tries_of("Wigan.pdf") == 2


def test_the_largest_pdfs_are_handed_out_first(tmp_path: Path) -> None:
    sizes = {"small": 10, "large": 3000, "missing": -1, "medium": 200}
    tasks = []
    for name, size in sizes.items():
        if size >= 0:
            (tmp_path / name).write_bytes(b"x" * size)
        tasks.append(ParseTask(name, tmp_path / name))

    assert [task.sha256 for task in largest_first(tasks)] == ["large", "medium", "small", "missing"]


def test_a_worker_imports_only_what_parsing_needs() -> None:
    listing = "import sys, sendscrape.jobs.parse_worker; print('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-P", "-c", listing], capture_output=True, text=True, check=True
    )
    modules = set(done.stdout.split())

    assert {"sendscrape.pipeline", "pypdfium2", "pydantic"} <= modules
    crawl_and_publish = ("httpx", "sqlite3", "sendscrape.scraper", "sendscrape.publish")
    assert sorted(m for m in modules if m.startswith(crawl_and_publish)) == []
