-- Every committed change to a job is announced on the channel `skillgap_job_changes` (payload: the job id; '*'
-- for a TRUNCATE), whichever process made it: a scrape worker, `skillgap reextract`, another server. Servers
-- keep recently read jobs in memory and forget one the moment its notice arrives (storage/job_cache.py).
CREATE FUNCTION skillgap_notify_job_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('skillgap_job_changes', '*');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('skillgap_job_changes', OLD.job_id::text);
    ELSE
        PERFORM pg_notify('skillgap_job_changes', NEW.job_id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_announce_change AFTER INSERT OR UPDATE OR DELETE ON jobs
    FOR EACH ROW EXECUTE FUNCTION skillgap_notify_job_change();
CREATE TRIGGER jobs_announce_truncate AFTER TRUNCATE ON jobs
    FOR EACH STATEMENT EXECUTE FUNCTION skillgap_notify_job_change();
