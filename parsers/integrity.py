"""Signs that a PDF lost text on the way (a damaged content stream blanks a page, a damaged page
tree drops one): the record still gets written, with a warning for each sign, so it never passes
as complete.

- a page with no text at all;
- the page numbers printed in the running header or footer skip or go backwards, or an inner
  page lacks its number;
- a full inspection without a section every outcome has (areas for improvement, the four
  narrative sections);
- characters no font maps to text (control characters, U+FFFD): a damaged or missing font;
- a compressed stream (ASCII85 and Flate, the filters of page text) that does not decode to its
  end and checksum: PDFium shows what it could decode of it, without a word (not checked in an
  encrypted PDF, whose streams decode only once decrypted);
- a page whose text repeats an earlier page's, and an item of a list that repeats an earlier
  item: a page of the file given twice, which would lengthen a list or a section unseen.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

from sendscrape.parsers.blocks import BodyText, margin_lines
from sendscrape.parsers.full_inspection import HEADINGS, NARRATIVE_SECTIONS
from sendscrape.parsers.layout import Document

_NUMBER = re.compile(r"\d+")
# The keyword alone, which the regex engine finds by its text; `_stream_start` checks that it
# starts a word (a pattern that starts with \b is tried at every byte, ten times slower).
_STREAM_KEYWORD = re.compile(rb"stream\r?\n")
_WORD_BYTE = re.compile(rb"\w")
_STREAM_END = b"endstream"
_OBJECT_START = b" obj"
_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/\w+)")
_FILTER_NAME = re.compile(rb"/(\w+)")
_IMAGE = b"/Image"
_ENCRYPTED = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
_CHECKED_FILTERS = {b"FlateDecode", b"ASCII85Decode"}
# Control characters, U+FFFD and the non-characters after it. (Not the private use area, where
# symbol fonts put their bullets.)
_UNREADABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd-\uffff]")
_FULL_INSPECTION = "area_send_full_inspection"
_NARRATIVE_TITLES = tuple(h.title for h in HEADINGS if h.key in NARRATIVE_SECTIONS)
_ITEM_LISTS = ("priority_actions", "areas_for_improvement", "significant_weaknesses")
_REPEATED_PAGE_CHARS = 40  # a page of less text (a heading alone) may well recur

# (the furniture line's words around its numbers, which of its numbers) -> {page: number}
_NumberSeries = dict[tuple[tuple[str, ...], int], dict[int, int]]


def integrity_warnings(
    document: Document, body: BodyText, report_type: str, fields: dict[str, object]
) -> list[str]:
    """Signs of lost text in the `document`, its `body` (from split_furniture) and the fields
    parsed from it."""
    warnings = [f"page {page.number} has no text" for page in document.pages if not page.lines]
    warnings += page_number_warnings(document)
    warnings += repeated_page_warnings(document, body)
    warnings += repeated_item_warnings(fields)
    warnings += unreadable_text_warnings(document)
    if report_type == _FULL_INSPECTION:
        warnings += missing_section_warnings(fields)
    return warnings


def page_number_warnings(document: Document) -> list[str]:
    """Warnings where the printed page numbers do not follow the PDF's pages one for one."""
    printed = _printed_page_numbers(document)
    if not printed:
        return []
    warnings: list[str] = []
    numbered = sorted(printed)
    for before, after in pairwise(numbered):
        if printed[after] - printed[before] != after - before:
            warnings.append(
                f"the printed page numbers go from {printed[before]} on page {before} to "
                f"{printed[after]} on page {after}: pages may be missing"
            )
    texts = {page.number for page in document.pages if page.lines}
    for number in range(numbered[0] + 1, numbered[-1]):
        if number not in printed and number in texts:
            warnings.append(f"page {number} lacks its printed page number: text may be missing")
    return warnings


def repeated_page_warnings(document: Document, body: BodyText) -> list[str]:
    """A page whose `body` text (its running header and footer aside) is an earlier page's."""
    bodies: dict[int, list[str]] = defaultdict(list)
    for line in body.lines:
        bodies[line.page].append(line.text)
    first_seen: dict[str, int] = {}
    warnings: list[str] = []
    for page in document.pages:
        text = "\n".join(bodies[page.number])
        if len(text) < _REPEATED_PAGE_CHARS:
            continue
        if text in first_seen:
            warnings.append(
                f"page {page.number} repeats the text of page {first_seen[text]}: a page may be "
                "duplicated, and the lists and sections on it read twice"
            )
        first_seen.setdefault(text, page.number)
    return warnings


def repeated_item_warnings(fields: dict[str, object]) -> list[str]:
    """An item of a list (priority actions, areas for improvement, significant weaknesses) that
    repeats an earlier one word for word: no report lists one twice."""
    warnings: list[str] = []
    for field in _ITEM_LISTS:
        items = fields.get(field)
        first_seen: dict[str, int] = {}
        for number, item in enumerate(items if isinstance(items, list) else [], start=1):
            text = str(item.get("text") if isinstance(item, dict) else item)
            if text in first_seen:
                warnings.append(
                    f"{field} item {number} repeats item {first_seen[text]}: the list may have "
                    "been read twice"
                )
            first_seen.setdefault(text, number)
    return warnings


def unreadable_text_warnings(document: Document) -> list[str]:
    pages = sorted({line.page for line in document.lines() if _UNREADABLE.search(line.text)})
    if not pages:
        return []
    listed = ", ".join(str(page) for page in pages)
    return [f"unreadable characters on page(s) {listed}: a font may be damaged"]


def _printed_page_numbers(document: Document) -> dict[int, int]:
    """{page: the page number printed in its running header or footer}: the number that changes
    from page to page in margin text whose words recur; empty if there is none."""
    series: _NumberSeries = defaultdict(dict)
    for page in document.pages:
        for line in margin_lines(page).values():
            words = tuple(_NUMBER.split(line.text))
            for position, number in enumerate(_NUMBER.findall(line.text)):
                series[(words, position)].setdefault(page.number, int(number))
    counters = [pages for pages in series.values() if _counts_pages(pages)]
    return max(counters, key=len, default={})


def _counts_pages(numbers: dict[int, int]) -> bool:
    """A number on two pages or more, different on each."""
    return len(numbers) >= 2 and len(set(numbers.values())) == len(numbers)


def missing_section_warnings(fields: dict[str, object]) -> list[str]:
    """Sections every full inspection has. (Whether the outcome, the plan sentence and the
    priority actions agree is checked in parsers.checks.)"""
    warnings: list[str] = []
    if not fields.get("areas_for_improvement"):
        warnings.append("no areas for improvement were found")
    sections = fields.get("sections")
    found: Sequence[str] = list(sections) if isinstance(sections, dict) else []
    warnings += [f"no '{title}' section" for title in _NARRATIVE_TITLES if title not in found]
    return warnings


def damaged_stream_warnings(pdf: bytes) -> list[str]:
    """One warning if any ASCII85/Flate stream of the file fails to decode (none for an encrypted
    file, whose streams are not meant to decode as they are)."""
    if _ENCRYPTED.search(pdf):
        return []
    checked = damaged = 0
    position = 0
    while (start := _stream_start(pdf, position)) is not None:
        end = pdf.find(_STREAM_END, start.end())
        if end < 0:
            break
        filters = _stream_filters(pdf, start.start())
        if filters:
            checked += 1
            damaged += not _decodes(pdf[start.end() : end], filters)
        position = end + len(_STREAM_END)
    if not damaged:
        return []
    return [f"{damaged} of {checked} compressed streams are damaged: text may be missing"]


def _stream_start(pdf: bytes, position: int) -> re.Match[bytes] | None:
    """The first `stream` keyword from `position` on that starts a word and ends its line."""
    while (found := _STREAM_KEYWORD.search(pdf, position)) is not None:
        index = found.start()
        if index == 0 or _WORD_BYTE.fullmatch(pdf, index - 1, index) is None:
            return found
        position = index + 1
    return None


def _stream_filters(pdf: bytes, stream_start: int) -> list[bytes]:
    """The leading ASCII85/Flate filters named in the stream's dictionary (none for an image,
    which holds no text)."""
    dictionary = pdf[pdf.rfind(_OBJECT_START, 0, stream_start) + 1 : stream_start]
    if _IMAGE in dictionary:
        return []
    found = _FILTERS.search(dictionary)
    names = _FILTER_NAME.findall(found.group(1)) if found else []
    checked: list[bytes] = []
    for name in names:
        if name not in _CHECKED_FILTERS:
            break
        checked.append(name)
    return checked


def _decodes(data: bytes, filters: list[bytes]) -> bool:
    try:
        for name in filters:
            data = _decode_step(data, name)
    except (ValueError, binascii.Error, zlib.error):
        return False
    return True


def _decode_step(data: bytes, name: bytes) -> bytes:
    if name == b"ASCII85Decode":
        return base64.a85decode(data.strip(), adobe=True)
    inflater = zlib.decompressobj()
    decoded = inflater.decompress(data)
    if not inflater.eof:
        raise zlib.error("the stream ends early")
    return decoded
