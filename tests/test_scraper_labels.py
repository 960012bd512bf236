"""Publication labels to report kinds and dates: by words, whatever the case and spacing."""

from __future__ import annotations

import datetime as dt

import pytest

from sendscrape.scraper.labels import UNKNOWN_SEND_KIND, label_date, send_kind


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Area SEND full inspection, pdf - 15 July 2024", "area_send_full_inspection"),
        ("Area SEND full inspection,  PDF  - 15 July 2024", "area_send_full_inspection"),
        ("area send inspection, pdf - 1 May 2023", "area_send_full_inspection"),
        ("Area SEND monitoring inspection, pdf - 10 April 2025", "area_send_monitoring_inspection"),
        ("Joint local area SEND inspection, pdf - 20 November 2018", "local_area_send_inspection"),
        ("Local area SEND inspection, PDF - 12 March 2017", "local_area_send_inspection"),
        ("Local area SEND revisit, pdf - 2 July 2021", "local_area_send_revisit"),
        ("Joint local area SEND re-visit, pdf - 2 July 2021", "local_area_send_revisit"),
        ("Area SEND engagement visit, pdf - 1 April 2024", UNKNOWN_SEND_KIND),
    ],
)
def test_send_labels_are_kept_with_their_kind(label: str, kind: str) -> None:
    assert send_kind(label) == kind


@pytest.mark.parametrize(
    "label",
    [
        "Children's services focused visit, pdf - 12 September 2023",
        "Children\u2019s services inspection, pdf - 30 June 2022",
        "Joint area child protection inspection, pdf - 8 March 2019",
        "JTAI, pdf - 8 March 2019",
        "ILACS inspection, pdf - 8 March 2019",
        "Focused visit to SEND services, pdf - 8 March 2019",
        "Sendai partnership report, pdf - 8 March 2019",
    ],
)
def test_other_childrens_services_reports_are_skipped(label: str) -> None:
    assert send_kind(label) is None


@pytest.mark.parametrize(
    ("label", "published"),
    [
        ("Area SEND full inspection, pdf - 15 July 2024", dt.date(2024, 7, 15)),
        ("Area SEND full inspection, PDF -  3  February 2025 ", dt.date(2025, 2, 3)),
        ("Local area SEND revisit, pdf - 1st June 2021", dt.date(2021, 6, 1)),
    ],
)
def test_label_date_is_the_trailing_date(label: str, published: dt.date) -> None:
    assert label_date(label) == published


@pytest.mark.parametrize(
    "label", ["Area SEND full inspection", "Report, pdf - 31 June 2024", "pdf - 15 Julember 2024"]
)
def test_label_without_a_real_date_has_none(label: str) -> None:
    assert label_date(label) is None
