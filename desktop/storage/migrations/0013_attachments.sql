-- Files of chat messages. (Number 0013 in the plan of issue 11; named 0011 on its branch so the cache opens:
-- renumber at merge. The file needs nothing of 0010 and after.)
-- Our own files are user data until their message is sent: state 'uploading' (or 'failed') with the copy
-- made when the user pressed Send at local_path. The marketplace's files are 'remote'; local_path is set
-- once one is downloaded (or, for a file we sent, it is the copy we sent).
CREATE TABLE attachments (
    id           TEXT PRIMARY KEY,   -- the marketplace's id, or "local:<upload_key>" until it is uploaded
    upload_key   TEXT UNIQUE,        -- the idempotency key our upload is sent with (NULL: not ours)
    room_id      TEXT NOT NULL,
    name         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    state        TEXT NOT NULL,      -- uploading | failed | remote
    local_path   TEXT,               -- the file on this computer, if any
    created_at   TEXT NOT NULL
);

-- Which files a message carries, in order. A message's id changes when the marketplace's copy takes over
-- its local echo, an attachment's when its upload is answered: the links follow both, and go with the message.
CREATE TABLE message_attachments (
    message_id    TEXT NOT NULL,
    position      INTEGER NOT NULL,
    attachment_id TEXT NOT NULL,
    PRIMARY KEY (message_id, position)
) WITHOUT ROWID;
CREATE INDEX message_attachments_attachment ON message_attachments(attachment_id);

CREATE TRIGGER message_attachments_message_renamed AFTER UPDATE OF id ON messages
WHEN old.id <> new.id BEGIN
    UPDATE message_attachments SET message_id = new.id WHERE message_id = old.id;
END;
CREATE TRIGGER message_attachments_message_gone AFTER DELETE ON messages BEGIN
    DELETE FROM message_attachments WHERE message_id = old.id;
END;
CREATE TRIGGER message_attachments_attachment_renamed AFTER UPDATE OF id ON attachments
WHEN old.id <> new.id BEGIN
    UPDATE message_attachments SET attachment_id = new.id WHERE attachment_id = old.id;
END;
