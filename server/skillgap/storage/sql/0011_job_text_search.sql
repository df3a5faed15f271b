-- Lexical recall for SearchJobs (storage/job_text_search.py): a weighted full-text vector of each job, the
-- title at weight A and the description at B, so a query naming exact technologies ("Windows Server Active
-- Directory VMware") finds the jobs that name them even when their embedding is not among the closest.
--
-- The title is indexed with the 'simple' configuration (lower case, no stemming): stemmed, "Administrative
-- Assistant" and "Systems Administrator" share 'administr', and a title is where that difference matters most.
-- The description is indexed in 'english', which stems ("servers" finds "server").
--
-- Both configurations' parser splits the names of some
-- technologies at their symbols: "C++" and "C#" both become 'c', "F#" 'f', ".NET" 'net'. job_search_text
-- spells those as words first ("cplusplus", "csharp", "fsharp", "dotnet"); queries go through the same
-- function, so both sides agree. Names with a dot inside ("Node.js", "ASP.NET", "Vue.js") and with a slash
-- ("CI/CD", "PL/SQL") are kept whole by the parser already.
CREATE FUNCTION job_search_text(body text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN regexp_replace(
        regexp_replace(
            regexp_replace(
                regexp_replace(body, '(^|[^[:alnum:]_+#.])c\+\+', '\1 cplusplus ', 'gi'),
                '(^|[^[:alnum:]_+#.])c#', '\1 csharp ', 'gi'),
            '(^|[^[:alnum:]_+#.])f#', '\1 fsharp ', 'gi'),
        '(^|[^[:alnum:]_.])\.net($|[^[:alnum:]_])', '\1 dotnet \2', 'gi');

-- A stored generated column: written with the row by every INSERT and UPDATE of title or description, so
-- ingestion needs no change, and ranking reads it instead of parsing descriptions at query time. Adding it
-- rewrites the table once, under the migration lock: 67 s for 100k jobs of 400-700 words here (2 shared cores),
-- GIN index included (34 MB).
ALTER TABLE jobs ADD COLUMN search_text tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, job_search_text(title)), 'A')
    || setweight(to_tsvector('english'::regconfig, job_search_text(description)), 'B')
) STORED;

-- Open jobs only, as SearchJobs returns by default: a closed job is found by its vector alone.
CREATE INDEX jobs_search_text_open_idx ON jobs USING gin (search_text) WHERE state = 'open';
