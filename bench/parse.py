"""Parse speed: sendscrape's parser against pdfplumber's plain `page.extract_text()` over the
same PDFs, interleaved file by file in one run so both see the same machine state. (The parse
pool's 1-against-2-worker speed-up is bench/workers.py.)"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from sendscrape.parsers import parse_report

TARGET_RATIO = 0.08


@dataclass
class ParseTimes:
    files: int = 0
    pages: int = 0
    sendscrape: float = 0.0
    pdfplumber_text: float = 0.0

    @property
    def ratio(self) -> float:
        return self.sendscrape / self.pdfplumber_text


def _time_pdfplumber_text(pdf: Path) -> tuple[float, int]:
    started = time.perf_counter()
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            page.extract_text()
        pages = len(document.pages)
    return time.perf_counter() - started, pages


def _time_sendscrape(pdf: Path) -> float:
    started = time.perf_counter()
    parse_report(pdf)
    return time.perf_counter() - started


def measure(pdfs: list[Path]) -> ParseTimes:
    times = ParseTimes()
    for pdf in pdfs:
        times.sendscrape += _time_sendscrape(pdf)
        elapsed, pages = _time_pdfplumber_text(pdf)
        times.pdfplumber_text += elapsed
        times.files += 1
        times.pages += pages
    return times


def main(corpus: Path) -> bool:
    pdfs = sorted(corpus.glob("*.pdf"))
    if not pdfs:
        print(f"parse benchmark skipped: no PDFs in {corpus} (needs ../shared beside the project)")
        return True
    times = measure(pdfs)
    ok = times.ratio <= TARGET_RATIO
    print(f"parse: {times.files} PDFs, {times.pages} pages from {corpus}")
    print(f"  pdfplumber extract_text   {times.pdfplumber_text:8.2f} s")
    print(f"  sendscrape parse_report   {times.sendscrape:8.2f} s")
    verdict = "ok" if ok else "TOO SLOW"
    print(
        f"  ratio sendscrape/pdfplumber {times.ratio:.3f} (target <= {TARGET_RATIO:.3f}): {verdict}"
    )
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(Path(sys.argv[1])) else 1)
