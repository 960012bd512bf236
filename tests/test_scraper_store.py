"""The raw store (content-addressed, never overwritten) and the manifest (what was seen where)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from pathlib import Path

import pytest

from sendscrape.scraper.manifest import Manifest
from sendscrape.scraper.source import Publication
from sendscrape.scraper.store import RawStore, pdf_problem

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_put_names_the_file_by_its_sha256_under_a_two_letter_folder(tmp_path: Path) -> None:
    store = RawStore(tmp_path / "raw")
    sha256 = store.put(PDF)
    assert sha256 == hashlib.sha256(PDF).hexdigest()
    path = tmp_path / "raw" / sha256[:2] / f"{sha256}.pdf"
    assert path.read_bytes() == PDF
    assert store.has(sha256)
    assert list(store.pdf_hashes()) == [sha256]


def test_put_never_rewrites_a_kept_file(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    sha256 = store.put(PDF)
    path = store.path(sha256)
    before = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert store.put(PDF) == sha256
    assert path.stat().st_mtime_ns == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_failed_download_bytes_are_kept_apart_from_pdfs(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    html = b"<html>Service unavailable</html>"
    sha256 = store.put_failed(html)
    assert store.failed_path(sha256).read_bytes() == html
    assert not store.has(sha256)
    assert list(store.pdf_hashes()) == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (PDF, None),
        (b"<!DOCTYPE html><html>", "not a PDF (starts with '<!DOCTYPE html><html>')"),
        (b"", "not a PDF (starts with '')"),
        (PDF[:20], "truncated PDF (20 bytes, no %%EOF at the end)"),
    ],
)
def test_pdf_problem_names_what_is_wrong(content: bytes, problem: str | None) -> None:
    assert pdf_problem(content) == problem


def listing(
    url: str, label: str = "Area SEND full inspection, pdf - 30 August 2024"
) -> Publication:
    return Publication(
        url=url,
        label=label,
        kind="area_send_full_inspection",
        published=dt.date(2024, 8, 30),
        area_name="Bolton",
        provider_id="80432",
        provider_url="https://reports.example/provider/44/80432",
    )


def test_manifest_keeps_first_seen_and_updates_last_seen(tmp_path: Path) -> None:
    url = "https://files.example/v1/file/1"
    with Manifest(tmp_path / "manifest.sqlite") as manifest:
        manifest.record_seen(listing(url), "80432")
        first = manifest.get(url)
        time.sleep(1.01)
        manifest.record_seen(
            listing(url, "Area SEND full inspection, PDF - 30 August 2024"), "80432"
        )
        again = manifest.get(url)
    assert first is not None
    assert again is not None
    assert again.first_seen == first.first_seen
    assert again.last_seen > first.last_seen
    assert again.label == "Area SEND full inspection, PDF - 30 August 2024"
    assert (again.provider_urn, again.provider_name, again.published) == (
        "80432",
        "Bolton",
        dt.date(2024, 8, 30),
    )
    assert again.last_outcome == "not fetched"


def test_manifest_records_downloads_and_outcomes_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "manifest.sqlite"
    urls = ["https://files.example/v1/file/1", "https://cqc.example/report/1"]
    with Manifest(path) as manifest:
        for url in urls:
            manifest.record_seen(listing(url), "80432")
        manifest.record_download(urls[0], "ab" * 32, '"e1"', "Mon, 01 Jan 2024 00:00:00 GMT", "new")
        manifest.record_download(urls[1], "ab" * 32, None, None, "new")
        manifest.record_outcome(urls[0], "not modified")
    with Manifest(path) as manifest:
        entry = manifest.get(urls[0])
        assert entry is not None
        assert (entry.sha256, entry.etag, entry.last_outcome) == ("ab" * 32, '"e1"', "not modified")
        first = manifest.first_listing("ab" * 32)
        assert first is not None
        assert first.url == min(urls)


def test_pdf_replaced_at_its_url_is_superseded_but_keeps_its_provenance(tmp_path: Path) -> None:
    url = "https://files.example/v1/file/1"
    with Manifest(tmp_path / "manifest.sqlite") as manifest:
        manifest.record_seen(listing(url), "80432")
        manifest.record_download(url, "a" * 64, '"v1"', None, "new")
        manifest.record_download(url, "b" * 64, '"v2"', None, "new")
        assert manifest.superseded_hashes() == {"a" * 64}
        old = manifest.first_listing("a" * 64)
    assert old is not None
    assert (old.url, old.provider_urn, old.published) == (url, "80432", dt.date(2024, 8, 30))


def test_manifest_remembers_which_parser_version_failed_on_a_pdf(tmp_path: Path) -> None:
    with Manifest(tmp_path / "m.sqlite") as manifest:
        manifest.record_parse("a" * 64, "1.0.0", "parse")
        manifest.record_parse("b" * 64, "1.0.0", "ok")
        assert manifest.failed_parses("1.0.0") == {"a" * 64}
        assert manifest.failed_parses("1.1.0") == set()
        manifest.record_parse("a" * 64, "1.1.0", "ok")
        assert manifest.failed_parses("1.0.0") == set()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_raw_pdfs_and_failed_samples_get_the_mode_the_umask_allows(
    tmp_path: Path, umask: int, mode: int
) -> None:
    store = RawStore(tmp_path)
    previous = os.umask(umask)
    try:
        paths = [store.path(store.put(PDF)), store.failed_path(store.put_failed(b"<html>"))]
    finally:
        os.umask(previous)
    assert [path.stat().st_mode & 0o777 for path in paths] == [mode, mode]
    assert [p.name for p in tmp_path.rglob(".*")] == []  # no temp file left behind
