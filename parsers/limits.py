"""Bounds on the work one PDF may cost the parse stage, as named settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParseLimits:
    """`max_pages`: a PDF with more pages is refused (real reports have at most a few dozen).
    `seconds`: reading a PDF's pages may take this long (a real report takes well under one)."""

    max_pages: int = 200
    seconds: float = 30.0


DEFAULT_LIMITS = ParseLimits()
