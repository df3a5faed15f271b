-- Job postings, shared by all users. Scraping (a later release) fills this table; skill extraction
-- stores its breakdown in `skills` so reads never re-extract.
CREATE TABLE jobs (
    job_id            uuid PRIMARY KEY,
    source_kind       text NOT NULL,
    source_identifier text NOT NULL,
    external_id       text NOT NULL,
    title             text NOT NULL,
    company           text NOT NULL DEFAULT '',
    url               text NOT NULL DEFAULT '',
    description       text NOT NULL,
    -- Locations, workplace and employment type, salary: as normalized by ingestion.
    details           jsonb NOT NULL DEFAULT '{}'::jsonb,
    post_time         timestamptz,
    scrape_time       timestamptz NOT NULL DEFAULT now(),
    state             text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    close_time        timestamptz,
    skills            jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- Which taxonomy/engine produced `skills`, so a taxonomy change can find what to redo.
    skills_version    text NOT NULL DEFAULT '',
    create_time       timestamptz NOT NULL DEFAULT now(),
    update_time       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT jobs_source_unique UNIQUE (source_kind, source_identifier, external_id)
);
