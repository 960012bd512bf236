"""An item's text as the page shows it: a priority action whose report lists sub-points
("...so that: • annual reviews are timely • plans are updated") becomes its lead sentence and a
list. The record keeps the text as the report prints it; only the page gives it structure."""

from __future__ import annotations

from dataclasses import dataclass

BULLET = "•"


@dataclass(frozen=True)
class ItemText:
    lead: str
    points: tuple[str, ...]


def item_parts(text: str) -> ItemText:
    """'Lead: • one • two' -> ItemText('Lead:', ('one', 'two')); text without bullets is all
    lead."""
    lead, *points = text.split(BULLET)
    return ItemText(lead.strip(), tuple(p.strip() for p in points if p.strip()))
