"""Lenient reading of Upwork's values: Money as Decimal, dates as ISO / epoch s / epoch ms / {rawValue}."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from desktop.api.upwork.values import integer, iso, money, when
from desktop.core.money import Money

MOMENT = datetime(2026, 3, 1, 10, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize("value", [
    "2026-03-01T10:00:00Z",
    "2026-03-01T10:00:00.000+0000",
    "2026-03-01T11:00:00+01:00",
    "2026-03-01T10:00:00",
    1772359200,
    "1772359200",
    1772359200000,
    "1772359200000",
    {"rawValue": "1772359200000", "displayValue": "Mar 1, 2026"},
    {"rawValue": "2026-03-01T10:00:00Z", "displayValue": "Mar 1"},
])
def test_when_reads_every_date_form(value: object) -> None:
    assert when(value) == MOMENT


@pytest.mark.parametrize("value", [None, "", "soon", {"rawValue": None}, {}, True, []])
def test_when_gives_none_for_what_is_not_a_date(value: object) -> None:
    assert when(value) is None


def test_date_only_is_midnight_utc() -> None:
    assert when("2026-03-01") == datetime(2026, 3, 1, tzinfo=UTC)


def test_money_is_decimal_with_currency() -> None:
    assert money({"rawValue": "1234.56", "currency": "eur", "displayValue": "€1,234.56"}) == Money(
        Decimal("1234.56"), "EUR")
    assert money({"rawValue": "0.1", "currency": None}) == Money(Decimal("0.1"), "USD")
    assert money({"rawValue": 12.5, "currency": "USD"}) == Money(Decimal("12.5"), "USD")


@pytest.mark.parametrize("value", [None, {}, {"rawValue": None}, {"rawValue": "abc"}, {"rawValue": "NaN"},
                                   "5"])
def test_money_gives_none_for_missing_or_bad_amounts(value: object) -> None:
    assert money(value) is None


def test_integer_and_iso() -> None:
    assert integer("12") == 12
    assert integer(None) == 0
    assert integer("x", 3) == 3
    assert integer(True) == 0
    assert iso(MOMENT) == "2026-03-01T10:00:00.000Z"
