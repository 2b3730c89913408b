-- Version 5: what a marketplace with a cache-age limit (Upwork: 24 h) needs, and sends that cannot be
-- deduplicated by the server.
-- fetched: when each cached row last came from the marketplace. Written only for accounts whose
-- marketplace limits how long its data may be kept; storage/retention.py purges what was not fetched
-- again in time. The user's own drafts, local echoes and outbox are not marketplace data and stay.
CREATE TABLE fetched (
    resource   TEXT NOT NULL,
    id         TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (resource, id)
) WITHOUT ROWID;
CREATE INDEX fetched_at ON fetched(fetched_at);

-- started_at: when the outbox last handed this item to the network. A marketplace without idempotency
-- keys may have acted on an attempt whose answer never came (timeout, kill -9): such an item is looked
-- for on the marketplace before it is sent again.
ALTER TABLE outbox ADD COLUMN started_at TEXT;

-- url: the job's public page on the marketplace's website, where it has one ("Open in browser").
ALTER TABLE jobs ADD COLUMN url TEXT NOT NULL DEFAULT '';

-- proposal_drafts: a proposal being written, one per job, saved as it is typed (a form closed by
-- accident or a crash loses nothing). On a marketplace whose API cannot send proposals, this is where the
-- letter lives until the user sends it on the website. The user's own text: never purged.
CREATE TABLE proposal_drafts (
    job_id       TEXT PRIMARY KEY,
    job_title    TEXT NOT NULL,
    cover_letter TEXT NOT NULL,
    bid          TEXT NOT NULL,
    bid_currency TEXT NOT NULL,
    duration     TEXT NOT NULL,
    fee_rate     TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX proposal_drafts_updated ON proposal_drafts(updated_at DESC);
