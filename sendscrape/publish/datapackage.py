"""A Frictionless (Tabular) Data Package describing the CSV tables: field types and descriptions
from the models, keys joining the item tables to the reports, and the licences."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from sendscrape import __version__
from sendscrape.dataset.write import atomic_text_file
from sendscrape.publish.dictionary import CODE_LICENCE, DATA_LICENCE_URL, describe
from sendscrape.publish.edition import DATASET_TITLE, Edition, build_edition
from sendscrape.publish.export import ExportTable

DESCRIPTOR_NAME = "datapackage.json"
FIELD_TYPES = {"int": "integer", "bool": "boolean", "date": "date", "str": "string"}
PACKAGE_NAME = "sendscrape-area-send-inspections"
REPORTS_SOURCE = "https://reports.ofsted.gov.uk/"


def _schema(table: ExportTable) -> dict[str, object]:
    fields = []
    for column in table.columns:
        entry = describe(table.name, column)
        fields.append(
            {"name": column, "type": FIELD_TYPES[entry.kind], "description": entry.description}
        )
    schema: dict[str, object] = {"fields": fields, "missingValues": [""]}
    if table.name == "reports":
        schema["primaryKey"] = ["sha256"]
    else:
        schema["primaryKey"] = ["sha256", "item_number"]
        schema["foreignKeys"] = [
            {"fields": ["sha256"], "reference": {"resource": "reports", "fields": ["sha256"]}}
        ]
    return schema


def _resource(table: ExportTable) -> dict[str, object]:
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": _schema(table),
    }


def descriptor(tables: Sequence[ExportTable], edition: Edition | None = None) -> dict[str, object]:
    """The data package descriptor for the CSVs `write_csv` writes beside it: `created` and
    `version` are the edition's data date (the build's when none is given)."""
    edition = edition or build_edition()
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": DATASET_TITLE,
        "description": "Every joint local area SEND inspection report (2016 to today) as tables: "
        "one row per report, per priority action and per area for improvement, with area codes "
        f"for joining other data. {edition.as_of_text}. Built by sendscrape {__version__}; the "
        f"code is {CODE_LICENCE} licensed.",
        "version": edition.version,
        "created": edition.created,
        "licenses": [
            {
                "name": "OGL-UK-3.0",
                "title": "Open Government Licence v3.0 (report content, Crown copyright)",
                "path": DATA_LICENCE_URL,
            }
        ],
        "sources": [{"title": "Ofsted reports site", "path": REPORTS_SOURCE}],
        "resources": [_resource(table) for table in tables],
    }


def write_descriptor(
    tables: Sequence[ExportTable], out_dir: Path, edition: Edition | None = None
) -> Path:
    path = out_dir / DESCRIPTOR_NAME
    with atomic_text_file(path) as stream:
        stream.write(json.dumps(descriptor(tables, edition), indent=2, ensure_ascii=False) + "\n")
    return path
