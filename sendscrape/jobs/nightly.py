"""The night's decision and what it tells people: did the dataset change, the release notes, the
dataset-branch commit message, a markdown summary, and the key its data is cached under.

Everything the nightly workflow decides comes from here (through `sendscrape nightly`), so a test
can run the whole night; the workflow only copies these outputs where GitHub wants them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sendscrape.dataset.datadir import DataDir
from sendscrape.jobs.state import RunSummary
from sendscrape.scraper import RawStore
from sendscrape.validate.models import Report

SUMMARY_NAME = "summary.md"
RELEASE_NOTES_NAME = "release-notes.md"
COMMIT_MESSAGE_NAME = "commit-message.txt"
OUTPUTS_NAME = "outputs.txt"
FAILURES_SHOWN = 20
LICENCE = "Report content: Crown copyright, reused under the Open Government Licence v3.0."


@dataclass(frozen=True)
class DatasetChange:
    """How the dataset after the night differs from the one before it, record by record (a
    record is known by the URL its report is served at, else by its PDF's SHA-256)."""

    new: tuple[Report, ...] = ()
    changed: tuple[Report, ...] = ()
    removed: tuple[Report, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.new or self.changed or self.removed)


def _identity(report: Report) -> str:
    return report.source_url or report.sha256


def dataset_change(before: Iterable[Report], after: Iterable[Report]) -> DatasetChange:
    old = {_identity(report): report for report in before}
    now = {_identity(report): report for report in after}
    return DatasetChange(
        new=tuple(report for key, report in now.items() if key not in old),
        changed=tuple(report for key, report in now.items() if key in old and old[key] != report),
        removed=tuple(report for key, report in old.items() if key not in now),
    )


@dataclass(frozen=True)
class Night:
    """One night: the day, the scrape's summary (None when it ended early, with `aborted`
    saying why), the dataset's change, this night's failure lines, and the other steps that
    failed (the site build)."""

    day: dt.date
    summary: RunSummary | None
    change: DatasetChange
    failure_lines: Sequence[str] = ()
    aborted: str = ""
    steps_failed: Sequence[str] = field(default_factory=tuple)
    time_budget: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.aborted or self.steps_failed or (self.summary and self.summary.failures))

    @property
    def tag(self) -> str:
        return f"dataset-{self.day.isoformat()}"


def data_key(data_dir: Path) -> str:
    """A digest of what the data directory holds worth keeping: the dataset's bytes and the
    names (SHA-256) of the PDFs in the raw store. Equal keys, same data."""
    files = DataDir(data_dir)
    digest = hashlib.sha256()
    if files.dataset.exists():
        digest.update(files.dataset.read_bytes())
    for sha256 in RawStore(files.raw).pdf_hashes():
        digest.update(sha256.encode())
    return digest.hexdigest()[:32]


def _describe(report: Report) -> str:
    published = report.published.isoformat() if report.published else "date unknown"
    kind = report.report_type.replace("_", " ")
    started = report.inspection_start.isoformat()
    return f"{report.local_area}: {kind}, inspection started {started}, published {published}"


def _bullets(reports: Iterable[Report]) -> list[str]:
    return [f"- {_describe(report)}" for report in sorted(reports, key=_describe)]


def _listed(change: DatasetChange) -> list[str]:
    """The new, changed and removed reports, a titled list each (none for an empty one)."""
    lines: list[str] = []
    for title, reports in (
        ("New reports", change.new),
        ("Changed records", change.changed),
        ("Records removed", change.removed),
    ):
        if reports:
            lines += [f"{title} ({len(reports)}):", "", *_bullets(reports), ""]
    return lines


def release_notes(night: Night) -> str:
    """The dated release's notes: what is new, changed and gone."""
    lines = [f"The area SEND inspection dataset as of {night.day.isoformat()}.", ""]
    return "\n".join([*lines, *_listed(night.change), LICENCE, ""])


def commit_message(night: Night) -> str:
    """The dataset branch's commit message: a subject line with the counts, then the reports."""
    change = night.change
    subject = (
        f"Nightly dataset {night.day.isoformat()}: {len(change.new)} new, "
        f"{len(change.changed)} changed, {len(change.removed)} removed"
    )
    body = [_describe(report) for report in change.new]
    return subject + ("\n\nNew:\n" + "\n".join(body) if body else "") + "\n"


def summary_markdown(night: Night) -> str:
    """What the night did, for the workflow's summary page and the failure issue."""
    verdict = "failed" if night.failed else "succeeded"
    lines = [f"# Nightly scrape {night.day.isoformat()}: {verdict}", ""]
    change = night.change
    lines += [
        "## Dataset",
        "",
        f"{'Changed: release ' + night.tag if change.any else 'Unchanged: no release'}; "
        f"{len(change.new)} new report(s), {len(change.changed)} changed record(s), "
        f"{len(change.removed)} removed.",
        "",
        *_listed(change),
    ]
    lines += ["## Failures", "", *_failure_lines(night), "", "## The run's bounds", ""]
    if night.summary is not None:
        lines += [f"- time budget: {night.time_budget:g} s"]
        lines += [f"- {line}" for line in night.summary.lines()]
    return "\n".join(lines).rstrip() + "\n"


def _failure_lines(night: Night) -> list[str]:
    lines = [f"- the scrape ended early: {night.aborted}"] if night.aborted else []
    lines += [f"- {step} failed" for step in night.steps_failed]
    shown = night.failure_lines[:FAILURES_SHOWN]
    lines += [f"- `{line}`" for line in shown]
    if len(night.failure_lines) > len(shown):
        lines.append(f"- ... and {len(night.failure_lines) - len(shown)} more in failures.jsonl")
    return lines or ["None."]


def outputs(night: Night, key_before: str, key_after: str) -> dict[str, str]:
    """The decisions, as `name=value` lines for $GITHUB_OUTPUT."""
    return {
        "changed": str(night.change.any).lower(),
        "failed": str(night.failed).lower(),
        "tag": night.tag,
        "title": f"Dataset {night.day.isoformat()}",
        "data_key": key_after,
        "data_changed": str(key_before != key_after).lower(),
    }


def failure_lines(failures_file: Path, count: int) -> list[str]:
    """The last `count` lines of failures.jsonl (this run's), as `stage: url: error`."""
    if count <= 0 or not failures_file.exists():
        return []
    lines = failures_file.read_text(encoding="utf-8").splitlines()[-count:]
    shown = []
    for line in lines:
        failure = json.loads(line)
        stage, url, error = (str(failure.get(key, "")) for key in ("stage", "url", "error"))
        shown.append(f"{stage}: {error}" if url in error else f"{stage}: {url}: {error}")
    return shown


def write_outputs(night: Night, out_dir: Path, keys: tuple[str, str]) -> list[Path]:
    """Write the summary and outputs, and the release notes and commit message only when the
    dataset changed (their absence says: no release, nothing to commit)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {SUMMARY_NAME: summary_markdown(night)}
    values = outputs(night, *keys)
    texts[OUTPUTS_NAME] = "".join(f"{name}={value}\n" for name, value in values.items())
    if night.change.any:
        texts[RELEASE_NOTES_NAME] = release_notes(night)
        texts[COMMIT_MESSAGE_NAME] = commit_message(night)
    for name in (RELEASE_NOTES_NAME, COMMIT_MESSAGE_NAME):
        (out_dir / name).unlink(missing_ok=True)
    written = []
    for name, text in texts.items():
        (out_dir / name).write_text(text, encoding="utf-8")
        written.append(out_dir / name)
    return written
