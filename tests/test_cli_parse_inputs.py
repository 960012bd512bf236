"""`sendscrape parse` on inputs it must not trust: a FIFO, a device, a huge sparse file, a name
with a newline, an output that is an input or a folder, a folder of PDFs. Each is one line on
stderr, never a hang, a traceback or a lost file."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.pdfs.full_inspection import positive_outcome
from fixtures.pdfs.render import render_pdf
from sendscrape.cli import main
from sendscrape.commands.parse_inputs import MAX_PDF_BYTES, escaped

CAPPED_PARSE = (
    "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
    "from sendscrape.cli import main; sys.exit(main(sys.argv[1:]))"
)
TITLE = "Area SEND inspection of Telford and Wrekin Local Area Partnership"


@pytest.fixture(scope="module")
def report() -> bytes:
    fixture = positive_outcome()
    return render_pdf(dataclasses.replace(fixture.spec, title=TITLE))


def write(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_fifo_device_and_sparse_giant_are_refused_before_reading(
    report: bytes, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    sparse = write(tmp_path / "sparse.pdf", b"%PDF-1.7\n")
    with sparse.open("r+b") as stream:
        stream.truncate(3 * 1024**3)
    good = write(tmp_path / "good.pdf", report)
    out = tmp_path / "out.jsonl"
    argv = ["parse", str(fifo), "/dev/zero", str(sparse), str(good), "-o", str(out)]

    # In a process of its own, its memory capped: reading the FIFO would hang, /dev/zero would
    # fill the memory; either fails this test instead.
    done = subprocess.run(
        [sys.executable, "-c", CAPPED_PARSE, *argv],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{fifo}: not a regular file (a FIFO): not read",
        "/dev/zero: not a regular file (a character device): not read",
        f"{sparse}: {3 * 1024**3} bytes, over the limit of {MAX_PDF_BYTES}: not read",
        "sendscrape parse: 3 of 4 file(s) failed",
    ]
    assert [r["local_area"] for r in records(out)] == ["Telford and Wrekin"]


def test_a_file_over_the_cap_is_named_and_one_at_it_is_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    at_cap = write(tmp_path / "at.pdf", b"%PDF-" + bytes(MAX_PDF_BYTES - 5))
    over = write(tmp_path / "over.pdf", b"%PDF-" + bytes(MAX_PDF_BYTES - 4))
    main(["parse", str(at_cap), str(over), "-o", str(tmp_path / "out.jsonl")])
    errors = capsys.readouterr().err.splitlines()
    assert "over the limit" not in errors[0]
    assert errors[0].startswith(f"{at_cap}: ")
    assert errors[1] == (
        f"{over}: {MAX_PDF_BYTES + 1} bytes, over the limit of {MAX_PDF_BYTES}: not read"
    )


@pytest.mark.parametrize("spelling", ["same", "dotted", "hard link"])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(
    report: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    pdf = write(tmp_path / "a.pdf", report)
    output = {
        "same": pdf,
        "dotted": tmp_path / "sub" / ".." / "a.pdf",
        "hard link": tmp_path / "b.pdf",
    }[spelling]
    (tmp_path / "sub").mkdir()
    if spelling == "hard link":
        os.link(pdf, output)

    assert main(["parse", str(pdf), "-o", str(output)]) == 2

    assert capsys.readouterr().err == (
        f"sendscrape parse: -o {output} is one of the inputs: it would be overwritten\n"
    )
    assert pdf.read_bytes() == report


@pytest.mark.parametrize(
    ("output", "why"),
    [("folder", "is a folder: name a file to write"), ("fifo", "is not a regular file (a FIFO)")],
)
def test_an_output_that_is_no_regular_file_is_one_line(
    report: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, why: str
) -> None:
    """(A FIFO here, never /dev/null: a broken check run as root would replace the device.)"""
    pdf = write(tmp_path / "a.pdf", report)
    target = tmp_path / output
    if output == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)

    assert main(["parse", str(pdf), "-o", str(target)]) == 2

    [line] = capsys.readouterr().err.splitlines()
    assert line == f"sendscrape parse: -o {target} {why}"
    assert target.is_dir() or target.is_fifo()
    assert pdf.read_bytes() == report


def test_a_newline_in_a_file_name_cannot_forge_a_log_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "x.pdf\nsendscrape parse: 0 of 1 file(s) failed\x1b[2K"
    forged = write(tmp_path / name, b"<html>not a pdf</html>")

    assert main(["parse", str(forged), "-o", str(tmp_path / "out.jsonl")]) == 1

    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    shown = f"{tmp_path}/x.pdf\\nsendscrape parse: 0 of 1 file(s) failed\\x1b[2K: "
    assert lines[0].startswith(shown)
    assert lines[1] == "sendscrape parse: 1 of 1 file(s) failed"


def test_names_that_are_not_utf8_are_shown_as_their_bytes() -> None:
    assert escaped(os.fsdecode(b"r\xe9port\t.pdf")) == "r\\xe9port\\t.pdf"
    assert escaped("Telford & Wrekin – 2024.pdf") == "Telford & Wrekin – 2024.pdf"


def test_a_folder_is_parsed_as_its_pdfs_at_any_depth_in_order(
    report: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    write(folder / "b" / "second.PDF", report)
    write(folder / "a.pdf", report)
    write(folder / "notes.txt", b"not a report")
    write(folder / "b" / "c" / "bad.pdf", b"<html></html>")
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out.jsonl"

    assert main(["parse", str(folder), str(tmp_path / "empty"), "-o", str(out)]) == 1

    assert len(records(out)) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{folder}/b/c/bad.pdf: not a PDF (starts with '<html></html>')",
        f"{tmp_path}/empty: a folder with no PDF in it",
        "sendscrape parse: 2 of 4 file(s) failed",
    ]
