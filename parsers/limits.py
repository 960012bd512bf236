"""Bounds on the work one PDF may cost the parse stage, as named settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParseLimits:
    """`max_pages`: a PDF with more pages is refused (real reports have at most a few dozen).
    `seconds`: parsing a PDF, every stage, may take this long (a real report takes well under
    one). `max_page_objects`: the objects read of one page, those inside its form XObjects
    counted each time they are drawn (a real report's pages hold a few hundred)."""

    max_pages: int = 200
    seconds: float = 30.0
    max_page_objects: int = 50_000


DEFAULT_LIMITS = ParseLimits()
