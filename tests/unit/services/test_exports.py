"""Earnings exported as CSV: read back with Python's csv module (as a spreadsheet would), in the English
and the French conventions, the totals are the cache's; a failed write leaves no file behind."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.errors import AtelierError
from desktop.core.models import TransactionType
from desktop.core.money import Money
from desktop.services.exports import CsvStyle, EarningsExport, write_atomically
from desktop.storage import earnings
from desktop.storage.db import Database
from tests.unit.storage.factories import make_transaction


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "cache.sqlite3")
    items = [make_transaction(i, created_at=datetime(2025, 6, 1, tzinfo=UTC) + timedelta(days=3 * i))
             for i in range(150)]  # mid-2025 to early 2026
    items.append(make_transaction(900, type=TransactionType.WITHDRAWAL, gross=Money(Decimal("-2000"), "USD"),
                                  fee=Money(Decimal("0"), "USD"), net=Money(Decimal("-2000"), "USD"),
                                  created_at=datetime(2025, 12, 3, tzinfo=UTC)))
    items.append(make_transaction(901, type=TransactionType.REFUND, gross=Money(Decimal("-50"), "USD"),
                                  fee=Money(Decimal("-5"), "USD"), net=Money(Decimal("-45"), "USD"),
                                  description="=HYPERLINK(\"http://127.0.0.1/x\")",
                                  created_at=datetime(2025, 12, 4, tzinfo=UTC)))
    database.write_now(lambda c: earnings.upsert_transactions(c, items))
    yield database
    database.close_now()


def _read(path: Path, delimiter: str) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: spreadsheets then read accents right
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


@pytest.mark.parametrize(("decimal_point", "delimiter"), [(".", ","), (",", ";")])
async def test_a_years_transactions_add_up_to_its_summary(
        db: Database, tmp_path: Path, decimal_point: str, delimiter: str) -> None:
    out = tmp_path / "2025.csv"
    count = await EarningsExport(db).transactions(out, CsvStyle(decimal_point), year=2025)
    rows = _read(out, delimiter)
    assert count == len(rows) == db.read_now(lambda c: earnings.transactions_count(c, year=2025))
    assert all(r["date"].startswith("2025-") for r in rows)

    def number(text: str) -> Decimal:
        assert ("," in text) == (decimal_point == ",") or "." not in text
        return Decimal(text.replace(",", "."))

    summary = db.read_now(lambda c: earnings.year_summary(c, 2025))
    income = [r for r in rows if r["type"] != "withdrawal"]
    assert sum(number(r["gross"]) for r in income) == summary.gross.amount
    assert sum(number(r["fee"]) for r in income) == summary.fees.amount
    assert sum(number(r["net"]) for r in income) == summary.net.amount
    withdrawn = -sum(number(r["net"]) for r in rows if r["type"] == "withdrawal")
    assert withdrawn == summary.withdrawn.amount == 2000
    assert summary.refunds_and_adjustments.amount == Decimal("-45")


async def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(
        db: Database, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    await EarningsExport(db).transactions(out, CsvStyle("."))
    [refund] = [r for r in _read(out, ",") if r["type"] == "refund"]
    assert refund["description"] == "'=HYPERLINK(\"http://127.0.0.1/x\")"


async def test_yearly_totals(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "totals.csv"
    assert await EarningsExport(db).summaries(out, CsvStyle(",")) == 2
    rows = _read(out, ";")
    assert [r["year"] for r in rows] == ["2026", "2025"]
    net_2025 = db.read_now(lambda c: earnings.year_summary(c, 2025)).net.amount
    assert Decimal(rows[1]["net"].replace(",", ".")) == net_2025


def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "earnings.csv"
    target.write_text("the export of last month\n", encoding="utf-8")
    with pytest.raises(AtelierError, match="does not exist"):
        write_atomically(tmp_path / "missing" / "earnings.csv", "x")
    (tmp_path / "earnings.csv.d").mkdir()
    with pytest.raises(AtelierError, match="could not be written"):
        write_atomically(tmp_path / "earnings.csv.d", "x")  # a folder stands where the file would go
    assert target.read_text(encoding="utf-8") == "the export of last month\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]  # no half-written file
