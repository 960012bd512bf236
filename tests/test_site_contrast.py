"""Every text colour the style sheet sets meets WCAG 2.2 AA contrast (4.5:1) on the backgrounds
it is shown on, numbers on the chart bars included. The colours are read from the shipped
style.css (tinycss2), so a new palette is checked as it is; coloraide computes the ratios."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import tinycss2
from coloraide import Color

AA_TEXT = 4.5
# Text shown on a background: (what, (selector, property) of the text colour, of the background).
TEXT_ON_BACKGROUND = (
    ("body text", ("body", "color"), ("body", "background")),
    ("links", ("a", "color"), ("body", "background")),
    ("muted text", (".muted", "color"), ("body", "background")),
    ("bar totals", (".bar-total", "color"), ("body", "background")),
    ("area names on reports", (".body-name", "color"), ("body", "background")),
    ("links in the footer", ("a", "color"), (".site-footer", "background")),
    ("muted text in the footer", (".muted", "color"), (".site-footer", "background")),
    ("links in the on-this-page box", ("a", "color"), (".on-this-page", "background")),
    ("text in the filters box", ("body", "color"), (".filters", "background")),
    ("links in code blocks", ("a", "color"), ("pre", "background")),
    ("warnings", ("body", "color"), (".warnings", "background")),
    ("hovered table rows", ("body", "color"), ("tbody tr:hover", "background")),
    ("muted text on hovered rows", (".muted", "color"), ("tbody tr:hover", "background")),
    ("site name", (".brand", "color"), (".site-header", "background")),
    ("site navigation", (".site-header nav a", "color"), (".site-header", "background")),
    ("focused links", ("a:focus", "color"), ("a:focus", "background-color")),
    (
        "focused links in the header",
        (".site-header a:focus", "color"),
        ("a:focus", "background-color"),
    ),
    ("skip link, focused", (".skip:focus", "color"), (".skip:focus", "background")),
    ("skip-map link, focused", (".skip-map:focus", "color"), (".skip-map:focus", "background")),
)


def stylesheet() -> dict[str, dict[str, str]]:
    """Each selector of the top-level rules (not inside @media) and its declarations."""
    css = (resources.files("sendscrape.publish.site") / "static" / "style.css").read_text("utf-8")
    rules: dict[str, dict[str, str]] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        declarations = {
            item.name: tinycss2.serialize(item.value).strip()
            for item in tinycss2.parse_blocks_contents(rule.content, True, True)
            if item.type == "declaration"
        }
        for selector in tinycss2.serialize(rule.prelude).split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


def resolve(value: str, rules: dict[str, dict[str, str]], scope: str = ":root") -> Color:
    """A colour value with its var(--name) looked up in `scope`'s rule, then in :root."""
    found = re.search(r"var\((--[\w-]+)\)", value)
    if found:
        name = found.group(1)
        inner = rules.get(scope, {}).get(name) or rules[":root"][name]
        return resolve(inner, rules, scope if name in rules.get(scope, {}) else ":root")
    return Color(value.split(maxsplit=1)[0])


def colour_of(rules: dict[str, dict[str, str]], selector: str, prop: str) -> Color:
    return resolve(rules[selector][prop], rules)


def key_classes(rules: dict[str, dict[str, str]]) -> list[str]:
    """The outcome classes that colour bars, badges and swatches (`.key-positive`, ...)."""
    keys = [
        s for s, declarations in rules.items() if s.startswith(".key-") and "--c" in declarations
    ]
    assert len(keys) >= 10, keys
    return keys


def ratio(text: Color, background: Color) -> float:
    return round(float(text.contrast(background, method="wcag21")), 2)


def test_ratio_is_the_wcag_formula() -> None:
    assert ratio(Color("#000"), Color("#fff")) == 21.0
    assert ratio(Color("#fff"), Color("#d07f00")) == 3.13  # the orange bars' old white numbers
    assert ratio(Color("#777"), Color("#fff")) == 4.48


@pytest.mark.parametrize(("what", "text", "background"), TEXT_ON_BACKGROUND)
def test_text_contrast(what: str, text: tuple[str, str], background: tuple[str, str]) -> None:
    rules = stylesheet()
    assert ratio(colour_of(rules, *text), colour_of(rules, *background)) >= AA_TEXT, what


def test_numbers_on_every_bar_colour() -> None:
    rules = stylesheet()
    number = colour_of(rules, ".segment", "color")
    low = {key: ratio(number, resolve("var(--c)", rules, key)) for key in key_classes(rules)}
    assert {key: r for key, r in low.items() if r < AA_TEXT} == {}


def test_badge_words_on_every_badge_colour() -> None:
    rules = stylesheet()
    words = colour_of(rules, "body", "color")
    low = {key: ratio(words, resolve("var(--c-bg)", rules, key)) for key in key_classes(rules)}
    assert {key: r for key, r in low.items() if r < AA_TEXT} == {}


def test_every_rule_with_text_and_background_colours() -> None:
    """A rule that sets both a text colour and a background (buttons, the skip links, the bar
    segments in each outcome's colour) meets 4.5:1 by itself."""
    rules = stylesheet()
    checked, low = 0, {}
    for selector, declarations in rules.items():
        background = declarations.get("background-color") or declarations.get("background")
        text = declarations.get("color")
        if not text or not background or background.split()[0] in {"none", "transparent"}:
            continue
        scopes = key_classes(rules) if "var(--c" in background else [":root"]
        for scope in scopes:
            checked += 1
            found = ratio(resolve(text, rules, scope), resolve(background, rules, scope))
            if found < AA_TEXT:
                low[f"{selector} in {scope}"] = found
    assert checked >= 10
    assert low == {}
