"""The write stage: atomic replacement, and files readable as the user's umask allows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sendscrape.dataset.write import atomic_text_file


def test_new_file_mode_follows_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        with atomic_text_file(tmp_path / "out.jsonl") as stream:
            stream.write("{}\n")
    finally:
        os.umask(previous)
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o644


def test_error_while_writing_keeps_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text("old\n")

    def write_then_crash() -> None:
        with atomic_text_file(path) as stream:
            stream.write("half a record")
            raise RuntimeError("crash")

    with pytest.raises(RuntimeError, match="crash"):
        write_then_crash()
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["reports.jsonl"]
