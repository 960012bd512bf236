"""Benchmarks (`make bench`): ratios against a baseline run side by side, never timed tests."""
