"""The data dictionary of the exported tables: each column's type and meaning, from the models.

Shared by the workbook's README sheet and the Frictionless data package, so a field described in
sendscrape/validate/models.py is described the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from sendscrape.publish.export import REPORT_MODELS, ExportTable, column_kind
from sendscrape.validate.models import AreaForImprovement, PriorityAction

CODE_LICENCE = "MIT"
DATA_LICENCE = "Open Government Licence v3.0"
DATA_LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
LICENCE_STATEMENT = (
    "Report content: Crown copyright, Ofsted and the Care Quality Commission, reused under the "
    f"{DATA_LICENCE} ({DATA_LICENCE_URL}). The sendscrape code that builds this dataset is "
    f"released under the {CODE_LICENCE} licence."
)
ITEM_DESCRIPTIONS = {
    "item_number": "Position of the item in the report's list (1 = first).",
    "themes": "Theme identifiers of the item, separated by '; ' (see docs/THEMES.md).",
    "theme_phrases": "For each theme tag, 'theme: phrase', the phrase that triggered it.",
}
ITEM_MODELS: dict[str, type[BaseModel]] = {
    "priority_actions": PriorityAction,
    "areas_for_improvement": AreaForImprovement,
}


@dataclass(frozen=True)
class ColumnEntry:
    table: str
    column: str
    kind: str
    description: str
    applies_to: str


def _model_field(column: str) -> tuple[str, list[str]]:
    """A field's description and the report kinds whose model has it."""
    description, kinds = "", []
    for model in REPORT_MODELS:
        field = model.model_fields.get(column)
        if field is not None:
            description = description or (field.description or "")
            kinds.append(_report_type(model))
    return description, kinds


def _report_type(model: type[BaseModel]) -> str:
    annotation = model.model_fields["report_type"].annotation
    return str(getattr(annotation, "__args__", ("?",))[0])


def describe(table: str, column: str) -> ColumnEntry:
    """One column of one table: type ('int', 'bool', 'date', 'str'), meaning, which kinds."""
    name = column.removesuffix("_count")
    description, kinds = _model_field(name)
    item_model = ITEM_MODELS.get(table)
    if item_model is not None:
        kinds = ["area_send_full_inspection"]
        field = item_model.model_fields.get(column)
        if column in ITEM_DESCRIPTIONS or field is not None:
            description = ITEM_DESCRIPTIONS.get(column) or (field and field.description) or ""
    elif column != name:
        description = f"Number of items in '{name}': {description}"
    applies = "all" if len(kinds) == len(REPORT_MODELS) else ", ".join(kinds)
    return ColumnEntry(table, column, column_kind(column), description or "", applies)


def data_dictionary(tables: list[ExportTable]) -> list[ColumnEntry]:
    """Every column of every table, in table and column order."""
    return [describe(table.name, column) for table in tables for column in table.columns]
