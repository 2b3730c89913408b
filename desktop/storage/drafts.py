"""Proposal drafts: one per job, kept as the user types (the user's own text; never purged)."""

from __future__ import annotations

import builtins
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from desktop.core.clock import parse_ts
from desktop.core.models import ProposalDraft
from desktop.storage._convert import money, ts

_COLUMNS = "job_id, job_title, cover_letter, bid, bid_currency, duration, fee_rate, updated_at"


@dataclass(frozen=True, slots=True)
class SavedDraft:
    draft: ProposalDraft
    updated_at: datetime


def _saved(row: tuple[Any, ...]) -> SavedDraft:
    return SavedDraft(
        ProposalDraft(job_id=row[0], job_title=row[1], cover_letter=row[2], bid=money(row[3], row[4]),
                      duration=row[5], fee_rate=Decimal(row[6])),
        parse_ts(row[7]))


def save(conn: sqlite3.Connection, draft: ProposalDraft, now: datetime) -> None:
    conn.execute(
        f"INSERT INTO proposal_drafts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (job_id) DO UPDATE SET job_title = excluded.job_title,"
        " cover_letter = excluded.cover_letter, bid = excluded.bid, bid_currency = excluded.bid_currency,"
        " duration = excluded.duration, fee_rate = excluded.fee_rate, updated_at = excluded.updated_at",
        (draft.job_id, draft.job_title, draft.cover_letter, str(draft.bid.amount), draft.bid.currency,
         draft.duration, str(draft.fee_rate), ts(now)))


def get(conn: sqlite3.Connection, job_id: str) -> SavedDraft | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM proposal_drafts WHERE job_id = ?", (job_id,)).fetchone()
    return None if row is None else _saved(row)


def list(conn: sqlite3.Connection) -> builtins.list[SavedDraft]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM proposal_drafts ORDER BY updated_at DESC").fetchall()
    return [_saved(r) for r in rows]


def delete(conn: sqlite3.Connection, job_id: str) -> None:
    conn.execute("DELETE FROM proposal_drafts WHERE job_id = ?", (job_id,))


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM proposal_drafts").fetchone()[0])
