"""Counts of a dataset: by year, region and outcome, and the most common themes."""
