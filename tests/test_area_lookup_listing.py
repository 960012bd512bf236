"""area_fields with the provider page a report was listed on: the report's own name must denote
an authority, and that authority must be the listing's area (or one it replaced)."""

from __future__ import annotations

import pytest

from sendscrape.enrich.areas import AreaMismatch, AreaNotFound, area_fields


def test_a_made_up_name_never_borrows_the_listings_codes() -> None:
    with pytest.raises(AreaNotFound) as caught:
        area_fields("Totally Made Up Place", "report.pdf", urn="80432")
    assert str(caught.value).startswith(
        "report.pdf: no English local authority matches area name 'Totally Made Up Place'"
    )


def test_another_areas_report_at_an_areas_url_is_a_mismatch() -> None:
    with pytest.raises(AreaMismatch, match=r"names 'Wigan' \(Wigan\) but was listed under"):
        area_fields("Wigan", "report.pdf", urn="80432")


def test_the_listings_own_area_and_its_old_code_still_match() -> None:
    bolton = area_fields("Bolton", "report.pdf", urn="80432")
    assert area_fields("Bolton Council", "report.pdf", urn="350") == bolton
    assert bolton["la_code"] == "350"
