"""Upwork's Money object {rawValue: "123.45", currency: "USD", displayValue: "$123.45"} (upwork-node)."""

from __future__ import annotations

from typing import Any

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def raw(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d}"


def money(cents: int | None, currency: str = "USD") -> dict[str, Any] | None:
    if cents is None:
        return None
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    display = f"{sign}{SYMBOLS.get(currency, currency + ' ')}{whole:,}.{frac:02d}"
    return {"rawValue": raw(cents), "currency": currency, "displayValue": display}
