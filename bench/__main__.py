"""`make bench`: every benchmark, each printing its baseline, its own figure and the ratio."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench import crawl, parse, site, workers

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "area-send-full"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    results = [
        parse.main(args.corpus),
        workers.main(args.corpus),
        crawl.main(args.corpus),
        site.main(),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
