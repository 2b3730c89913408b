"""Earnings: the summary figures, the transaction history and the monthly chart."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from desktop.core.clock import parse_ts, utcnow
from desktop.core.models import (
    ComingAvailable,
    EarningsSummary,
    MonthlyEarning,
    Transaction,
    TransactionStatus,
    TransactionType,
    YearSummary,
)
from desktop.core.money import Money
from desktop.storage._convert import money, opt_ts, parse_opt_ts, placeholders, ts

_TX_COLUMNS = (
    "id, type, status, description, job_id, gross, gross_currency, fee, fee_currency, net, net_currency,"
    " created_at, available_at, updated_at"
)
# what counts towards the monthly net (withdrawals move money out, they are not earnings)
NET_TYPES = (
    TransactionType.EARNING,
    TransactionType.BONUS,
    TransactionType.REFUND,
    TransactionType.ADJUSTMENT,
)
_SUMMARY_FIELDS = ("work_in_progress", "in_review", "pending", "available", "lifetime")


def set_summary(conn: sqlite3.Connection, s: EarningsSummary) -> None:
    values: list[Any] = []
    for name in _SUMMARY_FIELDS:
        amount: Money = getattr(s, name)
        values += [str(amount.amount), amount.currency]
    columns = ", ".join(f"{n}, {n}_currency" for n in _SUMMARY_FIELDS)
    conn.execute(
        f"INSERT OR REPLACE INTO earnings_summary (id, {columns}, updated_at) VALUES (1, {placeholders(11)})",
        (*values, ts(s.updated_at)),
    )


def get_summary(conn: sqlite3.Connection) -> EarningsSummary | None:
    columns = ", ".join(f"{n}, {n}_currency" for n in _SUMMARY_FIELDS)
    row = conn.execute(f"SELECT {columns}, updated_at FROM earnings_summary WHERE id = 1").fetchone()
    if row is None:
        return None
    amounts = {name: money(row[2 * i], row[2 * i + 1]) for i, name in enumerate(_SUMMARY_FIELDS)}
    return EarningsSummary(
        work_in_progress=amounts["work_in_progress"],
        in_review=amounts["in_review"],
        pending=amounts["pending"],
        available=amounts["available"],
        lifetime=amounts["lifetime"],
        updated_at=parse_ts(row[10]),
    )


def _transaction(row: tuple[Any, ...]) -> Transaction:
    return Transaction(
        id=row[0],
        type=TransactionType(row[1]),
        status=TransactionStatus(row[2]),
        description=row[3],
        job_id=row[4],
        gross=money(row[5], row[6]),
        fee=money(row[7], row[8]),
        net=money(row[9], row[10]),
        created_at=parse_ts(row[11]),
        available_at=parse_opt_ts(row[12]),
        updated_at=parse_ts(row[13]),
    )


def upsert_transactions(conn: sqlite3.Connection, items: Iterable[Transaction]) -> int:
    rows = [
        (
            t.id,
            t.type.value,
            t.status.value,
            t.description,
            t.job_id,
            str(t.gross.amount),
            t.gross.currency,
            str(t.fee.amount),
            t.fee.currency,
            str(t.net.amount),
            t.net.currency,
            ts(t.created_at),
            opt_ts(t.available_at),
            ts(t.updated_at),
        )
        for t in items
    ]
    columns = [c.strip() for c in _TX_COLUMNS.split(",")]
    assignments = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    conn.executemany(
        f"INSERT INTO transactions ({_TX_COLUMNS}) VALUES ({placeholders(14)})"
        f" ON CONFLICT (id) DO UPDATE SET {assignments}"
        # a page fetched before a live event must not undo it: keep whichever version is newer
        " WHERE excluded.updated_at >= transactions.updated_at",
        rows,
    )
    return len(rows)


def get_transaction(conn: sqlite3.Connection, tx_id: str) -> Transaction | None:
    row = conn.execute(f"SELECT {_TX_COLUMNS} FROM transactions WHERE id = ?", (tx_id,)).fetchone()
    return None if row is None else _transaction(row)


def _where(type: TransactionType | None, year: int | None) -> tuple[str, list[Any]]:
    """The transactions of one type and/or one calendar year (UTC, as the marketplace dates them)."""
    clauses: list[str] = []
    params: list[Any] = []
    if type is not None:
        clauses.append("type = ?")
        params.append(type.value)
    if year is not None:
        clauses.append("created_at >= ? AND created_at < ?")
        params += [ts(datetime(year, 1, 1, tzinfo=UTC)), ts(datetime(year + 1, 1, 1, tzinfo=UTC))]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def transactions_page(
    conn: sqlite3.Connection, offset: int, limit: int, type: TransactionType | None = None,
    year: int | None = None,
) -> list[Transaction]:
    """Newest first."""
    where, params = _where(type, year)
    rows = conn.execute(
        f"SELECT {_TX_COLUMNS} FROM transactions{where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        (*params, limit, max(0, offset)),
    )
    return [_transaction(r) for r in rows]


def transactions_count(conn: sqlite3.Connection, type: TransactionType | None = None,
                       year: int | None = None) -> int:
    where, params = _where(type, year)
    return int(conn.execute(f"SELECT count(*) FROM transactions{where}", params).fetchone()[0])


def all_transactions(conn: sqlite3.Connection, year: int | None = None) -> list[Transaction]:
    """Every transaction (of ``year``), oldest first: what an export writes."""
    where, params = _where(None, year)
    rows = conn.execute(f"SELECT {_TX_COLUMNS} FROM transactions{where} ORDER BY created_at, id", params)
    return [_transaction(r) for r in rows]


def years(conn: sqlite3.Connection) -> list[int]:
    """The calendar years that have transactions, newest first."""
    rows = conn.execute("SELECT DISTINCT substr(created_at, 1, 4) FROM transactions ORDER BY 1 DESC")
    return [int(r[0]) for r in rows if str(r[0]).isdigit()]


def year_summary(conn: sqlite3.Connection, year: int) -> YearSummary:
    currency = _default_currency(conn)
    zero = Decimal("0")
    gross = fees = net = withdrawn = other = zero
    items = all_transactions(conn, year)
    for t in items:
        if t.type is TransactionType.WITHDRAWAL:
            withdrawn -= t.net.amount
        elif t.type in NET_TYPES:
            gross += t.gross.amount
            fees += t.fee.amount
            net += t.net.amount
            if t.type in (TransactionType.REFUND, TransactionType.ADJUSTMENT):
                other += t.net.amount
    return YearSummary(year=year, gross=Money(gross, currency), fees=Money(fees, currency),
                       net=Money(net, currency), withdrawn=Money(withdrawn, currency),
                       refunds_and_adjustments=Money(other, currency), count=len(items))


def _month_start(year: int, month: int) -> datetime:
    return datetime(year, month, 1, tzinfo=UTC)


def _shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def monthly_net(
    conn: sqlite3.Connection, months: int = 12, now: datetime | None = None
) -> list[MonthlyEarning]:
    """Net earnings of the last ``months`` calendar months (UTC) including the current one.

    Oldest first, every month present (zero when it had nothing). Sums the net of earnings, bonuses,
    refunds and adjustments. Amounts in a currency other than the most common one are left out
    (the marketplace pays in one currency per account).
    """
    if months <= 0:
        return []
    moment = (now or utcnow()).astimezone(UTC)
    first = _shift(moment.year, moment.month, -(months - 1))
    after = _shift(moment.year, moment.month, 1)
    keys = [f"{y:04d}-{m:02d}" for y, m in (_shift(first[0], first[1], i) for i in range(months))]
    types = [t.value for t in NET_TYPES]
    rows = conn.execute(
        "SELECT substr(created_at, 1, 7), net, net_currency FROM transactions"
        f" WHERE created_at >= ? AND created_at < ? AND type IN ({placeholders(len(types))})",
        (ts(_month_start(*first)), ts(_month_start(*after)), *types),
    ).fetchall()
    currencies = Counter(r[2] for r in rows)
    currency = currencies.most_common(1)[0][0] if currencies else _default_currency(conn)
    totals = dict.fromkeys(keys, Decimal(0))
    for month, net, cur in rows:
        if cur == currency and month in totals:
            totals[month] += Decimal(net)
    return [MonthlyEarning(month=k, net=Money(totals[k], currency)) for k in keys]


def coming_available(conn: sqlite3.Connection, now: datetime | None = None) -> list[ComingAvailable]:
    """What is in review or pending, by the day it becomes available (from each transaction's
    ``available_at``, as the marketplace dated it; nothing here knows its review or security periods),
    soonest first. A date already past still waits for the marketplace: it is shown as today."""
    today = (now or utcnow()).astimezone(UTC).date()
    rows = conn.execute(
        "SELECT available_at, net, net_currency FROM transactions"
        " WHERE status IN (?, ?) AND available_at IS NOT NULL AND type <> ?",
        (TransactionStatus.IN_REVIEW.value, TransactionStatus.PENDING.value,
         TransactionType.WITHDRAWAL.value),
    ).fetchall()
    currency = _default_currency(conn)
    days: dict[date, tuple[Decimal, int]] = {}
    for available_at, net, cur in rows:
        if cur != currency:
            continue
        day = max(parse_ts(available_at).astimezone(UTC).date(), today)
        total, count = days.get(day, (Decimal(0), 0))
        days[day] = (total + Decimal(net), count + 1)
    return [ComingAvailable(day=d, net=Money(t, currency), count=n) for d, (t, n) in sorted(days.items())]


def _default_currency(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT lifetime_currency FROM earnings_summary WHERE id = 1").fetchone()
    return str(row[0]) if row is not None else "USD"
