"""A local git remote for the tests of the nightly's publishing scripts: a bare repository and a
clone of it with one commit on main, committing as the nightly does."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

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


def clone_of_bare_remote(folder: Path) -> Path:
    """`folder/work`, a clone of the bare `folder/remote.git` with one commit pushed to main."""
    git(folder, "init", "--quiet", "--bare", "remote.git")
    git(folder, "clone", "--quiet", "remote.git", "work")
    work = folder / "work"
    git(work, "commit", "--quiet", "--allow-empty", "-m", "code")
    git(work, "push", "--quiet", "origin", "HEAD:main")
    return work
