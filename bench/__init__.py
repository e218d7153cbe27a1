"""Benchmarks: `make bench` (python -m bench) prints figures; no test is timed."""
