"""Maintainers' tools that work on a source checkout (not installed with the package)."""
