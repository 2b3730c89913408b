"""Cached contracts and their milestones (the Contracts view of the Earnings pane)."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.core.clock import parse_ts
from desktop.core.models import Contract, ContractStatus, ContractType, Milestone, MilestoneStatus
from desktop.core.money import Money
from desktop.storage._convert import opt_money, opt_ts, parse_opt_ts, placeholders, ts

_COLUMNS = (
    "id", "title", "job_id", "client_id", "client_name", "contract_type", "status", "proposal_id", "room_id",
    "hourly_rate", "hourly_rate_currency", "weekly_limit_hours", "hours_this_week", "week_start", "budget",
    "budget_currency", "fee_rate", "started_at", "ended_at", "updated_at",
)
_MILESTONE_COLUMNS = (
    "id", "contract_id", "position", "description", "amount", "amount_currency", "status", "due_date",
    "funded_at", "submitted_at", "approved_at", "paid_at",
)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM contracts"


def _amount(value: Money | None) -> tuple[str | None, str | None]:
    return (None, None) if value is None else (str(value.amount), value.currency)


def _opt_day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _row(c: Contract) -> tuple[Any, ...]:
    return (
        c.id, c.title, c.job_id, c.client_id, c.client_name, c.contract_type.value, c.status.value,
        c.proposal_id, c.room_id, *_amount(c.hourly_rate), c.weekly_limit_hours,
        None if c.hours_this_week is None else str(c.hours_this_week), _opt_day(c.week_start),
        *_amount(c.budget), None if c.fee_rate is None else str(c.fee_rate), ts(c.started_at),
        opt_ts(c.ended_at), ts(c.updated_at),
    )


def _milestone_row(contract_id: str, m: Milestone) -> tuple[Any, ...]:
    return (
        m.id, contract_id, m.position, m.description, str(m.amount.amount), m.amount.currency,
        m.status.value, _opt_day(m.due_date), opt_ts(m.funded_at), opt_ts(m.submitted_at),
        opt_ts(m.approved_at), opt_ts(m.paid_at),
    )


def upsert_many(conn: sqlite3.Connection, items: Iterable[Contract]) -> int:
    """Store contracts with their milestones. An older copy (a delta page fetched before a live event)
    never overwrites a newer one; a newer one replaces the milestones whole."""
    assignments = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c != "id")
    count = 0
    for contract in items:
        applied = conn.execute(
            f"INSERT INTO contracts ({', '.join(_COLUMNS)}) VALUES ({placeholders(len(_COLUMNS))})"
            f" ON CONFLICT (id) DO UPDATE SET {assignments}"
            " WHERE excluded.updated_at >= contracts.updated_at",
            _row(contract),
        ).rowcount
        if not applied:
            continue
        count += 1
        conn.execute("DELETE FROM milestones WHERE contract_id = ?", (contract.id,))
        conn.executemany(
            f"INSERT OR REPLACE INTO milestones ({', '.join(_MILESTONE_COLUMNS)})"
            f" VALUES ({placeholders(len(_MILESTONE_COLUMNS))})",
            [_milestone_row(contract.id, m) for m in contract.milestones],
        )
    return count


def _milestone(row: tuple[Any, ...]) -> Milestone:
    return Milestone(
        id=row[0], position=int(row[2]), description=row[3], amount=Money(Decimal(row[4]), row[5]),
        status=MilestoneStatus(row[6]), due_date=_parse_day(row[7]), funded_at=parse_opt_ts(row[8]),
        submitted_at=parse_opt_ts(row[9]), approved_at=parse_opt_ts(row[10]), paid_at=parse_opt_ts(row[11]),
    )


def _contract(row: tuple[Any, ...], milestones: tuple[Milestone, ...]) -> Contract:
    v = dict(zip(_COLUMNS, row, strict=True))
    return Contract(
        id=v["id"], title=v["title"], job_id=v["job_id"], client_id=v["client_id"],
        client_name=v["client_name"], contract_type=ContractType(v["contract_type"]),
        status=ContractStatus(v["status"]), started_at=parse_ts(v["started_at"]),
        updated_at=parse_ts(v["updated_at"]), proposal_id=v["proposal_id"], room_id=v["room_id"],
        hourly_rate=opt_money(v["hourly_rate"], v["hourly_rate_currency"]),
        weekly_limit_hours=v["weekly_limit_hours"],
        hours_this_week=None if v["hours_this_week"] is None else Decimal(v["hours_this_week"]),
        week_start=_parse_day(v["week_start"]), budget=opt_money(v["budget"], v["budget_currency"]),
        fee_rate=None if v["fee_rate"] is None else Decimal(v["fee_rate"]), milestones=milestones,
        ended_at=parse_opt_ts(v["ended_at"]),
    )


def _with_milestones(
    conn: sqlite3.Connection, rows: builtins.list[tuple[Any, ...]]
) -> builtins.list[Contract]:
    ids = [row[0] for row in rows]
    by_contract: dict[str, builtins.list[Milestone]] = {i: [] for i in ids}
    if ids:
        for m in conn.execute(
            f"SELECT {', '.join(_MILESTONE_COLUMNS)} FROM milestones"
            f" WHERE contract_id IN ({placeholders(len(ids))}) ORDER BY contract_id, position, id",
            ids,
        ):
            by_contract[m[1]].append(_milestone(m))
    return [_contract(row, tuple(by_contract[row[0]])) for row in rows]


def get(conn: sqlite3.Connection, contract_id: str) -> Contract | None:
    row = conn.execute(f"{_SELECT} WHERE id = ?", (contract_id,)).fetchone()
    return None if row is None else _with_milestones(conn, [row])[0]


def list(conn: sqlite3.Connection, status: ContractStatus | None = None) -> builtins.list[Contract]:
    """Active ones first, then the most recently started first (a freelancer keeps a handful)."""
    where, params = ("", ()) if status is None else (" WHERE status = ?", (status.value,))
    rows = conn.execute(
        f"{_SELECT}{where} ORDER BY status = 'active' DESC, started_at DESC, id", params
    ).fetchall()
    return _with_milestones(conn, rows)
