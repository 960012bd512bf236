"""Dates as the reports print them: '18 to 22 November 2024', '29 April to 3 May 2024',
'27 March 2023 to 31 March 2023', 'Between 1 October 2018 and 5 October 2018'."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH = r"(?:" + "|".join(MONTHS) + r")"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DATE = rf"{_DAY}\s+({_MONTH})\s+(\d{{4}})"
_RANGE_WORD = r"\s*(?:to|and|-|–|—|until)\s*"

# Full form first, then shorter forms that borrow month/year from the end date.
_RANGE_PATTERNS = [
    re.compile(rf"{_DATE}{_RANGE_WORD}{_DATE}", re.IGNORECASE),
    re.compile(rf"{_DAY}\s+({_MONTH}){_RANGE_WORD}{_DATE}", re.IGNORECASE),
    re.compile(rf"{_DAY}{_RANGE_WORD}{_DATE}", re.IGNORECASE),
]
_SINGLE = re.compile(_DATE, re.IGNORECASE)


def make_date(day: str, month: str, year: str) -> dt.date:
    """A date from printed parts; raises ValueError for impossible dates (31 June)."""
    return dt.date(int(year), MONTHS[month.lower()], int(day))


def _range_from_match(groups: tuple[str, ...]) -> tuple[dt.date, dt.date]:
    if len(groups) == 6:
        return make_date(*groups[:3]), make_date(*groups[3:])
    if len(groups) == 5:
        day1, month1, day2, month2, year = groups
        end = make_date(day2, month2, year)
        start = make_date(day1, month1, year)
        if start > end:  # a range over New Year: '28 December to 3 January 2020'
            start = make_date(day1, month1, str(int(year) - 1))
        return start, end
    day1, day2, month, year = groups
    return make_date(day1, month, year), make_date(day2, month, year)


def find_date_ranges(text: str) -> list[tuple[dt.date, dt.date]]:
    """Every date range or single date in `text`, in order; a single date is (d, d)."""
    found: list[tuple[int, int, tuple[dt.date, dt.date]]] = []
    taken: list[tuple[int, int]] = []
    for pattern in [*_RANGE_PATTERNS, _SINGLE]:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            groups = match.groups()
            dates = _range_from_match(groups) if len(groups) > 3 else (make_date(*groups),) * 2
            found.append((span[0], span[1], (dates[0], dates[1])))
            taken.append(span)
    return [dates for _, _, dates in sorted(found)]


def parse_date_range(text: str) -> tuple[dt.date, dt.date]:
    """The first date range in `text`; ValueError when there is none."""
    ranges = find_date_ranges(text)
    if not ranges:
        raise ValueError(f"no date or date range in {text!r}")
    return ranges[0]


# 'Inspection dates: 18 to 22 November 2024', up to any 'Dates of previous inspection:' that
# follows (the front page of a 2023-framework report, full or monitoring).
_DATES_LABEL = re.compile(
    r"\binspection\s+dates?\s*:\s*(?P<rest>.*?)\s*(?=\bdates?\s+of\s+(?:the\s+)?previous|$)",
    re.IGNORECASE | re.DOTALL,
)


def labelled_inspection_dates(text: str) -> str | None:
    """What follows the first 'Inspection dates:' label in `text`; None where there is none."""
    match = _DATES_LABEL.search(text)
    return match.group("rest") if match else None
