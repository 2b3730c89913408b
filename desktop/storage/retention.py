"""How long marketplace data may stay in the cache, for marketplaces that limit it (Upwork: 24 hours).

The sync engine notes when each row was fetched (``note_fetched``, in the transaction that stores it) and
calls ``purge`` with the oldest moment still allowed. A row with no note (written by an outbox answer, or
before the account had a limit) is judged by its own timestamp. What the user made here is never
purged: local echoes still being sent, local proposals and saved searches, drafts and the outbox.
"""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from desktop.storage import jobs, messages, rooms
from desktop.storage._convert import chunks, placeholders, ts

# resource name (as the sync engine calls it) -> (table, own timestamp column, rows that are ours, not the
# marketplace's: never purged)
_TABLES: dict[str, tuple[str, str, str]] = {
    "jobs": ("jobs", "updated_at", "0"),
    "proposals": ("proposals", "updated_at", "t.client_key IS NOT NULL"),
    "invitations": ("invitations", "updated_at", "0"),
    "saved_searches": ("saved_searches", "updated_at", "t.id LIKE 'local:%' OR t.deleting = 1"),
    "rooms": ("rooms", "updated_at", "0"),
    "messages": ("messages", "created_at", "t.state <> 'sent'"),
    "transactions": ("transactions", "updated_at", "0"),
    "contracts": ("contracts", "updated_at", "0"),
}
SINGLE_ROWS = ("profile", "earnings_summary")
RESOURCES = tuple(_TABLES)


@dataclass(frozen=True, slots=True)
class Purged:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def note_fetched(conn: sqlite3.Connection, resource: str, ids: Iterable[str], at: datetime) -> None:
    stamp = ts(at)
    conn.executemany(
        "INSERT INTO fetched (resource, id, fetched_at) VALUES (?, ?, ?)"
        " ON CONFLICT (resource, id) DO UPDATE SET fetched_at = excluded.fetched_at",
        ((resource, item_id, stamp) for item_id in ids))


def note_single(conn: sqlite3.Connection, table: str, at: datetime) -> None:
    """The profile or the earnings summary (one row each) was fetched."""
    note_fetched(conn, table, ["1"], at)


def _stale_ids(conn: sqlite3.Connection, resource: str, cutoff: str) -> builtins.list[str]:
    table, own_ts, ours = _TABLES[resource]
    rows = conn.execute(
        f"SELECT t.id FROM {table} t LEFT JOIN fetched f ON f.resource = ? AND f.id = t.id"
        f" WHERE NOT ({ours}) AND coalesce(f.fetched_at, t.{own_ts}) < ?",
        (resource, cutoff)).fetchall()
    return [str(r[0]) for r in rows]


def purge(conn: sqlite3.Connection, cutoff: datetime) -> Purged:
    """Delete every marketplace row last fetched before ``cutoff``; say how many of each went."""
    stamp = ts(cutoff)
    counts: dict[str, int] = {}
    for resource in RESOURCES:
        stale = _stale_ids(conn, resource, stamp)
        if not stale:
            continue
        if resource == "jobs":
            jobs.delete(conn, stale)
        elif resource == "messages":
            touched = messages.delete_many(conn, stale)
            rooms.refresh_last_message(conn, touched)
        else:
            table = _TABLES[resource][0]
            for batch in chunks(stale):
                conn.execute(f"DELETE FROM {table} WHERE id IN ({placeholders(len(batch))})", batch)
        for batch in chunks(stale):
            conn.execute(f"DELETE FROM fetched WHERE resource = ? AND id IN ({placeholders(len(batch))})",
                         [resource, *batch])
        counts[resource] = len(stale)
    for table in SINGLE_ROWS:
        row = conn.execute("SELECT fetched_at FROM fetched WHERE resource = ? AND id = '1'",
                           (table,)).fetchone()
        if row is None or row[0] < stamp:
            gone = conn.execute(f"DELETE FROM {table}").rowcount
            conn.execute("DELETE FROM fetched WHERE resource = ?", (table,))
            if gone:
                counts[table] = gone
    return Purged(counts)
