"""Layout reading on hostile input: line grouping that stays near-linear on a page of 40,000
one-character lines, a page cap and a time budget per PDF, each a clear one-line error."""

from __future__ import annotations

import pytest

from fixtures.pdfs.full_inspection import positive_outcome
from fixtures.pdfs.render import render_pdf
from sendscrape.parsers import ParseLimitExceeded, ParseLimits, layout, parse_report
from sendscrape.parsers.pdfium_page import TextRun

LINES = 40_000


def _run(text: str, x0: float, top: float, size: float = 1.5) -> TextRun:
    return TextRun(list(text), x0, x0 + size * 0.6 * len(text), top, top + size, size, False)


def _count_same_line_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    compare = layout._same_line

    def counted(cluster: list[TextRun], run: TextRun) -> bool:
        calls[0] += 1
        return compare(cluster, run)

    monkeypatch.setattr(layout, "_same_line", counted)
    return calls


def test_a_page_of_one_character_lines_costs_a_few_comparisons_per_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_same_line_calls(monkeypatch)
    runs = [_run("x", 10 + index % 7, 50 + index * 2.0) for index in range(LINES)]
    lines = layout._group_lines(runs, 1, ())
    assert len(lines) == LINES
    assert [line.text for line in lines[:2]] == ["x", "x"]
    assert calls[0] <= 2 * LINES


def test_runs_on_one_baseline_still_make_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_same_line_calls(monkeypatch)
    runs = [_run("b", 20, 100.2), _run("a", 10, 100), _run("next", 10, 110)]
    lines = layout._group_lines(runs, 1, ())
    assert [(line.text, len(line.segments)) for line in lines] == [("a b", 2), ("next", 1)]
    assert calls[0] == 2


def test_a_tall_glyph_spanning_two_lines_joins_only_one() -> None:
    runs = [_run("first", 10, 100, 10), _run("second", 10, 112, 10), _run("T", 200, 100, 22)]
    lines = layout._group_lines(runs, 1, ())
    assert [line.text for line in lines] == ["first", "second T"]


@pytest.fixture(scope="module")
def report() -> bytes:
    return render_pdf(positive_outcome().spec)


def test_a_pdf_over_the_page_cap_is_refused_naming_the_limit(report: bytes) -> None:
    with pytest.raises(ParseLimitExceeded) as raised:
        parse_report(report, "long.pdf", ParseLimits(max_pages=2))
    assert str(raised.value) == "long.pdf: 3 pages, more than 2 (parse limit max_pages)"


def test_a_pdf_past_the_time_budget_is_refused_naming_the_limit(report: bytes) -> None:
    with pytest.raises(ParseLimitExceeded) as raised:
        parse_report(report, "slow.pdf", ParseLimits(seconds=0))
    assert str(raised.value) == "slow.pdf: still reading page 1 after 0 s (parse limit seconds)"


def test_the_default_limits_parse_a_real_sized_report(report: bytes) -> None:
    assert parse_report(report, "report.pdf")["outcome"] == "positive"
