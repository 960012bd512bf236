"""Seeded fuzzing of the parse stage with damaged copies of the project's own fixture PDFs: every
one ends in a record or a one-line error, none in a traceback or past the time budget. (`make
fuzz` runs many more, on the real reports too.) A case that never ends is killed and counted as a
hang; one that kills its worker, as a traceback."""

from __future__ import annotations

import os
import signal

from bench.fuzz import HANG_MARGIN_SECONDS, Record, fixture_pdfs, fuzz, parse_record
from sendscrape.parsers import ParseLimits

MUTATIONS = 240
FIXTURES = (
    "full_inspection/widespread_failings",
    "full_inspection/improvement_table_split_between_rows",
    "older_kinds/local_area_letter",
    "older_kinds/revisit_letter",
    "older_kinds/monitoring_inspection",
)


def test_damaged_fixture_pdfs_give_records_or_one_line_errors() -> None:
    tally = fuzz(fixture_pdfs(FIXTURES), MUTATIONS, seed=2024, limits=ParseLimits(seconds=5))
    assert tally.tracebacks == []
    assert tally.hangs == []
    assert tally.tried == MUTATIONS
    # The mutations reach both ends: some PDFs unreadable, some untouched where it matters.
    assert tally.clean_errors > MUTATIONS // 10
    assert tally.same_record > MUTATIONS // 10


def _loops_forever_on_case_3(pdf: bytes, name: str) -> Record:
    if name.endswith("#3]"):
        while True:
            pass
    return parse_record(pdf, name)


def _dies_on_case_2(pdf: bytes, name: str) -> Record:
    if name.endswith("#2]"):
        os.kill(os.getpid(), signal.SIGKILL)
    return parse_record(pdf, name)


def test_an_endless_loop_is_counted_as_a_hang_and_the_run_goes_on() -> None:
    pdfs = fixture_pdfs(FIXTURES[:1])
    limits = ParseLimits(seconds=0.5)
    tally = fuzz(pdfs, 6, seed=2024, limits=limits, parse=_loops_forever_on_case_3)
    assert tally.tried == 6
    [hang] = tally.hangs
    assert hang.endswith(f"#3]: killed after {0.5 + HANG_MARGIN_SECONDS:g} s")
    assert tally.tracebacks == []
    assert tally.clean_errors + tally.same_record + tally.warned + len(tally.changed_silently) == 5


def test_a_worker_that_dies_is_counted_and_replaced() -> None:
    tally = fuzz(
        fixture_pdfs(FIXTURES[:1]),
        4,
        seed=2024,
        limits=ParseLimits(seconds=5),
        parse=_dies_on_case_2,
    )
    assert tally.tried == 4
    [death] = tally.tracebacks
    assert death.endswith(f"#2]\nits worker died (exit code {-signal.SIGKILL})")
    assert tally.hangs == []
