"""Chat messages: server messages, local echoes of messages still in the outbox, full-text search.

A message typed here is stored at once as a local echo (id "local:<client_key>", state SENDING). When
the server's copy arrives with the same client_key it takes over that very row (same seq, so the FTS
entry and any UI position survive), and never appears twice.
"""

from __future__ import annotations

import builtins
import dataclasses
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from desktop.core.clock import parse_ts
from desktop.core.models import DeliveryState, Message
from desktop.storage import attachments, fts, rooms
from desktop.storage._convert import chunks, placeholders, ts

_COLUMNS = "id, room_id, sender_id, sender_name, body, created_at, state, client_key"
_M_COLUMNS = ", ".join(f"m.{c.strip()}" for c in _COLUMNS.split(","))
LOCAL_PREFIX = "local:"

_FTS_INSERT = "INSERT INTO messages_fts (rowid, body) VALUES (?, ?)"
_FTS_DELETE = "INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', ?, ?)"


def _message(row: tuple[Any, ...]) -> Message:
    return Message(
        id=row[0],
        room_id=row[1],
        sender_id=row[2],
        sender_name=row[3],
        body=row[4],
        created_at=parse_ts(row[5]),
        state=DeliveryState(row[6]),
        client_key=row[7],
    )


def upsert_many(conn: sqlite3.Connection, msgs: Iterable[Message]) -> int:
    """Insert or update by id; a message whose client_key matches a local echo replaces that row."""
    latest: dict[str, Message] = {}
    for m in msgs:
        latest[m.id] = m
    fts_deletes: builtins.list[tuple[int, str]] = []
    fts_inserts: builtins.list[tuple[int, str]] = []
    touched_rooms: set[str] = set()
    for m in latest.values():
        values = (m.id, m.room_id, m.sender_id, m.sender_name, m.body, ts(m.created_at), m.state.value)
        by_id = conn.execute("SELECT seq, body, client_key FROM messages WHERE id = ?", (m.id,)).fetchone()
        echo = None
        if m.client_key is not None:
            echo = conn.execute(
                "SELECT seq, body, room_id FROM messages WHERE client_key = ? AND id <> ?",
                (m.client_key, m.id),
            ).fetchone()
        if by_id is not None and echo is not None:
            # both copies exist: the server's row stays, the echo goes
            conn.execute("DELETE FROM messages WHERE seq = ?", (echo[0],))
            fts_deletes.append((echo[0], echo[1]))
            touched_rooms.add(echo[2])
            echo = None
        target = by_id if by_id is not None else echo
        if target is None:
            cur = conn.execute(
                f"INSERT INTO messages ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*values, m.client_key)
            )
            assert cur.lastrowid is not None
            fts_inserts.append((cur.lastrowid, m.body))
        else:
            seq, old_body = target[0], target[1]
            conn.execute(
                "UPDATE messages SET id = ?, room_id = ?, sender_id = ?, sender_name = ?, body = ?,"
                " created_at = ?, state = ?, client_key = coalesce(?, client_key) WHERE seq = ?",
                (*values, m.client_key, seq),
            )
            if old_body != m.body:
                fts_deletes.append((seq, old_body))
                fts_inserts.append((seq, m.body))
        touched_rooms.add(m.room_id)
        if m.attachments:  # the marketplace's list of a message never changes; ours were linked at send
            attachments.upsert_remote(conn, m.room_id, m.attachments, m.created_at)
            attachments.link(conn, m.id, [a.id for a in m.attachments])
    # FTS5 writes best in ascending rowid order (see jobs.upsert_many)
    conn.executemany(_FTS_DELETE, sorted(fts_deletes))
    conn.executemany(_FTS_INSERT, sorted(fts_inserts))
    rooms.refresh_last_message(conn, touched_rooms)
    return len(latest)


def insert_local(
    conn: sqlite3.Connection,
    room_id: str,
    body: str,
    sender_id: str,
    sender_name: str,
    client_key: str,
    now: datetime,
    attachment_ids: Sequence[str] = (),
) -> Message:
    """The local echo of a message just typed: id "local:<client_key>", state SENDING, carrying the files
    ``attachment_ids`` (rows of ``storage.attachments`` already).

    Calling it again with the same client_key returns the row already there.
    """
    existing = conn.execute(f"SELECT {_COLUMNS} FROM messages WHERE client_key = ?", (client_key,)).fetchone()
    if existing is not None:
        return _with_attachments(conn, [_message(existing)])[0]
    message = Message(
        id=f"{LOCAL_PREFIX}{client_key}",
        room_id=room_id,
        sender_id=sender_id,
        sender_name=sender_name,
        body=body,
        created_at=now,
        state=DeliveryState.SENDING,
        client_key=client_key,
    )
    cur = conn.execute(
        f"INSERT INTO messages ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (message.id, room_id, sender_id, sender_name, body, ts(now), message.state.value, client_key),
    )
    assert cur.lastrowid is not None
    conn.execute(_FTS_INSERT, (cur.lastrowid, body))
    if attachment_ids:
        attachments.link(conn, message.id, attachment_ids)
        message = _with_attachments(conn, [message])[0]
    rooms.refresh_last_message(conn, [room_id])
    return message


def _with_attachments(conn: sqlite3.Connection, found: builtins.list[Message]) -> builtins.list[Message]:
    """The messages with the files each carries (one query for them all)."""
    files = attachments.for_messages(conn, [m.id for m in found])
    if not files:
        return found
    return [dataclasses.replace(m, attachments=files[m.id]) if m.id in files else m for m in found]


def delete_many(conn: sqlite3.Connection, message_ids: Iterable[str]) -> set[str]:
    """Remove messages (and their index entries); returns the rooms they were in."""
    doomed: builtins.list[tuple[int, str, str]] = []
    for batch in chunks(message_ids):
        doomed += conn.execute(
            f"SELECT seq, body, room_id FROM messages WHERE id IN ({placeholders(len(batch))})", batch
        ).fetchall()
    doomed.sort()
    conn.executemany(_FTS_DELETE, ((seq, body) for seq, body, _room in doomed))
    conn.executemany("DELETE FROM messages WHERE seq = ?", ((seq,) for seq, _body, _room in doomed))
    return {room for _seq, _body, room in doomed}


def known_ids(conn: sqlite3.Connection, message_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for batch in chunks(message_ids):
        rows = conn.execute(f"SELECT id FROM messages WHERE id IN ({placeholders(len(batch))})", batch)
        found.update(str(r[0]) for r in rows)
    return found


def claimed_ids(conn: sqlite3.Connection, room_id: str, client_key: str) -> frozenset[str]:
    """Server ids in the room already matched to one of our other sends (so not the answer to this one)."""
    rows = conn.execute(
        "SELECT id FROM messages WHERE room_id = ? AND client_key IS NOT NULL AND client_key <> ?"
        " AND id NOT LIKE 'local:%'", (room_id, client_key)).fetchall()
    return frozenset(str(r[0]) for r in rows)


def set_state(conn: sqlite3.Connection, client_key: str, state: DeliveryState) -> None:
    conn.execute("UPDATE messages SET state = ? WHERE client_key = ?", (state.value, client_key))


def get(conn: sqlite3.Connection, message_id: str) -> Message | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM messages WHERE id = ?", (message_id,)).fetchone()
    return None if row is None else _with_attachments(conn, [_message(row)])[0]


def for_room(
    conn: sqlite3.Connection, room_id: str, limit: int = 200, before: datetime | None = None
) -> builtins.list[Message]:
    """The latest ``limit`` messages of a room (older than ``before`` if given), oldest first."""
    if before is None:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM messages WHERE room_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
            (room_id, limit),
        ).fetchall()
    else:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM messages WHERE room_id = ? AND created_at < ?"
            " ORDER BY created_at DESC, id DESC LIMIT ?",
            (room_id, ts(before), limit),
        ).fetchall()
    rows.reverse()
    return _with_attachments(conn, [_message(r) for r in rows])


def search(conn: sqlite3.Connection, query: str, limit: int = 50) -> builtins.list[Message]:
    """Messages matching every word of ``query`` (prefixes), newest first. Any input is safe."""
    match = fts.match_expression(query)
    if match is None or limit <= 0:
        return []
    try:
        rows = conn.execute(
            f"SELECT {_M_COLUMNS} FROM messages_fts CROSS JOIN messages m ON m.seq = messages_fts.rowid"
            " WHERE messages_fts MATCH ? ORDER BY m.created_at DESC, m.id DESC LIMIT ?",
            (match, limit),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if fts.is_fts_syntax_error(exc):
            return []
        raise
    return [_message(r) for r in rows]


def newer_in_room(conn: sqlite3.Connection, message_id: str) -> tuple[str, int] | None:
    """The room of ``message_id`` and how many of that room's messages come after it (the thread must show
    that many plus one to hold it). None: no such message."""
    row = conn.execute("SELECT room_id, created_at FROM messages WHERE id = ?", (message_id,)).fetchone()
    if row is None:
        return None
    room_id, created_at = str(row[0]), str(row[1])
    newer = conn.execute(
        "SELECT count(*) FROM messages WHERE room_id = ? AND (created_at > ? OR (created_at = ? AND id > ?))",
        (room_id, created_at, created_at, message_id)).fetchone()[0]
    return room_id, int(newer)


def count(conn: sqlite3.Connection, room_id: str | None = None) -> int:
    if room_id is None:
        return int(conn.execute("SELECT count(*) FROM messages").fetchone()[0])
    return int(conn.execute("SELECT count(*) FROM messages WHERE room_id = ?", (room_id,)).fetchone()[0])
