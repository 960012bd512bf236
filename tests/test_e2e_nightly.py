"""`sendscrape nightly` (what `make nightly` and the workflow run) three nights in a row against
the local copy of the site: a first night, a night with nothing new (no release, nothing to
commit), a night with one new report (a release whose notes name it); and a night that fails."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from fixtures.site import LocalSite, Site, SitePublication, parsable_site
from fixtures.site.sample import label, rendered_pdf
from sendscrape.cli import main

pytestmark = pytest.mark.e2e

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site_template() -> Site:
    return parsable_site()


def night(local: LocalSite, root: Path) -> tuple[int, dict[str, str], Path]:
    """One night into `root` (data/, site/, nightly/): exit status, outputs, the outputs' folder."""
    out = root / "nightly"
    status = main(
        [
            "nightly",
            "--base-url", local.base_url,
            "--data-dir", str(root / "data"),
            "--site-dir", str(root / "site"),
            "--out", str(out),
            "--delay", "0",
            "--expected-areas", "none",
            "--time-budget", "600",
        ]
    )  # fmt: skip
    lines = (out / "outputs.txt").read_text().splitlines()
    return status, dict(line.split("=", 1) for line in lines), out


def test_three_nights(local: LocalSite, tmp_path: Path) -> None:
    status, first, out = night(local, tmp_path)
    assert status == 0
    assert (first["changed"], first["failed"], first["data_changed"]) == ("true", "false", "true")
    assert first["tag"] == "dataset-" + dt.datetime.now(dt.UTC).date().isoformat()
    notes = (out / "release-notes.md").read_text()
    assert "New reports (7):" in notes
    day = first["tag"].removeprefix("dataset-")
    subject = (out / "commit-message.txt").read_text().splitlines()[0]
    assert subject == f"Nightly dataset {day}: 7 new, 0 changed, 0 removed"
    assert (tmp_path / "site" / "index.html").exists()
    assert "succeeded" in (out / "summary.md").read_text().splitlines()[0]

    status, quiet, out = night(local, tmp_path)
    assert status == 0
    assert (quiet["changed"], quiet["failed"], quiet["data_changed"]) == ("false", "false", "false")
    assert quiet["data_key"] == first["data_key"]
    assert not (out / "release-notes.md").exists()
    assert not (out / "commit-message.txt").exists()
    assert "Unchanged: no release; 0 new report(s)" in (out / "summary.md").read_text()

    area = local.site.areas[1]
    published = dt.date(2025, 9, 1)
    kind = "area_send_full_inspection"
    content = rendered_pdf(kind, area.name, published)
    area.publications.append(
        SitePublication("59999999", kind, label(kind, published), published, content)
    )
    status, third, out = night(local, tmp_path)
    assert status == 0
    assert (third["changed"], third["data_changed"]) == ("true", "true")
    assert third["data_key"] != first["data_key"]
    notes = (out / "release-notes.md").read_text()
    assert f"New reports (1):\n\n- {area.name}: area send full inspection" in notes
    assert "published 2025-09-01" in notes
    message = (out / "commit-message.txt").read_text()
    assert message.splitlines()[0].endswith(": 1 new, 0 changed, 0 removed")
    assert area.name in message
    summary = (out / "summary.md").read_text()
    assert "Changed: release dataset-" in summary
    assert f"- {area.name}: area send full inspection" in summary


def test_a_night_with_a_failure_says_so_and_still_publishes(
    local: LocalSite, tmp_path: Path
) -> None:
    night(local, tmp_path)
    area = local.site.areas[3]
    published = dt.date(2025, 9, 2)
    content = rendered_pdf("send_unknown", area.name, published)
    area.publications.append(
        SitePublication(
            "59999998", "send_unknown", label("send_unknown", published), published, content
        )
    )
    status, outputs, out = night(local, tmp_path)
    assert (status, outputs["failed"], outputs["changed"]) == (1, "true", "false")
    summary = (out / "summary.md").read_text()
    assert summary.splitlines()[0].endswith(": failed")
    assert f"- `parse: {local.base_url}/v1/file/59999998: unsupported report type:" in summary
    assert (tmp_path / "site" / "index.html").exists()


def test_a_night_that_cannot_run_fails_with_one_line_in_its_summary(
    local: LocalSite, tmp_path: Path
) -> None:
    (tmp_path / "data").write_text("not a directory")
    status, outputs, out = night(local, tmp_path)
    assert (status, outputs["failed"], outputs["changed"]) == (1, "true", "false")
    summary = (out / "summary.md").read_text()
    assert f"- the scrape ended early: bad configuration: --data-dir {tmp_path / 'data'}" in summary
    assert local.log == []


def test_an_unreadable_previous_dataset_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["nightly", "--data-dir", str(tmp_path), "--previous", str(tmp_path)])
    assert status == 2
    assert (
        capsys.readouterr().err == f"sendscrape nightly: {tmp_path}: cannot read: Is a directory\n"
    )


def test_make_nightly_runs_the_command() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "nightly", "SENDSCRAPE=sendscrape",
         "NIGHTLY_ARGS=--delay 2"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    assert dry.stdout.strip() == (
        "sendscrape nightly --data-dir data --site-dir site --out nightly --delay 2"
    )
