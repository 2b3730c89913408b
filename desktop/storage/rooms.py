"""Chat rooms: one per client conversation, with unread counts and a last-message preview."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable
from typing import Any

from desktop.core.clock import parse_ts
from desktop.core.models import Room
from desktop.storage._convert import opt_ts, parse_opt_ts, placeholders, ts

_COLUMNS = (
    "id, title, counterpart_name, job_id, unread_count, last_message_preview, last_message_at, updated_at"
)
PREVIEW_LENGTH = 120


def preview(body: str) -> str:
    text = " ".join(body.split())
    return text if len(text) <= PREVIEW_LENGTH else text[: PREVIEW_LENGTH - 1] + "…"


def _room(row: tuple[Any, ...]) -> Room:
    return Room(
        id=row[0],
        title=row[1],
        counterpart_name=row[2],
        job_id=row[3],
        unread_count=row[4],
        last_message_preview=row[5],
        last_message_at=parse_opt_ts(row[6]),
        updated_at=parse_ts(row[7]),
    )


def upsert_many(conn: sqlite3.Connection, rooms: Iterable[Room]) -> int:
    """Insert or update by id. A preview older than the one already cached never replaces it."""
    rows = [
        (
            r.id,
            r.title,
            r.counterpart_name,
            r.job_id,
            r.unread_count,
            r.last_message_preview,
            opt_ts(r.last_message_at),
            ts(r.updated_at),
        )
        for r in rooms
    ]
    older = (
        "rooms.last_message_at IS NOT NULL AND (excluded.last_message_at IS NULL"
        " OR excluded.last_message_at < rooms.last_message_at)"
    )
    conn.executemany(
        f"INSERT INTO rooms ({_COLUMNS}) VALUES ({placeholders(8)}) ON CONFLICT (id) DO UPDATE SET"
        " title = excluded.title, counterpart_name = excluded.counterpart_name, job_id = excluded.job_id,"
        " unread_count = excluded.unread_count, updated_at = excluded.updated_at,"
        f" last_message_preview = CASE WHEN {older} THEN rooms.last_message_preview"
        " ELSE excluded.last_message_preview END,"
        f" last_message_at = CASE WHEN {older} THEN rooms.last_message_at ELSE excluded.last_message_at END",
        rows,
    )
    refresh_last_message(conn, [r[0] for r in rows])
    return len(rows)


def refresh_last_message(conn: sqlite3.Connection, room_ids: Iterable[str]) -> None:
    """Take the newest cached message of each room as its preview, when it is newer than the stored one."""
    for room_id in set(room_ids):
        row = conn.execute(
            "SELECT m.body, m.created_at, (SELECT group_concat(a.name, ', ') FROM message_attachments ma"
            " JOIN attachments a ON a.id = ma.attachment_id WHERE ma.message_id = m.id)"
            " FROM messages m WHERE m.room_id = ? ORDER BY m.created_at DESC, m.id DESC LIMIT 1",
            (room_id,),
        ).fetchone()
        if row is None:
            continue
        text = row[0] or row[2] or ""  # a message of files only: their names
        conn.execute(
            "UPDATE rooms SET last_message_preview = ?, last_message_at = ?"
            " WHERE id = ? AND (last_message_at IS NULL OR last_message_at <= ?)",
            (preview(text), row[1], room_id, row[1]),
        )


def get(conn: sqlite3.Connection, room_id: str) -> Room | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM rooms WHERE id = ?", (room_id,)).fetchone()
    return None if row is None else _room(row)


def list(conn: sqlite3.Connection) -> builtins.list[Room]:
    """Most recent conversation first; rooms without messages last."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM rooms"
        " ORDER BY last_message_at IS NULL, last_message_at DESC, updated_at DESC, id"
    )
    return [_room(r) for r in rows]


def set_unread(conn: sqlite3.Connection, room_id: str, count: int) -> None:
    conn.execute("UPDATE rooms SET unread_count = ? WHERE id = ?", (max(0, count), room_id))


def total_unread(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(sum(unread_count), 0) FROM rooms").fetchone()[0])


def for_job(conn: sqlite3.Connection, job_id: str) -> Room | None:
    """The conversation with the client about a job (the most recent, if there are several)."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM rooms WHERE job_id = ?"
        " ORDER BY last_message_at IS NULL, last_message_at DESC, updated_at DESC, id LIMIT 1",
        (job_id,),
    ).fetchone()
    return None if row is None else _room(row)
