"""Damaged local state (issue 18, item 2): a manifest, dataset, lock or raw store harmed on disk
never gives a traceback. The run names the damage in one failure line and in runs.jsonl, keeps
the damaged file aside as `NAME.damaged-<time>`, rebuilds what it can, and loses no record the
raw store can give back; the run after it is back to normal."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixtures.site import Fault, LocalSite, Site, small_site
from fixtures.site.harness import fast_config, read_jsonl
from fixtures.site.reports import report_pdf
from sendscrape.cli import main
from sendscrape.jobs import RunAborted, execute
from sendscrape.scraper.store import RawStore

pytestmark = pytest.mark.e2e

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site_template() -> Site:
    """Two areas of the small site: five SEND reports (all parse), six others."""
    return Site(small_site().areas[:2])


def truncate_manifest(data_dir: Path) -> Path:
    path = data_dir / "manifest.sqlite"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return data_dir / "manifest.sqlite"


def garbage_manifest(data_dir: Path) -> Path:
    (data_dir / "manifest.sqlite").write_bytes(b"not a database\n" * 500)
    return data_dir / "manifest.sqlite"


def manifest_a_folder(data_dir: Path) -> Path:
    (data_dir / "manifest.sqlite").unlink()
    (data_dir / "manifest.sqlite").mkdir()
    return data_dir / "manifest.sqlite"


def dataset_not_utf8(data_dir: Path) -> Path:
    path = data_dir / "reports.jsonl"
    content = path.read_bytes()
    path.write_bytes(content[:100] + b"\xff\xfe" + content[102:])
    return data_dir / "reports.jsonl"


def dataset_head_damaged(data_dir: Path) -> Path:
    """The first four of five records overwritten by bytes that are not UTF-8, newlines and all:
    before the fix, every run ended in a traceback and the dataset kept 1 record of 5."""
    path = data_dir / "reports.jsonl"
    content = path.read_bytes()
    head = content.rindex(b"\n", 0, len(content) - 1) - 10
    path.write_bytes(b"\xff" * head + content[head:])
    return data_dir / "reports.jsonl"


def lock_a_folder(data_dir: Path) -> Path:
    (data_dir / ".lock").unlink(missing_ok=True)
    (data_dir / ".lock").mkdir()
    return data_dir / ".lock"


def lock_a_fifo(data_dir: Path) -> Path:
    (data_dir / ".lock").unlink(missing_ok=True)
    os.mkfifo(data_dir / ".lock")
    return data_dir / ".lock"


def raw_a_file(data_dir: Path) -> Path:
    shutil.rmtree(data_dir / "raw")
    (data_dir / "raw").write_bytes(b"not a folder")
    return data_dir / "raw"


def raw_folder_a_file(data_dir: Path) -> Path:
    """One of the raw store's two-letter folders replaced by a file."""
    sha256: str = records(data_dir)[0]["sha256"]
    folder = data_dir / "raw" / sha256[:2]
    shutil.rmtree(folder)
    folder.write_bytes(b"not a folder")
    return folder


DAMAGE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "manifest truncated to half": (
        truncate_manifest,
        "damaged: not a readable SQLite database (database disk image is malformed)",
    ),
    "manifest of garbage": (
        garbage_manifest,
        "damaged: not a readable SQLite database (file is not a database)",
    ),
    "manifest a folder": (manifest_a_folder, "damaged: not a regular file"),
    "dataset not UTF-8": (
        dataset_not_utf8,
        "damaged: 1 unreadable line(s), the first line 1: not UTF-8 (byte 101); 4 record(s) read",
    ),
    "dataset head damaged": (
        dataset_head_damaged,
        "damaged: 1 unreadable line(s), the first line 1: not UTF-8 (byte 1); 1 record(s) read",
    ),
    ".lock a folder": (lock_a_folder, "damaged: not a regular file but a folder"),
    ".lock a FIFO": (lock_a_fifo, "damaged: not a regular file but a FIFO"),
    "raw/ a file": (raw_a_file, "damaged: not a folder but a regular file"),
    "a folder of raw/ a file": (raw_folder_a_file, "damaged: not a folder but a regular file"),
}


def records(data_dir: Path) -> list[dict[str, Any]]:
    return read_jsonl(data_dir / "reports.jsonl")


# Every case under `scrape`; `refresh` and the offline `rebuild`, whose builds differ, for the
# two that rebuild the most.
COMMAND_CASES = [("scrape", case) for case in sorted(DAMAGE)] + [
    (command, case)
    for command in ("refresh", "rebuild")
    for case in ("manifest of garbage", "dataset head damaged")
]


@pytest.mark.parametrize(("command", "case"), COMMAND_CASES)
def test_damaged_state_is_named_set_aside_and_rebuilt_with_every_record(
    local: LocalSite, scraped: Path, case: str, command: str
) -> None:
    damage, error = DAMAGE[case]
    before = records(scraped)
    damaged = damage(scraped)

    first = execute(command, fast_config(local.base_url, scraped))

    [failure] = read_jsonl(scraped / "failures.jsonl")
    assert (failure["stage"], failure["url"]) == ("state", str(damaged))
    assert failure["error"].startswith(error)
    aside = failure["error"].rsplit("; kept aside as ", 1)[1]
    assert aside.startswith(f"{damaged.name}.damaged-")
    assert (damaged.parent / aside).exists()
    assert read_jsonl(scraped / "runs.jsonl")[-1]["damaged_files_set_aside"] == [damaged.name]
    assert (first.failures, first.records_written) == (1, 5)
    assert records(scraped) == before

    second = execute(command, fast_config(local.base_url, scraped))

    assert (second.failures, second.damaged_files_set_aside) == (0, [])
    assert records(scraped) == before


def test_rows_a_damaged_manifest_still_gives_are_kept(local: LocalSite, scraped: Path) -> None:
    """Only the `parses` table's page is overwritten: the publications rows, with their HTTP
    validators, are read back, so the night's PDF requests stay conditional (all 304)."""
    manifest = scraped / "manifest.sqlite"
    with contextlib.closing(sqlite3.connect(manifest)) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        [root] = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'parses'").fetchone()
    with manifest.open("r+b") as stream:
        stream.seek((root - 1) * page_size)
        stream.write(b"\xff" * page_size)
    before = records(scraped)

    summary = execute("scrape", fast_config(local.base_url, scraped))

    assert summary.damaged_files_set_aside == ["manifest.sqlite"]
    pdf_statuses = {r.status for r in local.log if r.path.startswith("/v1/file/")}
    assert pdf_statuses == {304}
    assert records(scraped) == before


@pytest.mark.parametrize("site_down_that_night", [False, True])
def test_a_rebuilt_manifest_keeps_a_replaced_version_out_of_the_dataset(
    local: LocalSite, scraped: Path, site_down_that_night: bool
) -> None:
    """The raw store holds the old and new versions of a report; the manifest that knew the
    old one was replaced is lost (and the night it is rebuilt, perhaps, the site is down). The
    old version does not come back as a second record of the same report, then or later."""
    area = local.site.areas[0]
    old = area.publications[0]
    area.publications[0] = dataclasses.replace(old, content=old.content + b"\n")
    execute("scrape", fast_config(local.base_url, scraped))
    before = records(scraped)
    garbage_manifest(scraped)
    if site_down_that_night:
        local.faults["/robots.txt"] = Fault(status=503)
        with pytest.raises(RunAborted):
            execute("scrape", fast_config(local.base_url, scraped))
        del local.faults["/robots.txt"]

    execute("scrape", fast_config(local.base_url, scraped))
    execute("scrape", fast_config(local.base_url, scraped))

    assert len(list((scraped / "raw").glob("??/*.pdf"))) == 6
    assert records(scraped) == before


def test_a_withdrawn_report_lost_from_dataset_and_manifest_comes_back_from_the_raw_store(
    local: LocalSite, scraped: Path
) -> None:
    """Every record damaged, the manifest garbage, and one report no longer listed: only the
    raw store still holds it, and its record comes back (without the listing it lost)."""
    withdrawn = local.site.areas[0].publications.pop(0)
    before = {r["sha256"]: r for r in records(scraped)}
    dataset = scraped / "reports.jsonl"
    dataset.write_bytes(b"\xff" * dataset.stat().st_size)
    garbage_manifest(scraped)

    execute("scrape", fast_config(local.base_url, scraped))

    after = {r["sha256"]: r for r in records(scraped)}
    assert after.keys() == before.keys()
    [lost] = [sha for sha, r in before.items() if r["source_url"].endswith(withdrawn.path)]
    assert after[lost]["source_url"] is None
    assert after[lost]["priority_actions"] == before[lost]["priority_actions"]


@pytest.mark.parametrize("command", ["scrape", "refresh"])
@pytest.mark.parametrize("new_version_parses", [False, True])
def test_a_record_on_a_damaged_line_comes_back_from_the_right_version(
    local: LocalSite, scraped: Path, command: str, new_version_parses: bool
) -> None:
    """A report's new version fails to parse, so the dataset keeps the old version's record (or
    it parses, and its record replaces the old one); then that record's line is damaged. The
    version the record came from is parsed again from the raw store, and only that one."""
    area = local.site.areas[1]
    publication = area.publications[0]
    new_version = (
        report_pdf(publication.kind, area.name, dt.date(2025, 3, 3))
        if new_version_parses
        else report_pdf("send_unknown", area.name)
    )
    area.publications[0] = dataclasses.replace(publication, content=new_version)
    execute("scrape", fast_config(local.base_url, scraped))
    before = records(scraped)
    url = local.base_url + area.publications[0].path
    lines = (scraped / "reports.jsonl").read_bytes().splitlines(keepends=True)
    [kept] = [n for n, r in enumerate(before) if r["source_url"] == url]
    lines[kept] = b"\xff" * (len(lines[kept]) - 1) + b"\n"
    (scraped / "reports.jsonl").write_bytes(b"".join(lines))

    execute(command, fast_config(local.base_url, scraped))

    assert records(scraped) == before


def test_a_nearly_full_disk_ends_the_run_before_anything_is_written(
    local: LocalSite, scraped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset_before = (scraped / "reports.jsonl").read_bytes()
    usage = shutil.disk_usage(scraped)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage._replace(free=20 * 1024))

    with pytest.raises(RunAborted) as aborted:
        execute("scrape", fast_config(local.base_url, scraped))

    message = f"disk full: 20 KiB free under {scraped}, at least 1024 KiB needed; nothing done"
    assert str(aborted.value) == message
    assert read_jsonl(scraped / "runs.jsonl")[-1]["aborted"] == message
    assert (scraped / "reports.jsonl").read_bytes() == dataset_before
    assert local.log == []


UNDER_24_KIB_FREE = """
set -e
mount -t tmpfs -o size=1m tmpfs "$MOUNT"
cp -r "$DATA/." "$MOUNT/data"
free=$(df -k --output=avail "$MOUNT" | tail -1)
dd if=/dev/zero of="$MOUNT/filler" bs=1k count=$((free - 20)) 2>/dev/null
"$PYTHON" -m sendscrape scrape --base-url "$BASE_URL" --data-dir "$MOUNT/data" --delay 0 \
    --expected-areas none --workers 1 && status=0 || status=$?
cmp "$DATA/reports.jsonl" "$MOUNT/data/reports.jsonl"
echo "exit $status"
"""


def test_a_real_disk_with_under_24_kib_free_gives_one_line(
    local: LocalSite, scraped: Path, tmp_path: Path
) -> None:
    """A 1 MiB tmpfs with 20 KiB left, mounted in a user namespace of its own (skipped where
    the kernel allows none). Before the fix: a traceback from SQLite's "disk I/O error"."""
    if (
        shutil.which("unshare") is None
        or subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False).returncode
    ):
        pytest.skip("unshare -rm is not allowed here: no private tmpfs to fill")
    (tmp_path / "mnt").mkdir()
    environment = {
        **os.environ,
        "MOUNT": str(tmp_path / "mnt"),
        "DATA": str(scraped),
        "PYTHON": sys.executable,
        "BASE_URL": local.base_url,
    }
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", UNDER_24_KIB_FREE],
        capture_output=True,
        text=True,
        env=environment,
        cwd=PROJECT_ROOT,
        check=False,
    )

    assert done.stdout.splitlines()[-1] == "exit 1", done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("sendscrape scrape: disk full: ")
    assert "KiB free under" in line


def test_a_raw_pdf_that_no_longer_matches_its_name_is_quarantined_and_downloaded_again(
    local: LocalSite, scraped: Path
) -> None:
    """Another report's bytes under a PDF's name: before the fix, `refresh` parsed them and
    replaced the good record with the other report's, exit 0."""
    before = records(scraped)
    victim, other = before[0], before[1]
    store = RawStore(scraped / "raw")
    shutil.copyfile(store.path(other["sha256"]), store.path(victim["sha256"]))

    refreshed = execute("refresh", fast_config(local.base_url, scraped))

    [failure] = read_jsonl(scraped / "failures.jsonl")
    assert (failure["stage"], failure["sha256"]) == ("store", victim["sha256"])
    assert failure["error"].startswith(
        f"raw PDF damaged: its bytes hash to {other['sha256'][:12]}, not its name; "
        f"quarantined as {victim['sha256']}.pdf.damaged-"
    )
    assert failure["error"].endswith(
        "downloaded again at the next scrape; the dataset keeps its last good record meanwhile"
    )
    assert not store.has(victim["sha256"])
    assert len(list(store.path(victim["sha256"]).parent.glob("*.pdf.damaged-*"))) == 1
    assert (refreshed.failures, records(scraped)) == (1, before)
    local.log.clear()

    scraped_again = execute("scrape", fast_config(local.base_url, scraped))

    victim_path = victim["source_url"].removeprefix(local.base_url)
    assert [r.status for r in local.requests_to(victim_path)] == [200]
    assert store.mismatch(victim["sha256"]) is None
    assert (scraped_again.failures, records(scraped)) == (0, before)


@pytest.mark.parametrize("command", ["export", "site", "stats"])
def test_a_dataset_that_is_not_utf8_is_one_line_for_the_commands_that_read_it(
    scraped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Before the fix, `export` and `site` gave a UnicodeDecodeError traceback."""
    dataset_not_utf8(scraped)
    dataset = str(scraped / "reports.jsonl")
    output = [] if command == "stats" else ["-o", str(tmp_path / "out")]

    status = main([command, dataset, *output])

    [line] = capsys.readouterr().err.splitlines()
    assert status == 1
    assert line.startswith(f"sendscrape {command}: {dataset}:1: invalid record: record: Invalid")
