"""Parse speed: sendscrape's parser against two plain-text floors over the same PDFs, pdfplumber's
`page.extract_text()` and pypdfium2's `get_text_range()` (PDFium, the parser's own engine: what
reading the text alone costs), interleaved file by file in one run so all three see the same
machine state, in CPU seconds. The parser and pypdfium2 each read every file REPEATS times and
keep their fastest (a moment of load elsewhere costs a repeat, not the figure); pdfplumber, two
orders of magnitude slower, reads each once. A slow run is reported, never failed: the figures
depend on the machine and its load, printed beside them. (The parse pool's 1-against-2-worker
speed-up is bench/workers.py.)"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from sendscrape.parsers import parse_report

TARGET_RATIO = 0.08
TARGET_PDFIUM_RATIO = 2.0
REPEATS = 3


@dataclass
class ParseTimes:
    files: int = 0
    pages: int = 0
    sendscrape: float = 0.0
    pdfplumber_text: float = 0.0
    pdfium_text: float = 0.0

    @property
    def ratio(self) -> float:
        return self.sendscrape / self.pdfplumber_text

    @property
    def pdfium_ratio(self) -> float:
        return self.sendscrape / self.pdfium_text


def _time_pdfplumber_text(pdf: Path) -> tuple[float, int]:
    started = time.process_time()
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            page.extract_text()
        pages = len(document.pages)
    return time.process_time() - started, pages


def _time_pdfium_text(pdf: Path) -> float:
    """Every page's plain text through pypdfium2, from the same bytes the parser reads."""
    data = pdf.read_bytes()
    started = time.process_time()
    document = pdfium.PdfDocument(data)
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()
    return time.process_time() - started


def _time_sendscrape(pdf: Path) -> float:
    data = pdf.read_bytes()
    started = time.process_time()
    parse_report(data, pdf.name)
    return time.process_time() - started


def measure(pdfs: list[Path]) -> ParseTimes:
    times = ParseTimes()
    for pdf in pdfs:
        times.sendscrape += min(_time_sendscrape(pdf) for _ in range(REPEATS))
        times.pdfium_text += min(_time_pdfium_text(pdf) for _ in range(REPEATS))
        elapsed, pages = _time_pdfplumber_text(pdf)
        times.pdfplumber_text += elapsed
        times.files += 1
        times.pages += pages
    return times


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def _verdict(ratio: float, target: float) -> str:
    return "ok" if ratio <= target else "over target"


def report_ratios(times: ParseTimes, corpus: Path, load_before: str) -> None:
    print(
        f"parse: {times.files} PDFs, {times.pages} pages from {corpus}, CPU seconds "
        f"(sendscrape and pypdfium2: the fastest of {REPEATS} reads of each file)"
    )
    print(f"  before: {load_before}; after: {_load()}")
    print(f"  pdfplumber extract_text   {times.pdfplumber_text:8.2f} s")
    print(f"  pypdfium2 get_text_range  {times.pdfium_text:8.2f} s")
    print(f"  sendscrape parse_report   {times.sendscrape:8.2f} s")
    ratio, pdfium_ratio = times.ratio, times.pdfium_ratio
    print(
        f"  ratio sendscrape/pdfplumber {ratio:.3f} (target <= {TARGET_RATIO:.3f}): "
        f"{_verdict(ratio, TARGET_RATIO)}"
    )
    print(
        f"  ratio sendscrape/pypdfium2  {pdfium_ratio:.2f} (target <= {TARGET_PDFIUM_RATIO:.1f}): "
        f"{_verdict(pdfium_ratio, TARGET_PDFIUM_RATIO)}"
    )


def main(corpus: Path) -> bool:
    pdfs = sorted(corpus.glob("*.pdf"))
    if not pdfs:
        print(f"parse benchmark skipped: no PDFs in {corpus} (needs ../shared beside the project)")
        return True
    load_before = _load()
    times = measure(pdfs)
    report_ratios(times, corpus, load_before)
    return True


if __name__ == "__main__":
    sys.exit(0 if main(Path(sys.argv[1])) else 1)
