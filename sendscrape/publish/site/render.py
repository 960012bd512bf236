"""HTML pages from the package's Jinja templates (autoescaped), with the filters they use."""

from __future__ import annotations

from typing import Any

from sendscrape.publish.extras import require_extra
from sendscrape.publish.labels import (
    KIND_LABELS,
    OUTCOME_LABELS,
    date_span,
    long_date,
    month_span,
)

# Short names of the chart series for legends and table headings (the badges say them in full).
SERIES_LABELS = {
    "positive": "Positive",
    "inconsistent": "Inconsistent",
    "widespread_failings": "Widespread failings",
    "effective_action": "Effective action",
    "ineffective_action": "Ineffective action",
    "yes": "WSoA required",
    "no": "Not required",
    "all": "Progress on all",
    "some": "On some",
    "none": "On none",
}

# Legends say in full what each colour means.
LEGEND_LABELS = {
    "yes": "Written statement of action (WSoA) required",
    "no": "Not required",
    "all": "Sufficient progress on all weaknesses",
    "some": "On some",
    "none": "On none",
}


def _label(names: dict[str, str], key: str) -> str:
    return names.get(key) or OUTCOME_LABELS.get(key, key)


def environment() -> Any:
    """The Jinja environment (jinja2 is part of the `publish` extra)."""
    jinja2 = require_extra("jinja2", "publish", "sendscrape site")
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sendscrape.publish.site", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
    )
    env.filters.update(long_date=long_date, date_span=date_span, month_span=month_span)
    env.globals.update(
        kind_label=KIND_LABELS.__getitem__,
        outcome_label=lambda key: _label(LEGEND_LABELS, key),
        series_label=lambda key: _label(SERIES_LABELS, key),
    )
    return env
