"""Shared test fixtures: where the real corpus lives (../shared), skipped cleanly when absent."""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixtures.site import LocalSite, Site
from fixtures.site.harness import fast_config
from sendscrape.jobs import execute
from tests.browser import browser_site, chromium  # noqa: F401 (the browser tests' fixtures)
from tests.own_records import OWN_RECORDS

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SENDSCRAPE_SHARED", PROJECT_ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "area-send-full"
REFERENCE = SHARED / "reference"


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: real-report tests need ../shared beside the project")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return require_shared(CORPUS)


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    return require_shared(REFERENCE)


@pytest.fixture(scope="session")
def expected_records(corpus_dir: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads((corpus_dir / "expected.json").read_text())
    return records


@pytest.fixture
def own_records() -> list[dict[str, Any]]:
    """The project's own hand-written records (tests/own_records.py): every clone has them."""
    return copy.deepcopy(OWN_RECORDS)


@pytest.fixture(scope="module")
def server(site_template: Site) -> Iterator[LocalSite]:
    """The local reports site on 127.0.0.1, one per test module; the module defines
    `site_template`, the site it serves."""
    with LocalSite(copy.deepcopy(site_template)) as served:
        yield served


@pytest.fixture
def local(server: LocalSite, site_template: Site) -> LocalSite:
    """The site as first served: a fresh copy, no faults, an empty request log."""
    server.reset(copy.deepcopy(site_template))
    return server


@pytest.fixture(scope="module")
def job_changes() -> dict[str, Any]:
    """JobConfig settings a module's scrapes use beyond `fast_config` (a module may override)."""
    return {}


@pytest.fixture(scope="module")
def good_scrape(
    server: LocalSite,
    site_template: Site,
    job_changes: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """The data directory of one scrape of the module's site, which must succeed entirely."""
    server.reset(copy.deepcopy(site_template))
    data_dir = tmp_path_factory.mktemp("good")
    summary = execute("scrape", fast_config(server.base_url, data_dir, **job_changes))
    assert summary.failures == 0
    return data_dir


@pytest.fixture
def scraped(good_scrape: Path, local: LocalSite, tmp_path: Path) -> Path:
    """A copy of `good_scrape`'s data directory, the site served fresh."""
    data_dir = tmp_path / "data"
    shutil.copytree(good_scrape, data_dir)
    return data_dir
