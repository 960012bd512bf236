"""Optional dependencies of the publishing commands, named in one line when they are missing."""

from __future__ import annotations

import importlib
from types import ModuleType


class ExportError(RuntimeError):
    """An export that cannot be written (a missing optional dependency, an unwritable folder)."""


def require_extra(module: str, extra: str, purpose: str) -> ModuleType:
    """Import an optional module by name, or ExportError saying which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ExportError(f"{purpose} needs {module}: pip install 'sendscrape[{extra}]'") from error


def has_module(module: str) -> bool:
    """Whether an optional module can be imported (Parquet downloads only where pyarrow is)."""
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True
