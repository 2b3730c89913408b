"""How much of each kind the cache holds: for the self-test, and for comparing the cache with a server."""

from __future__ import annotations

import sqlite3

from desktop.storage import earnings, invitations, jobs, messages, proposals, rooms, saved_searches


def cached_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per kind, keyed like the reference server's counts (jobs, proposals, rooms, …)."""
    return {
        "jobs": jobs.total(conn),
        "proposals": len(proposals.list(conn)),
        "rooms": len(rooms.list(conn)),
        "messages": messages.count(conn),
        "transactions": earnings.transactions_count(conn),
        "invitations": len(invitations.list(conn)),
        "saved_searches": len(saved_searches.list(conn)),
        "contracts": int(conn.execute("SELECT count(*) FROM contracts").fetchone()[0]),
    }
