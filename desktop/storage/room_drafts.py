"""What the user is writing in each conversation: one draft per room (see migration 0007)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from desktop.core.clock import format_ts


def save(conn: sqlite3.Connection, room_id: str, body: str, now: datetime) -> None:
    """Keep ``body`` as the room's draft; an empty (or blank) one removes it."""
    if not body.strip():
        conn.execute("DELETE FROM room_drafts WHERE room_id = ?", (room_id,))
        return
    conn.execute(
        "INSERT INTO room_drafts (room_id, body, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (room_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        (room_id, body, format_ts(now)))


def get(conn: sqlite3.Connection, room_id: str) -> str:
    row = conn.execute("SELECT body FROM room_drafts WHERE room_id = ?", (room_id,)).fetchone()
    return str(row[0]) if row is not None else ""


def rooms_with_drafts(conn: sqlite3.Connection) -> set[str]:
    return {str(row[0]) for row in conn.execute("SELECT room_id FROM room_drafts")}
