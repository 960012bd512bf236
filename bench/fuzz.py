"""`make fuzz`: damaged copies of report PDFs through the parse stage, as `sendscrape parse` runs
it.

Each mutation (flipped bytes, a truncation, a deleted object, a zeroed or repeated span) of a PDF
that parses is parsed, enriched and validated, and counted as: a clean error (the one-line
errors `parse` prints), the same record as the undamaged PDF, a record with a warning the
original lacks, a record changed with no new warning, a traceback (any other exception, or a
crash of the worker process parsing it), or a hang (longer than the parse time budget plus a
margin: the worker is then killed, bench/watchdog.py). Seeded, so a run can be repeated.

python -m bench.fuzz [--mutations N] [--seed S] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from bench.watchdog import Outcome, Parse, Watchdog
from fixtures.pdfs.full_inspection import FULL_FIXTURES
from fixtures.pdfs.render import render_pdf
from fixtures.site.reports import report_pdf
from sendscrape.enrich.areas import AreaNotFound
from sendscrape.parsers import DEFAULT_LIMITS, ParseLimits, ReportParseError
from sendscrape.pipeline import build_record
from sendscrape.validate.records import RecordValidationError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "area-send-full"
CLEAN_ERRORS = (ReportParseError, RecordValidationError, AreaNotFound)
HANG_MARGIN_SECONDS = 2.0
REAL_AREA = "Telford and Wrekin"
REAL_TITLE = f"Area SEND inspection of {REAL_AREA} Local Area Partnership"
OLDER_KINDS = {
    "local_area_letter": "local_area_send_inspection",
    "revisit_letter": "local_area_send_revisit",
    "monitoring_inspection": "area_send_monitoring_inspection",
}
_OBJECT = re.compile(rb"\d+ \d+ obj\b.*?endobj", re.S)

Mutation = Callable[[bytes, random.Random], bytes]
Record = dict[str, object]


def flip_bytes(pdf: bytes, rng: random.Random) -> bytes:
    data = bytearray(pdf)
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] ^= rng.randint(1, 255)
    return bytes(data)


def truncate(pdf: bytes, rng: random.Random) -> bytes:
    return pdf[: rng.randrange(len(pdf))]


def delete_object(pdf: bytes, rng: random.Random) -> bytes:
    objects = list(_OBJECT.finditer(pdf))
    if not objects:
        return truncate(pdf, rng)
    gone = rng.choice(objects)
    return pdf[: gone.start()] + pdf[gone.end() :]


def zero_span(pdf: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(pdf))
    length = rng.randint(1, 512)
    return pdf[:start] + bytes(min(length, len(pdf) - start)) + pdf[start + length :]


def repeat_span(pdf: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(pdf))
    span = pdf[start : start + rng.randint(1, 4096)]
    return pdf[:start] + span * rng.randint(2, 20) + pdf[start:]


MUTATIONS: tuple[Mutation, ...] = (flip_bytes, truncate, delete_object, zero_span, repeat_span)


@dataclass
class FuzzTally:
    tried: int = 0
    clean_errors: int = 0
    same_record: int = 0
    warned: int = 0
    warned_only: int = 0
    changed_silently: list[str] = field(default_factory=list)
    silently_changed_fields: Counter[str] = field(default_factory=Counter)
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    slowest_seconds: float = 0.0


def parse_record(pdf: bytes, source: str, limits: ParseLimits = DEFAULT_LIMITS) -> Record:
    """The record `sendscrape parse` would write, minus the hash of the bytes."""
    record = build_record(pdf, source, limits=limits).model_dump(mode="json")
    record.pop("sha256")
    return record


def _tally_one(tally: FuzzTally, original: Record, outcome: Outcome, name: str) -> None:
    tally.tried += 1
    if outcome.kind == "clean error":
        tally.clean_errors += 1
    elif outcome.kind == "traceback":
        tally.tracebacks.append(f"{name}\n{outcome.detail}")
    elif outcome.kind == "hang":
        tally.hangs.append(f"{name}: {outcome.detail}")
    elif outcome.record is not None:
        _tally_record(tally, original, outcome.record, name)


def _tally_record(tally: FuzzTally, original: Record, record: Record, name: str) -> None:
    changed = {key for key in record if record[key] != original.get(key)}
    if not changed:
        tally.same_record += 1
    elif set(_warnings(record)) - set(_warnings(original)):
        tally.warned += 1
        tally.warned_only += changed == {"warnings"}
    else:
        tally.changed_silently.append(name)
        tally.silently_changed_fields.update(changed)


def _warnings(record: Record) -> list[str]:
    warnings = record.get("warnings")
    return [str(w) for w in warnings] if isinstance(warnings, list) else []


def fuzz(
    pdfs: dict[str, bytes],
    mutations: int,
    seed: int,
    limits: ParseLimits,
    parse: Parse | None = None,
) -> FuzzTally:
    """`mutations` damaged copies, spread over the PDFs that parse undamaged; each parsed (by
    `parse`, default `parse_record`) in a worker killed past the time budget plus a margin."""
    parse = parse or partial(parse_record, limits=limits)
    originals = {name: (pdf, _original_record(parse, pdf, name)) for name, pdf in pdfs.items()}
    usable = sorted(name for name, (_, record) in originals.items() if record is not None)
    tally = FuzzTally()
    with Watchdog(parse, CLEAN_ERRORS, limits.seconds + HANG_MARGIN_SECONDS) as watchdog:
        for number in range(mutations):
            name = usable[number % len(usable)]
            pdf, original = originals[name]
            mutation, mutated = mutate(pdf, seed, number)
            assert original is not None
            started = time.perf_counter()
            outcome = watchdog.run(mutated, f"{name} [{mutation} #{number}]")
            tally.slowest_seconds = max(tally.slowest_seconds, time.perf_counter() - started)
            _tally_one(tally, original, outcome, f"{name} [{mutation} #{number}]")
    return tally


def mutate(pdf: bytes, seed: int, number: int) -> tuple[str, bytes]:
    """Mutation `number` of the run seeded `seed`: the same bytes every time, alone or in a run."""
    rng = random.Random(f"{seed}:{number}")
    mutation = rng.choice(MUTATIONS)
    return mutation.__name__, mutation(pdf, rng)


def _original_record(parse: Parse, pdf: bytes, name: str) -> Record | None:
    try:
        return parse(pdf, name)
    except CLEAN_ERRORS:
        return None


def fixture_pdfs(names: Collection[str] | None = None) -> dict[str, bytes]:
    """The project's own reports (all, or those `names`d like "older_kinds/revisit_letter"):
    every full-inspection fixture and a letter of each older kind, set in a real area, since the
    fixtures' own areas are made up and the area-code stage would refuse every one."""
    makers: dict[str, Callable[[], bytes]] = {
        f"older_kinds/{name}": partial(report_pdf, kind, REAL_AREA)
        for name, kind in OLDER_KINDS.items()
    }
    for make in FULL_FIXTURES:
        fixture = make()
        spec = dataclasses.replace(fixture.spec, title=REAL_TITLE)
        makers[f"full_inspection/{fixture.name}"] = partial(render_pdf, spec)
    chosen = makers if names is None else {name: makers[name] for name in names}
    return {f"fixtures/{name}.pdf": make_pdf() for name, make_pdf in chosen.items()}


def corpus_pdfs(corpus: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(corpus.glob("*.pdf"))}


def peak_memory_mb() -> float:
    """Peak resident memory of this process or of any worker it ended (Linux reports
    kilobytes)."""
    peaks = (
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return max(peaks) / 1024


def report(tally: FuzzTally, origin: str, seconds: float) -> str:
    lines = [
        f"fuzz: {tally.tried} mutations of {origin} in {seconds:.0f} s",
        f"  clean errors        {tally.clean_errors:6d}",
        f"  same record         {tally.same_record:6d}",
        f"  warned              {tally.warned:6d}  ({tally.warned_only} otherwise the same)",
        f"  changed, no warning {len(tally.changed_silently):6d}  {_most_changed(tally)}",
        f"  tracebacks          {len(tally.tracebacks):6d}",
        f"  hangs               {len(tally.hangs):6d}  (slowest {tally.slowest_seconds:.1f} s)",
        f"  peak memory         {peak_memory_mb():6.0f} MB",
    ]
    silent = [f"changed, no warning: {name}" for name in tally.changed_silently]
    return "\n".join(lines + tally.tracebacks + tally.hangs + silent)


def _most_changed(tally: FuzzTally) -> str:
    fields = tally.silently_changed_fields.most_common(6)
    return ", ".join(f"{name} {count}" for name, count in fields)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__)
    parser.add_argument("--mutations", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seconds", type=float, default=ParseLimits().seconds)
    args = parser.parse_args(argv)
    pdfs = fixture_pdfs()
    fixtures = len(pdfs)
    pdfs.update(corpus_pdfs(args.corpus))
    origin = f"{fixtures} fixture PDFs and {len(pdfs) - fixtures} real reports from {args.corpus}"
    started = time.perf_counter()
    tally = fuzz(pdfs, args.mutations, args.seed, ParseLimits(seconds=args.seconds))
    print(report(tally, origin, time.perf_counter() - started))
    return 1 if tally.tracebacks or tally.hangs else 0


if __name__ == "__main__":
    sys.exit(main())
