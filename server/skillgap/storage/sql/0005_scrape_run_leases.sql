-- A worker holds a run through a lease it renews while it works. A worker killed mid-run stops renewing;
-- once the lease has expired any worker may take the run over (finished sources are kept), so a run
-- never waits for arq's own in-progress timeout (which is the longest job timeout, an hour).
ALTER TABLE scrape_runs
    ADD COLUMN lease_owner   text NOT NULL DEFAULT '',
    ADD COLUMN lease_expires timestamptz,
    ADD COLUMN attempts      integer NOT NULL DEFAULT 0,
    -- The arq job id the run was last queued under (taking a run over queues it under a new one).
    ADD COLUMN queue_job_id  text NOT NULL DEFAULT '';

CREATE INDEX scrape_runs_unfinished_idx ON scrape_runs (create_time) WHERE state IN ('queued', 'running');
