"""When money becomes available, week by week (the Earnings pane's "Becomes available" chart).

The days come from the marketplace (each transaction's ``available_at``, see ``storage.earnings
.coming_available``); this only groups them into calendar weeks, Monday first, as the marketplace's
weekly rhythm (Monday invoices) is laid out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.core.models import ComingAvailable
from desktop.core.money import Money


@dataclass(frozen=True, slots=True)
class WeekAvailable:
    monday: date
    net: Money
    days: tuple[ComingAvailable, ...]
    """What becomes available on each day of the week, soonest first (empty: nothing that week)."""


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def by_week(coming: Sequence[ComingAvailable], today: date) -> list[WeekAvailable]:
    """Every week from this one to the last one with money, with what becomes available in it (a week
    without any in between is kept, at zero, so the weeks read as a timeline). Empty when nothing comes."""
    if not coming:
        return []
    currency = coming[0].net.currency
    first = monday_of(min(today, min(c.day for c in coming)))
    last = monday_of(max(c.day for c in coming))
    weeks: list[WeekAvailable] = []
    monday = first
    while monday <= last:
        days = tuple(sorted((c for c in coming if monday_of(c.day) == monday), key=lambda c: c.day))
        total = sum((c.net for c in days[1:]), days[0].net) if days else Money.zero(currency)
        weeks.append(WeekAvailable(monday, total, days))
        monday += timedelta(days=7)
    return weeks
