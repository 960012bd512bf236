"""The committed JSON Schema (schema/report.schema.json) is exactly what the models give."""

from __future__ import annotations

import json

import pytest

from sendscrape.cli import main
from sendscrape.validate.models import SCHEMA_VERSION
from sendscrape.validate.records import report_json_schema_text as schema_text
from tests.conftest import PROJECT_ROOT

COMMITTED = PROJECT_ROOT / "schema" / "report.schema.json"
STALE = "schema/report.schema.json is stale (the models changed): run `make docs` and commit it"


def test_committed_schema_matches_the_models() -> None:
    assert COMMITTED.is_file(), STALE
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), STALE


def test_schema_command_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == COMMITTED.read_text(encoding="utf-8")


def test_schema_covers_every_report_kind_and_the_schema_version() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    kinds = {
        schema["$defs"][ref.rsplit("/", 1)[-1]]["properties"]["report_type"]["const"]
        for ref in schema["discriminator"]["mapping"].values()
    }
    assert kinds == {
        "area_send_full_inspection",
        "area_send_monitoring_inspection",
        "local_area_send_inspection",
        "local_area_send_revisit",
    }
    for option in schema["oneOf"]:
        model = schema["$defs"][option["$ref"].rsplit("/", 1)[-1]]
        assert model["properties"]["schema_version"]["const"] == SCHEMA_VERSION
        assert model["additionalProperties"] is False


def test_every_field_has_a_description() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    undescribed = [
        f"{model}.{name}"
        for model, definition in schema["$defs"].items()
        for name, prop in definition["properties"].items()
        if not prop.get("description")
    ]
    assert undescribed == []
