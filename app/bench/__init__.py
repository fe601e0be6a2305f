"""Benchmarks behind ``python -m app bench``: each returns a dict printed as one JSON line."""
