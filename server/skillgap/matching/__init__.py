"""Matching jobs to candidates: scores with an honest breakdown, gap analyses and gap summaries."""
