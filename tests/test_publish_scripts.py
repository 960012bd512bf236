"""The nightly's publishing scripts with a stand-in `gh` on PATH (recording its calls) and a
local git remote: tools/fetch_published.sh finds the last published dataset (release, else the
`dataset` branch, else none) and seeds an empty data directory; tools/release_dataset.sh creates
the day's release, or updates it on a second run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.git_remote import IDENTITY, clone_of_bare_remote, git

TOOLS = Path(__file__).resolve().parents[1] / "tools"

# `release download` writes GH_RELEASE_DATASET into --dir (fails when it is unset); `release
# view` succeeds when GH_RELEASE_EXISTS is set.
FAKE_GH = """#!{python}
import json, os, pathlib, sys
args = sys.argv[1:]
with open(os.environ["GH_CALLS"], "a") as calls:
    calls.write(json.dumps(args) + "\\n")
if args[:2] == ["release", "download"]:
    if "GH_RELEASE_DATASET" not in os.environ:
        sys.exit("release not found")
    folder = pathlib.Path(args[args.index("--dir") + 1])
    (folder / "reports.jsonl").write_text(os.environ["GH_RELEASE_DATASET"])
if args[:2] == ["release", "view"] and "GH_RELEASE_EXISTS" not in os.environ:
    sys.exit("release not found")
"""


@pytest.fixture
def fake_gh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "bin" / "gh"
    script.parent.mkdir()
    script.write_text(FAKE_GH.format(python=sys.executable))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("GH_CALLS", str(tmp_path / "calls.jsonl"))
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    return tmp_path / "calls.jsonl"


def calls(path: Path) -> list[list[str]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def run(cwd: Path, script: str, *args: str) -> str:
    done = subprocess.run(
        [str(TOOLS / script), *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A clone of a bare remote (no `dataset` branch yet)."""
    return clone_of_bare_remote(tmp_path)


def test_the_latest_release_seeds_an_empty_data_directory(
    fake_gh: Path, checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GH_RELEASE_DATASET", '{"from": "release"}\n')
    said = run(checkout, "fetch_published.sh", "published", "data", "")
    assert said.splitlines() == [
        "the last published dataset: the latest release",
        "no cached data directory: seeded data/reports.jsonl from it",
    ]
    assert (checkout / "published" / "reports.jsonl").read_text() == '{"from": "release"}\n'
    assert (checkout / "data" / "reports.jsonl").read_text() == '{"from": "release"}\n'


def test_without_a_release_the_dataset_branch_and_a_cached_directory_kept(
    fake_gh: Path, checkout: Path
) -> None:
    git(checkout, "checkout", "--quiet", "--orphan", "dataset")
    (checkout / "reports.jsonl").write_text('{"from": "branch"}\n')
    git(checkout, "add", "reports.jsonl")
    git(checkout, "commit", "--quiet", "-m", "dataset")
    git(checkout, "push", "--quiet", "origin", "dataset")
    git(checkout, "checkout", "--quiet", "main")
    (checkout / "data").mkdir()
    (checkout / "data" / "reports.jsonl").write_text('{"from": "cache"}\n')

    said = run(checkout, "fetch_published.sh", "published", "data", "sendscrape-data-1f")

    assert said == "the last published dataset: the dataset branch\n"
    assert (checkout / "published" / "reports.jsonl").read_text() == '{"from": "branch"}\n'
    assert (checkout / "data" / "reports.jsonl").read_text() == '{"from": "cache"}\n'


def test_the_first_night_has_no_published_dataset(fake_gh: Path, checkout: Path) -> None:
    assert run(checkout, "fetch_published.sh", "published", "data") == "no published dataset yet\n"
    assert not (checkout / "published" / "reports.jsonl").exists()
    assert not (checkout / "data" / "reports.jsonl").exists()


def site_data(folder: Path) -> Path:
    data = folder / "site" / "data"
    data.mkdir(parents=True)
    names = ["reports.jsonl", "reports.csv", "priority_actions.csv", "reports.parquet"]
    for name in [*names, "sendscrape.xlsx", "datapackage.json"]:
        (data / name).write_text(name)
    return data


def test_a_release_is_created_then_updated_the_same_day(
    fake_gh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = site_data(tmp_path)
    (tmp_path / "notes.md").write_text("New reports (1):\n")
    args = ("dataset-2026-12-02", "Dataset 2026-12-02", "notes.md", "site/data")

    assert run(tmp_path, "release_dataset.sh", *args) == "created release dataset-2026-12-02\n"
    files = [
        f"{data.relative_to(tmp_path)}/{name}"
        for name in ["reports.jsonl", "priority_actions.csv", "reports.csv", "reports.parquet",
                     "sendscrape.xlsx", "datapackage.json"]
    ]  # fmt: skip
    assert calls(fake_gh)[-1] == [
        "release", "create", "dataset-2026-12-02", *files,
        "--title", "Dataset 2026-12-02", "--notes-file", "notes.md",
    ]  # fmt: skip

    monkeypatch.setenv("GH_RELEASE_EXISTS", "1")
    assert run(tmp_path, "release_dataset.sh", *args) == "updated release dataset-2026-12-02\n"
    assert calls(fake_gh)[-2:] == [
        ["release", "upload", "dataset-2026-12-02", *files, "--clobber"],
        ["release", "edit", "dataset-2026-12-02", "--title", "Dataset 2026-12-02",
         "--notes-file", "notes.md"],
    ]  # fmt: skip
