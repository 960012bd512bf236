"""Site build benchmark: `sendscrape site` on 1,000 synthetic records (every report kind, all
153 areas), against a 5-second budget. Side by side, the baseline every reader of the dataset
pays: loading and validating the same JSONL."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fixtures.synthetic import synthetic_reports
from sendscrape.dataset import load
from sendscrape.dataset.write import write_jsonl_atomic
from sendscrape.publish.site.build import build_site

RECORDS = 1000
BUDGET_SECONDS = 5.0
REPEATS = 3


def _median_seconds(work: Callable[[], object]) -> float:
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> bool:
    """Print the table; True when the whole build (load included) is within the budget."""
    with tempfile.TemporaryDirectory() as tmp:
        dataset = Path(tmp) / "reports.jsonl"
        write_jsonl_atomic(synthetic_reports(RECORDS), dataset)
        load_seconds = _median_seconds(lambda: load(dataset))
        build_seconds = _median_seconds(lambda: build_site(load(dataset), Path(tmp) / "site"))
        site = Path(tmp) / "site"
        pages = len(list(site.rglob("*.html")))
        weight = sum((site / n).stat().st_size for n in ("index.html", "style.css", "table.js"))
    print(f"site: {RECORDS} synthetic records, median of {REPEATS} builds")
    print(f"  {'step':<40}{'wall s':>9}")
    print(f"  {'load and validate the JSONL (baseline)':<40}{load_seconds:>9.2f}")
    print(f"  {'sendscrape site (load, pages, downloads)':<40}{build_seconds:>9.2f}")
    print(f"  ratio to the baseline: {build_seconds / load_seconds:.1f}x")
    print(f"  budget {BUDGET_SECONDS:.0f} s: {build_seconds / BUDGET_SECONDS:.2f} of it used")
    print(f"  {pages} pages; index.html with its assets: {weight / 1024:.0f} KB")
    return build_seconds < BUDGET_SECONDS
