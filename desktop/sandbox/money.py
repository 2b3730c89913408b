"""Money as integer cents inside the sandbox; decimal strings on the wire (never floats)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
CURRENCY = "USD"
MAX_AMOUNT_CENTS = 100_000_000
"""The largest amount a freelancer may ask for (1,000,000.00): far above any real bid, far below what an
SQLite INTEGER of cents can hold."""
MAX_AMOUNT_TEXT = "1000000.00"
AMOUNT_PATTERN = r"^(?:[0-9]{1,6}(?:\.[0-9]{1,2})?|1000000(?:\.0{1,2})?)$"
"""An amount a client sends: ASCII digits, at most two decimals, at most MAX_AMOUNT_TEXT."""


def cents_to_text(cents: int) -> str:
    """1234550 -> "12345.50"."""
    return str((Decimal(cents) / 100).quantize(CENT))


def money(cents: int, currency: str = CURRENCY) -> dict[str, str]:
    return {"amount": cents_to_text(cents), "currency": currency}


def text_to_cents(text: str) -> int:
    """ "12.5" -> 1250; raises ValueError for anything that is not an amount of ASCII digits with at most two
    decimals and at most MAX_AMOUNT_TEXT in size (so any result fits the database's integers)."""
    if not re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", text):
        raise ValueError(f"not a decimal amount: {text!r}")
    value = Decimal(text)
    if abs(value) > MAX_AMOUNT_CENTS / 100:
        raise ValueError(f"more than {MAX_AMOUNT_TEXT}: {text!r}")
    try:
        cents = value.quantize(CENT)
    except InvalidOperation as exc:  # unreachable after the size check; kept so no input can raise it
        raise ValueError(f"not a decimal amount: {text!r}") from exc
    if value != cents:
        raise ValueError(f"more than two decimals: {text!r}")
    return int(cents * 100)


def fee_cents(gross_cents: int, fee_rate: str) -> int:
    """The platform fee: round_half_up(gross * rate) to the cent, as the contract defines it."""
    fee = (Decimal(gross_cents) / 100 * Decimal(fee_rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return int(fee * 100)
