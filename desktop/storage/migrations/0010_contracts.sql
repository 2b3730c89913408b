-- Contracts and their milestones, as the marketplace sent them (GET /v1/contracts, contract.updated).
-- (Numbered 0011 in the plan of issue 11: renumber at merge; the file needs nothing of 0009/0010.)
-- Money as decimal text with its currency, like the transactions; dates of milestones as YYYY-MM-DD.
CREATE TABLE contracts (
    id                   TEXT PRIMARY KEY,
    title                TEXT NOT NULL,
    job_id               TEXT NOT NULL,
    client_id            TEXT NOT NULL,
    client_name          TEXT NOT NULL,
    contract_type        TEXT NOT NULL,
    status               TEXT NOT NULL,
    proposal_id          TEXT,
    room_id              TEXT,
    hourly_rate          TEXT,
    hourly_rate_currency TEXT,
    weekly_limit_hours   INTEGER,
    hours_this_week      TEXT,
    week_start           TEXT,
    budget               TEXT,
    budget_currency      TEXT,
    fee_rate             TEXT,
    started_at           TEXT NOT NULL,
    ended_at             TEXT,
    updated_at           TEXT NOT NULL
);
CREATE INDEX contracts_status ON contracts(status, started_at);

-- Replaced whole with each newer copy of their contract.
CREATE TABLE milestones (
    id              TEXT PRIMARY KEY,
    contract_id     TEXT NOT NULL,
    position        INTEGER NOT NULL,
    description     TEXT NOT NULL,
    amount          TEXT NOT NULL,
    amount_currency TEXT NOT NULL,
    status          TEXT NOT NULL,
    due_date        TEXT,
    funded_at       TEXT,
    submitted_at    TEXT,
    approved_at     TEXT,
    paid_at         TEXT
);
CREATE INDEX milestones_contract ON milestones(contract_id, position);

-- A contract that leaves the cache (a cleared cache, the marketplace's data-age limit) takes its milestones.
CREATE TRIGGER milestones_gone AFTER DELETE ON contracts BEGIN
    DELETE FROM milestones WHERE contract_id = old.id;
END;
