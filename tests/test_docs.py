"""The generated docs (docs/DATA.md, docs/THEMES.md) are current, and the example record is a
valid record the pipeline still produces."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from sendscrape.enrich.themes import load_themes, themes_of_text
from sendscrape.validate.models import FullInspectionReport
from sendscrape.validate.records import report_json_schema, validate_json_line
from tests.conftest import PROJECT_ROOT
from tools import docs
from tools.docs_themes import AGREEMENT_FILE

STALE = "is stale (models, theme rules or docs_text changed): run `make docs` and commit it"


def _example() -> dict[str, Any]:
    return docs.read_example(PROJECT_ROOT)


@pytest.mark.parametrize("path", [docs.DATA_FILE, docs.THEMES_FILE])
def test_committed_doc_is_current(path: Path) -> None:
    committed = PROJECT_ROOT / path
    assert committed.is_file(), f"{path} {STALE}"
    assert committed.read_text(encoding="utf-8") == docs.generated_files(PROJECT_ROOT)[path], (
        f"{path} {STALE}"
    )


def test_example_record_is_a_valid_full_inspection_with_priority_actions() -> None:
    record = validate_json_line(json.dumps(_example()), str(docs.EXAMPLE_FILE))
    assert isinstance(record, FullInspectionReport)
    assert record.priority_actions
    assert record.areas_for_improvement


def test_example_record_validates_against_the_committed_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((PROJECT_ROOT / docs.SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.validate(_example(), schema)


def test_example_theme_tags_follow_the_current_rules() -> None:
    example = _example()
    for item in [*example["priority_actions"], *example["areas_for_improvement"]]:
        assert item["themes"] == themes_of_text(item["text"]), "run `make docs` with --example"


def test_data_dictionary_lists_every_field_of_every_model() -> None:
    text = (PROJECT_ROOT / docs.DATA_FILE).read_text(encoding="utf-8")
    for name, model in report_json_schema()["$defs"].items():  # type: ignore[attr-defined]
        assert f"### {name}" in text
        for field in model["properties"]:
            assert f"| `{field}` |" in text, f"{name}.{field}"
    assert "## Caveats and limitations" in text


def test_field_sources_name_real_fields_only() -> None:
    defs: dict[str, Any] = report_json_schema()["$defs"]  # type: ignore[assignment]
    fields = {field for model in defs.values() for field in model["properties"]}
    assert set(docs.FIELD_SOURCE) <= fields


def test_every_field_all_records_carry_has_a_source_decided() -> None:
    defs: dict[str, Any] = report_json_schema()["$defs"]  # type: ignore[assignment]
    common = set.intersection(
        *(set(model["properties"]) for name, model in defs.items() if name.endswith("Report"))
    )
    assert common - set(docs.FIELD_SOURCE) == set(), "add the new field to docs.FIELD_SOURCE"


def test_themes_doc_lists_every_theme_and_phrase() -> None:
    text = (PROJECT_ROOT / docs.THEMES_FILE).read_text(encoding="utf-8")
    for theme in load_themes():
        assert f"(`{theme.id}`)" in text
        for pattern in theme.patterns:
            assert f"- `{pattern}`" in text


@pytest.mark.parametrize(
    ("prop", "expected"),
    [
        ({"type": "string", "format": "date"}, "date (YYYY-MM-DD)"),
        ({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]}, "integer ≥ 1 or null"),
        ({"type": "array", "items": {"$ref": "#/$defs/ThemeTag"}}, "list of [ThemeTag](#themetag)"),
        ({"enum": ["all", "some"], "type": "string"}, "one of `all`, `some`"),
        ({"type": "string", "pattern": "^\\d{3}$"}, "string matching `^\\d{3}$`"),
        (
            {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "object: string → list of string",
        ),
    ],
)
def test_type_text(prop: dict[str, Any], expected: str) -> None:
    assert docs.type_text(prop) == expected


def test_main_writes_the_files_and_check_reports_stale_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    shutil.copy(PROJECT_ROOT / docs.EXAMPLE_FILE, tmp_path / docs.EXAMPLE_FILE)
    shutil.copy(PROJECT_ROOT / AGREEMENT_FILE, tmp_path / AGREEMENT_FILE)
    assert docs.main(["--root", str(tmp_path), "--check"]) == 1
    assert "docs/DATA.md is stale: run `make docs`" in capsys.readouterr().err
    assert docs.main(["--root", str(tmp_path)]) == 0
    for path in (docs.SCHEMA_FILE, docs.DATA_FILE, docs.THEMES_FILE):
        assert (tmp_path / path).read_text(encoding="utf-8") == (PROJECT_ROOT / path).read_text(
            encoding="utf-8"
        )
    assert docs.main(["--root", str(tmp_path), "--check"]) == 0


def test_main_refuses_a_folder_that_is_not_a_checkout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert docs.main(["--root", str(tmp_path)]) == 2
    assert "not a sendscrape checkout" in capsys.readouterr().err


def test_unreadable_example_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / docs.EXAMPLE_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"example_record\.json: cannot read the example record"):
        docs.read_example(tmp_path)


@pytest.mark.corpus
def test_example_is_what_the_pipeline_makes_of_its_real_report(corpus_dir: Path) -> None:
    example = _example()
    pdfs = [p for p in corpus_dir.glob("*.pdf") if docs.sha256_of(p) == example["sha256"]]
    assert len(pdfs) == 1, "the example's PDF is not in the corpus"
    assert docs.example_record(pdfs[0]) == example, (
        f"parser output changed: run `python -m tools.docs --example {pdfs[0]}`"
    )
