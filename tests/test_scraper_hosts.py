"""The hosts a crawl may reach: Ofsted's by a rule (https, any host under ofsted.gov.uk), GOV.UK's
copies of old letters, the base URL's own host; nothing else. Every report and provider link in
the ADCS and Ofsted reference lists passes."""

from __future__ import annotations

import html
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from sendscrape.scraper import DEFAULT_BASE_URL
from sendscrape.scraper.fetch import Fetcher, FetchError, hostname
from sendscrape.scraper.ofsted import declared_hosts

ADCS = "SEND_Outcomes_Summary_www.xlsx"
ODS = "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
ODS_DATA_SHEET = "Area_SEND_up_to_31_Aug_2022"
XLSX_LINK = re.compile(r'<Relationship\b[^>]*\bTarget="([^"]+)"[^>]*\bTargetMode="External"')
ODS_LINK = re.compile(r'HYPERLINK\("(https?://[^"]+)"')  # in each cell's formula


def adcs_links(path: Path) -> list[str]:
    """The hyperlinks of the summary's worksheets (its report and provider links)."""
    with zipfile.ZipFile(path) as book:
        members = [n for n in book.namelist() if n.startswith("xl/worksheets/_rels/")]
        texts = [book.read(name).decode("utf-8") for name in members]
    return [html.unescape(link) for text in texts for link in XLSX_LINK.findall(text)]


def ods_links(path: Path) -> list[str]:
    """The hyperlinks of the statistics' data sheet (a provider page per area)."""
    with zipfile.ZipFile(path) as book:
        content = book.read("content.xml").decode("utf-8")
    sheet = html.unescape(content.split(f'<table:table table:name="{ODS_DATA_SHEET}"', 1)[1])
    return ODS_LINK.findall(sheet)


@pytest.mark.corpus
def test_every_link_of_the_reference_lists_is_an_allowed_host(reference_dir: Path) -> None:
    allowed = declared_hosts(DEFAULT_BASE_URL)
    adcs, ods = adcs_links(reference_dir / ADCS), ods_links(reference_dir / ODS)
    hosts = Counter(hostname(link) for link in adcs)
    assert hosts["files.api.ofsted.gov.uk"] == 32
    assert hosts["files.ofsted.gov.uk"] == 25
    assert (len(adcs), len(ods)) == (187, 149)
    refused = [link for link in [*adcs, *ods] if not allowed(link)]
    assert refused == []


@pytest.mark.parametrize(
    "url",
    [
        "https://files.api.ofsted.gov.uk/v1/file/50012345",
        "https://files.ofsted.gov.uk/v1/file/2757823",
        "https://reports.ofsted.gov.uk/provider/44/80432",
        "https://FILES.Ofsted.gov.uk/v1/file/1",
        "https://ofsted.gov.uk/x",
        "https://assets.publishing.service.gov.uk/media/x.pdf",
        "http://127.0.0.1:8080/v1/file/1",
    ],
)
def test_ofsted_and_gov_uk_file_hosts_are_allowed(url: str) -> None:
    assert declared_hosts("http://127.0.0.1:8080")(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://files.ofsted.gov.uk/v1/file/1",  # not https
        "https://files.ofsted.gov.uk.example.com/v1/file/1",
        "https://evilofsted.gov.uk/v1/file/1",
        "https://ofsted.gov.uk.evil/v1/file/1",
        "https://localhost/v1/file/1",
        "https://10.0.0.1/v1/file/1",
        "ftp://files.ofsted.gov.uk/v1/file/1",
        "https://gov.uk/x",
    ],
)
def test_other_hosts_are_refused(url: str) -> None:
    assert not declared_hosts("http://127.0.0.1:8080")(url)


def test_the_fetcher_refuses_a_host_the_rule_refuses_without_a_request() -> None:
    rule = declared_hosts(DEFAULT_BASE_URL)
    with Fetcher(delay=0, respect_robots=False, allowed_hosts=rule) as fetcher:
        with pytest.raises(FetchError) as raised:
            fetcher.get("https://files.ofsted.gov.uk.example.com/v1/file/1")
        assert fetcher.requests_made == 0
    assert (
        raised.value.reason
        == "host 'files.ofsted.gov.uk.example.com' is not one the source declares"
    )
