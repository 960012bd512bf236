"""Area codes: the shipped table against public references and the names real reports use."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from sendscrape.enrich.areas import (
    AreaMismatch,
    AreaNotFound,
    area_by_gss_code,
    area_by_lenient_name,
    area_by_name,
    area_by_provider_id,
    area_fields,
    local_authorities,
    name_key,
)
from tests.official import official_2016_rows

OFSTED_REGIONS = {
    "London",
    "South East",
    "South West",
    "East of England",
    "East Midlands",
    "West Midlands",
    "North West",
    "North East, Yorkshire and the Humber",
}


def test_area_fields_has_exactly_the_record_keys() -> None:
    fields = area_fields("Bolton", "bolton.pdf")
    assert fields == {
        "urn": "80432",
        "la_code": "350",
        "gss_code": "E08000001",
        "region": "North West",
        "ofsted_region": "North West",
    }


def test_table_has_every_current_english_authority_once() -> None:
    current = [a for a in local_authorities() if a.abolished is None]
    assert len(current) == 153
    assert len({a.gss_code for a in current}) == 153
    assert {a.ofsted_region for a in local_authorities()} == OFSTED_REGIONS


@pytest.mark.parametrize(
    ("name_form", "la_code"),
    [
        ("Telford & Wrekin", "894"),
        ("Kingston upon Hull, City of", "810"),
        ("Kingston Upon Hull City Council", "810"),
        ("Hull", "810"),
        ("City of London", "201"),
        ("Bristol, City of", "801"),
        ("Bristol City Council", "801"),
        ("Herefordshire, County of", "884"),
        ("Durham County Council", "840"),
        ("County Durham", "840"),
        ("Southend-on-Sea", "882"),
        ("Southend on Sea Borough Council", "882"),
        ("St. Helens", "342"),
        ("Bedford Borough Council", "822"),
        ("Council of the Isles of Scilly", "420"),
        ("The Royal Borough of Greenwich", "203"),
        ("The London Borough of Barking and Dagenham", "301"),
        ("Wakefield Metropolitan District Council", "384"),
        ("City of Stoke-on-Trent", "861"),
        ("BCP", "839"),
        ("Bournemouth, Christchurch & Poole", "839"),
        ("Royal Borough of Windsor and Maidenhead", "868"),
    ],
)
def test_name_forms_reports_use(name_form: str, la_code: str) -> None:
    assert area_by_name(name_form).la_code == la_code


@pytest.mark.parametrize("name", ["London", "Yorkshire", "Northampton", "Cumbria County Councill"])
def test_unknown_name_is_a_clear_error(name: str) -> None:
    with pytest.raises(AreaNotFound) as caught:
        area_fields(name, "reports/x.pdf")
    assert caught.value.value == name
    assert str(caught.value).startswith("reports/x.pdf: ")
    assert repr(name) in str(caught.value)


def test_provider_pages_by_urn_and_by_la_code_are_the_same_area() -> None:
    assert area_by_provider_id("350") == area_by_provider_id("80432")
    assert area_fields("Bolton", "s", urn="350") == area_fields("Bolton", "s", urn="80432")
    with pytest.raises(AreaNotFound, match="LA code '999'"):
        area_by_provider_id("999")


def test_name_and_provider_page_must_agree() -> None:
    with pytest.raises(AreaMismatch, match="Darlington"):
        area_fields("Bolton", "s", urn="80458")


def test_boundary_changes_keep_each_authority_its_own_codes() -> None:
    north = area_fields("North Northamptonshire", "s")
    west = area_fields("West Northamptonshire", "s")
    old = area_fields("Northamptonshire", "s")
    assert (north["la_code"], west["la_code"], old["la_code"]) == ("940", "941", "928")
    # An old county report listed on a successor's page keeps the county's codes.
    assert area_fields("Northamptonshire", "s", urn=north["urn"]) == old
    assert area_fields("Cumbria", "s")["gss_code"] == "E10000006"
    assert area_fields("Cumberland", "s")["gss_code"] == "E06000063"
    assert area_fields("Westmorland and Furness", "s")["la_code"] == "943"
    assert area_fields("Dorset", "s")["gss_code"] == "E06000059"
    assert area_fields("Bournemouth, Christchurch and Poole", "s")["urn"] == "2532287"
    assert area_by_gss_code("E10000023").name == "North Yorkshire"


def test_every_real_report_area_resolves_to_its_urn(expected_records: list[dict[str, Any]]) -> None:
    for record in expected_records:
        assert area_fields(record["local_area"], record["file"])["urn"] == record["urn"], record
        assert area_by_name(record["local_authority"]).urn == record["urn"], record


def _la_lookup_rows(reference_dir: Path) -> list[dict[str, str]]:
    with (reference_dir / "la_lookup.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def _alias_forms(cell: str) -> list[str]:
    """'[BCP, Bournemouth, Christchurch & Poole]' -> ['BCP', 'Bournemouth, Christchurch & Poole']:
    the list is comma-separated and so are some names, so parts join until they name an area."""
    forms: list[str] = []
    pending = ""
    for part in cell.strip("[] ").split(","):
        pending = f"{pending},{part}" if pending else part.strip()
        try:
            area_by_name(pending)
        except AreaNotFound:
            continue
        forms.append(pending)
        pending = ""
    assert not pending, f"la_lookup.csv alias {pending!r} names no area"
    return forms


def test_every_authority_of_the_public_lookup_resolves_with_same_codes(
    reference_dir: Path,
) -> None:
    rows = _la_lookup_rows(reference_dir)
    assert len(rows) == 156
    for row in rows:
        for form in [row["local_authority_ons_name"], *_alias_forms(row["also_known_as"])]:
            authority = area_by_name(form, "la_lookup.csv")
            assert authority.la_code == row["la_code"], form
            assert row["urn"] in authority.urns, form
            assert authority.region.lower() == row["region_name"].lower(), form
            if row["la_code_new"]:
                assert authority.gss_code == row["la_code_new"], form


def test_ofsted_official_statistics_areas_agree_with_the_table(reference_dir: Path) -> None:
    rows = official_2016_rows(reference_dir)
    assert len(rows) == 149
    for row in rows:
        authority = area_by_gss_code(row["gss_code"])
        assert area_by_name(row["area"]) == authority, row
        assert authority.ofsted_region == row["ofsted_region"], row


def test_name_key_ignores_case_punctuation_and_council_titles() -> None:
    assert name_key("THE  Royal Borough of Kingston-upon-Thames") == "kingston upon thames"
    assert name_key("Brighton & Hove City Council") == "brighton and hove"
    assert name_key("St Helens’ Council") == name_key("st helens")


def test_every_name_and_alias_in_the_table_finds_its_own_row() -> None:
    for authority in local_authorities():
        for form in (authority.name, *authority.aliases):
            assert area_by_name(form) is authority, form
        for urn in authority.urns:
            assert area_by_provider_id(urn) is authority, urn
        assert area_by_provider_id(authority.la_code) is authority


@pytest.mark.parametrize(
    ("written", "authority"),
    [
        ("Stoke", "Stoke-on-Trent"),  # a unique name prefix
        ("Birmingham CC", "Birmingham"),
        ("NE Lincolnshire", "North East Lincolnshire"),
        ("Sunderland/TfChildren", "Sunderland"),
        ("Blackburn and Darwen", "Blackburn with Darwen"),
        ("Bristol", "Bristol"),  # an exact match first
    ],
)
def test_lenient_lookup_reads_hand_kept_lists(written: str, authority: str) -> None:
    found = area_by_lenient_name(written)
    assert found is not None
    assert found.name == authority


@pytest.mark.parametrize("written", ["North", "Nowhere"])
def test_lenient_lookup_finds_nothing_for_ambiguous_or_unknown_names(written: str) -> None:
    assert area_by_lenient_name(written) is None


def test_report_names_are_still_matched_exactly() -> None:
    assert area_by_lenient_name("Stoke") is not None
    with pytest.raises(AreaNotFound):
        area_by_name("Stoke")
