"""Checks on the shape of what was parsed: the shapes a layout slip produces (a list cut short,
an item cut after its first line, a table row lost) are stated as warnings on the record, never
passed silently."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sendscrape.parsers.text import BULLET, SENTENCE_END

WEAKNESS_LIST_ITEMS = (2, 10)  # every letter we know of lists 2 to 10 significant weaknesses
WEAKNESS_WORDS = (4, 80)  # and each in 4 to 80 words
_CLOSING = ")\"'\u2019\u201d "
_QUOTED_WORDS = 8


def _quoted(text: str, last: bool = False) -> str:
    words = text.split()
    if len(words) <= _QUOTED_WORDS:
        return f"'{text}'"
    shown = words[-_QUOTED_WORDS:] if last else words[:_QUOTED_WORDS]
    return f"'...{' '.join(shown)}'" if last else f"'{' '.join(shown)}...'"


def weakness_list_warnings(items: Sequence[str]) -> list[str]:
    """A list of significant weaknesses shorter or longer than any known, or an item shorter
    or longer than any known."""
    warnings = []
    low, high = WEAKNESS_LIST_ITEMS
    if items and not low <= len(items) <= high:
        warnings.append(
            f"the list of significant weaknesses has {len(items)} item(s); letters list "
            f"{low} to {high}: check the list was read whole"
        )
    fewest, most = WEAKNESS_WORDS
    for number, item in enumerate(items, start=1):
        words = len(item.split())
        if not fewest <= words <= most:
            warnings.append(
                f"significant weakness {number} has {words} words (items have {fewest} to "
                f"{most}): {_quoted(item)}"
            )
    return warnings


def ends_mid_sentence(text: str) -> bool:
    """No final punctuation, unless the item ends with a bulleted sub-list ('...so that:
    • families know who to contact'), whose items need none."""
    if f"{BULLET} " in text:
        return False
    return not text.rstrip(_CLOSING).endswith(SENTENCE_END)


def full_inspection_warnings(
    outcome: Mapping[str, object], items: Mapping[str, Sequence[Mapping[str, object]]]
) -> list[str]:
    """The outcome, the priority action plan sentence and the priority action table go
    together in every report we know of: say where they disagree. Say which items end
    mid-sentence."""
    failings = outcome["outcome"] == "widespread_failings"
    plan = bool(outcome["priority_action_plan_required"])
    actions = len(items["priority_actions"])
    warnings = []
    if not failings == plan == bool(actions):
        warnings.append(
            f"the outcome is {outcome['outcome']}, the priority action plan sentence is "
            f"{'present' if plan else 'absent'} and the priority action table has {actions} "
            "item(s): these go together (widespread failings, plan sentence, priority actions) "
            "in every known report"
        )
    for field, values in items.items():
        for number, item in enumerate(values, start=1):
            text = str(item["text"])
            if ends_mid_sentence(text):
                warnings.append(
                    f"{field} item {number} ends mid-sentence: {_quoted(text, last=True)}"
                )
    return warnings
