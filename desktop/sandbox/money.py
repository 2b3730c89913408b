"""Money as integer cents inside the sandbox; decimal strings on the wire (never floats)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
CURRENCY = "USD"


def cents_to_text(cents: int) -> str:
    """1234550 -> "12345.50"."""
    return str((Decimal(cents) / 100).quantize(CENT))


def money(cents: int, currency: str = CURRENCY) -> dict[str, str]:
    return {"amount": cents_to_text(cents), "currency": currency}


def text_to_cents(text: str) -> int:
    """ "12.5" -> 1250; raises ValueError for anything that is not a finite amount with at most 2 decimals."""
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not a decimal amount: {text!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not a finite amount: {text!r}")
    if value != value.quantize(CENT):
        raise ValueError(f"more than two decimals: {text!r}")
    return int(value * 100)


def fee_cents(gross_cents: int, fee_rate: str) -> int:
    """The platform fee: round_half_up(gross * rate) to the cent, as the contract defines it."""
    fee = (Decimal(gross_cents) / 100 * Decimal(fee_rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return int(fee * 100)
