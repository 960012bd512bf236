"""`sendscrape refresh` and its parse workers: a refresh killed (SIGKILL or SIGTERM) while its
workers parse leaves no worker alive and no lock held, so the next run goes ahead at once; a PDF
that needs more memory than a worker may have is one failure line."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.site import LocalSite, Site, small_site
from fixtures.site.harness import fast_config, read_jsonl
from sendscrape.cli import main
from sendscrape.jobs import execute
from sendscrape.parsers import PARSER_VERSION
from tests.misbehaving_worker import PROJECT_ROOT, Misbehaviour, use

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes in /proc"),
]

# The refresh command, its workers every one a misbehaving worker (which sleeps on each PDF).
REFRESH = """
import sys
from sendscrape.jobs import workers
workers.WORKER_MODULE = "tests.misbehaving_worker"
from sendscrape.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def site_template() -> Site:
    return Site(small_site().areas[:2])


def living_children(pid: int) -> set[int]:
    """The processes whose parent is `pid`, zombies aside."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            children.add(int(stat.parent.name))
    return children


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


@pytest.mark.parametrize("kill_signal", [signal.SIGKILL, signal.SIGTERM])
def test_refresh_killed_mid_parse_leaves_no_worker_and_the_next_run_goes_ahead(
    local: LocalSite, scraped: Path, monkeypatch: pytest.MonkeyPatch, kill_signal: int
) -> None:
    misbehaviour = Misbehaviour(str(scraped / "tries"), sleep=120.0)
    use(monkeypatch, misbehaviour)
    command = [sys.executable, "-c", REFRESH, "refresh", "--base-url", local.base_url,
               "--data-dir", str(scraped), "--delay", "0", "--expected-areas", "none",
               "--workers", "2"]  # fmt: skip
    tries = Path(misbehaviour.tries)
    with subprocess.Popen(command, cwd=PROJECT_ROOT, stderr=subprocess.DEVNULL) as refresh:
        wait_for(lambda: tries.exists() and len(tries.read_text().split()) == 2)
        workers = living_children(refresh.pid)
        refresh.send_signal(kill_signal)
    assert refresh.returncode == -kill_signal
    assert len(workers) == 2

    wait_for(lambda: not any(alive(pid) for pid in workers), timeout=10.0)
    monkeypatch.undo()
    summary = execute("refresh", fast_config(local.base_url, scraped, workers=2))

    assert (summary.pdfs_parsed, summary.records_written, summary.failures) == (5, 5, 0)


def test_refresh_under_a_worker_memory_limit_too_small_gives_failure_lines_not_tracebacks(
    local: LocalSite, scraped: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """The PDF library aborts its process when an allocation fails (the worker is replaced and
    the PDF tried once more); a failure in Python code is a MemoryError. Both are one line."""
    before = (scraped / "reports.jsonl").read_bytes()
    command = ["refresh", "--base-url", local.base_url, "--data-dir", str(scraped), "--delay",
               "0", "--expected-areas", "none", "--worker-memory", "30"]  # fmt: skip

    status = main(command)

    assert status == 1
    failures = read_jsonl(scraped / "failures.jsonl")
    assert len(failures) == 5
    assert all(
        "the worker's memory limit is 30 MB: --worker-memory" in failure["error"]
        and failure["error"].endswith(
            f"the dataset keeps this PDF's record from parser {PARSER_VERSION}"
        )
        for failure in failures
    )
    assert "Traceback" not in capfd.readouterr().err
    assert (scraped / "reports.jsonl").read_bytes() == before
