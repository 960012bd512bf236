"""Joint local area SEND revisit letters (2018-2022): progress on each significant weakness."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sendscrape.parsers.blocks import BodyText
from sendscrape.parsers.dates import find_date_ranges
from sendscrape.parsers.errors import ReportParseError
from sendscrape.parsers.layout import Document
from sendscrape.parsers.letters_common import (
    LetterSection,
    count_word,
    find_sentence,
    opening_dates,
    plain,
    read_sections,
    sections_field,
)
from sendscrape.parsers.text import fold

_OPENING = re.compile(r"revisited\s+the\s+(?:local\s+)?area\s+of", re.IGNORECASE)
_ISSUED = re.compile(r"\b(?:issued|published)\s+on\s+(?P<rest>.+)", re.IGNORECASE)
_FIT_FOR_PURPOSE = re.compile(r"declared\s+fit\s+for\s+purpose\s+on\s+(?P<rest>.+)", re.IGNORECASE)
_PROGRESS = r"the\s+area\s+has\s+(?P<negation>not\s+)?made\s+sufficient\s+progress\s+in\s+\w+\s+"
_JUDGEMENT = re.compile(
    _PROGRESS + r"(?:this|the)\s+(?:area\s+of\s+)?(?:significant\s+)?weakness(?!es)",
    re.IGNORECASE,
)
_SUMMARY = re.compile(
    _PROGRESS
    + r"(?:(?P<improved>\w+)\s+of\s+the\s+(?P<total>\w+)|all\s+(?:of\s+)?the(?:\s+(?P<all>\w+))?"
    r"|any\s+of\s+the|the\s+(?P<every>\w+))\s+(?:areas?\s+of\s+)?significant\s+weakness",
    re.IGNORECASE,
)
_FINDINGS_HEADING = re.compile(r"main findings|findings")
_RECALL = re.compile(r"at\s+the\s+(?:initial|first|previous)\s+inspection", re.IGNORECASE)


@dataclass(frozen=True)
class Judgement:
    weakness: str
    sufficient_progress: bool


def _date_after(texts: Sequence[str], pattern: re.Pattern[str]) -> dt.date | None:
    match = find_sentence(texts, pattern)
    ranges = find_date_ranges(match.group("rest")) if match else []
    return ranges[0][0] if ranges else None


def _split_at_findings(sections: list[LetterSection]) -> tuple[list[LetterSection], ...]:
    """(introduction, findings): findings start at the 'Main findings' heading; a letter without
    one is read as findings throughout."""
    for index, section in enumerate(sections):
        if _FINDINGS_HEADING.fullmatch(fold(section.heading)):
            return sections[:index], sections[index:]
    return [], sections


def _findings_items(sections: list[LetterSection]) -> Iterator[str]:
    for section in sections:
        if section.heading and not _FINDINGS_HEADING.fullmatch(fold(section.heading)):
            yield section.heading
        yield from section.texts()


def judgements(sections: list[LetterSection]) -> list[Judgement]:
    """Each weakness is introduced (by a subheading, its first paragraph, or the paragraph
    'At the initial inspection, ...') and closed by a sentence 'The area has (not) made
    sufficient progress in addressing this ... weakness.'"""
    found: list[Judgement] = []
    segment: list[str] = []
    for text in _findings_items(sections):
        segment.append(text)
        match = _JUDGEMENT.search(plain(text))
        if match:
            found.append(Judgement(_weakness_text(segment), not match.group("negation")))
            segment = []
    return found


def _weakness_text(segment: list[str]) -> str:
    recalled = (text for text in segment if _RECALL.match(plain(text)))
    return next(recalled, segment[0])


def summary_counts(texts: Sequence[str]) -> tuple[int | None, int | None]:
    """(improved, total) from the introduction's summary sentence; None where it does not say."""
    match = find_sentence(texts, _SUMMARY)
    if match is None:
        return None, None
    if match.group("negation"):
        return 0, count_word(match.group("total") or "") if match.group("total") else None
    if match.group("improved"):
        return count_word(match.group("improved")), count_word(match.group("total"))
    total = count_word(match.group("all") or match.group("every") or "")
    return total, total


def _counts(
    found: list[Judgement], summary: tuple[int | None, int | None], source: str
) -> tuple[int, int, list[str]]:
    """(total, improved, warnings), from the per-weakness judgements where there are any."""
    improved, total = summary
    if not found:
        if total is None or improved is None:
            raise ReportParseError(source, "weaknesses", "no progress judgement found")
        return total, improved, []
    counted = (len(found), sum(j.sufficient_progress for j in found))
    warnings = []
    if total is not None and total != counted[0]:
        warnings.append(f"the summary counts {total} weaknesses but {counted[0]} are reported")
    if improved is not None and improved != counted[1]:
        warnings.append(
            f"the summary gives sufficient progress on {improved} weaknesses, "
            f"the findings on {counted[1]}"
        )
    return counted[0], counted[1], warnings


def _outcome(total: int, improved: int) -> str:
    return "all" if improved == total else "none" if improved == 0 else "some"


def parse_revisit(document: Document, body: BodyText, area: str) -> dict[str, object]:
    sections = read_sections(document, body)
    introduction, findings = _split_at_findings(sections)
    texts = [text for section in sections for text in section.texts()]
    start, end = opening_dates(texts, _OPENING, document.source)
    found = judgements(findings)
    intro_texts = [text for section in introduction for text in section.texts()]
    total, improved, warnings = _counts(found, summary_counts(intro_texts), document.source)
    return {
        "local_area": area,
        "inspection_start": start,
        "inspection_end": end,
        "wsoa_issued": _date_after(texts, _ISSUED),
        "wsoa_fit_for_purpose": _date_after(texts, _FIT_FOR_PURPOSE),
        "weaknesses": tuple(
            {"text": j.weakness, "sufficient_progress": j.sufficient_progress} for j in found
        ),
        "revisit_outcome": _outcome(total, improved),
        "weaknesses_total": total,
        "weaknesses_improved": improved,
        "sections": sections_field(sections),
        "warnings": tuple(warnings),
    }
