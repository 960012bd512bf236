"""docs/THEMES.md: the theme rules, and how far they agree with the project's hand-labelled set.

The agreement figures need the real reports (../shared), which a clone may lack, so they are
kept in docs/theme_agreement.json: `python -m tools.docs --agreement CORPUS_DIR` measures them
afresh, and a corpus test checks the committed file still matches the rules and the labels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sendscrape.enrich.themes import Theme, load_themes
from sendscrape.pipeline import build_record
from sendscrape.stats import theme_agreement as agreement
from tools.docs_text import THEMES_AGREEMENT, THEMES_INTRO

AGREEMENT_FILE = Path("docs/theme_agreement.json")
THEME_LABELS = Path("tests/data/theme_labels.csv")
# Reports whose sha256 starts with one of these were held out while the rules were tuned.
HELD_OUT = "01234"


def _counts(evaluation: agreement.Evaluation) -> dict[str, Any]:
    return {
        "items": evaluation.items,
        "themes": {a.theme: {"tp": a.tp, "fp": a.fp, "fn": a.fn} for a in evaluation.themes},
        "overall": {
            "tp": evaluation.overall.tp,
            "fp": evaluation.overall.fp,
            "fn": evaluation.overall.fn,
        },
    }


def agreement_summary(
    labels: Mapping[agreement.ItemKey, frozenset[str]], texts: Mapping[agreement.ItemKey, str]
) -> dict[str, Any]:
    """The counts docs/theme_agreement.json keeps: all items, the held-out part, the rest."""
    held_out = agreement.held_out(HELD_OUT)
    return {
        "labels": THEME_LABELS.as_posix(),
        "held_out": HELD_OUT,
        "all": _counts(agreement.evaluate(labels, texts)),
        "held_out_part": _counts(agreement.evaluate(agreement.part(labels, held_out), texts)),
        "rest": _counts(
            agreement.evaluate(agreement.part(labels, lambda key: not held_out(key)), texts)
        ),
    }


def measure_agreement(root: Path, corpus_dir: Path) -> dict[str, Any]:
    """The agreement of the current rules with the labels, on the reports in `corpus_dir`."""
    reports = [build_record(pdf, str(pdf)) for pdf in sorted(corpus_dir.glob("*.pdf"))]
    themes = [theme.id for theme in load_themes()]
    labels = agreement.read_labels(root / THEME_LABELS, themes)
    return agreement_summary(labels, agreement.item_texts(reports))


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _agreement_row(name: str, counts: Mapping[str, int]) -> str:
    figures = agreement.Agreement(name, **counts)
    return (
        f"| {name} | {figures.labelled} | {figures.tagged} | {figures.tp} | "
        f"{_figure(figures.precision)} | {_figure(figures.recall)} |"
    )


def _part_line(name: str, counts: Mapping[str, Any]) -> str:
    overall = agreement.Agreement(name, **counts["overall"])
    return (
        f"- {name}: {counts['items']} items, precision {_figure(overall.precision)}, "
        f"recall {_figure(overall.recall)}."
    )


def agreement_section(figures: Mapping[str, Any]) -> str:
    """How the labelled set was made, the table per theme, and the held-out figures."""
    rows = [_agreement_row(f"`{theme}`", c) for theme, c in figures["all"]["themes"].items()]
    table = "\n".join(
        [
            "| Theme | Labelled | Tagged | Both | Precision | Recall |",
            "|---|---|---|---|---|---|",
            *rows,
            _agreement_row("**overall**", figures["all"]["overall"]),
        ]
    )
    held_out = f"Held-out part (reports whose sha256 starts with {figures['held_out']})"
    parts = "\n".join(
        _part_line(name, figures[key])
        for name, key in (
            (held_out, "held_out_part"),
            ("The rest (the part the rules were tuned on)", "rest"),
        )
    )
    text = THEMES_AGREEMENT.format(items=figures["all"]["items"], labels=figures["labels"])
    return f"{text.strip()}\n\n{table}\n\n{parts}"


def _theme_section(theme: Theme) -> str:
    patterns = "\n".join(f"- `{pattern}`" for pattern in theme.patterns)
    section = f"## {theme.label} (`{theme.id}`)\n\n{theme.description}\n\nPhrases:\n\n{patterns}"
    if theme.excludes:
        excludes = "\n".join(f"- `{phrase}`" for phrase in theme.excludes)
        section += f"\n\nNot counted inside:\n\n{excludes}"
    return section


def themes_document(themes: Sequence[Theme], figures: Mapping[str, Any]) -> str:
    """docs/THEMES.md: how tags are given, how far to trust them, then each theme's phrases."""
    index = "\n".join(f"| `{theme.id}` | {theme.label} |" for theme in themes)
    parts = [
        THEMES_INTRO,
        agreement_section(figures),
        f"## The themes\n\n| Theme | Label |\n|---|---|\n{index}",
        *(_theme_section(theme) for theme in themes),
    ]
    return "\n\n".join(part.strip() for part in parts) + "\n"
