-- Version 8: whether a saved search's new jobs are announced (tray notifications). The user's choice on
-- this computer, kept apart from the marketplace's copy of the search: a pull never changes it.
ALTER TABLE saved_searches ADD COLUMN notify INTEGER NOT NULL DEFAULT 1;
