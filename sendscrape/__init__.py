"""sendscrape: Ofsted/CQC area SEND inspection reports as a validated research dataset."""

from __future__ import annotations

from sendscrape.models import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION"]
