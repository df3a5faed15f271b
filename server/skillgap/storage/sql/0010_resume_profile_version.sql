-- Which reading of the text a resume's profile came from (taxonomy version, reading revision, engine):
-- profiles read by an older one are read anew (`skillgap reextract`, and `skillgap up` on start-up).
-- Empty for profiles stored before this column existed, so they are read anew too.
ALTER TABLE resumes ADD COLUMN profile_version text NOT NULL DEFAULT '';
CREATE INDEX resumes_profile_version ON resumes (profile_version);
