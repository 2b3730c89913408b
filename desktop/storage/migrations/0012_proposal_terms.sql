-- Version 10: screening questions and milestones.
-- A job's screening questions, as JSON [{"id", "text"}] (a proposal answers each one).
ALTER TABLE jobs ADD COLUMN screening_questions TEXT NOT NULL DEFAULT '[]';

-- A proposal's milestones (JSON [{"description", "amount", "currency", "due"}]) and its answers to the
-- job's screening questions (JSON [{"question_id", "question", "answer"}]), for proposals that have any.
-- Apart from proposals so that table keeps the shape the damaged-cache rescue recognises; a proposal that
-- leaves the cache takes its terms with it.
CREATE TABLE proposal_terms (
    proposal_id TEXT PRIMARY KEY,
    milestones  TEXT NOT NULL DEFAULT '[]',
    answers     TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;

CREATE TRIGGER proposal_terms_gone AFTER DELETE ON proposals BEGIN
    DELETE FROM proposal_terms WHERE proposal_id = old.id;
END;
