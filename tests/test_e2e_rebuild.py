"""`sendscrape rebuild`: the dataset again from the raw store and the manifest alone, with no
request made, equal record for record to the refresh that made the raw store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fixtures.site import LocalSite, Site, parsable_site
from fixtures.site.harness import fast_config, read_jsonl
from sendscrape.cli import main
from sendscrape.jobs import execute

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site_template() -> Site:
    return parsable_site()


def refreshed(local: LocalSite, data_dir: Path) -> Path:
    summary = execute("refresh", fast_config(local.base_url, data_dir))
    assert (summary.failures, summary.listing_complete) == (0, True)
    return data_dir


def copy_store(data_dir: Path, to: Path, with_dataset: bool) -> Path:
    """The raw store and the manifest (and the dataset, if asked) in a new data directory."""
    to.mkdir()
    shutil.copytree(data_dir / "raw", to / "raw")
    shutil.copy2(data_dir / "manifest.sqlite", to / "manifest.sqlite")
    if with_dataset:
        shutil.copy2(data_dir / "reports.jsonl", to / "reports.jsonl")
    return to


@pytest.mark.parametrize("with_dataset", [False, True], ids=["raw store only", "with dataset"])
def test_rebuild_gives_back_the_refreshs_records_offline(
    local: LocalSite, tmp_path: Path, with_dataset: bool
) -> None:
    data_dir = refreshed(local, tmp_path / "data")
    requests = len(local.log)
    copy = copy_store(data_dir, tmp_path / "copy", with_dataset)

    assert main(["rebuild", "--data-dir", str(copy), "--workers", "2"]) == 0

    assert len(local.log) == requests, "rebuild made a request"
    assert (copy / "reports.jsonl").read_bytes() == (data_dir / "reports.jsonl").read_bytes()
    records = read_jsonl(copy / "reports.jsonl")
    assert len(records) == 7
    assert all(r["first_seen"] and r["source_url"].startswith(local.base_url) for r in records)
    [run] = read_jsonl(copy / "runs.jsonl")
    assert (run["command"], run["requests"], run["pdfs_parsed"]) == ("rebuild", 0, 7)


def test_a_withdrawn_report_stays_withdrawn(local: LocalSite, tmp_path: Path) -> None:
    data_dir = refreshed(local, tmp_path / "data")
    withdrawn = local.site.areas[0].publications.pop(0)
    refreshed(local, data_dir)
    before = read_jsonl(data_dir / "reports.jsonl")
    [gone] = [r for r in before if r["source_url"] == local.base_url + withdrawn.path]
    assert gone["last_seen_listed"] is not None
    copy = copy_store(data_dir, tmp_path / "copy", with_dataset=True)

    assert main(["rebuild", "--data-dir", str(copy)]) == 0

    assert read_jsonl(copy / "reports.jsonl") == before


def test_rebuild_of_a_folder_without_a_raw_store_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rebuild", "--data-dir", str(tmp_path)]) == 1
    expected = f"sendscrape rebuild: {tmp_path / 'raw'}: no raw store there\n"
    assert capsys.readouterr().err == expected
