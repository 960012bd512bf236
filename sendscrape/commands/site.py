"""`sendscrape site DATASET -o DIR`: the static results site (pages, feeds, downloads)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from sendscrape.commands.export import FAILURES, report_failure
from sendscrape.dataset import load
from sendscrape.publish.extras import require_extra
from sendscrape.publish.site.build import SiteFolderError, build_site


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Build a static site into DIR: the national picture (charts and tables that "
        "agree with `sendscrape stats`), a table of every local area, a page per area, themes, "
        "two Atom feeds and every download (JSONL, CSV, Excel, Parquet where pyarrow is "
        "installed, a Frictionless data package). Nothing is loaded from another host; open "
        "DIR/index.html directly or publish DIR as it is. The site is built beside DIR and "
        "swapped in, so a failed build leaves DIR as it was. Needs the optional extra: "
        "pip install 'sendscrape[publish]'."
    )
    parser.add_argument("dataset", metavar="DATASET", help="a reports.jsonl file or data dir")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    parser.add_argument(
        "--site-url",
        default="",
        metavar="URL",
        help="where the site will be published (e.g. https://example.org/sendscrape/), for "
        "absolute links in the feeds; default: relative links",
    )
    parser.add_argument(
        "--data-date",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the date of the data, shown on every page and in the citation; default: when the "
        "last completed crawl logged in runs.jsonl beside the dataset finished, else today",
    )


def run(args: argparse.Namespace) -> int:
    # Loaded when the command runs, not whenever the CLI starts.
    from sendscrape.publish.edition import dataset_edition

    site_url = (
        args.site_url if not args.site_url or args.site_url.endswith("/") else args.site_url + "/"
    )
    try:
        for module in ("jinja2", "feedgen", "xlsxwriter", "dateutil"):
            require_extra(module, "publish", "sendscrape site")
        reports = load(args.dataset)
        edition = dataset_edition(args.dataset, args.data_date)
        summary = build_site(reports, args.output, site_url, edition)
    except (*FAILURES, SiteFolderError) as error:
        return report_failure("site", args.dataset, error)
    print(summary.out_dir / "index.html")
    print(
        f"sendscrape site: {summary.reports} report(s), {summary.areas} area(s), "
        f"{summary.pages} page(s) in {summary.out_dir}; data date {edition.date_text} "
        f"(from {edition.basis})",
        file=sys.stderr,
    )
    return 0
