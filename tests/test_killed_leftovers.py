"""A `parse -o` or `site` build killed mid-write leaves its temp file or folder behind; the next
run of the same command removes the leftovers of dead processes, never a live one's (issue 18,
item 1)."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fixtures.pdfs.full_inspection import positive_outcome
from fixtures.pdfs.render import render_pdf
from fixtures.synthetic import synthetic_reports
from sendscrape.cli import main
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.scraper.files import remove_dead_leftovers

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def live_pid() -> Iterator[int]:
    """The PID of a process that runs for the whole test."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield sleeper.pid
    sleeper.kill()
    sleeper.wait()


def killed_while(arguments: list[str], leftover: Callable[[], list[Path]]) -> list[Path]:
    """Run `sendscrape ARGUMENTS`, SIGKILL it as soon as it has a leftover on disk; returns the
    leftovers it left."""
    command = [sys.executable, "-m", "sendscrape", *arguments]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stderr=subprocess.DEVNULL)
    try:
        while not leftover():
            assert process.poll() is None, "the command ended before it was killed"
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    return leftover()


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    fixture = positive_outcome()
    title = "Area SEND inspection of Telford and Wrekin Local Area Partnership"
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render_pdf(dataclasses.replace(fixture.spec, title=title)))
    return path


def test_a_killed_parse_leaves_a_temp_file_the_next_parse_removes(
    pdf: Path, tmp_path: Path, live_pid: int
) -> None:
    output = tmp_path / "out.jsonl"

    def temp_files() -> list[Path]:
        return sorted(tmp_path.glob(".out.jsonl.*.tmp"))

    [stale] = killed_while(["parse", *[str(pdf)] * 40, "-o", str(output)], temp_files)
    live = tmp_path / f".out.jsonl.{live_pid}.abcdefgh.tmp"
    live.write_text("another parse, still writing")

    assert main(["parse", str(pdf), "-o", str(output)]) == 0

    assert not stale.exists()
    assert live.exists()
    assert len(output.read_text().splitlines()) == 1


def test_a_killed_site_build_leaves_a_folder_the_next_build_removes(
    tmp_path: Path, live_pid: int
) -> None:
    dataset = tmp_path / "reports.jsonl"
    write_jsonl_atomic(synthetic_reports(100), dataset)
    site = tmp_path / "site"

    def building() -> list[Path]:
        return sorted(tmp_path.glob(".site.building-*"))

    [stale] = killed_while(["site", str(dataset), "-o", str(site)], building)
    live = [tmp_path / f".site.building-{live_pid}", tmp_path / f".site.old-{live_pid}"]
    for folder in live:
        folder.mkdir()

    assert main(["site", str(dataset), "-o", str(site)]) == 0

    assert not stale.exists()
    assert [folder for folder in live if not folder.exists()] == []
    assert (site / "index.html").exists()


def test_only_leftovers_of_dead_processes_named_by_the_pattern_are_removed(
    tmp_path: Path, live_pid: int
) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(finished.stdout)
    names = {
        f".out.jsonl.{dead_pid}.x1y2z3.tmp": False,
        f".out.jsonl.{live_pid}.x1y2z3.tmp": True,
        f".out.jsonl.{os.getpid()}.x1y2z3.tmp": True,
        ".out.jsonl.no-pid.tmp": True,
        f".other.jsonl.{dead_pid}.x1y2z3.tmp": True,
        f".out.jsonl.{dead_pid}.x1y2z3.part": True,
    }
    for name in names:
        (tmp_path / name).write_text("x")

    removed = remove_dead_leftovers(tmp_path, ".out.jsonl.", ".tmp")

    assert removed == [tmp_path / f".out.jsonl.{dead_pid}.x1y2z3.tmp"]
    assert {name: (tmp_path / name).exists() for name in names} == names
