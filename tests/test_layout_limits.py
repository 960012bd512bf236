"""Layout reading on hostile input: line grouping that stays near-linear on a page of 40,000
one-character lines, a page cap, a cap on the objects a page draws (form XObjects counted each
time they are drawn) and a time budget per PDF over every stage, each a clear one-line error."""

from __future__ import annotations

import time

import pytest

from fixtures.pdfs.full_inspection import positive_outcome
from fixtures.pdfs.render import render_pdf
from fixtures.pdfs.resource_bomb import nested_forms_pdf
from sendscrape.parsers import (
    ParseLimitExceeded,
    ParseLimits,
    UnsupportedReportType,
    layout,
    parse_report,
    report,
)
from sendscrape.parsers.classify import classify
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
def report_pdf() -> bytes:
    return render_pdf(positive_outcome().spec)


def test_a_pdf_over_the_page_cap_is_refused_naming_the_limit(report_pdf: bytes) -> None:
    with pytest.raises(ParseLimitExceeded) as raised:
        parse_report(report_pdf, "long.pdf", ParseLimits(max_pages=2))
    assert str(raised.value) == "long.pdf: 3 pages, more than 2 (parse limit max_pages)"


def test_a_pdf_past_the_time_budget_is_refused_naming_the_limit(report_pdf: bytes) -> None:
    with pytest.raises(ParseLimitExceeded) as raised:
        parse_report(report_pdf, "slow.pdf", ParseLimits(seconds=0))
    assert str(raised.value) == "slow.pdf: still reading page 1 after 0 s (parse limit seconds)"


def test_the_default_limits_parse_a_real_sized_report(report_pdf: bytes) -> None:
    assert parse_report(report_pdf, "report.pdf")["outcome"] == "positive"


def test_a_pdf_of_forms_drawing_forms_is_refused_naming_the_object_limit() -> None:
    bomb = nested_forms_pdf()  # 8 KB: 4 levels of forms each drawn 4 times, 300 lines at the foot
    with pytest.raises(ParseLimitExceeded) as raised:
        parse_report(bomb, "bomb.pdf")
    assert str(raised.value) == (
        "bomb.pdf: page 1 holds more than 50000 objects (parse limit max_page_objects)"
    )


def test_the_object_limit_counts_a_form_each_time_it_is_drawn() -> None:
    # The page: a form and a text; the form draws a form twice, which draws one of 10 lines
    # twice: 2 + 2 + 2 * 2 + 4 * 10 = 48 objects read, though the file holds 13 objects.
    small = nested_forms_pdf(depth=2, fanout=2, paths=10)
    with pytest.raises(UnsupportedReportType):  # read whole, then not a SEND report
        parse_report(small, "small.pdf", ParseLimits(max_page_objects=48))
    with pytest.raises(ParseLimitExceeded) as raised:
        parse_report(small, "small.pdf", ParseLimits(max_page_objects=47))
    assert raised.value.limit == "max_page_objects"


def test_the_time_budget_covers_the_stages_after_page_reading(
    report_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])

    def slow_classify(document: layout.Document) -> tuple[str, str]:
        clock[0] += 31  # the pages were read in time; telling the kind takes past the budget
        return classify(document)

    monkeypatch.setattr(report, "classify", slow_classify)
    with pytest.raises(ParseLimitExceeded) as raised:
        parse_report(report_pdf, "slow.pdf")
    assert str(raised.value) == "slow.pdf: still parsing after 30 s (parse limit seconds)"
