-- The required-skill filter (ListJobs, SearchJobs' lexical recall; storage/jobs.py search_filter_clauses) reads
-- the ids of a job's required skills from a small array of its own instead of the skills document.
--
-- The skills document is kept compressed out of line (a few KB); checking one job against the filter in it means
-- fetching and decompressing all of it, ~12 microseconds a job here: the lexical recall checks every job naming
-- the search's words (thousands at 100k jobs), so a required-skill filter cost it 3 ms when most jobs failed the
-- other filters first and 30 ms when they did not. The array (a few hundred bytes) stays in the row.
-- A text[] has statistics of its elements, so the planner also estimates how many jobs require a skill (it
-- guessed few for jsonb containment).
CREATE FUNCTION job_required_skill_ids(skills jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ARRAY(SELECT jsonb_path_query(skills, 'lax $.required_skills[*].skill.skill_id') #>> '{}');

-- Written with the row by every INSERT and UPDATE of skills, so ingestion needs no change. Adding it rewrites the
-- table once, under the migration lock: 26 s for 100k jobs here (bench_search's data, 2 shared cores), index and
-- ANALYZE included.
ALTER TABLE jobs ADD COLUMN required_skill_ids text[] GENERATED ALWAYS AS (job_required_skill_ids(skills)) STORED;

-- Replaces the index on the skills document's required skills, which the filter no longer reads.
DROP INDEX jobs_required_skills_idx;
CREATE INDEX jobs_required_skill_ids_idx ON jobs USING gin (required_skill_ids);
-- Its statistics now, for the planner's estimates (the rest of the table's are unchanged by the rewrite).
ANALYZE jobs (required_skill_ids);
