"""Small helpers shared by the repositories: money, decimals, timestamps, JSON lists."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from desktop.core.clock import format_ts, parse_ts
from desktop.core.money import Money

T = TypeVar("T")

# SQLite's default limit of host parameters is 32766 on 3.32+; stay well below it.
CHUNK = 500


def money_text(value: Money) -> str:
    return str(value.amount)


def money(amount: str, currency: str) -> Money:
    return Money(Decimal(amount), currency)


def opt_money(amount: str | None, currency: str | None) -> Money | None:
    if amount is None:
        return None
    return Money(Decimal(amount), currency or "USD")


def cents(amount: Decimal) -> int:
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ts(value: datetime) -> str:
    return format_ts(value)


def opt_ts(value: datetime | None) -> str | None:
    return None if value is None else format_ts(value)


def parse_opt_ts(text: str | None) -> datetime | None:
    return None if text is None else parse_ts(text)


def dump_list(items: Sequence[str]) -> str:
    return json.dumps(list(items), ensure_ascii=False, separators=(", ", ": "))


def load_list(text: str) -> tuple[str, ...]:
    value = json.loads(text)
    if not isinstance(value, list):
        return ()
    return tuple(str(v) for v in value)


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def placeholders(n: int) -> str:
    return ",".join("?" * n)
