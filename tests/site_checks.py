"""Checks shared by the site's tests: reading pages back, and Atom 1.0 (RFC 4287) validation."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import etree, html

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def page_text(path: Path) -> str:
    """The visible text of a page, whitespace collapsed (as a reader sees it)."""
    document = html.fromstring(path.read_bytes())
    return " ".join(document.text_content().split())


def table_rows(path: Path, caption_starts: str) -> list[list[str]]:
    """Body rows (header cell and data cells as text) of the table whose caption starts so."""
    document = html.fromstring(path.read_bytes())
    for table in document.iter("table"):
        caption = table.find("caption")
        if caption is not None and caption.text_content().startswith(caption_starts):
            return [
                [cell.text_content().strip() for cell in row]
                for row in table.find("tbody").iter("tr")
            ]
    raise AssertionError(f"{path}: no table captioned {caption_starts!r}")


def _one(parent: etree._Element, name: str, where: str) -> etree._Element:
    found = parent.findall(ATOM + name)
    assert len(found) == 1, f"{where}: atom:{name} must occur exactly once, found {len(found)}"
    return found[0]


def _check_date(element: etree._Element, where: str) -> dt.datetime:
    text = element.text or ""
    assert RFC3339.match(text), f"{where}: {text!r} is not an RFC 3339 date-time"
    return dt.datetime.fromisoformat(text)


def _check_links(parent: etree._Element, where: str) -> list[etree._Element]:
    links = parent.findall(ATOM + "link")
    alternates = [
        (link.get("type"), link.get("hreflang"))
        for link in links
        if link.get("rel", "alternate") == "alternate"
    ]
    assert len(alternates) == len(set(alternates)), f"{where}: two alternate links of one type"
    assert all(link.get("href") for link in links), f"{where}: a link without href"
    return list(links)


def _check_entry(entry: etree._Element, where: str) -> str:
    entry_id = _one(entry, "id", where).text or ""
    assert IRI.match(entry_id), f"{where}: id {entry_id!r} is not an IRI"
    assert (_one(entry, "title", where).text or "").strip(), f"{where}: empty title"
    _check_date(_one(entry, "updated", where), where)
    links = _check_links(entry, where)
    if entry.find(ATOM + "content") is None:
        assert any(link.get("rel", "alternate") == "alternate" for link in links), where
        assert (_one(entry, "summary", where).text or "").strip(), f"{where}: empty summary"
    return entry_id


def validate_atom(xml: bytes, where: str) -> list[etree._Element]:
    """The feed's entries, after checking the rules of RFC 4287 sections 4.1.1 and 4.1.2 that
    apply to the elements used: one id, title and updated each; an author for the feed or every
    entry; RFC 3339 dates; IRIs as ids, unique; an alternate link or content in each entry."""
    root = etree.fromstring(xml)
    assert root.tag == ATOM + "feed", f"{where}: the root is {root.tag}, not atom:feed"
    feed_id = _one(root, "id", where).text or ""
    assert IRI.match(feed_id), f"{where}: feed id {feed_id!r} is not an IRI"
    _one(root, "title", where)
    _check_date(_one(root, "updated", where), where)
    _check_links(root, where)
    entries = root.findall(ATOM + "entry")
    has_author = root.find(ATOM + "author") is not None
    ids = []
    for number, entry in enumerate(entries, start=1):
        ids.append(_check_entry(entry, f"{where} entry {number}"))
        assert has_author or entry.find(ATOM + "author") is not None, f"{where}: no author"
    assert len(ids) == len(set(ids)), f"{where}: entry ids repeat"
    return list(entries)
