-- What each source of a scrape run is doing now, in words ("listing postings (page 3)", "extracting and
-- embedding 32 postings", "waiting for a worker"); written by the worker as it goes, empty once finished.
ALTER TABLE scrape_run_sources ADD COLUMN activity text NOT NULL DEFAULT '';
