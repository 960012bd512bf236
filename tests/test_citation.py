"""CITATION.cff: valid YAML of the Citation File Format's shape, same version as the package,
both licences stated."""

from __future__ import annotations

from pathlib import Path

import yaml

import sendscrape

CITATION = Path(__file__).resolve().parents[1] / "CITATION.cff"


def test_citation_file_names_the_version_and_both_licences() -> None:
    citation = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):
        assert citation[key], key
    assert citation["version"] == sendscrape.__version__
    assert citation["license"] == "MIT"
    assert citation["references"][0]["license"] == "OGL-UK-3.0"
    assert "Open Government Licence v3.0" in " ".join(citation["abstract"].split())
