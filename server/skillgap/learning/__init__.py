"""Learning resources for skill gaps: a curated, packaged catalog (no network at run time)."""
