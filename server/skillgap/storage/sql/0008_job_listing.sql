-- ListJobs: jobs newest first (posting time, then id; jobs without a posting time last), and the jobs a scrape
-- run created or updated.
--
-- The order key is an expression so that the keyset of a page token is one row comparison the indexes answer
-- as a range: (coalesce(post_time, '-infinity'), job_id) < (last page's values). Open jobs (the default) have
-- their own smaller index; include_closed walks the other one.
CREATE INDEX jobs_newest_open_idx ON jobs ((coalesce(post_time, '-infinity'::timestamptz)) DESC, job_id DESC)
    WHERE state = 'open';
CREATE INDEX jobs_newest_idx ON jobs ((coalesce(post_time, '-infinity'::timestamptz)) DESC, job_id DESC);
-- One board's jobs, newest first, without sorting them all (a board can hold thousands).
CREATE INDEX jobs_source_newest_idx
    ON jobs (source_kind, source_identifier, (coalesce(post_time, '-infinity'::timestamptz)) DESC, job_id DESC);
-- The company filter compares lower(company); the required-skills filter is jsonb containment.
CREATE INDEX jobs_company_idx ON jobs (lower(company));
CREATE INDEX jobs_required_skills_idx ON jobs USING gin ((skills -> 'required_skills') jsonb_path_ops);
-- Workplace type and seniority have a handful of values each: walking jobs_newest*_idx finds a page of them
-- quickly, but without statistics on these expressions the planner guesses "1 row" and scans the whole table
-- to sort it. Statistics, not indexes: nothing to maintain on every write.
CREATE STATISTICS jobs_listing_stats ON (details ->> 'workplace_type'), (skills -> 'seniority' ->> 'level') FROM jobs;

-- Which jobs each run created or updated (not the ones it only saw unchanged, nor the ones it closed):
-- written with the job itself, in the same statement, by ingestion.
CREATE TABLE scrape_run_jobs (
    run_id uuid NOT NULL REFERENCES scrape_runs (run_id) ON DELETE CASCADE,
    job_id uuid NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    PRIMARY KEY (run_id, job_id)
);
CREATE INDEX scrape_run_jobs_job_idx ON scrape_run_jobs (job_id);
