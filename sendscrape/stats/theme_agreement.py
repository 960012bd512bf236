"""How far the theme rules agree with a hand-labelled set: precision and recall per theme.

A labels file is CSV (lines starting with `#` are comments) with the columns `sha256`,
`section` (`priority_actions` or `areas_for_improvement`), `index` (0-based position in that
list) and `themes` (theme ids separated by spaces); other columns are for human readers. The
rules are applied afresh to each labelled item's text, so the figures are those of the current
rules, whatever tags the dataset was written with.

For one theme, an item the rules tag and the labeller chose is a true positive (tp), one the
rules tag alone a false positive (fp), one the labeller chose alone a false negative (fn).
Precision is tp / (tp + fp), recall tp / (tp + fn); overall figures pool every theme's counts.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sendscrape.enrich.themes import TAGGED_LISTS, Theme, load_themes, themes_of_text
from sendscrape.validate.models import FullInspectionReport, Report

LABEL_COLUMNS = ("sha256", "section", "index", "themes")
OVERALL = "overall"

ItemKey = tuple[str, str, int]
"""One item of a record: (PDF sha256, section, index)."""


class LabelsError(ValueError):
    """A labels file that cannot be used; the message names the file (and line) and the reason."""


class UnlabelledDatasetError(LabelsError):
    """The dataset lacks items the labels name (the message says how many and the first)."""


@dataclass(frozen=True)
class Agreement:
    """Counts of agreement for one theme (or all themes pooled) and the figures from them."""

    theme: str
    tp: int
    fp: int
    fn: int

    @property
    def labelled(self) -> int:
        return self.tp + self.fn

    @property
    def tagged(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        """None when the rules gave no tag: precision is then undefined, not 0 or 1."""
        return self.tp / self.tagged if self.tagged else None

    @property
    def recall(self) -> float | None:
        """None when the labeller gave no tag."""
        return self.tp / self.labelled if self.labelled else None


@dataclass(frozen=True)
class Evaluation:
    """Agreement of the rules with the labels over some items: per theme and overall."""

    items: int
    themes: tuple[Agreement, ...]
    overall: Agreement


def _label_row(
    row: Mapping[str, str | None], known: set[str], where: str
) -> tuple[ItemKey, frozenset[str]]:
    sha256, section, index = row["sha256"] or "", row["section"] or "", row["index"] or ""
    if section not in TAGGED_LISTS:
        raise LabelsError(f"{where}: section {section!r} is not one of {', '.join(TAGGED_LISTS)}")
    if not index.isdigit() or len(sha256) != 64:
        raise LabelsError(f"{where}: needs a 64-character sha256 and a whole-number index")
    themes = (row["themes"] or "").split()
    unknown = sorted(set(themes) - known)
    if unknown:
        raise LabelsError(f"{where}: unknown theme(s) {', '.join(unknown)}")
    return (sha256, section, int(index)), frozenset(themes)


def parse_labels(text: str, source: str, known: Iterable[str]) -> dict[ItemKey, frozenset[str]]:
    """The labels of a labels file's text, keyed by item; errors name `source:LINE`."""
    kept = [(n, line) for n, line in enumerate(text.splitlines(), 1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in kept)
    missing = [column for column in LABEL_COLUMNS if column not in (reader.fieldnames or ())]
    if missing:
        raise LabelsError(f"{source}: no column(s) {', '.join(missing)} in the header")
    labels: dict[ItemKey, frozenset[str]] = {}
    known_themes = set(known)
    for row in reader:
        number = kept[reader.line_num - 1][0]
        key, themes = _label_row(row, known_themes, f"{source}:{number}")
        if key in labels:
            raise LabelsError(f"{source}:{number}: item {key[1]}[{key[2]}] of {key[0]} is repeated")
        labels[key] = themes
    return labels


def read_labels(path: Path, known: Iterable[str]) -> dict[ItemKey, frozenset[str]]:
    """A labels file's labels; an unreadable file raises LabelsError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LabelsError(f"{path}: cannot read: {error}") from error
    return parse_labels(text, str(path), known)


def item_texts(reports: Iterable[Report]) -> dict[ItemKey, str]:
    """The text of every priority action and area for improvement, keyed by item."""
    texts: dict[ItemKey, str] = {}
    for report in reports:
        if isinstance(report, FullInspectionReport):
            for section in TAGGED_LISTS:
                for index, item in enumerate(getattr(report, section)):
                    texts[(report.sha256, section, index)] = item.text
    return texts


def rule_tags(
    texts: Mapping[ItemKey, str], themes: tuple[Theme, ...] | None = None
) -> dict[ItemKey, dict[str, str]]:
    """The current rules' tags of each text: theme id -> the phrase that triggered it."""
    return {
        key: {tag["theme"]: tag["phrase"] for tag in themes_of_text(text, themes)}
        for key, text in texts.items()
    }


def compare(
    labels: Mapping[ItemKey, frozenset[str]],
    tags: Mapping[ItemKey, Iterable[str]],
    theme_ids: Sequence[str],
) -> Evaluation:
    """Agreement over the labelled items; every labelled item must have its tags given."""
    absent = [key for key in labels if key not in tags]
    if absent:
        sha256, section, index = absent[0]
        raise UnlabelledDatasetError(
            f"{len(absent)} labelled item(s) are not in it, the first "
            f"{section}[{index}] of the report with sha256 {sha256}"
        )
    per_theme = tuple(_theme_agreement(theme, labels, tags) for theme in theme_ids)
    pooled = Agreement(
        OVERALL,
        sum(agreement.tp for agreement in per_theme),
        sum(agreement.fp for agreement in per_theme),
        sum(agreement.fn for agreement in per_theme),
    )
    return Evaluation(len(labels), per_theme, pooled)


def _theme_agreement(
    theme: str,
    labels: Mapping[ItemKey, frozenset[str]],
    tags: Mapping[ItemKey, Iterable[str]],
) -> Agreement:
    chosen = {key for key, themes in labels.items() if theme in themes}
    given = {key for key in labels if theme in set(tags[key])}
    return Agreement(theme, len(chosen & given), len(given - chosen), len(chosen - given))


def evaluate(
    labels: Mapping[ItemKey, frozenset[str]],
    texts: Mapping[ItemKey, str],
    themes: tuple[Theme, ...] | None = None,
) -> Evaluation:
    """Agreement of the rules (the packaged ones by default) with the labels."""
    taxonomy = load_themes() if themes is None else themes
    labelled_texts = {key: texts[key] for key in labels if key in texts}
    tags = rule_tags(labelled_texts, taxonomy)
    return compare(labels, tags, [theme.id for theme in taxonomy])


def held_out(prefixes: str) -> Callable[[ItemKey], bool]:
    """Whether an item belongs to a report whose sha256 starts with one of the characters."""
    return lambda key: key[0][:1] in set(prefixes)


def part(
    labels: Mapping[ItemKey, frozenset[str]], keep: Callable[[ItemKey], bool]
) -> dict[ItemKey, frozenset[str]]:
    return {key: chosen for key, chosen in labels.items() if keep(key)}
