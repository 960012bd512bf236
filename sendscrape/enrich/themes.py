"""Theme tags for priority actions and areas for improvement, from the rules in data/themes.toml.

The rules are keywords and phrases a researcher can read (docs/THEMES.md); each tag keeps the
phrase that triggered it, so every tag can be checked against the item's text.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

RULES_RESOURCE = "themes.toml"
TAGGED_LISTS = ("priority_actions", "areas_for_improvement")
THEME_KEYS = {"id", "label", "description", "patterns", "exclude"}


class ThemeRulesError(ValueError):
    """The rules file is malformed; the message names the file, the theme and the reason."""

    def __init__(self, source: str, theme: str, reason: str) -> None:
        self.source = source
        self.theme = theme
        self.reason = reason
        super().__init__(f"{source}: theme {theme!r}: {reason}")


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy and the compiled patterns that tag it.

    `excludes` are phrases in which a pattern's match does not count: a match lying wholly
    inside a match of an exclude phrase is ignored ("strategic" inside "at a strategic level").
    """

    id: str
    label: str
    description: str
    patterns: tuple[str, ...]
    regexes: tuple[re.Pattern[str], ...]
    excludes: tuple[str, ...] = ()
    exclude_regexes: tuple[re.Pattern[str], ...] = ()

    @functools.cached_property
    def _any_pattern(self) -> re.Pattern[str]:
        """One regex matching wherever one of the theme's patterns does: most texts match none
        of a theme's patterns, and one search then settles it."""
        return re.compile("|".join(f"(?:{regex.pattern})" for regex in self.regexes), re.I)

    def first_phrase(self, text: str) -> str | None:
        """The phrase that triggers this theme: the earliest match that no exclude phrase
        covers, the longest at that place."""
        if self._any_pattern.search(text) is None:
            return None
        excluded = [m.span() for regex in self.exclude_regexes for m in regex.finditer(text)]
        matches = [
            m
            for regex in self.regexes
            for m in regex.finditer(text)
            if not any(start <= m.start() and m.end() <= end for start, end in excluded)
        ]
        if not matches:
            return None
        best = min(matches, key=lambda m: (m.start(), -len(m.group(0))))
        return best.group(0)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A rule's pattern as matched: case-insensitive, at word boundaries."""
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


def _compiled(
    table: Mapping[str, object], key: str, source: str, theme_id: str
) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """The phrases of one list of a theme (`patterns` or `exclude`) and their regexes."""
    phrases = table.get(key, [])
    if not isinstance(phrases, list) or (key == "patterns" and not phrases):
        qualifier = "a non-empty list" if key == "patterns" else "a list"
        raise ThemeRulesError(source, theme_id, f"{key} must be {qualifier}")
    regexes = []
    for phrase in phrases:
        if not isinstance(phrase, str) or not phrase.strip():
            raise ThemeRulesError(source, theme_id, f"{key} entry {phrase!r} is not a phrase")
        try:
            regexes.append(compile_pattern(phrase))
        except re.error as error:
            raise ThemeRulesError(source, theme_id, f"{key} entry {phrase!r}: {error}") from error
    return tuple(phrases), tuple(regexes)


def _theme_from_table(table: Mapping[str, object], source: str) -> Theme:
    theme_id = str(table.get("id", "")).strip()
    if not theme_id:
        raise ThemeRulesError(source, "?", "a theme has no id")
    unknown = sorted(set(table) - THEME_KEYS)
    if unknown:
        raise ThemeRulesError(source, theme_id, f"unknown key(s) {', '.join(unknown)}")
    for key in ("label", "description"):
        if not isinstance(table.get(key), str) or not str(table[key]).strip():
            raise ThemeRulesError(source, theme_id, f"{key} is missing or empty")
    patterns, regexes = _compiled(table, "patterns", source, theme_id)
    excludes, exclude_regexes = _compiled(table, "exclude", source, theme_id)
    return Theme(
        theme_id,
        str(table["label"]),
        str(table["description"]),
        patterns,
        regexes,
        excludes,
        exclude_regexes,
    )


def parse_rules(text: str, source: str) -> tuple[Theme, ...]:
    """The themes of a rules file's text, checked: ids unique, every pattern compiles."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ThemeRulesError(source, "?", f"not valid TOML: {error}") from error
    tables = document.get("theme")
    if not isinstance(tables, list) or not tables:
        raise ThemeRulesError(source, "?", "no [[theme]] tables")
    themes = tuple(_theme_from_table(table, source) for table in tables)
    seen: set[str] = set()
    for theme in themes:
        if theme.id in seen:
            raise ThemeRulesError(source, theme.id, "id is used twice")
        seen.add(theme.id)
    return themes


@functools.cache
def load_themes() -> tuple[Theme, ...]:
    """The packaged taxonomy (sendscrape/enrich/data/themes.toml)."""
    rules = resources.files("sendscrape.enrich") / "data" / RULES_RESOURCE
    return parse_rules(
        rules.read_text(encoding="utf-8"), f"sendscrape/enrich/data/{RULES_RESOURCE}"
    )


def themes_of_text(text: str, themes: tuple[Theme, ...] | None = None) -> list[dict[str, str]]:
    """Theme tags of one text, in taxonomy order: [{"theme": id, "phrase": matched phrase}]."""
    collapsed = " ".join(text.split())
    tags = []
    for theme in load_themes() if themes is None else themes:
        phrase = theme.first_phrase(collapsed)
        if phrase is not None:
            tags.append({"theme": theme.id, "phrase": phrase})
    return tags


def _tagged_item(item: object) -> object:
    # Anything malformed is passed on unchanged for validation to report with the file's name.
    if isinstance(item, Mapping) and isinstance(item.get("text"), str):
        return {**item, "themes": themes_of_text(item["text"])}
    return item


def tag_themes(fields: dict[str, object]) -> dict[str, object]:
    """The parsed fields with `themes` added to every priority action and area for improvement.

    Report kinds without those lists are returned unchanged.
    """
    tagged = dict(fields)
    for key in TAGGED_LISTS:
        items = fields.get(key)
        if isinstance(items, list | tuple):
            tagged[key] = [_tagged_item(item) for item in items]
    return tagged
