"""The installed distribution: only our own top-level name, every stage and data file inside it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from sendscrape.reconcile.sheets import read_rows

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(PROJECT_ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("sendscrape-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_puts_nothing_generic_at_the_top_of_site_packages(
    wheel_names: list[str],
) -> None:
    top_level = {name.split("/", 1)[0] for name in wheel_names}
    assert {name for name in top_level if not name.endswith(".dist-info")} == {"sendscrape"}


def test_the_fetch_and_parse_stages_are_installed_under_sendscrape(wheel_names: list[str]) -> None:
    for module in ("scraper/fetch.py", "parsers/layout.py", "parsers/py.typed"):
        assert f"sendscrape/{module}" in wheel_names
    assert "sendscrape/enrich/data/local_authorities.csv" in wheel_names
    assert "sendscrape/enrich/data/themes.toml" in wheel_names
    for asset in (
        "templates/index.html",
        "templates/area.html",
        "templates/hexmap.html",
        "static/style.css",
        "data/local-areas.hexjson",
        "data/README.md",
    ):
        assert f"sendscrape/publish/site/{asset}" in wheel_names


def test_a_plain_install_needs_no_benchmark_or_spreadsheet_library() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = " ".join(project["project"]["dependencies"]).casefold()
    for optional in (
        "pdfplumber",
        "odfpy",
        "openpyxl",
        "calamine",
        "pyarrow",
        "xlsxwriter",
        "feedgen",
        "jinja2",
    ):
        assert optional not in runtime


def test_reading_a_spreadsheet_without_the_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "python_calamine", None)
    with pytest.raises(ValueError, match=r"official\.ods: .*pip install 'sendscrape\[reconcile\]'"):
        list(read_rows(tmp_path / "official.ods"))


def test_import_from_the_folder_holding_a_checkout_named_sendscrape_finds_the_package(
    tmp_path: Path,
) -> None:
    """The checkout folder itself (no __init__.py) must not shadow the installed package as an
    empty namespace package when Python runs beside it."""
    (tmp_path / "sendscrape").symlink_to(PROJECT_ROOT, target_is_directory=True)
    found = subprocess.run(
        [sys.executable, "-c", "import sendscrape; print(sendscrape.__file__, sendscrape.load)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.split()[0].endswith("sendscrape/__init__.py")  # not None: a namespace
