"""`sendscrape site`: the whole static site from a dataset, built in a temporary folder beside the
target and swapped in, so a failed build leaves the previous site as it was.

Every page, style sheet and script is inside the folder (no other host is ever asked for
anything), and links are relative, so the site works from file:// and on GitHub Pages alike.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sendscrape import __version__
from sendscrape.publish.citation import REPOSITORY_URL, citation_text
from sendscrape.publish.dictionary import CODE_LICENCE, DATA_LICENCE, DATA_LICENCE_URL
from sendscrape.publish.edition import Edition, build_edition
from sendscrape.publish.feeds import FEEDS, NEWEST_ENTRIES, write_feeds
from sendscrape.publish.labels import area_name, area_slug, outcome_of, report_anchor, slug
from sendscrape.publish.site.area_maps import AreaMap, area_maps
from sendscrape.publish.site.area_pages import write_area_pages
from sendscrape.publish.site.areas import Area, every_area, outcome_options
from sendscrape.publish.site.charts import bars
from sendscrape.publish.site.downloads import Download, record_path, write_downloads
from sendscrape.publish.site.national import NationalPicture, national_picture
from sendscrape.publish.site.render import PageWriter
from sendscrape.publish.site.search import write_search_index
from sendscrape.publish.site.status import (
    DUE_NOW_MONTHS,
    VisitStatus,
    status_options,
    visit_status,
)
from sendscrape.publish.site.themes import tagged_items, themes_by_id
from sendscrape.scraper.files import remove_dead_leftovers
from sendscrape.validate.models import Report

STATIC_FILES = ("style.css", "table.js", "search.js")
# Written into every site built, so a rebuild replaces only a folder this command made.
MARKER = ".sendscrape-site"


class SiteFolderError(RuntimeError):
    """The output folder holds something other than a site this command built."""


@dataclass(frozen=True)
class SiteSummary:
    out_dir: Path
    pages: int
    areas: int
    reports: int


def _copy_static(out_dir: Path) -> None:
    static = resources.files("sendscrape.publish.site") / "static"
    for name in STATIC_FILES:
        (out_dir / name).write_bytes((static / name).read_bytes())


def _theme_pages(pages: PageWriter, reports: Sequence[Report], tables: dict[str, Any]) -> None:
    themes, items = themes_by_id(), tagged_items(reports)
    pages.write("themes.html", "themes.html", themes=themes, items=items, tables=tables)
    for theme_id, tagged in items.items():
        theme = themes.get(theme_id)
        pages.write(
            "theme.html", f"themes/{theme_id}.html", theme=theme, theme_id=theme_id, items=tagged
        )


def _common_context(
    reports: Sequence[Report], downloads: list[Download], edition: Edition
) -> dict[str, Any]:
    return {
        "downloads": downloads,
        "feeds": FEEDS,
        "feed_limit": NEWEST_ENTRIES,
        "record_count": len(reports),
        "version": __version__,
        "edition": edition,
        "citation": citation_text(edition),
        "repository": REPOSITORY_URL,
        "due_now_months": DUE_NOW_MONTHS,
        "code_licence": CODE_LICENCE,
        "data_licence": DATA_LICENCE,
        "data_licence_url": DATA_LICENCE_URL,
        "outcome_of": outcome_of,
        "area_name": area_name,
        "area_slug": area_slug,
        "slug": slug,
        "report_anchor": report_anchor,
        "record_path": record_path,
    }


def _index_page(
    pages: PageWriter,
    national: NationalPicture,
    areas: list[Area],
    statuses: dict[str, VisitStatus],
    maps: tuple[AreaMap, AreaMap],
) -> None:
    pages.write(
        "index.html",
        "index.html",
        national=national,
        charts=[(tab, bars(tab)) for tab in national.charts],
        areas=areas,
        statuses=statuses,
        outcome_options=outcome_options(areas),
        status_options=status_options(list(statuses.values())),
        maps=maps,
    )


def _write_site(
    reports: Sequence[Report], out_dir: Path, site_url: str, edition: Edition
) -> SiteSummary:
    national = national_picture(reports)
    downloads = write_downloads(reports, out_dir / "data", dict(national.as_json()), edition)
    write_feeds(reports, out_dir, site_url)
    _copy_static(out_dir)
    pages = PageWriter(out_dir, _common_context(reports, downloads, edition))
    areas = every_area(reports)
    statuses: dict[str, VisitStatus] = {
        area.gss_code: visit_status(area, edition.data_date) for area in areas
    }
    write_search_index(areas, out_dir)
    _index_page(pages, national, areas, statuses, area_maps(reports, edition.data_date))
    lines = {report.sha256: number for number, report in enumerate(reports, start=1)}
    write_area_pages(pages, areas, statuses, lines)
    _theme_pages(pages, reports, national.tables)
    for page in ("downloads.html", "explained.html", "search.html"):
        pages.write(page, page)
    (out_dir / ".nojekyll").write_text("", encoding="utf-8")
    (out_dir / MARKER).write_text("built by sendscrape site; replaced on each build\n", "utf-8")
    return SiteSummary(out_dir, pages.count, len(areas), len(reports))


def _swap_in(built: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `built` with two renames; the old site is removed afterwards."""
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    if out_dir.exists():
        out_dir.rename(old)
    built.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)


def _check_replaceable(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise SiteFolderError(
            f"{out_dir}: not empty and not a site built by sendscrape site; nothing written "
            "(give a new or empty folder, or the folder of an earlier build)"
        )


def build_site(
    reports: Sequence[Report],
    out_dir: Path,
    site_url: str = "",
    edition: Edition | None = None,
) -> SiteSummary:
    """Build the site for `reports` (in dataset order) into `out_dir`, which must be new, empty
    or an earlier build. `site_url`, where the site will be published (ending '/'), makes the
    feeds' links absolute. `edition` dates the data (default: the build)."""
    out_dir = out_dir.resolve()
    _check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in ("building", "old"):
        remove_dead_leftovers(out_dir.parent, f".{out_dir.name}.{leftover}-")
    building = out_dir.with_name(f".{out_dir.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    try:
        summary = _write_site(reports, building, site_url, edition or build_edition())
        _swap_in(building, out_dir)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(building)
        raise
    return SiteSummary(out_dir, summary.pages, summary.areas, summary.reports)
