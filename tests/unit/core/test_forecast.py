"""Money on its way, week by week: the days are the marketplace's, the weeks run Monday to Sunday."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop.core.forecast import by_week, monday_of
from desktop.core.models import ComingAvailable
from desktop.core.money import Money

SUNDAY = date(2026, 12, 6)


def coming(day: date, amount: str, count: int = 1) -> ComingAvailable:
    return ComingAvailable(day=day, net=Money(Decimal(amount), "USD"), count=count)


def test_weeks_start_on_monday() -> None:
    assert monday_of(SUNDAY) == date(2026, 11, 30)
    assert monday_of(date(2026, 11, 30)) == date(2026, 11, 30)


def test_every_week_from_this_one_to_the_last_with_money() -> None:
    days = [coming(date(2026, 12, 8), "100.00"), coming(date(2026, 12, 10), "50.50", count=2),
            coming(date(2026, 12, 23), "20.00")]
    weeks = by_week(days, SUNDAY)
    assert [w.monday for w in weeks] == [date(2026, 11, 30), date(2026, 12, 7), date(2026, 12, 14),
                                         date(2026, 12, 21)]
    assert [w.net.amount for w in weeks] == [0, Decimal("150.50"), 0, Decimal("20.00")]
    assert weeks[1].days == tuple(days[:2])
    assert weeks[2].days == ()
    assert all(w.net.currency == "USD" for w in weeks)


def test_nothing_on_its_way_means_no_weeks() -> None:
    assert by_week([], SUNDAY) == []
