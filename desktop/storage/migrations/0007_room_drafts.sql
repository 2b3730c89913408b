-- Version 7: what the user was writing in each conversation, kept across room switches and restarts.
-- The user's own text, not the marketplace's: clearing the cache and the marketplace's data-age limit
-- leave it, and a room that comes back with the next sync finds its draft again.
CREATE TABLE room_drafts (
    room_id    TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
