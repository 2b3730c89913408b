"""The outbox: every change meant for the server, written before the first attempt, sent in order.

Order is strict FIFO by id: ``next_due`` hands out the oldest pending item only when it is due, and
never skips ahead to a younger one (a chat message must not overtake the one typed before it).
"""

from __future__ import annotations

import builtins
import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast

from desktop.core.clock import format_ts, parse_ts
from desktop.core.notices import Notice

log = logging.getLogger("atelier.storage.outbox")

OutboxState = Literal["pending", "sent", "failed"]
_STATES: frozenset[str] = frozenset({"pending", "sent", "failed"})
_COLUMNS = "id, kind, payload, idempotency_key, attempts, state, last_error, created_at, next_attempt_at"
# started_at came with schema 5; rescue reads only _COLUMNS so it works on older damaged files too.
_READ = f"{_COLUMNS}, started_at"


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    kind: str
    payload: dict[str, Any]
    idempotency_key: str
    attempts: int
    state: OutboxState
    last_error: Notice | None
    """Why the last attempt failed (a refusal's reason, shown in "Needs your attention")."""
    created_at: datetime
    next_attempt_at: datetime
    started_at: datetime | None = None
    """When an attempt last began (only recorded where the marketplace has no idempotency keys)."""


def _item(row: sqlite3.Row | tuple[Any, ...]) -> OutboxItem:
    payload = json.loads(row[2])
    return OutboxItem(
        id=int(row[0]),
        kind=str(row[1]),
        payload=payload if isinstance(payload, dict) else {"value": payload},
        idempotency_key=str(row[3]),
        attempts=int(row[4]),
        state=cast(OutboxState, row[5]),
        last_error=Notice.from_stored(row[6]) if row[6] is not None else None,
        created_at=parse_ts(row[7]),
        next_attempt_at=parse_ts(row[8]),
        started_at=parse_ts(row[9]) if len(row) > 9 and row[9] else None,
    )


def _get(conn: sqlite3.Connection, item_id: int) -> OutboxItem | None:
    row = conn.execute(f"SELECT {_READ} FROM outbox WHERE id = ?", (item_id,)).fetchone()
    return None if row is None else _item(row)


def get(conn: sqlite3.Connection, item_id: int) -> OutboxItem | None:
    return _get(conn, item_id)


def by_key(conn: sqlite3.Connection, idempotency_key: str) -> OutboxItem | None:
    row = conn.execute(f"SELECT {_READ} FROM outbox WHERE idempotency_key = ?", (idempotency_key,)).fetchone()
    return None if row is None else _item(row)


def enqueue(
    conn: sqlite3.Connection, kind: str, payload: dict[str, Any], idempotency_key: str, now: datetime
) -> OutboxItem:
    """Add an item (due at once). Enqueuing the same idempotency key again returns the existing item."""
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    stamp = format_ts(now)
    conn.execute(
        "INSERT INTO outbox (kind, payload, idempotency_key, attempts, state, last_error, created_at,"
        " next_attempt_at) VALUES (?, ?, ?, 0, 'pending', NULL, ?, ?)"
        " ON CONFLICT (idempotency_key) DO NOTHING",
        (kind, text, idempotency_key, stamp, stamp),
    )
    # Read back without started_at: the caller only needs the queued item (and this stays valid on a
    # schema older than 5, which the migration tests write through).
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE idempotency_key = ?", (idempotency_key,)
    ).fetchone()
    item = None if row is None else _item(row)
    assert item is not None
    return item


def oldest_pending(conn: sqlite3.Connection) -> OutboxItem | None:
    row = conn.execute(
        f"SELECT {_READ} FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1"
    ).fetchone()
    return None if row is None else _item(row)


def next_due(conn: sqlite3.Connection, now: datetime) -> OutboxItem | None:
    """The oldest pending item if it is due by ``now``; None otherwise (never a younger one)."""
    item = oldest_pending(conn)
    if item is None or item.next_attempt_at > now:
        return None
    return item


def mark_started(conn: sqlite3.Connection, item_id: int, now: datetime) -> None:
    """An attempt is about to go out (committed before it does, so a kill -9 after it is known)."""
    conn.execute("UPDATE outbox SET started_at = ? WHERE id = ?", (format_ts(now), item_id))


def delete(conn: sqlite3.Connection, item_id: int) -> None:
    """Forget an item (the user discarded a refused action, or sent it again as a new one)."""
    conn.execute("DELETE FROM outbox WHERE id = ?", (item_id,))


def mark_sent(conn: sqlite3.Connection, item_id: int) -> None:
    conn.execute("UPDATE outbox SET state = 'sent', last_error = NULL WHERE id = ?", (item_id,))


def mark_failed(conn: sqlite3.Connection, item_id: int, error: Notice) -> None:
    """A permanent failure: the item stops blocking the queue (attempts counts this try too)."""
    conn.execute(
        "UPDATE outbox SET state = 'failed', last_error = ?, attempts = attempts + 1 WHERE id = ?",
        (error.stored(), item_id),
    )


def schedule_retry(conn: sqlite3.Connection, item_id: int, error: Notice, next_attempt_at: datetime) -> None:
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
        (error.stored(), format_ts(next_attempt_at), item_id),
    )


def pending_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0])


def list(conn: sqlite3.Connection, state: OutboxState | None = None) -> builtins.list[OutboxItem]:
    if state is None:
        rows = conn.execute(f"SELECT {_READ} FROM outbox ORDER BY id").fetchall()
    else:
        rows = conn.execute(f"SELECT {_READ} FROM outbox WHERE state = ? ORDER BY id", (state,)).fetchall()
    return [_item(r) for r in rows]


# -- rescue from a damaged file (storage.rescue reads it; these check and put back its rows) ---------

def _valid(record: dict[str, Any]) -> bool:
    try:
        return (
            isinstance(record["id"], int)
            and isinstance(record["kind"], str)
            and isinstance(record["idempotency_key"], str)
            and isinstance(json.loads(record["payload"]), dict)
            and record["state"] in _STATES
            and isinstance(record["attempts"], int)
            and isinstance(parse_ts(record["created_at"]), datetime)
            and isinstance(parse_ts(record["next_attempt_at"]), datetime)
        )
    except (TypeError, ValueError, KeyError):
        return False


def restore_rows(conn: sqlite3.Connection, rows: builtins.list[dict[str, Any]]) -> int:
    """Put rescued rows back (same ids, so the FIFO order survives). Returns how many went in."""
    restored = 0
    for record in rows:
        if not _valid(record):
            continue
        cur = conn.execute(
            # A rescued row may have been on the wire when the cache broke: started_at says "look first".
            f"INSERT OR IGNORE INTO outbox ({_COLUMNS}, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*(record[c] for c in _COLUMNS.split(", ")), record["created_at"]),
        )
        restored += cur.rowcount
    return restored
