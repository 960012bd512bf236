"""HTML pages from the package's Jinja templates (autoescaped), with the filters they use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendscrape.publish.extras import require_extra
from sendscrape.publish.labels import KIND_LABELS, OUTCOME_LABELS

SERIES_LABELS = {
    **OUTCOME_LABELS,
    "yes": "Written statement of action required",
    "no": "Not required",
    "all": "Progress on all weaknesses",
    "some": "Progress on some",
    "none": "Progress on none",
}


def long_date(day: dt.date | None) -> str:
    """'15 March 2024'; an empty string for no date."""
    return f"{day.day} {day:%B %Y}" if day else ""


def date_span(start: dt.date, end: dt.date) -> str:
    """'11 to 15 March 2024', '28 February to 3 March 2023', '4 July 2023'."""
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


def month_span(start: dt.date, end: dt.date) -> str:
    """'Mar 2024 to Sep 2025': a due window, to the month."""
    return f"{start:%b %Y} to {end:%b %Y}"


def environment() -> Any:
    """The Jinja environment (jinja2 is part of the `publish` extra)."""
    jinja2 = require_extra("jinja2", "publish", "sendscrape site")
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sendscrape.publish.site", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(long_date=long_date, date_span=date_span, month_span=month_span)
    env.globals.update(
        kind_label=KIND_LABELS.__getitem__, series_label=lambda key: SERIES_LABELS.get(key, key)
    )
    return env
