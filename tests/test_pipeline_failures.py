"""One wrapper meets every failure of one PDF, in `parse` and in the nightly parse pool alike: a
surprise in one PDF is one line naming it, and never costs the other PDFs their records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fixtures.site.reports import report_pdf
from sendscrape import pipeline
from sendscrape.cli import main
from sendscrape.jobs.parse_pool import ParseFailure, ParseTask, parse_task


@pytest.fixture
def pdfs(tmp_path: Path) -> list[Path]:
    paths = []
    for area in ("Bolton", "Rutland"):
        path = tmp_path / f"{area}.pdf"
        path.write_bytes(report_pdf("local_area_send_revisit", area))
        paths.append(path)
    return paths


def surprise_on(victim: Path) -> Any:
    real = pipeline.build_record

    def parse(pdf: bytes, source: str, provenance: Any = None) -> Any:
        if source == str(victim):
            raise StopIteration  # what a parser bug looks like: not one of the expected errors
        return real(pdf, source, provenance)

    return parse


def test_parse_command_writes_the_good_pdfs_when_one_raises_a_surprise(
    pdfs: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(pipeline, "build_record", surprise_on(pdfs[0]))
    out = tmp_path / "out.jsonl"

    status = main(["parse", *map(str, pdfs), "-o", str(out)])

    assert status == 1
    assert [json.loads(line)["local_area"] for line in out.read_text().splitlines()] == ["Rutland"]
    assert capsys.readouterr().err.splitlines() == [
        f"{pdfs[0]}: unexpected StopIteration",
        "sendscrape parse: 1 of 2 file(s) failed",
    ]


def test_parse_command_and_parse_pool_give_the_same_line(
    pdfs: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pipeline, "build_record", surprise_on(pdfs[0]))
    main(["parse", str(pdfs[0]), "-o", "-"])
    printed = capsys.readouterr().err.splitlines()[0]

    outcome = parse_task(ParseTask("e" * 64, pdfs[0]))

    assert isinstance(outcome, ParseFailure)
    assert outcome.error == printed
