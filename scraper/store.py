"""The raw store: every downloaded PDF kept forever, named by its SHA-256.

`raw/<sha256[:2]>/<sha256>.pdf` for PDFs, never overwritten or deleted. Bytes that were not a
usable PDF (an HTML error page, a truncated download) are kept only as a capped sample for
inspection: `raw/failed/<sha256>.bin` (the hash of the whole body), at most `FAILED_SAMPLE_BYTES`
of each and the `FAILED_KEEP` most recent, so a hostile server cannot fill the disk with them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

from sendscrape.scraper.files import write_bytes_atomic

PDF_SUFFIX = ".pdf"
FAILED_SUFFIX = ".bin"
FAILED_DIR = "failed"
FAILED_SAMPLE_BYTES = 64 * 1024
FAILED_KEEP = 50
SNIPPET_CHARS = 40
_HASH_CHUNK_BYTES = 1024 * 1024


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def printable_snippet(content: bytes | str, limit: int = SNIPPET_CHARS) -> str:
    """At most `limit` characters of `content`, every unprintable character shown as `?`: safe to
    quote in a log or failure line whatever a server sent."""
    text = content.decode("latin-1") if isinstance(content, bytes) else content
    short = text[:limit]
    cleaned = "".join(c if c.isprintable() else "?" for c in short.replace("\n", " "))
    return cleaned + ("..." if len(text) > limit else "")


def pdf_problem(content: bytes) -> str | None:
    """Why downloaded bytes are not a complete PDF, or None when they look like one."""
    if not content.startswith(b"%PDF-"):
        start = printable_snippet(content[: SNIPPET_CHARS + 1]).strip()
        return f"not a PDF (starts with {start!r})"
    if b"%%EOF" not in content[-2048:]:
        return f"truncated PDF ({len(content)} bytes, no %%EOF at the end)"
    return None


class RawStore:
    """Content-addressed files under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{PDF_SUFFIX}"

    def failed_path(self, sha256: str) -> Path:
        return self.root / FAILED_DIR / f"{sha256}{FAILED_SUFFIX}"

    def put(self, content: bytes) -> str:
        """Keep a PDF (if not kept already) and return its SHA-256."""
        sha256 = sha256_hex(content)
        path = self.path(sha256)
        if not path.exists():
            write_bytes_atomic(path, content)
        return sha256

    def put_failed(self, content: bytes) -> str:
        """Keep a sample of bytes that were not a usable PDF; returns the SHA-256 of them all."""
        sha256 = sha256_hex(content)
        write_bytes_atomic(self.failed_path(sha256), content[:FAILED_SAMPLE_BYTES])
        self._prune_failed()
        return sha256

    def _prune_failed(self) -> None:
        kept = sorted(
            (self.root / FAILED_DIR).glob(f"*{FAILED_SUFFIX}"),
            key=lambda path: (path.stat().st_mtime_ns, path.name),
            reverse=True,
        )
        for path in kept[FAILED_KEEP:]:
            path.unlink(missing_ok=True)

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def mismatch(self, sha256: str) -> str | None:
        """Why the kept file is not the PDF its name promises (its bytes hash to another
        SHA-256, or it cannot be read); None when it is."""
        digest = hashlib.sha256()
        try:
            with self.path(sha256).open("rb") as stream:
                while chunk := stream.read(_HASH_CHUNK_BYTES):
                    digest.update(chunk)
        except OSError as error:
            return f"it cannot be read ({error.strerror})"
        actual = digest.hexdigest()
        return None if actual == sha256 else f"its bytes hash to {actual[:12]}, not its name"

    def quarantine(self, sha256: str) -> Path:
        """Move a kept file whose bytes no longer match its name out of the store's sight (to
        `<sha256>.pdf.damaged-<time>` beside it); `has` is then False, so the next scrape
        downloads it again."""
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        path = self.path(sha256)
        target = path.with_name(f"{path.name}.damaged-{stamp}")
        path.rename(target)
        return target

    def folders(self) -> list[Path]:
        """Every entry of the store named as one of its folders (`ab/`, `failed/`), whatever
        its type: one that is not a folder would stop every write into it."""
        if not self.root.is_dir():
            return []
        names = {f"{n:02x}" for n in range(256)} | {FAILED_DIR}
        return sorted(path for path in self.root.iterdir() if path.name in names)

    def pdf_hashes(self) -> Iterator[str]:
        """SHA-256 of every PDF kept, in sorted order."""
        if self.root.exists():
            for path in sorted(self.root.glob(f"??/*{PDF_SUFFIX}")):
                yield path.stem
