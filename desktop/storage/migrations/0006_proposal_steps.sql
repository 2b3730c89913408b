-- Version 6: a proposal's timeline. Each status a proposal was seen in, with when it got there: the
-- server's own time (the proposal's updated_at as a page or a live event carried it; created_at for
-- "submitted"). Recorded as the sync sees them, so a step the sync never saw (two moves while offline,
-- both covered by one delta page) is simply absent. The earliest time seen for a status is kept.
-- confirmed = 0: a step made here (a withdrawal still on its way) at this computer's time, replaced by the
-- server's time when its answer arrives.
CREATE TABLE proposal_steps (
    proposal_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    at          TEXT NOT NULL,
    confirmed   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (proposal_id, status)
) WITHOUT ROWID;

-- A proposal that leaves the cache (the marketplace's data-age limit, a refused local proposal) takes its
-- timeline with it.
CREATE TRIGGER proposal_steps_gone AFTER DELETE ON proposals BEGIN
    DELETE FROM proposal_steps WHERE proposal_id = old.id;
END;

-- What the cache already knows: when each proposal was sent, and when it reached its current status.
INSERT INTO proposal_steps (proposal_id, status, at)
    SELECT id, 'submitted', created_at FROM proposals WHERE id NOT LIKE 'local:%';
INSERT OR IGNORE INTO proposal_steps (proposal_id, status, at)
    SELECT id, status, updated_at FROM proposals WHERE id NOT LIKE 'local:%';

-- A proposal's or an invitation's conversation with the client is the room about its job.
CREATE INDEX rooms_job ON rooms(job_id);
