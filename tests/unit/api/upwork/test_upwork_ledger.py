"""Transaction rows → Transactions (fee rows folded in), statuses, the summary and the fee rate."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from upwork_fake import money

from desktop.api.upwork import ledger
from desktop.core.models import TransactionStatus, TransactionType
from desktop.core.money import Money

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def row(record: str, kind: str, amount: str, created: str, **extra: Any) -> dict[str, Any]:
    return {"recordId": record, "type": kind, "transactionAmount": money(amount),
            "transactionCreationDate": created, **extra}


ROWS = [
    row("1", "Hourly", "500.00", "2026-03-01", paymentStatus="Paid", description="Week 9"),
    row("2", "Service Fee", "-50.00", "2026-03-01", relatedTransactionId="1"),
    row("3", "Fixed Price", "300.00", "2026-03-08", paymentStatus="Pending",
        transactionReviewDueDate="2026-03-18T00:00:00Z"),
    row("4", "Service Fee", "-36.00", "2026-03-08", relatedTransactionId="3"),
    row("5", "Bonus", "100.00", "2026-03-09", paymentStatus="Pending",
        transactionReviewDueDate="2026-03-12"),
    row("6", "Withdrawal", "200.00", "2026-03-05", description="To bank"),
    {"recordId": None, "type": "Hourly", "transactionAmount": None},  # unusable: skipped
]


def test_fee_rows_fold_into_their_earnings() -> None:
    items = {t.id: t for t in ledger.transactions(ROWS, NOW)}
    assert set(items) == {"1", "3", "5", "6"}
    hourly = items["1"]
    assert hourly.type is TransactionType.EARNING
    assert hourly.status is TransactionStatus.AVAILABLE
    assert (hourly.gross, hourly.fee, hourly.net) == (Money(Decimal("500.00")), Money(Decimal("50.00")),
                                                      Money(Decimal("450.00")))
    assert items["5"].fee == Money.zero()
    assert items["5"].type is TransactionType.BONUS


def test_statuses_follow_the_review_date() -> None:
    items = {t.id: t for t in ledger.transactions(ROWS, NOW)}
    assert items["3"].status is TransactionStatus.IN_REVIEW  # due in 7.5 days: review still open
    assert items["3"].available_at == datetime(2026, 3, 18, tzinfo=UTC)
    assert items["5"].status is TransactionStatus.PENDING  # due in under 5 days
    withdrawal = items["6"]
    assert withdrawal.type is TransactionType.WITHDRAWAL
    assert withdrawal.status is TransactionStatus.COMPLETED
    assert withdrawal.net == Money(Decimal("-200.00"))
    expired = ledger.transactions([row("7", "Hourly", "10", "2026-01-01", paymentStatus="pending",
                                       transactionReviewDueDate="2026-01-11")], NOW)
    assert expired[0].status is TransactionStatus.AVAILABLE


def test_summary_and_fee_rate() -> None:
    items = ledger.transactions(ROWS, NOW)
    summary = ledger.summary(items, NOW)
    assert summary.in_review == Money(Decimal("264.00"))
    assert summary.pending == Money(Decimal("100.00"))
    assert summary.available == Money(Decimal("250.00"))  # 450 cleared − 200 withdrawn
    assert summary.lifetime == Money(Decimal("814.00"))
    assert summary.work_in_progress == Money.zero()
    assert ledger.summary(items, NOW, Money(Decimal("9999"))).lifetime == Money(Decimal("9999"))
    assert ledger.fee_rate(items) == Decimal("0.1200")  # the newest earning with a fee: 36 / 300
    assert ledger.fee_rate([]) is None


def test_available_never_goes_below_zero() -> None:
    items = ledger.transactions([row("w", "Withdrawal", "-80", "2026-03-01")], NOW)
    assert ledger.summary(items, NOW).available == Money.zero()
