"""Files of chat messages: ours waiting to be uploaded (user data), and the marketplace's (with the copy
downloaded here, if any). Which message carries which file is ``message_attachments``; its rows follow a
message's and an attachment's change of id by themselves (triggers of migration 11).

The files themselves live in the account's folder (``services.attachments``): what is stored here is the
path of each one's copy.
"""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.core.models import Attachment, AttachmentState
from desktop.storage._convert import chunks, placeholders, ts

LOCAL_PREFIX = "local:"
OUTGOING_FOLDER = "outgoing"
"""Next to the cache file: the copies of our files, one folder per upload key (user data: the cache's
rescue and "Clear cache" keep those of uploads still waiting)."""

_COLUMNS = "id, name, size, content_type, state, local_path"
_A_COLUMNS = ", ".join(f"a.{c.strip()}" for c in _COLUMNS.split(","))


def outgoing_dir(db_path: Path | str) -> Path:
    return Path(db_path).parent / OUTGOING_FOLDER


def _attachment(row: tuple[Any, ...]) -> Attachment:
    return Attachment(id=str(row[0]), name=str(row[1]), size=int(row[2]), content_type=str(row[3]),
                      state=AttachmentState(row[4]), local_path=row[5])


def add_local(conn: sqlite3.Connection, upload_key: str, room_id: str, name: str, size: int,
              content_type: str, local_path: str | None, now: datetime) -> Attachment:
    """Our file, copied here and waiting in the outbox: id "local:<upload_key>", state UPLOADING."""
    attachment_id = f"{LOCAL_PREFIX}{upload_key}"
    conn.execute(
        "INSERT OR IGNORE INTO attachments (id, upload_key, room_id, name, size, content_type, state,"
        " local_path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (attachment_id, upload_key, room_id, name, size, content_type, AttachmentState.UPLOADING.value,
         local_path, ts(now)),
    )
    found = get(conn, attachment_id)
    assert found is not None
    return found


def uploaded(conn: sqlite3.Connection, upload_key: str, answer: Attachment) -> None:
    """The marketplace has our file as ``answer``: the local row takes its id (the links follow) and stays
    'remote', its copy here the file to open."""
    local = conn.execute("SELECT id, local_path, room_id, created_at FROM attachments WHERE upload_key = ?",
                         (upload_key,)).fetchone()
    existing = conn.execute("SELECT upload_key FROM attachments WHERE id = ?", (answer.id,)).fetchone()
    if existing is not None and (local is None or local[0] != answer.id):
        # The marketplace's row came first (a sync, after a rebuilt cache): it takes over ours.
        conn.execute("UPDATE attachments SET upload_key = NULL WHERE upload_key = ? AND id <> ?",
                     (upload_key, answer.id))
        conn.execute("UPDATE attachments SET upload_key = ?, local_path = coalesce(local_path, ?)"
                     " WHERE id = ?", (upload_key, local[1] if local else None, answer.id))
        if local is not None:
            conn.execute("UPDATE message_attachments SET attachment_id = ? WHERE attachment_id = ?",
                         (answer.id, local[0]))
            conn.execute("DELETE FROM attachments WHERE id = ?", (local[0],))
        return
    if local is None:
        return
    conn.execute(
        "UPDATE attachments SET id = ?, name = ?, size = ?, content_type = ?, state = ? WHERE upload_key = ?",
        (answer.id, answer.name, answer.size, answer.content_type, AttachmentState.REMOTE.value, upload_key),
    )


def set_failed(conn: sqlite3.Connection, upload_key: str) -> None:
    conn.execute("UPDATE attachments SET state = ? WHERE upload_key = ? AND state = ?",
                 (AttachmentState.FAILED.value, upload_key, AttachmentState.UPLOADING.value))


def by_upload_key(conn: sqlite3.Connection, upload_key: str) -> Attachment | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM attachments WHERE upload_key = ?", (upload_key,)).fetchone()
    return None if row is None else _attachment(row)


def get(conn: sqlite3.Connection, attachment_id: str) -> Attachment | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    return None if row is None else _attachment(row)


def set_local_path(conn: sqlite3.Connection, attachment_id: str, local_path: str | None) -> None:
    conn.execute("UPDATE attachments SET local_path = ? WHERE id = ?", (local_path, attachment_id))


def link(conn: sqlite3.Connection, message_id: str, attachment_ids: Sequence[str]) -> None:
    """The files ``message_id`` carries, in order (replacing what it carried)."""
    conn.execute("DELETE FROM message_attachments WHERE message_id = ?", (message_id,))
    conn.executemany(
        "INSERT INTO message_attachments (message_id, position, attachment_id) VALUES (?, ?, ?)",
        [(message_id, position, attachment_id) for position, attachment_id in enumerate(attachment_ids)],
    )


def upsert_remote(conn: sqlite3.Connection, room_id: str, found: Iterable[Attachment], now: datetime) -> None:
    """The marketplace's description of files (a message's list): new ones are added as 'remote', known
    ones keep their copy here."""
    conn.executemany(
        "INSERT INTO attachments (id, upload_key, room_id, name, size, content_type, state, local_path,"
        " created_at) VALUES (?, NULL, ?, ?, ?, ?, 'remote', NULL, ?)"
        " ON CONFLICT (id) DO UPDATE SET name = excluded.name, size = excluded.size,"
        " content_type = excluded.content_type",
        [(a.id, room_id, a.name, a.size, a.content_type, ts(now)) for a in found],
    )


def for_messages(conn: sqlite3.Connection, message_ids: Iterable[str]) -> dict[str, tuple[Attachment, ...]]:
    """The files of each message (in order); messages without any are left out."""
    found: dict[str, builtins.list[Attachment]] = {}
    for batch in chunks(list(message_ids)):
        rows = conn.execute(
            f"SELECT ma.message_id, {_A_COLUMNS} FROM message_attachments ma"
            f" JOIN attachments a ON a.id = ma.attachment_id"
            f" WHERE ma.message_id IN ({placeholders(len(batch))}) ORDER BY ma.message_id, ma.position",
            batch,
        ).fetchall()
        for row in rows:
            found.setdefault(str(row[0]), []).append(_attachment(row[1:]))
    return {message_id: tuple(items) for message_id, items in found.items()}


def of_message(conn: sqlite3.Connection, message_id: str) -> tuple[Attachment, ...]:
    return for_messages(conn, [message_id]).get(message_id, ())


def local_paths(conn: sqlite3.Connection) -> set[str]:
    """Every file of this account the cache points at (what a clean-up of the folders must keep)."""
    rows = conn.execute("SELECT local_path FROM attachments WHERE local_path IS NOT NULL")
    return {str(r[0]) for r in rows}


def forget_unlinked_remote(conn: sqlite3.Connection) -> int:
    """The marketplace's files no message here carries any more (their messages were cleared)."""
    return conn.execute(
        "DELETE FROM attachments WHERE state = 'remote' AND id NOT IN"
        " (SELECT attachment_id FROM message_attachments)"
    ).rowcount


def delete_local(conn: sqlite3.Connection, upload_keys: Iterable[str]) -> builtins.list[str]:
    """Forget our files of discarded messages; returns their copies' paths (for the caller to remove)."""
    paths: builtins.list[str] = []
    for key in upload_keys:
        row = conn.execute("SELECT id, local_path FROM attachments WHERE upload_key = ?", (key,)).fetchone()
        if row is None:
            continue
        if row[1]:
            paths.append(str(row[1]))
        conn.execute("DELETE FROM attachments WHERE id = ?", (row[0],))
        conn.execute("DELETE FROM message_attachments WHERE attachment_id = ?", (row[0],))
    return paths
