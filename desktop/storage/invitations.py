"""Cached invitations to apply."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable
from typing import Any

from desktop.core.clock import parse_ts
from desktop.core.models import Invitation, InvitationStatus
from desktop.storage._convert import placeholders, ts

_COLUMNS = "id, job_id, job_title, client_name, message, status, created_at, updated_at"


def _invitation(row: tuple[Any, ...]) -> Invitation:
    return Invitation(
        id=row[0],
        job_id=row[1],
        job_title=row[2],
        client_name=row[3],
        message=row[4],
        status=InvitationStatus(row[5]),
        created_at=parse_ts(row[6]),
        updated_at=parse_ts(row[7]),
    )


def upsert_many(conn: sqlite3.Connection, items: Iterable[Invitation]) -> int:
    rows = [
        (
            i.id,
            i.job_id,
            i.job_title,
            i.client_name,
            i.message,
            i.status.value,
            ts(i.created_at),
            ts(i.updated_at),
        )
        for i in items
    ]
    # An older copy (a delta page fetched before a live event) never overwrites a newer one.
    conn.executemany(
        f"INSERT INTO invitations ({_COLUMNS}) VALUES ({placeholders(8)})"
        " ON CONFLICT(id) DO UPDATE SET job_id = excluded.job_id, job_title = excluded.job_title,"
        " client_name = excluded.client_name, message = excluded.message, status = excluded.status,"
        " created_at = excluded.created_at, updated_at = excluded.updated_at"
        " WHERE excluded.updated_at >= invitations.updated_at",
        rows,
    )
    return len(rows)


def get(conn: sqlite3.Connection, invitation_id: str) -> Invitation | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM invitations WHERE id = ?", (invitation_id,)).fetchone()
    return None if row is None else _invitation(row)


def list(conn: sqlite3.Connection, status: InvitationStatus | None = None) -> builtins.list[Invitation]:
    """Newest first."""
    if status is None:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM invitations ORDER BY created_at DESC, id")
    else:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM invitations WHERE status = ? ORDER BY created_at DESC, id",
            (status.value,),
        )
    return [_invitation(r) for r in rows]


def for_job(conn: sqlite3.Connection, job_id: str) -> builtins.list[Invitation]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM invitations WHERE job_id = ? ORDER BY created_at, id", (job_id,))
    return [_invitation(r) for r in rows]
