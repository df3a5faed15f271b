"""Arq workers: scraping, extraction, embedding and indexing jobs (registered in settings.py)."""
