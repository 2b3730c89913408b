-- Atelier cache schema, version 1.
-- Timestamps are TEXT in core.clock.format_ts form (UTC, microseconds, sortable as text).
-- Money is TEXT (a decimal string) plus a currency column; INTEGER cents only where SQL filters or sorts.
-- No foreign keys between cached resources: the server sends them in any order.

-- Jobs ----------------------------------------------------------------------------------------------
-- seq is the rowid and the default sort key: posted_at in microseconds since the epoch * 1024 plus a
-- small tie-breaker (see storage/jobs.py). "ORDER BY seq DESC" is "newest first" without a sort step,
-- and the FTS index (content_rowid = seq) can hand matches back already in that order.
CREATE TABLE jobs (
    seq                         INTEGER PRIMARY KEY,
    id                          TEXT NOT NULL UNIQUE,
    posted_at                   TEXT NOT NULL,
    updated_at                  TEXT NOT NULL,
    job_type                    TEXT NOT NULL,
    experience_level            TEXT NOT NULL,
    category                    TEXT NOT NULL,
    status                      TEXT NOT NULL,
    proposals_count             INTEGER NOT NULL,
    connects_required           INTEGER NOT NULL,
    headline_cents              INTEGER,          -- fixed budget, or the top of the hourly range
    headline_currency           TEXT,
    client_payment_verified     INTEGER NOT NULL,
    fee_rate                    TEXT NOT NULL,
    duration                    TEXT NOT NULL,
    budget                      TEXT,
    budget_currency             TEXT,
    hourly_min                  TEXT,
    hourly_min_currency         TEXT,
    hourly_max                  TEXT,
    hourly_max_currency         TEXT,
    client_id                   TEXT NOT NULL,
    client_name                 TEXT NOT NULL,
    client_country              TEXT NOT NULL,
    client_rating               TEXT,
    client_total_spent          TEXT NOT NULL,
    client_total_spent_currency TEXT NOT NULL,
    client_hires                INTEGER NOT NULL,
    title                       TEXT NOT NULL,
    skills                      TEXT NOT NULL,    -- JSON array of strings
    description                 TEXT NOT NULL
);
-- Indexes for the feed (storage/jobs.py picks between them; every index ends in seq implicitly):
-- category walk in seq order; the budget and fewest-proposals sort orders; and one covering index
-- over every filter column, so counting a filtered set never touches the big rows.
CREATE INDEX jobs_category ON jobs(category);
CREATE INDEX jobs_headline ON jobs(headline_cents, seq);
CREATE INDEX jobs_proposals ON jobs(proposals_count, seq DESC);
CREATE INDEX jobs_facets ON jobs(
    category, job_type, experience_level, client_payment_verified, proposals_count, headline_cents
);

CREATE VIRTUAL TABLE jobs_fts USING fts5(
    title, description, skills,
    content = 'jobs', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2'
);
-- relevance: a title hit counts most, then skills, then the description
INSERT INTO jobs_fts(jobs_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0, 4.0)');

-- No triggers keep jobs_fts in step: storage/jobs.py maintains it explicitly (in bulk, in ascending
-- rowid order), which is several times faster than per-row triggers. Write jobs only through jobs.py.

-- Proposals -----------------------------------------------------------------------------------------
CREATE TABLE proposals (
    id              TEXT PRIMARY KEY,      -- server id, or "local:<client_key>" until the server's arrives
    job_id          TEXT NOT NULL,
    job_title       TEXT NOT NULL,
    client_name     TEXT NOT NULL DEFAULT '',
    cover_letter    TEXT NOT NULL,
    bid             TEXT NOT NULL,
    bid_currency    TEXT NOT NULL,
    duration        TEXT NOT NULL,
    status          TEXT NOT NULL,
    fee_rate        TEXT NOT NULL,
    connects_spent  INTEGER NOT NULL,
    invited         INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    client_key      TEXT UNIQUE            -- only on local rows
);
CREATE INDEX proposals_updated ON proposals(updated_at DESC, id);
CREATE INDEX proposals_job ON proposals(job_id);

-- Invitations ---------------------------------------------------------------------------------------
CREATE TABLE invitations (
    id          TEXT PRIMARY KEY,
    job_id      TEXT NOT NULL,
    job_title   TEXT NOT NULL,
    client_name TEXT NOT NULL,
    message     TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX invitations_created ON invitations(created_at DESC, id);

-- Chat ----------------------------------------------------------------------------------------------
CREATE TABLE rooms (
    id                   TEXT PRIMARY KEY,
    title                TEXT NOT NULL,
    counterpart_name     TEXT NOT NULL,
    job_id               TEXT,
    unread_count         INTEGER NOT NULL DEFAULT 0,
    last_message_preview TEXT NOT NULL DEFAULT '',
    last_message_at      TEXT,
    updated_at           TEXT NOT NULL
);

CREATE TABLE messages (
    seq         INTEGER PRIMARY KEY,       -- stable rowid for the FTS index; a local echo keeps it
    id          TEXT NOT NULL UNIQUE,      -- server id or "local:<client_key>"
    room_id     TEXT NOT NULL,
    sender_id   TEXT NOT NULL,
    sender_name TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    state       TEXT NOT NULL,
    client_key  TEXT UNIQUE,
    body        TEXT NOT NULL
);
CREATE INDEX messages_room ON messages(room_id, created_at, id);
CREATE INDEX messages_created ON messages(created_at, id);

CREATE VIRTUAL TABLE messages_fts USING fts5(
    body,
    content = 'messages', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Kept in step by storage/messages.py (explicitly, like jobs_fts).

-- Earnings ------------------------------------------------------------------------------------------
CREATE TABLE transactions (
    id             TEXT PRIMARY KEY,
    type           TEXT NOT NULL,
    status         TEXT NOT NULL,
    description    TEXT NOT NULL,
    job_id         TEXT,
    gross          TEXT NOT NULL,
    gross_currency TEXT NOT NULL,
    fee            TEXT NOT NULL,
    fee_currency   TEXT NOT NULL,
    net            TEXT NOT NULL,
    net_currency   TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    available_at   TEXT,
    updated_at     TEXT NOT NULL
);
CREATE INDEX transactions_created ON transactions(created_at DESC, id DESC);
CREATE INDEX transactions_type ON transactions(type, created_at DESC, id DESC);

CREATE TABLE earnings_summary (
    id                         INTEGER PRIMARY KEY CHECK (id = 1),
    work_in_progress           TEXT NOT NULL,
    work_in_progress_currency  TEXT NOT NULL,
    in_review                  TEXT NOT NULL,
    in_review_currency         TEXT NOT NULL,
    pending                    TEXT NOT NULL,
    pending_currency           TEXT NOT NULL,
    available                  TEXT NOT NULL,
    available_currency         TEXT NOT NULL,
    lifetime                   TEXT NOT NULL,
    lifetime_currency          TEXT NOT NULL,
    updated_at                 TEXT NOT NULL
);

-- Account -------------------------------------------------------------------------------------------
CREATE TABLE profile (
    id                     INTEGER PRIMARY KEY CHECK (id = 1),
    freelancer_id          TEXT NOT NULL,
    name                   TEXT NOT NULL,
    title                  TEXT NOT NULL,
    email                  TEXT NOT NULL,
    skills                 TEXT NOT NULL,   -- JSON array
    hourly_rate            TEXT NOT NULL,
    hourly_rate_currency   TEXT NOT NULL,
    connects               INTEGER NOT NULL,
    fee_rate               TEXT NOT NULL,
    country                TEXT NOT NULL
);

CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Outbox: every change for the server is written here before the first attempt -----------------------
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused: the id is the FIFO order
    kind            TEXT NOT NULL,
    payload         TEXT NOT NULL,                       -- JSON object
    idempotency_key TEXT NOT NULL UNIQUE,
    attempts        INTEGER NOT NULL DEFAULT 0,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL
);
