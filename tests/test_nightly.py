"""The night's decision and texts (sendscrape.jobs.nightly) on hand-made records: a changed
record and a removed one are named, an unchanged dataset makes no release, and the summary
caps the failure lines it quotes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sendscrape.jobs.nightly import (
    COMMIT_MESSAGE_NAME,
    FAILURES_SHOWN,
    RELEASE_NOTES_NAME,
    Night,
    data_key,
    dataset_change,
    release_notes,
    summary_markdown,
    write_outputs,
)
from sendscrape.jobs.state import RunSummary
from sendscrape.validate.models import Report
from tests.records import full_report

DAY = dt.date(2026, 12, 2)


def reports(own_records: list[dict[str, Any]]) -> list[Report]:
    return [
        full_report(record).model_copy(update={"source_url": f"https://files.ofsted.gov.uk/{i}"})
        for i, record in enumerate(own_records)
    ]


def test_changed_and_removed_records_are_named(own_records: list[dict[str, Any]]) -> None:
    before = reports(own_records)
    bolton, rutland = before[0], before[1]
    newer_bolton = bolton.model_copy(update={"published": dt.date(2023, 8, 2)})
    after = [newer_bolton, *before[2:]]

    change = dataset_change(before, after)

    assert (change.new, change.changed, change.removed) == ((), (newer_bolton,), (rutland,))
    notes = release_notes(Night(DAY, RunSummary("scrape"), change))
    assert notes.splitlines()[0] == "The area SEND inspection dataset as of 2026-12-02."
    assert (
        "Changed records (1):\n\n- Bolton: area send full inspection, inspection started "
        "2023-06-12, published 2023-08-02" in notes
    )
    assert "Records removed (1):\n\n- Rutland: area send full inspection" in notes
    assert "New reports" not in notes


def test_the_same_records_make_no_release(
    own_records: list[dict[str, Any]], tmp_path: Path
) -> None:
    records = reports(own_records)
    night = Night(DAY, RunSummary("scrape"), dataset_change(records, list(reversed(records))))
    assert not night.change.any
    (tmp_path / RELEASE_NOTES_NAME).write_text("yesterday's notes")
    written = {path.name for path in write_outputs(night, tmp_path, ("k1", "k1"))}
    assert written == {"summary.md", "outputs.txt"}
    assert not (tmp_path / RELEASE_NOTES_NAME).exists()
    assert not (tmp_path / COMMIT_MESSAGE_NAME).exists()
    assert (tmp_path / "outputs.txt").read_text() == (
        "changed=false\nfailed=false\ntag=dataset-2026-12-02\ntitle=Dataset 2026-12-02\n"
        "data_key=k1\ndata_changed=false\n"
    )


def test_the_summary_quotes_at_most_twenty_failures_and_the_bounds() -> None:
    summary = RunSummary("scrape", failures=25, listing_complete=False)
    lines = [f"parse: https://files.ofsted.gov.uk/{n}: bad" for n in range(25)]
    night = Night(DAY, summary, dataset_change([], []), lines, time_budget=9000)
    text = summary_markdown(night)
    assert text.splitlines()[0] == "# Nightly scrape 2026-12-02: failed"
    assert text.count("- `parse: ") == FAILURES_SHOWN == 20
    assert "- ... and 5 more in failures.jsonl" in text
    assert "- time budget: 9000 s\n" in text
    assert "- listing complete: no\n" in text


def test_the_data_key_follows_the_dataset_and_the_raw_store(tmp_path: Path) -> None:
    empty = data_key(tmp_path)
    (tmp_path / "reports.jsonl").write_text("{}\n")
    with_dataset = data_key(tmp_path)
    pdf = tmp_path / "raw" / "ab" / ("ab" + "0" * 62 + ".pdf")
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-")
    with_pdf = data_key(tmp_path)
    assert len({empty, with_dataset, with_pdf}) == 3
    assert data_key(tmp_path) == with_pdf
