"""tools/commit_dataset.sh, the nightly's commit to the `dataset` branch, against a local bare
remote: the first night creates the branch, a night with the same dataset commits nothing, a
changed night adds one commit with the night's message."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.git_remote import IDENTITY, clone_of_bare_remote, git

SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "commit_dataset.sh"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A clone of a bare remote with one commit on main, and the night's files beside it."""
    work = clone_of_bare_remote(tmp_path)
    (tmp_path / "runs.jsonl").write_text('{"run": 1}\n{"run": 2}\n')
    return work


def night(work: Path, dataset: str, message: str) -> str:
    """The script run in `work` with this dataset and commit message; what it printed."""
    files = work.parent
    (files / "reports.jsonl").write_text(dataset)
    (files / "message.txt").write_text(message + "\n")
    arguments = [files / "reports.jsonl", files / "runs.jsonl", files / "message.txt"]
    done = subprocess.run(
        [str(SCRIPT), *map(str, arguments)],
        cwd=work, env={**os.environ, **IDENTITY}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def test_first_same_and_changed_nights(checkout: Path) -> None:
    remote = checkout.parent / "remote.git"

    said = night(checkout, '{"a": 1}\n', "Nightly dataset 2026-12-01: 1 new")
    assert said == "committed to the dataset branch: Nightly dataset 2026-12-01: 1 new\n"
    assert git(remote, "show", "dataset:reports.jsonl") == '{"a": 1}\n'
    assert git(remote, "show", "dataset:last-run.json") == '{"run": 2}\n'
    assert git(remote, "ls-tree", "--name-only", "dataset").split() == [
        "last-run.json",
        "reports.jsonl",
    ]

    said = night(checkout, '{"a": 1}\n', "Nightly dataset 2026-12-02: 0 new")
    assert said == "the dataset branch already has this dataset: nothing to commit\n"

    night(checkout, '{"a": 1}\n{"b": 2}\n', "Nightly dataset 2026-12-03: 1 new")
    assert git(remote, "log", "--format=%s", "dataset").splitlines() == [
        "Nightly dataset 2026-12-03: 1 new",
        "Nightly dataset 2026-12-01: 1 new",
    ]
    assert git(remote, "show", "dataset:reports.jsonl") == '{"a": 1}\n{"b": 2}\n'
    assert len(git(checkout, "worktree", "list").splitlines()) == 1
    assert git(checkout, "status", "--porcelain") == ""
