"""Validation stage: parsed fields in, a checked `Report` out (or a `RecordValidationError`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from pydantic import TypeAdapter, ValidationError

from sendscrape.validate.models import Report

_REPORT_ADAPTER: TypeAdapter[Report] = TypeAdapter(Report)


class RecordValidationError(ValueError):
    """A record that breaks the schema; carries the source so the message names the file or URL."""

    def __init__(self, source: str, error: ValidationError) -> None:
        self.source = source
        self.error = error
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in error.errors()
        )
        super().__init__(f"{source}: invalid record: {problems}")


def _to_json_value(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def validate_record(fields: Mapping[str, object], source: str) -> Report:
    """Validate exactly what would be written: the fields go through their JSON form first."""
    try:
        return _REPORT_ADAPTER.validate_json(json.dumps(fields, default=_to_json_value))
    except ValidationError as error:
        raise RecordValidationError(source, error) from error


def validate_json_line(line: str | bytes, source: str) -> Report:
    """Validate one JSONL line of a dataset (bytes that are not UTF-8 are invalid JSON)."""
    try:
        return _REPORT_ADAPTER.validate_json(line)
    except ValidationError as error:
        raise RecordValidationError(source, error) from error


def report_json_schema() -> dict[str, object]:
    """JSON Schema of a dataset record (any report kind)."""
    return _REPORT_ADAPTER.json_schema(mode="serialization")


def report_json_schema_text() -> str:
    """The JSON Schema as `sendscrape schema` prints it and `schema/report.schema.json` holds it."""
    return json.dumps(report_json_schema(), indent=2, ensure_ascii=False) + "\n"
