"""Money as Decimal plus currency, and the platform-fee arithmetic.

The fee rate always comes from the server (per job / contract); nothing here knows a default rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def _to_decimal(value: Decimal | str | int) -> Decimal:
    if isinstance(value, float):
        raise TypeError("money is never a float")
    try:
        result = Decimal(value)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not a decimal amount: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    return result


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str = "USD"

    @classmethod
    def of(cls, amount: Decimal | str | int, currency: str = "USD") -> Money:
        return cls(_to_decimal(amount), currency.upper())

    @classmethod
    def zero(cls, currency: str = "USD") -> Money:
        return cls(Decimal("0"), currency)

    def _check(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"currency mismatch: {self.currency} vs {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._check(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._check(other)
        return self.amount <= other.amount

    def times(self, factor: Decimal | int) -> Money:
        return Money(self.amount * Decimal(factor), self.currency)

    def rounded(self) -> Money:
        return Money(self.amount.quantize(CENT, rounding=ROUND_HALF_UP), self.currency)

    def to_wire(self) -> dict[str, str]:
        return {"amount": str(self.rounded().amount), "currency": self.currency}

    def format(self) -> str:
        """Human form, e.g. ``$1,234.50`` or ``1,234.50 EUR``."""
        q = self.rounded().amount
        sign = "-" if q < 0 else ""
        body = f"{abs(q):,.2f}"
        symbol = CURRENCY_SYMBOLS.get(self.currency)
        if symbol:
            return f"{sign}{symbol}{body}"
        return f"{sign}{body} {self.currency}"

    def __str__(self) -> str:
        return self.format()


CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def parse_rate(value: Decimal | str) -> Decimal:
    """A fee rate as a fraction in [0, 1) (``"0.10"`` is ten percent)."""
    rate = _to_decimal(value)
    if not Decimal(0) <= rate < Decimal(1):
        raise ValueError(f"fee rate out of range: {value!r}")
    return rate


@dataclass(frozen=True, slots=True)
class FeeBreakdown:
    gross: Money
    fee: Money
    net: Money
    rate: Decimal


def fee_breakdown(gross: Money, rate: Decimal) -> FeeBreakdown:
    """Split a gross amount into the platform fee and what the freelancer receives.

    The fee is rounded half-up to the cent; the net is gross minus that fee, so the parts always add up.
    """
    rate = parse_rate(rate)
    g = gross.rounded()
    fee = g.times(rate).rounded()
    return FeeBreakdown(gross=g, fee=fee, net=g - fee, rate=rate)


def format_rate(rate: Decimal) -> str:
    pct = (rate * 100).normalize()
    text = f"{pct:f}"
    return f"{text}%"
