-- Version 9: cover-letter templates, kept in the account's own cache (what a letter says about "me" and
-- my rate belongs to the account it was written for), and which template a sent proposal started from,
-- so each template's reply rate can be counted. The use is its own table: a proposal row is rewritten by
-- every sync and would lose a column the server does not know. Both are the user's own: clearing the
-- cache and the marketplace's data-age limit leave them.
CREATE TABLE proposal_templates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE proposal_template_use (
    proposal_id TEXT PRIMARY KEY,
    template_id INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX proposal_template_use_template ON proposal_template_use(template_id);

-- What a draft holds beyond its letter and terms: the template it started from, and (as JSON) the parts
-- of a proposal a newer form writes (milestones, screening answers). Apart from proposal_drafts so that
-- table keeps the shape the damaged-cache rescue recognises.
CREATE TABLE proposal_draft_extras (
    job_id      TEXT PRIMARY KEY,
    template_id INTEGER,
    extras      TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
