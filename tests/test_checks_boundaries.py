"""The edges of the list checks (parsers/checks.py): a list of 2 to 10 significant weaknesses and
items of 4 to 80 words are quiet; one fewer or one more is warned."""

from __future__ import annotations

import pytest

from sendscrape.parsers.checks import weakness_list_warnings


def item(words: int) -> str:
    return " ".join(f"word{n}" for n in range(words))


def list_warning(count: int) -> str:
    return (
        f"the list of significant weaknesses has {count} item(s); letters list 2 to 10: check "
        "the list was read whole"
    )


@pytest.mark.parametrize(("count", "warned"), [(1, True), (2, False), (10, False), (11, True)])
def test_list_length_edges(count: int, warned: bool) -> None:
    warnings = weakness_list_warnings([item(6)] * count)
    assert warnings == ([list_warning(count)] if warned else [])


@pytest.mark.parametrize(("words", "warned"), [(3, True), (4, False), (80, False), (81, True)])
def test_item_length_edges(words: int, warned: bool) -> None:
    text = item(words)
    warnings = weakness_list_warnings([item(6), text])
    shown = f"'{text}'" if words <= 8 else f"'{item(8)}...'"
    expected = f"significant weakness 2 has {words} words (items have 4 to 80): {shown}"
    assert warnings == ([expected] if warned else [])
