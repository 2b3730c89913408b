-- Best match (core/match.py): each job's score for the signed-in freelancer, written with the job and
-- again for every job when the profile's skills or rate change; its index makes "Best match" an index walk.
ALTER TABLE jobs ADD COLUMN match_score INTEGER NOT NULL DEFAULT 0;
CREATE INDEX jobs_match ON jobs(match_score, seq);

-- What the user did to a job here: hidden (gone from the feed and the saved-search counts) or saved
-- (the "Saved jobs" list). Kept by job id, so a job fetched again keeps its mark; local to this computer.
CREATE TABLE job_marks (
    job_id    TEXT PRIMARY KEY,
    hidden    INTEGER NOT NULL DEFAULT 0,
    saved     INTEGER NOT NULL DEFAULT 0,
    marked_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX job_marks_hidden ON job_marks(hidden) WHERE hidden = 1;
