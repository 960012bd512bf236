"""Seeded fuzzing of the parse stage with damaged copies of the project's own fixture PDFs: every
one ends in a record or a one-line error, none in a traceback or past the time budget. (`make
fuzz` runs many more, on the real reports too.)"""

from __future__ import annotations

from bench.fuzz import fixture_pdfs, fuzz
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
