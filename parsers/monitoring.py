"""Area SEND monitoring inspections (2023 framework): progress on the areas for priority action.

Only one outcome's wording is documented ('taken effective action as it has taken reasonable
steps to address all the areas for priority action'); the other is read from its negation
('ineffective action', 'not taken effective action', 'not taken reasonable steps'). Structure the
parser does not know is kept in `sections` rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
import re

from sendscrape.parsers.blocks import BodyText
from sendscrape.parsers.dates import labelled_inspection_dates, parse_date_range
from sendscrape.parsers.errors import ReportParseError
from sendscrape.parsers.layout import Document
from sendscrape.parsers.letters_common import (
    LetterSection,
    all_texts,
    plain,
    read_sections,
    sections_field,
    sections_headed,
    sentences,
    subsections,
)

_INEFFECTIVE = re.compile(
    r"\b(?:taken|made)\s+ineffective\s+action|\bnot\s+taken\s+(?:effective\s+action|reasonable"
    r"\s+steps)",
    re.IGNORECASE,
)
_EFFECTIVE = re.compile(r"\btaken\s+effective\s+action", re.IGNORECASE)
_PRIORITY_HEADING = r".*priority action"
_NEXT_HEADING = r"(?:what happens next|next steps)"
_NEXT_SENTENCE = re.compile(r"\b(?:next|will|must)\b", re.IGNORECASE)


def _dates(texts: list[str], source: str) -> tuple[dt.date, dt.date]:
    for text in texts:
        labelled = labelled_inspection_dates(plain(text))
        if labelled is not None:
            try:
                return parse_date_range(labelled)
            except ValueError as error:
                raise ReportParseError(source, "inspection dates", str(error)) from error
    raise ReportParseError(source, "inspection dates", "no 'Inspection dates:' line")


def _outcome(sections: list[LetterSection], source: str) -> tuple[str, str, list[str]]:
    """(monitoring_outcome, the first paragraph that states one, the paragraphs after it in its
    section); the negative wording is tested first: it contains the positive one."""
    for section in sections:
        texts = section.texts()
        for index, text in enumerate(texts):
            if _INEFFECTIVE.search(plain(text)):
                return "ineffective_action", text, texts[index + 1 :]
            if _EFFECTIVE.search(plain(text)):
                return "effective_action", text, texts[index + 1 :]
    raise ReportParseError(source, "monitoring_outcome", "no 'effective action' sentence")


def priority_action_reviews(
    sections: list[LetterSection], warnings: list[str]
) -> list[dict[str, str]]:
    """Under a heading about the areas for priority action, each action is a subheading and the
    paragraphs below it are the progress stated for it."""
    reviews: list[dict[str, str]] = []
    for parent in sections_headed(sections, _PRIORITY_HEADING):
        children = subsections(sections, parent)
        if parent.blocks and not children:
            warnings.append(
                f"'{parent.heading}' has no subheading per action; kept as text in sections"
            )
        for child in children:
            progress = " ".join(child.texts())
            if progress:
                reviews.append({"text": child.heading, "progress": progress})
            else:
                warnings.append(f"no progress stated for the priority action '{child.heading}'")
    return reviews


def next_steps(sections: list[LetterSection], after_outcome: list[str]) -> tuple[str, ...]:
    """The 'What happens next' section, else the forward-looking sentences that follow the
    outcome in its section."""
    headed = sections_headed(sections, _NEXT_HEADING)
    if headed:
        return tuple(text for section in headed for text in section.texts())
    return tuple(
        sentence
        for text in after_outcome
        for sentence in sentences(text)
        if _NEXT_SENTENCE.search(sentence)
    )


def parse_monitoring(document: Document, body: BodyText, area: str) -> dict[str, object]:
    sections = read_sections(document, body)
    texts = all_texts(sections)
    start, end = _dates(texts, document.source)
    outcome, outcome_text, after_outcome = _outcome(sections, document.source)
    warnings: list[str] = []
    reviews = priority_action_reviews(sections, warnings)
    steps = next_steps(sections, after_outcome)
    if not steps:
        warnings.append("no statement of what happens next")
    return {
        "local_area": area,
        "inspection_start": start,
        "inspection_end": end,
        "monitoring_outcome": outcome,
        "outcome_text": outcome_text,
        "priority_action_reviews": tuple(reviews),
        "next_steps": steps,
        "sections": sections_field(sections),
        "warnings": tuple(warnings),
    }
