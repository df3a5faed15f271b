-- Saved searches: what a user looks for (keywords, locations, remote only), which of the server's sources to ask
-- (a JSON list of {"kind", "identifier"}; empty: every source the server searches) and how often. A user's own:
-- every query is scoped by user_id.
CREATE TABLE saved_searches (
    search_id        uuid PRIMARY KEY,
    user_id          text NOT NULL,
    display_name     text NOT NULL DEFAULT '',
    keywords         text[] NOT NULL DEFAULT '{}',
    locations        text[] NOT NULL DEFAULT '{}',
    remote_only      boolean NOT NULL DEFAULT false,
    sources          jsonb NOT NULL DEFAULT '[]',
    interval_minutes integer NOT NULL DEFAULT 0 CHECK (interval_minutes >= 0),
    create_time      timestamptz NOT NULL DEFAULT now(),
    update_time      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX saved_searches_user_idx ON saved_searches (user_id, create_time DESC, search_id DESC);
CREATE INDEX saved_searches_scheduled_idx ON saved_searches (search_id) WHERE interval_minutes > 0;

-- The scrape runs that ran a saved search. The worker asks such a run's sources for the search's matches only
-- (at most max_postings of them) and closes no job, since it saw only part of each board. The row outlives its
-- search (search_id NULL: the terms are gone and the run asks no more sources), so that the user's hourly quota
-- still counts the run.
CREATE TABLE saved_search_runs (
    run_id       uuid PRIMARY KEY REFERENCES scrape_runs (run_id) ON DELETE CASCADE,
    search_id    uuid REFERENCES saved_searches (search_id) ON DELETE SET NULL,
    user_id      text NOT NULL,
    max_postings integer NOT NULL CHECK (max_postings >= 0),
    create_time  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX saved_search_runs_user_idx ON saved_search_runs (user_id, create_time);
CREATE INDEX saved_search_runs_search_idx ON saved_search_runs (search_id, create_time DESC);
