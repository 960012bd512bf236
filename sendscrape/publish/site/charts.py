"""Bar charts drawn on the server as plain HTML and CSS: one horizontal bar per category,
stacked by series. Text stays real text, so the charts read at 360 px as on a desktop, need no
script and no image, and weigh little.

A chart is drawn from a CrossTab (a `sendscrape stats` table of category, series and count), and
the page shows the same CrossTab as a table under it, so no number is in the picture only.
Colours come from the style sheet (class `key-<series>`); the legend and table carry the words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sendscrape.stats.counts import Table


@dataclass(frozen=True)
class CrossTab:
    """Counts by category (rows) and series (columns), in the stats table's order."""

    title: str
    category_label: str
    categories: tuple[str, ...]
    series: tuple[str, ...]
    counts: dict[tuple[str, str], int]

    def count(self, category: str, series: str) -> int:
        return self.counts.get((category, series), 0)

    def total(self, category: str) -> int:
        return sum(self.count(category, s) for s in self.series)

    def series_total(self, series: str) -> int:
        return sum(self.count(c, series) for c in self.categories)

    @property
    def grand_total(self) -> int:
        return sum(self.counts.values())


def cross_tab(table: Table, title: str, category_label: str, series: Sequence[str]) -> CrossTab:
    """A two-dimension stats table (category, series, inspections) as a CrossTab; `series` gives
    the order and every series shown, even one with no inspection."""
    counts: dict[tuple[str, str], int] = {}
    categories: list[str] = []
    for category, key, count in table.rows:
        if str(category) not in categories:
            categories.append(str(category))
        assert isinstance(count, int)
        counts[(str(category), str(key))] = count
    return CrossTab(title, category_label, tuple(categories), tuple(series), counts)


@dataclass(frozen=True)
class Segment:
    key: str
    count: int
    percent: float


@dataclass(frozen=True)
class Bar:
    category: str
    total: int
    segments: tuple[Segment, ...]


def bars(tab: CrossTab) -> list[Bar]:
    """One bar per category; segment widths are shares of the longest bar, so bars compare."""
    biggest = max((tab.total(c) for c in tab.categories), default=0) or 1
    return [
        Bar(
            category,
            tab.total(category),
            tuple(
                Segment(key, tab.count(category, key), 100 * tab.count(category, key) / biggest)
                for key in tab.series
                if tab.count(category, key)
            ),
        )
        for category in tab.categories
    ]
