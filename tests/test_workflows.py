"""The GitHub workflows: every action pinned to a commit with its version beside it, checkouts
without persisted credentials, least privilege per job, ci.yml on the oldest and newest Python
the project supports, and the nightly publishing only after the tests and only what
`sendscrape nightly` decided. (zizmor and actionlint lint them in `make lint`.)"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from sendscrape.jobs.nightly import DatasetChange, Night, outputs

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$")
PINNED = re.compile(r"(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})")
VERSION_COMMENT = re.compile(r"^\s+# v\d+(?:\.\d+){0,2}$")


def load(path: Path) -> dict[str, Any]:
    workflow: dict[Any, Any] = yaml.safe_load(path.read_text())
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on` as true
    return workflow


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses_lines(path: Path) -> list[re.Match[str]]:
    return [m for line in path.read_text().splitlines() if (m := USES.match(line))]


def test_there_are_the_two_workflows() -> None:
    assert [path.name for path in WORKFLOWS] == ["ci.yml", "nightly.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    for used in uses_lines(path):
        if used["ref"].startswith("./"):
            continue
        assert PINNED.fullmatch(used["ref"]), used.group(0)
        assert VERSION_COMMENT.match(used["comment"]), used.group(0)


def test_one_action_one_pin_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for used in uses_lines(path):
            pinned = PINNED.fullmatch(used["ref"])
            if pinned:
                repo = "/".join(pinned["action"].split("/")[:2])
                pins.setdefault(repo, set()).add(pinned["sha"] + used["comment"])
    assert {repo: len(found) for repo, found in pins.items() if len(found) > 1} == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_no_persisted_credentials(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"job {name} states no permissions"
    checkouts = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_ci_runs_make_test_on_push_and_pull_request_on_the_oldest_and_newest_python() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert {"push", "pull_request", "workflow_call"} <= set(workflow["on"])
    [job] = workflow["jobs"].values()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    versions = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if re.search(r"3\.\d+$", c)]
    oldest = project["requires-python"].removeprefix(">=")
    newest = max(versions, key=lambda v: tuple(map(int, v.split("."))))
    assert job["strategy"]["matrix"]["python"] == [oldest, newest]
    assert [s["run"] for s in job["steps"] if "run" in s] == [".ci/run"]
    assert "make test" in (ROOT / ".ci" / "run").read_text().splitlines()[-1]


def test_the_nightly_publishes_only_after_the_tests_pass_on_its_commit() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "nightly.yml")
    jobs = workflow["jobs"]
    assert jobs["tests"]["uses"] == "./.github/workflows/ci.yml"
    assert jobs["nightly"]["needs"] == "tests"
    assert jobs["deploy"]["needs"] == "nightly"
    runs = [s.get("run", "") for s in jobs["nightly"]["steps"]]
    assert any(run.startswith("make nightly SENDSCRAPE=sendscrape") for run in runs)
    assert any("--require-hashes --no-deps -r requirements/nightly.txt" in run for run in runs)
    commit = "tools/commit_dataset.sh data/reports.jsonl data/runs.jsonl nightly/commit-message.txt"
    assert any(commit in run for run in runs)
    release = 'tools/release_dataset.sh "$TAG" "$TITLE" nightly/release-notes.md site/data'
    assert release in runs
    assert 'tools/fetch_published.sh published data "$CACHE_MATCHED"' in runs


def test_deploy_only_an_uploaded_site_and_cache_only_changed_data() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "nightly.yml")
    nightly = workflow["jobs"]["nightly"]
    by_id = {step["id"]: step for step in nightly["steps"] if "id" in step}
    assert by_id["upload-site"]["uses"].startswith("actions/upload-pages-artifact@")
    assert nightly["outputs"]["site_uploaded"] == "${{ steps.upload-site.outcome == 'success' }}"
    assert "needs.nightly.outputs.site_uploaded == 'true'" in workflow["jobs"]["deploy"]["if"]
    [save] = [s for s in nightly["steps"] if s.get("uses", "").startswith("actions/cache/save@")]
    assert save["if"] == "always() && steps.night.outputs.data_changed == 'true'"
    assert save["with"]["key"] == "sendscrape-data-${{ steps.night.outputs.data_key }}"


def test_every_output_the_nightly_reads_is_one_the_command_writes() -> None:
    text = (ROOT / ".github" / "workflows" / "nightly.yml").read_text()
    read = set(re.findall(r"steps\.night\.outputs\.(\w+)", text))
    night = Night(day=dt.date(2026, 1, 1), summary=None, change=DatasetChange())
    assert read == {"changed", "data_changed", "data_key", "tag", "title"}
    assert read <= set(outputs(night, "a", "b"))
