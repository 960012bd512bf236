"""requirements/nightly.txt, the nightly workflow's hashed lock, agrees with pyproject.toml:
every dependency the nightly installs (the core, the publish and parquet extras,
requirements/nightly.in) is pinned there within its range, with hashes, and nothing is pinned
there for a dependency pyproject.toml no longer has. `make lock` regenerates it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "nightly.txt"
LOCK_INPUT = ROOT / "requirements" / "nightly.in"
NIGHTLY_EXTRAS = ("publish", "parquet")
PYPROJECT_SOURCE = "sendscrape (pyproject.toml)"
INPUT_SOURCE = "-r requirements/nightly.in"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)")


@dataclass
class Pinned:
    version: Version
    hashes: list[str] = field(default_factory=list)
    via: set[str] = field(default_factory=set)


def read_lock(text: str) -> dict[str, Pinned]:
    """The lock's pins by canonical name, with their hashes and what asked for them."""
    pins: dict[str, Pinned] = {}
    current: Pinned | None = None
    for line in text.splitlines():
        found = PIN.match(line)
        if found:
            current = pins[canonicalize_name(found["name"])] = Pinned(Version(found["version"]))
            continue
        stripped = line.strip().rstrip("\\").strip()
        if current is None or not line.startswith(" "):
            continue
        if stripped.startswith("--hash=sha256:"):
            current.hashes.append(stripped.removeprefix("--hash=sha256:"))
        elif stripped.startswith("#"):
            source = stripped.lstrip("#").strip().removeprefix("via").strip()
            if source:
                current.via.add(source)
    return pins


def lock_problems(lock: str, pyproject: str, lock_input: str) -> list[str]:
    """Where the lock and pyproject.toml (with nightly.in) disagree; empty when they agree."""
    pins = read_lock(lock)
    project = tomllib.loads(pyproject)["project"]
    listed = list(project["dependencies"])
    for extra in NIGHTLY_EXTRAS:
        listed += project["optional-dependencies"][extra]
    direct = [Requirement(line) for line in listed]
    added = [Requirement(line.strip()) for line in lock_input.splitlines() if line[:1].isalpha()]
    problems = [f"unhashed: {name}" for name, pin in pins.items() if not pin.hashes]
    for req in [*direct, *added]:
        pin = pins.get(canonicalize_name(req.name))
        if pin is None:
            problems.append(f"not in the lock: {req}")
        elif pin.version not in req.specifier:
            problems.append(f"locked {req.name}=={pin.version} outside {req}")
    wanted = {canonicalize_name(req.name) for req in direct}
    stale = {name for name, pin in pins.items() if PYPROJECT_SOURCE in pin.via} - wanted
    problems += [f"locked for pyproject.toml, which no longer has it: {name}" for name in stale]
    return sorted(problems)


def real_files() -> tuple[str, str, str]:
    return LOCK.read_text(), (ROOT / "pyproject.toml").read_text(), LOCK_INPUT.read_text()


def test_the_lock_agrees_with_pyproject() -> None:
    lock, pyproject, lock_input = real_files()
    assert len(read_lock(lock)) > 10
    assert lock_problems(lock, pyproject, lock_input) == [], "run `make lock`"
    hashes = [h for pin in read_lock(lock).values() for h in pin.hashes]
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)


def test_the_lock_is_for_the_oldest_supported_python() -> None:
    lock, pyproject, _ = real_files()
    oldest = tomllib.loads(pyproject)["project"]["requires-python"].removeprefix(">=")
    assert f"--python-version {oldest} " in lock.splitlines()[1]


def test_a_lock_that_disagrees_is_caught() -> None:
    lock, pyproject, lock_input = real_files()
    locked = read_lock(lock)["pydantic"].version
    without_httpx = re.sub(r"(?m)^httpx==.*\n(?:[ \t]+.*\n)*", "", lock)
    httpx_wanted = next(
        Requirement(line)
        for line in tomllib.loads(pyproject)["project"]["dependencies"]
        if line.startswith("httpx")
    )
    assert lock_problems(without_httpx, pyproject, lock_input) == [
        f"not in the lock: {httpx_wanted}"
    ]
    raised = pyproject.replace('"pydantic>=2.6,<3"', f'"pydantic>{locked},<3"')
    assert lock_problems(lock, raised, lock_input) == [
        f"locked pydantic=={locked} outside pydantic<3,>{locked}"
    ]
    dropped = pyproject.replace('    "tenacity>=8.2",\n', "")
    assert lock_problems(lock, dropped, lock_input) == [
        "locked for pyproject.toml, which no longer has it: tenacity"
    ]
    unhashed = re.sub(r"(?m)^(h11==\S+) \\\n(?:\s+--hash=\S+(?: \\)?\n)+", r"\1\n", lock)
    assert lock_problems(unhashed, pyproject, lock_input) == ["unhashed: h11"]
