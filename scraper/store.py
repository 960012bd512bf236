"""The raw store: every downloaded file kept forever, named by its SHA-256.

`raw/<sha256[:2]>/<sha256>.pdf` for PDFs; bytes that were not a usable PDF (an HTML error page,
a truncated download) are kept as `.bin` beside them, for inspection. Nothing here is ever
overwritten or deleted.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

PDF_SUFFIX = ".pdf"
FAILED_SUFFIX = ".bin"


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def pdf_problem(content: bytes) -> str | None:
    """Why downloaded bytes are not a complete PDF, or None when they look like one."""
    if not content.startswith(b"%PDF-"):
        start = content[:40].decode("latin-1").strip().replace("\n", " ")
        return f"not a PDF (starts with {start!r})"
    if b"%%EOF" not in content[-2048:]:
        return f"truncated PDF ({len(content)} bytes, no %%EOF at the end)"
    return None


class RawStore:
    """Content-addressed files under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str, suffix: str = PDF_SUFFIX) -> Path:
        return self.root / sha256[:2] / f"{sha256}{suffix}"

    def put(self, content: bytes, suffix: str = PDF_SUFFIX) -> str:
        """Keep `content` (if not kept already) and return its SHA-256."""
        sha256 = sha256_hex(content)
        path = self.path(sha256, suffix)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(tmp_name, path)
        return sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def pdf_hashes(self) -> Iterator[str]:
        """SHA-256 of every PDF kept, in sorted order."""
        if self.root.exists():
            for path in sorted(self.root.glob(f"??/*{PDF_SUFFIX}")):
                yield path.stem
