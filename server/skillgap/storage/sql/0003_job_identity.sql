-- What ingestion needs to recognise a posting again: its canonical URL, a content fingerprint that is
-- equal for the same posting on two boards, a hash of everything stored (unchanged postings are not
-- extracted or embedded again), and when a board last listed it (unlisted postings are closed).
ALTER TABLE jobs
    ADD COLUMN canonical_url  text NOT NULL DEFAULT '',
    ADD COLUMN fingerprint    text NOT NULL DEFAULT '',
    ADD COLUMN content_hash   text NOT NULL DEFAULT '',
    ADD COLUMN last_seen_time timestamptz;

CREATE INDEX jobs_fingerprint_idx ON jobs (fingerprint) WHERE fingerprint <> '';
CREATE INDEX jobs_canonical_url_idx ON jobs (canonical_url) WHERE canonical_url <> '';
CREATE INDEX jobs_source_state_idx ON jobs (source_kind, source_identifier, state);
