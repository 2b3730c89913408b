"""Upwork's transaction history rows → ``Transaction``s, the earnings summary, and the account fee rate.

``transactionHistory`` returns ledger rows (``TransactionHistoryRow``; ``type`` and ``paymentStatus``
are free strings, no enum: muhammedaksam/upwork-node ``src/generated/generated-types.ts``). Rules:

- Rows whose type names a fee ("Service Fee", "… fee") are not Transactions of their own: each is the
  fee of the row it points to with ``relatedTransactionId`` (its ``recordId``). gross = the row's amount,
  fee = |fee rows'| total, net = gross − fee.
- Type by the row's ``type`` (else its ``accountingSubtype`` / description): withdraw… → WITHDRAWAL,
  refund → REFUND, bonus → BONUS, hourly / fixed price / milestone / payment / earning → EARNING, else
  ADJUSTMENT. Withdrawals are negative (money leaving the balance), as in the reference marketplace.
- Status: a row is *held* when its ``paymentStatus`` says pending/review/hold/processing, or when it
  has no status but a ``transactionReviewDueDate`` in the future. A held row whose due date is more than
  5 days away is IN_REVIEW (the client's 5-day review window of Upwork's hourly protection is still
  open), otherwise PENDING (security period); ``available_at`` = the due date. Any other row is
  AVAILABLE, withdrawals COMPLETED. (This refines "pending with a future review date": the summary's
  buckets then match the statuses shown row by row.)
- Summary: in_review / pending = the nets of rows with that status; available = AVAILABLE and COMPLETED
  nets, withdrawals included (so cleared earnings − withdrawals), never below zero — the history only
  covers the last 365 days, so it is an estimate; lifetime = the profile's ``aggregates.totalEarnings``
  when known, else the sum of non-withdrawal nets; work_in_progress 0 (needs timesheets, not read).
- Fee rate: the API has no fee-rate field. It is fee/gross of the newest earning that had a fee, and
  ``DEFAULT_FEE_RATE`` (10 %, Upwork's usual freelancer service fee; an estimate) until one is known.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from desktop.api.upwork.values import money, text, when
from desktop.core.models import EarningsSummary, Transaction, TransactionStatus, TransactionType
from desktop.core.money import Money

log = logging.getLogger("atelier.api.upwork")

DEFAULT_FEE_RATE = Decimal("0.10")
REVIEW_WINDOW = timedelta(days=5)
_HELD_WORDS = ("pending", "review", "hold", "processing", "in progress")
_EARNING_WORDS = ("hourly", "fixed", "milestone", "payment", "earning", "invoice")


def is_fee(row: dict[str, Any]) -> bool:
    return "fee" in text(row.get("type")).lower()


def classify(row: dict[str, Any]) -> TransactionType:
    words = " ".join(
        text(row.get(key)).lower() for key in ("type", "accountingSubtype", "description")
    )
    if "withdraw" in words:
        return TransactionType.WITHDRAWAL
    if "refund" in words:
        return TransactionType.REFUND
    if "bonus" in words:
        return TransactionType.BONUS
    if any(word in words for word in _EARNING_WORDS):
        return TransactionType.EARNING
    return TransactionType.ADJUSTMENT


def transactions(rows: Iterable[dict[str, Any]], now: datetime) -> list[Transaction]:
    """The rows as Transactions (fee rows folded into the rows they belong to), newest first."""
    rows = list(rows)
    fees: dict[str, list[Money]] = defaultdict(list)
    for row in rows:
        if is_fee(row):
            amount = _amount(row)
            related = text(row.get("relatedTransactionId"))
            if amount is not None and related:
                fees[related].append(Money(abs(amount.amount), amount.currency))
    result: list[Transaction] = []
    for row in rows:
        if is_fee(row):
            continue
        converted = _transaction(row, fees, now)
        if converted is not None:
            result.append(converted)
    result.sort(key=lambda t: (t.created_at, t.id), reverse=True)
    return result


def _amount(row: dict[str, Any]) -> Money | None:
    return money(row.get("transactionAmount")) or money(row.get("amountCreditedToUser"))


def _transaction(row: dict[str, Any], fees: dict[str, list[Money]], now: datetime) -> Transaction | None:
    number = text(row.get("rowNumber"))
    record_id = text(row.get("recordId")) or (f"row-{number}" if number else "")
    amount = _amount(row)
    created = when(row.get("transactionCreationDate"))
    if not record_id or amount is None or created is None:
        log.warning("skipping a transaction row without id, amount or date")
        return None
    kind = classify(row)
    gross = Money(-abs(amount.amount), amount.currency) if kind is TransactionType.WITHDRAWAL else amount
    fee = Money.zero(gross.currency)
    for part in fees.get(record_id, []):
        if part.currency == fee.currency:
            fee = fee + part
    due = when(row.get("transactionReviewDueDate"))
    status, available_at = _status(row, kind, due, now)
    description = text(row.get("descriptionUI")) or text(row.get("description")) or text(row.get("type"))
    company = text(row.get("assignmentCompanyName"))
    if company and company not in description:
        description = f"{description} ({company})" if description else company
    return Transaction(
        id=record_id,
        type=kind,
        status=status,
        description=description,
        job_id=None,
        gross=gross,
        fee=fee,
        net=gross - fee,
        created_at=created,
        available_at=available_at,
        updated_at=when(row.get("fullyPaidDate")) or created,
    )


def _status(
    row: dict[str, Any], kind: TransactionType, due: datetime | None, now: datetime
) -> tuple[TransactionStatus, datetime | None]:
    if kind is TransactionType.WITHDRAWAL:
        return TransactionStatus.COMPLETED, when(row.get("transactionCreationDate"))
    payment_status = text(row.get("paymentStatus")).lower()
    future = due is not None and due > now
    held = any(word in payment_status for word in _HELD_WORDS) or (not payment_status and future)
    if held and future:
        assert due is not None
        return (TransactionStatus.IN_REVIEW if due - now > REVIEW_WINDOW else TransactionStatus.PENDING), due
    return TransactionStatus.AVAILABLE, due


def fee_rate(items: Sequence[Transaction]) -> Decimal | None:
    """fee/gross of the newest earning with a fee (None when there is none)."""
    for item in sorted(items, key=lambda t: t.created_at, reverse=True):
        if item.type is TransactionType.EARNING and item.fee.amount > 0 and item.gross.amount > 0:
            rate = (item.fee.amount / item.gross.amount).quantize(Decimal("0.0001"))
            if Decimal(0) <= rate < Decimal(1):
                return rate
    return None


def summary(items: Sequence[Transaction], now: datetime, lifetime: Money | None = None) -> EarningsSummary:
    currency = lifetime.currency if lifetime else (items[0].net.currency if items else "USD")
    zero = Money.zero(currency)
    buckets = {status: zero for status in TransactionStatus}
    earned = zero
    for item in items:
        if item.net.currency != currency:
            log.info("earnings summary leaves out a transaction in %s", item.net.currency)
            continue
        buckets[item.status] = buckets[item.status] + item.net
        if item.type is not TransactionType.WITHDRAWAL:
            earned = earned + item.net
    available = buckets[TransactionStatus.AVAILABLE] + buckets[TransactionStatus.COMPLETED]
    return EarningsSummary(
        work_in_progress=buckets[TransactionStatus.IN_PROGRESS],
        in_review=buckets[TransactionStatus.IN_REVIEW],
        pending=buckets[TransactionStatus.PENDING],
        available=available if available.amount > 0 else zero,
        lifetime=lifetime if lifetime is not None else earned,
        updated_at=now,
    )
