-- Version 3: saved searches. The server keeps them; what is "new" in one is local: jobs posted after the
-- user last opened it on this computer (seen_at). A search being deleted stays hidden until the server's
-- tombstone arrives, so a pull that runs before the delete is sent cannot bring it back.
CREATE TABLE saved_searches (
    id          TEXT PRIMARY KEY,          -- server id, or "local:<client_key>" until the server's arrives
    client_key  TEXT,                      -- the idempotency key it was created with here, if it was
    name        TEXT NOT NULL,
    filter_json TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    seen_at     TEXT NOT NULL,
    deleting    INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX saved_searches_client_key ON saved_searches(client_key) WHERE client_key IS NOT NULL;
