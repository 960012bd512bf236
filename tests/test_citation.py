"""CITATION.cff: the repository's copy names the data set (type dataset, the site's title), the
software that builds it with the package's version, and both licences; each build writes its own
copy with the dataset version and date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

import sendscrape
from sendscrape.publish.citation import citation_cff, citation_text
from sendscrape.publish.edition import DATASET_TITLE, Edition

CITATION = Path(__file__).resolve().parents[1] / "CITATION.cff"
EDITION = Edition(dt.datetime(2026, 12, 2, 3, 14, tzinfo=dt.UTC), "the last completed crawl")
REGENERATE = (
    "CITATION.cff is stale; regenerate it: .venv/bin/python -c 'from sendscrape.publish.citation "
    'import citation_cff; print(citation_cff(None), end="")\' > CITATION.cff'
)


def test_the_repository_citation_names_the_data_set_and_both_licences() -> None:
    citation = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert (citation["type"], citation["title"]) == ("dataset", DATASET_TITLE)
    assert citation["license"] == "OGL-UK-3.0"
    software, source = citation["references"]
    assert (software["type"], software["version"], software["license"]) == (
        "software",
        sendscrape.__version__,
        "MIT",
    )
    assert source["license"] == "OGL-UK-3.0"
    assert "Open Government Licence v3.0" in citation["abstract"]
    assert CITATION.read_text(encoding="utf-8") == citation_cff(None), REGENERATE


def test_a_build_cites_its_own_dataset_version_and_date() -> None:
    citation = yaml.safe_load(citation_cff(EDITION))
    assert (citation["version"], citation["date-released"]) == ("2026.12.02", "2026-12-02")
    assert citation["title"] == DATASET_TITLE
    assert citation["references"][0]["version"] == sendscrape.__version__
    assert citation_text(EDITION).startswith(
        "sendscrape contributors (2026). Ofsted/CQC area SEND inspection reports, England, 2016 "
        "onwards (version 2026.12.02) [Data set]."
    )
