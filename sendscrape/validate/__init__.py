"""Validate stage: the pydantic models of a record and the checks every record passes."""
