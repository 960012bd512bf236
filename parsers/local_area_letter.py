"""Joint local area SEND inspection outcome letters (2016-2022 framework)."""

from __future__ import annotations

import re

from sendscrape.parsers.blocks import BodyText
from sendscrape.parsers.checks import weakness_list_warnings
from sendscrape.parsers.errors import ReportParseError
from sendscrape.parsers.layout import Document
from sendscrape.parsers.letters_common import (
    Block,
    LetterSection,
    all_blocks,
    find_sentence,
    opening_dates,
    plain,
    read_sections,
    sections_field,
    sections_headed,
)

CHIEF_INSPECTOR = r"(?:HMCI|(?:Her|His) Majesty's Chief Inspector(?:\s*\(HMCI\))?)"
_OPENING = re.compile(
    r"conducted\s+a\s+joint\s+inspection|jointly\s+inspected|joint\s+inspection\s+of\s+the"
    r"\s+local\s+area",
    re.IGNORECASE,
)
_DETERMINATION = re.compile(
    rf"{CHIEF_INSPECTOR}\s+(?:has\s+)?(?:also\s+)?determined\s+that\s+a\s+written\s+statement"
    r"\s+of\s+action(?:\s*\(WSoA\))?\s+(?:was|is)\s+(?P<negation>not\s+)?required",
    re.IGNORECASE,
)
_REQUIRED_TO_PRODUCE = re.compile(
    r"required\s+to\s+produce\s+and\s+submit\s+a\s+written\s+statement\s+of\s+action",
    re.IGNORECASE,
)
_WEAKNESS_LEAD_IN = re.compile(r"significant\s+weakness(?:es)?\b[^.]*:$", re.IGNORECASE)
_RESPONSIBLE = re.compile(
    r"determined\s+that\s+(?P<bodies>.+?)\s+(?:are|were|is|was)\s+(?:jointly\s+)?responsible"
    r"\s+for\s+submitting",
    re.IGNORECASE,
)
_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?![^()]*\))")


def significant_weaknesses(blocks: list[Block]) -> list[str]:
    """The bullet items straight after the paragraph that ends '...areas of significant
    weakness:' or '...significant weakness in the local area's practice:' (the list may run
    over a page break)."""
    for index, block in enumerate(blocks):
        if block.kind == "paragraph" and _WEAKNESS_LEAD_IN.search(plain(block.text)):
            items: list[str] = []
            for item in blocks[index + 1 :]:
                if item.kind != "bullet":
                    break
                items.append(item.text)
            return items
    return []


def responsible_bodies(texts: list[str]) -> list[str]:
    """'the local authority and the area's clinical commissioning group (CCG)' ->
    ['local authority', "area's clinical commissioning group (CCG)"]."""
    match = find_sentence(texts, _RESPONSIBLE)
    if match is None:
        return []
    parts = _LIST_SEPARATOR.split(match.group("bodies"))
    return [re.sub(r"^the\s+", "", part.strip(), flags=re.IGNORECASE) for part in parts if part]


def _wsoa_required(texts: list[str], warnings: list[str]) -> bool:
    determination = find_sentence(texts, _DETERMINATION)
    determined = determination is not None and not determination.group("negation")
    told_to_produce = find_sentence(texts, _REQUIRED_TO_PRODUCE) is not None
    if determined != told_to_produce:
        warnings.append(
            "the letter "
            + ("determines" if determined else "does not determine")
            + " that a Written Statement of Action is required but "
            + ("does not ask" if determined else "asks")
            + " the area to produce one"
        )
    return determined or told_to_produce


def _items_under(sections: list[LetterSection], pattern: str) -> tuple[str, ...]:
    return tuple(text for section in sections_headed(sections, pattern) for text in section.texts())


def _list_under(sections: list[LetterSection], pattern: str) -> tuple[str, ...]:
    """The bullet lists under every heading matching `pattern` (one per aspect judged)."""
    headed = sections_headed(sections, pattern)
    return tuple(text for section in headed for text in section.leading_bullets())


def parse_local_area_letter(document: Document, body: BodyText, area: str) -> dict[str, object]:
    sections = read_sections(document, body)
    blocks = all_blocks(sections)
    texts = [block.text for block in blocks]
    start, end = opening_dates(texts, _OPENING, document.source)
    warnings: list[str] = []
    weaknesses = significant_weaknesses(blocks)
    wsoa_required = _wsoa_required(texts, warnings)
    if not wsoa_required and weaknesses:
        warnings.append("areas of significant weakness are listed but no WSoA is required")
        weaknesses = []
    if wsoa_required and not weaknesses:
        raise ReportParseError(
            document.source, "significant_weaknesses", "WSoA required but no list of weaknesses"
        )
    warnings.extend(weakness_list_warnings(weaknesses))
    main_findings = _items_under(sections, r"main findings")
    if not main_findings:
        warnings.append("no 'Main findings' section")
    return {
        "local_area": area,
        "inspection_start": start,
        "inspection_end": end,
        "wsoa_required": wsoa_required,
        "significant_weaknesses": tuple(weaknesses),
        "wsoa_responsible_bodies": tuple(responsible_bodies(texts) if wsoa_required else ()),
        "main_findings": main_findings,
        "strengths": _list_under(sections, r"strengths$"),
        "areas_for_development": _list_under(sections, r"areas? for development$"),
        "sections": sections_field(sections),
        "warnings": tuple(warnings),
    }
