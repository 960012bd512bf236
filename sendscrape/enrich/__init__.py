"""Enrich stage: area codes and theme tags added to the parsed fields before validation."""
