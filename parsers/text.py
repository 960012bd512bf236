"""Text clean-up shared by the parsers: whitespace, quotes, bullets, line-break hyphens."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container, Iterable

BULLET_GLYPHS = "•◼▪■●◦○‣⁃∙·\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
BULLET = "•"
SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"\w+(?:-\w+)*")
_SOFT_HYPHENATED = re.compile(rf"(\w+){SOFT_HYPHEN}(\w+)")
_NUMBER_NAMES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS = {word: number for number, word in enumerate(_NUMBER_NAMES.split(" "))}

SENTENCE_END = (".", "!", "?")
# A paragraph is finished by a sentence end, a lead-in's colon or a list item's semicolon; a
# table cell only by a sentence end (a cell's lead-in colon is followed by its own list).
PARAGRAPH_END = (*SENTENCE_END, ":", ";")


def normalise_text(text: str) -> str:
    """NFKC, non-breaking spaces to spaces, runs of whitespace collapsed, ends stripped."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@functools.lru_cache(maxsize=4096)  # the parsers fold the same lines again and again
def fold(text: str) -> str:
    """A comparison key: lower case, straight quotes, single spaces."""
    text = normalise_text(text).replace("\u2019", "'").replace("\u2018", "'")
    return text.casefold()


def join_wrapped_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph; a line ending in a hyphen after a letter joins the next
    word without a space, marked with a soft hyphen until `resolve_line_break_hyphens` decides
    whether the hyphen is part of the word ('co-' + 'produced') or of the typesetting
    ('ser-' + 'vices')."""
    text = ""
    for raw_line in lines:
        line = normalise_text(raw_line)
        if not line:
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[0].isalpha():
            text = text[:-1] + SOFT_HYPHEN + line
        else:
            text = f"{text} {line}" if text else line
    return text


def runs_on(before: str, after: str, finished: tuple[str, ...] = PARAGRAPH_END) -> bool:
    """Whether the text `after` a page break continues the text `before` it: `before` is not
    `finished` (does not end a sentence, a lead-in or an item), or `after` starts in lower case."""
    return not before.rstrip().endswith(finished) or after.lstrip()[:1].islower()


# A list item's marker in a letter: a bullet glyph, a dash or Word's 'o', a number ('1.', '2)')
# or a letter or roman numeral ('(a)', 'b)', '(iv)').
_LIST_MARKER = re.compile(
    rf"^\s*(?:[{BULLET_GLYPHS}]|[-–—o](?=\s)|\d{{1,2}}[.)](?=\s)"
    r"|\((?:[a-z]|[ivx]{1,4})\)(?=\s)|[a-z]\)(?=\s))\s*"
)


def starts_with_list_marker(text: str) -> bool:
    return _LIST_MARKER.match(text) is not None


def strip_list_marker(text: str) -> str:
    return _LIST_MARKER.sub("", text, count=1).strip()


def starts_with_bullet(text: str) -> bool:
    stripped = text.lstrip()
    if not stripped:
        return False
    if stripped[0] in BULLET_GLYPHS:
        return True
    return stripped.startswith("- ")


def strip_bullet(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("- "):
        return stripped[2:].lstrip()
    return stripped[1:].lstrip() if stripped and stripped[0] in BULLET_GLYPHS else stripped


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Every word (hyphenated compounds whole) in the texts, case-folded."""
    return frozenset(word.casefold() for word in set(_WORD.findall("\n".join(texts))))


class DocumentWords:
    """The `vocabulary` of a document's lines, asked one word at a time: only the lines whose
    case-folded text holds the word are split into words for it."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = [(line, line.casefold()) for line in lines]
        self._known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word not in self._known:
            holding = [line for line, folded in self._lines if word in folded]
            self._known[word] = word in vocabulary(holding)
        return self._known[word]


def resolve_line_break_hyphens(text: str, words: Container[str]) -> str:
    """Drop a line-break hyphen where the document spells the word without it elsewhere and
    never with it; keep it otherwise."""

    if SOFT_HYPHEN not in text:
        return text

    def choose(match: re.Match[str]) -> str:
        joined, hyphenated = match[1] + match[2], f"{match[1]}-{match[2]}"
        if joined.casefold() in words and hyphenated.casefold() not in words:
            return joined
        return hyphenated

    return _SOFT_HYPHENATED.sub(choose, text).replace(SOFT_HYPHEN, "-")
