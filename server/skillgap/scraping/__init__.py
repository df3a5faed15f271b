"""Scraping job boards and job pages: a safe HTTP fetcher (SSRF guard, limits, retries, robots.txt)."""
