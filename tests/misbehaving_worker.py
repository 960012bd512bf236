"""A parse worker that misbehaves on purpose, for the parse pool's tests.

`use(monkeypatch, Misbehaviour(...))` makes every worker the pool starts run this module, which
wraps `pipeline.build_record`: each try is logged to `tries` (the PDF's file or URL name, one a
line), then a PDF whose source ends with `victim` kills its own process (SIGKILL) for its first
`kill_times` tries, or allocates `allocate_mb` megabytes; and every PDF first sleeps `sleep`
seconds.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sendscrape import pipeline
from sendscrape.jobs import parse_worker, workers

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SETTINGS_ENV = "SENDSCRAPE_TEST_MISBEHAVIOUR"


@dataclass(frozen=True)
class Misbehaviour:
    tries: str
    victim: str = ""
    kill_times: int = 0
    allocate_mb: int = 0
    sleep: float = 0.0

    def tries_of(self, name: str) -> int:
        return Path(self.tries).read_text().split().count(name)


def use(monkeypatch: pytest.MonkeyPatch, misbehaviour: Misbehaviour) -> None:
    monkeypatch.setattr(workers, "WORKER_MODULE", __name__)
    monkeypatch.setenv("PYTHONPATH", str(PROJECT_ROOT))
    monkeypatch.setenv(SETTINGS_ENV, json.dumps(dataclasses.asdict(misbehaviour)))


def misbehaving(real: Callable[..., Any], settings: Misbehaviour) -> Callable[..., Any]:
    def build_record(pdf: bytes, source: str, *args: Any) -> Any:
        name = source.rsplit("/", 1)[-1]
        with open(settings.tries, "a") as log:
            log.write(name + "\n")
        time.sleep(settings.sleep)
        if settings.victim and source.endswith(settings.victim):
            if settings.tries_of(name) <= settings.kill_times:
                os.kill(os.getpid(), signal.SIGKILL)
            if settings.allocate_mb:
                ballast = bytearray(settings.allocate_mb * 1024 * 1024)
                del ballast
        return real(pdf, source, *args)

    return build_record


if __name__ == "__main__":
    settings = Misbehaviour(**json.loads(os.environ[SETTINGS_ENV]))
    pipeline.build_record = misbehaving(pipeline.build_record, settings)
    sys.exit(parse_worker.main(sys.argv[1:]))
