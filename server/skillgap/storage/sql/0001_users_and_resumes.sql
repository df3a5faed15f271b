-- Users exist as the `sub` of their tokens; the row records when we first saw them.
CREATE TABLE users (
    user_id     text PRIMARY KEY,
    create_time timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE resumes (
    resume_id      uuid PRIMARY KEY,
    user_id        text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    filename       text NOT NULL,
    content_type   text NOT NULL,
    -- The original upload, so the user can have it back and we can re-parse it after a parser fix.
    content        bytea NOT NULL,
    size_bytes     bigint NOT NULL,
    page_count     integer NOT NULL DEFAULT 0,
    text           text NOT NULL,
    content_sha256 text NOT NULL,
    -- Extracted skills, experience and seniority (filled by skill extraction).
    profile        jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- Name of the embedding model whose vector is in the index; NULL when not indexed.
    embedding_model text,
    create_time    timestamptz NOT NULL DEFAULT now(),
    update_time    timestamptz NOT NULL DEFAULT now(),
    -- One user uploading the same bytes twice gets the same resume back.
    CONSTRAINT resumes_user_content_unique UNIQUE (user_id, content_sha256)
);

-- ListResumes pages newest first by (create_time, resume_id).
CREATE INDEX resumes_user_created_idx ON resumes (user_id, create_time DESC, resume_id DESC);
