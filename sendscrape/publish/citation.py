"""How to cite the dataset: the repository's CITATION.cff names it as a data set; each build
writes its own copy into data/ with that build's dataset version and date, and the site gives
the same as text."""

from __future__ import annotations

import json

from sendscrape import __version__
from sendscrape.publish.edition import DATASET_TITLE, Edition

REPOSITORY_URL = "https://github.com/sendscrape/sendscrape"
SITE_URL = "https://sendscrape.github.io/sendscrape/"
AUTHORS = "sendscrape contributors"
CITATION_FILE = "CITATION.cff"
MESSAGE = (
    "If you use this dataset, please cite it as below, with the dataset version (the date of "
    "its data) of the build you used."
)
ABSTRACT = (
    "Every joint Ofsted/CQC local area SEND inspection report in England (2016 to today) as a "
    "validated dataset: outcomes, inspection dates, the full text of every priority action and "
    "area for improvement, area codes and theme tags. The report content is Crown copyright, "
    "reused under the Open Government Licence v3.0; the sendscrape code that builds it is MIT "
    "licensed."
)


def citation_text(edition: Edition) -> str:
    """The reference as a reader copies it."""
    return (
        f"{AUTHORS} ({edition.data_date.year}). {DATASET_TITLE} (version {edition.version}) "
        f"[Data set]. {SITE_URL}. Contains public sector information licensed under the Open "
        "Government Licence v3.0."
    )


def citation_cff(edition: Edition | None) -> str:
    """CITATION.cff for one build: the data set, its date-based version and release date, and
    the software that built it as a reference. Without an edition (the repository's own copy)
    there is no version or date: each build states its own. JSON strings are valid YAML."""
    quoted = json.dumps
    dated = (
        [
            f"version: {quoted(edition.version)}",
            f"date-released: {quoted(edition.data_date.isoformat())}",
        ]
        if edition
        else []
    )
    software_version = edition.software_version if edition else __version__
    return "\n".join(
        [
            "cff-version: 1.2.0",
            f"message: {quoted(MESSAGE)}",
            f"title: {quoted(DATASET_TITLE)}",
            "type: dataset",
            *dated,
            "authors:",
            f"  - name: {quoted(AUTHORS)}",
            "license: OGL-UK-3.0",
            f"url: {quoted(SITE_URL)}",
            f"repository-code: {quoted(REPOSITORY_URL)}",
            f"abstract: {quoted(ABSTRACT)}",
            "references:",
            "  - type: software",
            '    title: "sendscrape"',
            f"    version: {quoted(software_version)}",
            "    authors:",
            f"      - name: {quoted(AUTHORS)}",
            "    license: MIT",
            f"    repository-code: {quoted(REPOSITORY_URL)}",
            "  - type: data",
            '    title: "Area SEND inspection reports (Ofsted and the Care Quality Commission)"',
            "    authors:",
            '      - name: "Ofsted"',
            '      - name: "Care Quality Commission"',
            "    license: OGL-UK-3.0",
            "",
        ]
    )
