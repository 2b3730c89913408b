"""Cached proposals, plus local rows for proposals still waiting in the outbox."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Collection, Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from desktop.core.clock import parse_ts
from desktop.core.models import Proposal, ProposalDraft, ProposalStatus
from desktop.storage._convert import chunks, money, placeholders, ts

_COLUMNS = (
    "id, job_id, job_title, client_name, cover_letter, bid, bid_currency, duration, status, fee_rate,"
    " connects_spent, invited, created_at, updated_at"
)
LOCAL_PREFIX = "local:"


def _values(p: Proposal) -> tuple[Any, ...]:
    return (
        p.id,
        p.job_id,
        p.job_title,
        p.client_name,
        p.cover_letter,
        str(p.bid.amount),
        p.bid.currency,
        p.duration,
        p.status.value,
        str(p.fee_rate),
        p.connects_spent,
        1 if p.invited else 0,
        ts(p.created_at),
        ts(p.updated_at),
    )


def _proposal(row: tuple[Any, ...]) -> Proposal:
    return Proposal(
        id=row[0],
        job_id=row[1],
        job_title=row[2],
        client_name=row[3],
        cover_letter=row[4],
        bid=money(row[5], row[6]),
        duration=row[7],
        status=ProposalStatus(row[8]),
        fee_rate=Decimal(row[9]),
        connects_spent=row[10],
        invited=bool(row[11]),
        created_at=parse_ts(row[12]),
        updated_at=parse_ts(row[13]),
    )


def upsert_many(conn: sqlite3.Connection, items: Iterable[Proposal]) -> int:
    """Insert or replace by id. A server proposal replaces any local row for the same job."""
    rows = [_values(p) for p in items if not p.id.startswith(LOCAL_PREFIX)]
    for batch in chunks(sorted({r[1] for r in rows})):
        conn.execute(
            f"DELETE FROM proposals WHERE id LIKE 'local:%' AND job_id IN ({placeholders(len(batch))})",
            batch,
        )
    conn.executemany(
        f"INSERT INTO proposals ({_COLUMNS}) VALUES ({placeholders(14)})"
        " ON CONFLICT (id) DO UPDATE SET job_id = excluded.job_id, job_title = excluded.job_title,"
        " client_name = excluded.client_name, cover_letter = excluded.cover_letter, bid = excluded.bid,"
        " bid_currency = excluded.bid_currency, duration = excluded.duration, status = excluded.status,"
        " fee_rate = excluded.fee_rate, connects_spent = excluded.connects_spent,"
        " invited = excluded.invited, created_at = excluded.created_at, updated_at = excluded.updated_at"
        # a page fetched before a live event must not undo it: keep whichever version is newer
        " WHERE excluded.updated_at >= proposals.updated_at",
        rows,
    )
    return len(rows)


def get(conn: sqlite3.Connection, proposal_id: str) -> Proposal | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM proposals WHERE id = ?", (proposal_id,)).fetchone()
    return None if row is None else _proposal(row)


def list(
    conn: sqlite3.Connection, statuses: Collection[ProposalStatus] | None = None
) -> builtins.list[Proposal]:
    """Newest updated first."""
    sql = f"SELECT {_COLUMNS} FROM proposals"
    params: builtins.list[str] = []
    if statuses is not None:
        wanted = sorted({ProposalStatus(s).value for s in statuses})
        if not wanted:
            return []
        sql += f" WHERE status IN ({placeholders(len(wanted))})"
        params = wanted
    sql += " ORDER BY updated_at DESC, id"
    return [_proposal(r) for r in conn.execute(sql, params)]


def counts_by_status(conn: sqlite3.Connection) -> dict[ProposalStatus, int]:
    """Every status, zero when there are none."""
    counts = dict.fromkeys(ProposalStatus, 0)
    for status, n in conn.execute("SELECT status, count(*) FROM proposals GROUP BY status"):
        try:
            counts[ProposalStatus(status)] = n
        except ValueError:
            continue
    return counts


def applied_job_ids(conn: sqlite3.Connection) -> set[str]:
    """Jobs with a proposal of any status (local ones included)."""
    return {r[0] for r in conn.execute("SELECT DISTINCT job_id FROM proposals")}


def insert_local(conn: sqlite3.Connection, draft: ProposalDraft, client_key: str, now: datetime) -> Proposal:
    """A stand-in row ("local:<client_key>", submitted) shown until the server's proposal arrives."""
    proposal = Proposal(
        id=f"{LOCAL_PREFIX}{client_key}",
        job_id=draft.job_id,
        job_title=draft.job_title,
        cover_letter=draft.cover_letter,
        bid=draft.bid,
        duration=draft.duration,
        status=ProposalStatus.SUBMITTED,
        fee_rate=draft.fee_rate,
        connects_spent=0,
        invited=False,
        created_at=now,
        updated_at=now,
    )
    conn.execute(
        f"INSERT OR REPLACE INTO proposals ({_COLUMNS}, client_key) VALUES ({placeholders(15)})",
        (*_values(proposal), client_key),
    )
    return proposal


def remove_local(conn: sqlite3.Connection, client_key: str) -> None:
    conn.execute("DELETE FROM proposals WHERE id = ?", (f"{LOCAL_PREFIX}{client_key}",))
