"""tools.nightly_issue against a stand-in `gh` on PATH that records its arguments and answers
`issue list` with the issues it is given: open on the first failure, comment while failing,
close on the next good night."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from tools.nightly_issue import NO_SUMMARY, TITLE, main

FAKE_GH = """#!{python}
import json, os, sys
with open(os.environ["GH_CALLS"], "a") as calls:
    calls.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["issue", "list"]:
    print(os.environ["GH_ISSUES"])
"""


@pytest.fixture
def fake_gh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `gh` first on PATH; returns the file its calls are written to."""
    script = tmp_path / "bin" / "gh"
    script.parent.mkdir()
    script.write_text(FAKE_GH.format(python=sys.executable))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("GH_CALLS", str(tmp_path / "calls.jsonl"))
    monkeypatch.setenv("GH_ISSUES", "[]")
    return tmp_path / "calls.jsonl"


def calls(path: Path) -> list[list[str]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def run(failed: str, summary: Path) -> int:
    return main(["--failed", failed, "--summary", str(summary), "--run-url", "https://run/1"])


def test_first_failed_night_opens_the_issue_with_the_summary(fake_gh: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Nightly scrape 2026-12-02: failed\n")
    assert run("true", summary) == 0
    listed, created = calls(fake_gh)
    assert listed[:2] == ["issue", "list"]
    assert created == [
        "issue", "create", "--title", TITLE,
        "--body", "# Nightly scrape 2026-12-02: failed\n\nThe run: https://run/1\n",
    ]  # fmt: skip


def test_a_failed_night_comments_on_the_open_issue(
    fake_gh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issues = [{"number": 7, "title": "Other"}, {"number": 12, "title": TITLE}]
    monkeypatch.setenv("GH_ISSUES", json.dumps(issues))
    assert run("true", tmp_path / "absent.md") == 0
    comment = calls(fake_gh)[1]
    assert comment == [
        "issue",
        "comment",
        "12",
        "--body",
        f"{NO_SUMMARY}\n\nThe run: https://run/1\n",
    ]


def test_a_good_night_closes_the_open_issue(
    fake_gh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GH_ISSUES", json.dumps([{"number": 12, "title": TITLE}]))
    assert run("false", tmp_path / "summary.md") == 0
    assert calls(fake_gh)[1] == ["issue", "close", "12", "--comment", "A good night: https://run/1"]


def test_a_good_night_with_no_issue_does_nothing(fake_gh: Path, tmp_path: Path) -> None:
    assert run("false", tmp_path / "summary.md") == 0
    assert [call[:2] for call in calls(fake_gh)] == [["issue", "list"]]


def test_gh_missing_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert run("true", tmp_path / "summary.md") == 1
    err = capsys.readouterr().err
    assert err == "nightly_issue: gh issue list: No such file or directory\n"


def test_gh_saying_no_is_one_line(
    fake_gh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = fake_gh.parent / "bin" / "gh"
    script.write_text(
        script.read_text()
        + "sys.exit('HTTP 403: Resource not accessible by integration\\nsee the docs')\n"
    )
    assert run("true", tmp_path / "summary.md") == 1
    assert capsys.readouterr().err == (
        "nightly_issue: gh issue list: exit status 1: "
        "HTTP 403: Resource not accessible by integration\n"
    )
