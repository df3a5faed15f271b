-- Job alerts, cross-source listings of one job, and what a scrape remembers to skip unchanged postings.

-- Every place a job is listed: the source that stored it first (the job's own source_kind, source_identifier,
-- external_id) and every other board seen listing the same posting (cross-source dedupe). A job is open while
-- one of its listings is; `source_version` is the board's own change signal for the posting (Greenhouse's
-- `updated_at`), compared on the next scrape so an unchanged posting is not read again.
CREATE TABLE job_sources (
    source_kind       text NOT NULL,
    source_identifier text NOT NULL,
    external_id       text NOT NULL,
    job_id            uuid NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    url               text NOT NULL DEFAULT '',
    source_version    text NOT NULL DEFAULT '',
    state             text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    first_seen_time   timestamptz NOT NULL DEFAULT now(),
    last_seen_time    timestamptz NOT NULL DEFAULT now(),
    close_time        timestamptz,
    PRIMARY KEY (source_kind, source_identifier, external_id)
);
CREATE INDEX job_sources_job_idx ON job_sources (job_id);
CREATE INDEX job_sources_open_idx ON job_sources (source_kind, source_identifier, last_seen_time) WHERE state = 'open';

INSERT INTO job_sources (source_kind, source_identifier, external_id, job_id, url, state, first_seen_time,
                         last_seen_time, close_time)
SELECT source_kind, source_identifier, external_id, job_id, url, state, create_time,
       coalesce(last_seen_time, scrape_time), close_time
FROM jobs;

-- Dedupe beyond the canonical URL and the content fingerprint: the company's own posting URL a board links to
-- (canonical), and the role's keys (company + title + each location, or + "remote"), equal for the same role
-- written differently on two boards.
ALTER TABLE jobs
    ADD COLUMN apply_url text NOT NULL DEFAULT '',
    ADD COLUMN role_keys text[] NOT NULL DEFAULT '{}';
CREATE INDEX jobs_apply_url_idx ON jobs (apply_url) WHERE apply_url <> '';
CREATE INDEX jobs_role_keys_idx ON jobs USING gin (role_keys) WHERE state = 'open';

-- HTTP validators (ETag, Last-Modified) of what a source fetched at its last complete scrape, sent back as
-- If-None-Match / If-Modified-Since: a 304 answer means the page is as stored and is not read again.
CREATE TABLE fetch_validators (
    source_kind       text NOT NULL,
    source_identifier text NOT NULL,
    url               text NOT NULL,
    etag              text NOT NULL DEFAULT '',
    last_modified     text NOT NULL DEFAULT '',
    update_time       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_kind, source_identifier, url)
);

-- A user's alert subscriptions: one of their resumes, the SearchJobs filters (as the user set them, the JSON of
-- matching.service.JobFilter), a minimum score, and an optional webhook. Deleting the resume deletes them.
CREATE TABLE alert_subscriptions (
    subscription_id uuid PRIMARY KEY,
    user_id         text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    resume_id       uuid NOT NULL REFERENCES resumes (resume_id) ON DELETE CASCADE,
    filter          jsonb NOT NULL DEFAULT '{}'::jsonb,
    min_score       real NOT NULL,
    webhook_url     text NOT NULL DEFAULT '',
    create_time     timestamptz NOT NULL DEFAULT now(),
    update_time     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_subscriptions_user_idx ON alert_subscriptions (user_id, create_time DESC, subscription_id DESC);

-- The secret a user's webhook bodies are signed with (HMAC-SHA256); shown to the user once, when made.
CREATE TABLE alert_webhook_secrets (
    user_id     text PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    secret      text NOT NULL,
    create_time timestamptz NOT NULL DEFAULT now()
);

-- One POST of a webhook: the alerts one scrape run found for one subscription, as the exact body signed.
CREATE TABLE alert_deliveries (
    delivery_id     uuid PRIMARY KEY,
    user_id         text NOT NULL,
    subscription_id uuid NOT NULL REFERENCES alert_subscriptions (subscription_id) ON DELETE CASCADE,
    url             text NOT NULL,
    body            bytea NOT NULL,
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    last_status     integer NOT NULL DEFAULT 0,
    last_error      text NOT NULL DEFAULT '',
    create_time     timestamptz NOT NULL DEFAULT now(),
    update_time     timestamptz NOT NULL DEFAULT now(),
    deliver_time    timestamptz
);

-- An alert: a new or changed job that scored at least the subscription's minimum. Once per subscription and job,
-- however often the job changes or however many boards list it. `seen_time` is set when ListAlerts returns it.
CREATE TABLE alerts (
    alert_id        uuid PRIMARY KEY,
    user_id         text NOT NULL,
    subscription_id uuid NOT NULL REFERENCES alert_subscriptions (subscription_id) ON DELETE CASCADE,
    job_id          uuid NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    run_id          uuid,
    score           real NOT NULL,
    reasons         jsonb NOT NULL DEFAULT '[]'::jsonb,
    delivery_id     uuid REFERENCES alert_deliveries (delivery_id) ON DELETE SET NULL,
    create_time     timestamptz NOT NULL DEFAULT now(),
    seen_time       timestamptz,
    CONSTRAINT alerts_once UNIQUE (subscription_id, job_id)
);
-- ListAlerts: a user's alerts newest first; the unseen count.
CREATE INDEX alerts_user_newest_idx ON alerts (user_id, create_time DESC, alert_id DESC);
CREATE INDEX alerts_user_unseen_idx ON alerts (user_id) WHERE seen_time IS NULL;

-- Which finished scrape runs have had their new and changed jobs matched against the subscriptions (the worker's
-- catch-up finds the others).
CREATE TABLE alert_runs (
    run_id          uuid PRIMARY KEY REFERENCES scrape_runs (run_id) ON DELETE CASCADE,
    jobs_considered integer NOT NULL DEFAULT 0,
    jobs_skipped    integer NOT NULL DEFAULT 0,
    alerts_created  integer NOT NULL DEFAULT 0,
    match_time      timestamptz NOT NULL DEFAULT now()
);
