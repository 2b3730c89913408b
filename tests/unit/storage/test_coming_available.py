"""When money in review or pending becomes available: by the marketplace's own dates, per day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.models import TransactionStatus, TransactionType
from desktop.core.money import Money
from desktop.storage import earnings
from desktop.storage.db import Database
from tests.unit.storage.factories import make_transaction

NOW = datetime(2026, 12, 6, 15, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close_now()


def usd(amount: str) -> Money:
    return Money(Decimal(amount), "USD")


def test_pending_money_by_the_day_it_becomes_available(db: Database) -> None:
    def tx(i: int, status: TransactionStatus, available: datetime, net: str, **more: object) -> object:
        return make_transaction(i, status=status, available_at=available, net=usd(net), **more)

    items = [
        tx(1, TransactionStatus.PENDING, NOW + timedelta(days=2, hours=3), "100.00"),
        tx(2, TransactionStatus.IN_REVIEW, NOW + timedelta(days=2, hours=5), "50.50"),  # same day
        tx(3, TransactionStatus.PENDING, NOW + timedelta(days=9), "20.00"),
        tx(4, TransactionStatus.PENDING, NOW - timedelta(days=1), "7.00"),  # late: owed today
        tx(5, TransactionStatus.AVAILABLE, NOW + timedelta(days=1), "999.00"),  # already available
        tx(6, TransactionStatus.IN_PROGRESS, NOW + timedelta(days=1), "999.00"),  # not billed yet
        tx(7, TransactionStatus.PENDING, NOW + timedelta(days=3), "-300.00", type=TransactionType.WITHDRAWAL),
    ]
    db.write_now(lambda c: earnings.upsert_transactions(c, items))  # type: ignore[arg-type]
    coming = db.read_now(lambda c: earnings.coming_available(c, now=NOW))
    assert [(c.day.isoformat(), c.net.amount, c.count) for c in coming] == [
        ("2026-12-06", Decimal("7.00"), 1),
        ("2026-12-08", Decimal("150.50"), 2),
        ("2026-12-15", Decimal("20.00"), 1),
    ]
