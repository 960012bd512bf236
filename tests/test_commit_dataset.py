"""tools/commit_dataset.sh, the nightly's commit to the `dataset` branch, against a local bare
remote: the first night creates the branch, a night with the same dataset commits nothing, a
changed night adds one commit with the night's message."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "commit_dataset.sh"
IDENTITY = {
    "GIT_AUTHOR_NAME": "nightly", "GIT_AUTHOR_EMAIL": "nightly@example.org",
    "GIT_COMMITTER_NAME": "nightly", "GIT_COMMITTER_EMAIL": "nightly@example.org",
}  # fmt: skip


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **IDENTITY}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A clone of a bare remote with one commit on main, and the night's files beside it."""
    git(tmp_path, "init", "--quiet", "--bare", "remote.git")
    git(tmp_path, "clone", "--quiet", "remote.git", "work")
    work = tmp_path / "work"
    git(work, "commit", "--quiet", "--allow-empty", "-m", "code")
    git(work, "push", "--quiet", "origin", "HEAD:main")
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
