"""`sendscrape themes --evaluate LABELS DATASET`: how far the theme rules agree with a careful
reading: precision and recall per theme and overall, against a hand-labelled set."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

from sendscrape.commands.stats import render_table
from sendscrape.dataset import load
from sendscrape.enrich.themes import load_themes
from sendscrape.stats import theme_agreement as agreement
from sendscrape.stats.counts import Table, Value
from sendscrape.validate.records import RecordValidationError

COLUMNS = ("theme", "labelled", "tagged", "tp", "fp", "fn", "precision", "recall")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = agreement.__doc__
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "--evaluate",
        required=True,
        type=Path,
        metavar="LABELS",
        help="labels CSV (the project's own: tests/data/theme_labels.csv)",
    )
    parser.add_argument(
        "dataset", metavar="DATASET", help="reports.jsonl (or data dir) holding the items"
    )
    parser.add_argument(
        "--held-out",
        metavar="CHARS",
        help="also give figures apart for the reports whose sha256 starts with one of CHARS "
        "(the held-out part) and for the rest",
    )
    parser.add_argument(
        "--disagreements",
        action="store_true",
        help="list every tag the rules and the labels disagree on, with the item's text",
    )


def _row(theme: agreement.Agreement) -> tuple[Value, ...]:
    return (
        theme.theme,
        theme.labelled,
        theme.tagged,
        theme.tp,
        theme.fp,
        theme.fn,
        theme.precision,
        theme.recall,
    )


def evaluation_table(title: str, evaluation: agreement.Evaluation) -> Table:
    """Per-theme rows, then the pooled overall row."""
    rows = tuple(_row(theme) for theme in (*evaluation.themes, evaluation.overall))
    return Table(f"{title} ({evaluation.items} items)", COLUMNS, rows)


def _parts_table(
    labels: Mapping[agreement.ItemKey, frozenset[str]],
    texts: Mapping[agreement.ItemKey, str],
    prefixes: str,
) -> Table:
    held_out = agreement.held_out(prefixes)
    parts = {
        f"held out (sha256 {prefixes}...)": agreement.part(labels, held_out),
        "the rest": agreement.part(labels, lambda key: not held_out(key)),
    }
    rows = tuple(
        (name, *_row(agreement.evaluate(chosen, texts).overall)[1:])
        for name, chosen in parts.items()
    )
    return Table("Overall agreement by part", ("part", *COLUMNS[1:]), rows)


def _disagreements(
    labels: Mapping[agreement.ItemKey, frozenset[str]], texts: Mapping[agreement.ItemKey, str]
) -> str:
    lines = []
    tags = agreement.rule_tags({key: texts[key] for key in labels})
    for key, chosen in labels.items():
        extra = [
            f"  fp {theme} ({phrase!r})"
            for theme, phrase in tags[key].items()
            if theme not in chosen
        ]
        missed = [f"  fn {theme}" for theme in sorted(chosen - set(tags[key]))]
        if extra or missed:
            lines += [f"{key[0][:12]} {key[1]}[{key[2]}]: {texts[key]}", *extra, *missed]
    return "\n".join(lines or ["(no disagreements)"])


def run(args: argparse.Namespace) -> int:
    try:
        labels = agreement.read_labels(args.evaluate, [theme.id for theme in load_themes()])
        texts = agreement.item_texts(load(args.dataset))
        evaluation = agreement.evaluate(labels, texts)
        tables = [evaluation_table(f"Theme rules against {args.evaluate}", evaluation)]
        if args.held_out:
            tables.append(_parts_table(labels, texts, args.held_out))
    except OSError as error:
        print(f"{args.dataset}: cannot read: {error.strerror or error}", file=sys.stderr)
        return 1
    except agreement.UnlabelledDatasetError as error:
        print(f"{args.dataset}: {error}", file=sys.stderr)
        return 1
    except (RecordValidationError, agreement.LabelsError) as error:
        print(f"sendscrape themes: {error}", file=sys.stderr)
        return 1
    print("\n\n".join(render_table(table) for table in tables))
    if args.disagreements:
        print("\n" + _disagreements(labels, texts))
    return 0
