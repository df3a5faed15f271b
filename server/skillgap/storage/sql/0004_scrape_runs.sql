-- Scrape runs: one row per run, one per source in it (its progress and counts).
CREATE TABLE scrape_runs (
    run_id       uuid PRIMARY KEY,
    state        text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'partially_failed', 'failed')),
    trigger      text NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
    requested_by text NOT NULL DEFAULT '',
    create_time  timestamptz NOT NULL DEFAULT now(),
    start_time   timestamptz,
    finish_time  timestamptz
);

CREATE INDEX scrape_runs_recent_idx ON scrape_runs (create_time DESC, run_id DESC);

CREATE TABLE scrape_run_sources (
    run_id        uuid NOT NULL REFERENCES scrape_runs (run_id) ON DELETE CASCADE,
    position      integer NOT NULL,
    kind          text NOT NULL,
    identifier    text NOT NULL,
    base_url      text NOT NULL DEFAULT '',
    state         text NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'running', 'succeeded', 'partially_failed', 'failed')),
    fetched       integer NOT NULL DEFAULT 0,
    created       integer NOT NULL DEFAULT 0,
    updated       integer NOT NULL DEFAULT 0,
    unchanged     integer NOT NULL DEFAULT 0,
    closed        integer NOT NULL DEFAULT 0,
    failed        integer NOT NULL DEFAULT 0,
    error_message text NOT NULL DEFAULT '',
    start_time    timestamptz,
    finish_time   timestamptz,
    PRIMARY KEY (run_id, position)
);
