"""HTML pages from the package's Jinja templates (autoescaped), with the filters they use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sendscrape.publish.extras import require_extra
from sendscrape.publish.labels import (
    KIND_LABELS,
    OUTCOME_LABELS,
    date_span,
    long_date,
    month_span,
)
from sendscrape.publish.site.items import item_parts
from sendscrape.publish.site.terms import TermLinks

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
    env.filters.update(
        long_date=long_date, date_span=date_span, month_span=month_span, item_parts=item_parts
    )
    env.globals.update(
        kind_label=KIND_LABELS.__getitem__,
        outcome_label=lambda key: _label(LEGEND_LABELS, key),
        series_label=lambda key: _label(SERIES_LABELS, key),
    )
    return env


class PageWriter:
    """Writes each page with the context every page shares (downloads, feeds, licences, the
    data date), links relative to the page's folder, and its own first-use term links."""

    def __init__(self, out_dir: Path, common: dict[str, Any]) -> None:
        self.out_dir = out_dir
        self.env = environment()
        self.common = common
        self.count = 0

    def write(self, template: str, path: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = self.env.get_template(template).render(
            **self.common, root=root, term=TermLinks(root), page=path, **context
        )
        target = self.out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.count += 1
