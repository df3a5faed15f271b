"""Benchmark scripts that print figures (not pytest tests): see README.md in this directory."""
