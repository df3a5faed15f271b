-- Mock interviews: the whole session (plan, current question, answered turns) after every turn, so a
-- dropped stream continues on any server instance. `version` makes two turns racing on one session
-- (two streams, or a stream and a REST call) fail cleanly instead of losing one of them.
CREATE TABLE interviews (
    interview_id uuid PRIMARY KEY,
    user_id      text NOT NULL,
    job_id       uuid NOT NULL,
    resume_id    uuid NOT NULL,
    state        text NOT NULL CHECK (state IN ('active', 'finished', 'cancelled', 'expired')),
    session      jsonb NOT NULL,
    version      integer NOT NULL DEFAULT 0,
    create_time  timestamptz NOT NULL DEFAULT now(),
    update_time  timestamptz NOT NULL DEFAULT now(),
    expire_time  timestamptz NOT NULL
);

CREATE INDEX interviews_user_idx ON interviews (user_id, create_time DESC);
CREATE INDEX interviews_active_expiry_idx ON interviews (expire_time) WHERE state = 'active';
