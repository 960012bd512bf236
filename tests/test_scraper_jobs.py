"""Pieces of the scrape jobs: progress output, the lock, reading an existing dataset, one parse."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from fixtures.site.reports import report_pdf
from sendscrape import pipeline
from sendscrape.dataset.datadir import DataDir, RunLocked, read_dataset, run_lock
from sendscrape.jobs.crawl import canonical_urn
from sendscrape.jobs.parse_pool import ParseFailure, ParseTask, parse_task
from sendscrape.jobs.progress import Progress
from sendscrape.jobs.state import RunSummary


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_a_bar_on_a_terminal() -> None:
    stream = Terminal()
    progress = Progress(stream)
    progress.start("parse", total=4)
    progress.step("a")
    progress.step("b")
    progress.finish()
    assert f"\rparse: [{'#' * 15}{'.' * 15}] 2/4 b" in stream.getvalue()
    assert stream.getvalue().endswith("\n")


def test_progress_logs_lines_when_not_a_terminal(caplog: pytest.LogCaptureFixture) -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    with caplog.at_level(logging.INFO, logger="sendscrape.jobs"):
        progress.start("crawl")
        for _ in range(100):
            progress.step()
        progress.finish()
    assert stream.getvalue() == ""
    assert caplog.messages == [
        "crawl: started",
        "crawl: 50 done",
        "crawl: 100 done",
        "crawl: finished, 100 done",
    ]


def test_lock_refuses_a_second_holder_and_is_released_after(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path)
    with run_lock(data_dir):
        with pytest.raises(RunLocked) as caught, run_lock(data_dir):
            pass
        assert str(caught.value).startswith(f"{tmp_path / '.lock'}: another scrape or refresh")
    with run_lock(data_dir):
        pass


def test_dataset_lines_that_no_longer_validate_are_named_not_kept(tmp_path: Path) -> None:
    dataset = tmp_path / "reports.jsonl"
    dataset.write_text('{"report_type": "area_send_full_inspection"}\n')
    records, problems = read_dataset(dataset)
    assert records == []
    [problem] = problems
    assert problem.startswith(f"{dataset}:1: invalid record:")
    assert read_dataset(tmp_path / "absent.jsonl") == ([], [])


def test_old_la_code_maps_to_the_areas_urn_and_unknown_ids_stay() -> None:
    assert canonical_urn("350") == canonical_urn("80432") == "80432"
    assert canonical_urn("12345678") == "12345678"


def test_summary_lines_name_every_count() -> None:
    lines = RunSummary("scrape", started="2025-01-01T03:17:00+00:00", pdfs_new=2).lines()
    assert lines[0] == "command: scrape"
    assert "pdfs new: 2" in lines
    assert lines[-1] == "failures: 0"


def test_parse_task_turns_a_parse_error_into_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(b"<html>not a pdf</html>")
    outcome = parse_task(ParseTask("a" * 64, path, source_url="https://files.example/v1/file/1"))
    assert isinstance(outcome, ParseFailure)
    assert (outcome.stage, outcome.source) == ("parse", "https://files.example/v1/file/1")
    assert outcome.error.startswith("https://files.example/v1/file/1: ")
    assert "not a PDF" in outcome.error


def test_record_listed_under_another_kind_carries_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf("local_area_send_revisit", "Bolton"))
    task = ParseTask("b" * 64, path, urn="80432", listed_kind="local_area_send_inspection")
    outcome = parse_task(task)
    assert not isinstance(outcome, ParseFailure)
    assert outcome.report_type == "local_area_send_revisit"
    assert outcome.warnings[-1] == (
        "listed as local_area_send_inspection but the PDF's title makes it local_area_send_revisit"
    )


def test_an_unexpected_parser_error_is_a_failure_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_parser(*args: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "build_record", broken_parser)
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7")
    outcome = parse_task(ParseTask("c" * 64, path))
    assert outcome == ParseFailure(
        "c" * 64, str(path), "parse", f"{path}: unexpected IndexError: list index out of range"
    )
    assert outcome.pdf_at_fault


def test_an_unreadable_file_is_a_failure_not_blamed_on_the_pdf(tmp_path: Path) -> None:
    outcome = parse_task(ParseTask("d" * 64, tmp_path / "gone.pdf"))
    assert isinstance(outcome, ParseFailure)
    assert outcome.error == f"{tmp_path / 'gone.pdf'}: cannot read: No such file or directory"
    assert not outcome.pdf_at_fault
