"""Clearing the cache ("Clear cache…" in Settings): forget what came from the marketplace, keep what is
the user's own.

Removed: jobs, proposals, invitations, conversations and their messages, transactions, contracts (with
their milestones) and the earnings summary as the marketplace sent them, with the sync watermarks and the
event-stream position, so the next pull fetches everything again.

Kept, always:
- the outbox, every row (pending, sent history, and the failed ones "Needs your attention" lists);
- proposal drafts, and the jobs they are written for (the form opens on the job); cover-letter
  templates, and which template each sent proposal used;
- what the user was writing in each conversation (room_drafts: found again when the room comes back);
- the user's unsent or refused chat messages (any message not ``sent``) and the rooms they are in, with
  their files (an upload still waiting is the user's own: its row and its copy in the account's folder);
- local proposals (written here, not yet confirmed) and anything a waiting or refused outbox action
  points at (the proposal being withdrawn, the invitation being declined, the job of a queued proposal);
- saved searches: the user's own, with the "seen" marks that exist only on this computer;
- the profile: who "me" is (the chat needs it to tell the user's messages apart); the next pull
  refreshes it.

One function, run in one write transaction: a failure leaves the cache as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from desktop.storage import attachments, jobs, messages, rooms
from desktop.storage._convert import chunks, placeholders

# sync_state keys that say how far the marketplace's data was fetched (see services/sync.py)
_POSITION_KEYS = ("last_event_id", "last_full_refresh")
_WATERMARK_PREFIX = "watermark:"


def _waiting_refs(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Ids that outbox actions still waiting or refused point at: {"job_id": {...}, "room_id": ...}."""
    refs: dict[str, set[str]] = {"job_id": set(), "proposal_id": set(), "invitation_id": set(),
                                 "room_id": set()}
    for (payload,) in conn.execute("SELECT payload FROM outbox WHERE state IN ('pending', 'failed')"):
        try:
            value = json.loads(payload)
        except ValueError:
            continue
        if not isinstance(value, dict):
            continue
        for key, found in refs.items():
            ref = value.get(key)
            if isinstance(ref, str) and ref:
                found.add(ref)
    return refs


def _ids(conn: sqlite3.Connection, sql: str, params: Iterable[object] = ()) -> set[str]:
    return {str(row[0]) for row in conn.execute(sql, tuple(params))}


def _delete_except(conn: sqlite3.Connection, table: str, keep: set[str]) -> int:
    doomed = sorted(_ids(conn, f"SELECT id FROM {table}") - keep)
    for batch in chunks(doomed):
        conn.execute(f"DELETE FROM {table} WHERE id IN ({placeholders(len(batch))})", batch)
    return len(doomed)


def clear_marketplace_data(conn: sqlite3.Connection) -> dict[str, int]:
    """Delete the marketplace's cached data, keeping the user's own (see the module's doc). Returns how
    many rows of each kind went."""
    refs = _waiting_refs(conn)
    counts: dict[str, int] = {}

    # Messages: every one the marketplace has (state 'sent'); the user's sending/failed ones stay.
    sent = _ids(conn, "SELECT id FROM messages WHERE state = 'sent'")
    counts["messages"] = len(sent)
    if sent:
        messages.delete_many(conn, sent)
    # The marketplace's files go with their messages; ours waiting to be uploaded (or refused) stay.
    counts["attachments"] = attachments.forget_unlinked_remote(conn)
    keep_rooms = _ids(conn, "SELECT DISTINCT room_id FROM messages") | refs["room_id"]
    counts["rooms"] = _delete_except(conn, "rooms", keep_rooms)
    rooms.refresh_last_message(conn, keep_rooms)

    keep_proposals = _ids(conn, "SELECT id FROM proposals WHERE client_key IS NOT NULL") | refs["proposal_id"]
    keep_jobs = (_ids(conn, "SELECT job_id FROM proposal_drafts") | refs["job_id"]
                 | _ids(conn, "SELECT job_id FROM proposals WHERE client_key IS NOT NULL"))
    counts["proposals"] = _delete_except(conn, "proposals", keep_proposals)
    counts["invitations"] = _delete_except(conn, "invitations", refs["invitation_id"])

    total_jobs = int(conn.execute("SELECT count(*) FROM jobs").fetchone()[0])
    kept_jobs = sorted(keep_jobs & _ids(conn, "SELECT id FROM jobs"))
    if len(kept_jobs) * 2 < total_jobs:
        # Most of the table goes: one statement, then the (small) search index rebuilt from what is left,
        # much faster than removing each row's index entries one by one.
        conn.execute("DELETE FROM jobs WHERE id NOT IN (SELECT value FROM json_each(?))",
                     (json.dumps(kept_jobs),))
        jobs.rebuild_fts(conn)
    else:
        jobs.delete(conn, sorted(_ids(conn, "SELECT id FROM jobs") - keep_jobs))
    counts["jobs"] = total_jobs - len(kept_jobs)

    counts["transactions"] = conn.execute("DELETE FROM transactions").rowcount
    counts["earnings_summary"] = conn.execute("DELETE FROM earnings_summary").rowcount
    counts["contracts"] = conn.execute("DELETE FROM contracts").rowcount  # milestones go with them

    # What was fetched when (marketplaces with a cache-age limit): nothing of the removed rows remains.
    conn.execute("DELETE FROM fetched WHERE resource NOT IN ('profile', 'saved_searches')")
    conn.execute(f"DELETE FROM sync_state WHERE key IN ({placeholders(len(_POSITION_KEYS))})"
                 " OR key LIKE ?", (*_POSITION_KEYS, _WATERMARK_PREFIX + "%"))
    return counts

