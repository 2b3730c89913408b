"""Reading Upwork's JSON values leniently: nulls, numbers in strings, and its two kinds of dates.

- ``Money`` is an object ``{rawValue, currency, displayValue}`` whose ``rawValue`` is a decimal in a
  string, e.g. "1.23" (muhammedaksam/upwork-node ``src/generated/generated-types.ts``); it becomes a
  ``Decimal``, never a float.
- Dates are ISO-8601 strings on most fields, but some fields (``ProposalAuditDetails.createdDateTime``)
  are a ``DateTime`` object ``{rawValue, displayValue}`` whose rawValue third-party clients have seen as
  ISO text, epoch seconds or epoch milliseconds. ``when`` takes all of them.

Nothing here raises on a bad value: it gives None (or a default) and the converter decides.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.core.money import Money

_EPOCH_MS_THRESHOLD = 100_000_000_000  # 1e11 s is the year 5138: anything larger is milliseconds


def obj(value: object) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (so chains of ``.get`` never fail)."""
    return value if isinstance(value, dict) else {}


def items(value: object) -> list[dict[str, Any]]:
    """The objects in a JSON list, skipping nulls and anything else."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def integer(value: object, default: int = 0) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        try:
            return int(Decimal(value.strip()))
        except (InvalidOperation, ValueError):
            return default
    return default


def decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = Decimal(str(value).strip()) if isinstance(value, int | float | str) else None
    except InvalidOperation:
        return None
    return result if result is not None and result.is_finite() else None


def money(value: object, currency: str = "USD") -> Money | None:
    """A ``Money`` object as core ``Money``; None when absent or unreadable."""
    data = obj(value)
    amount = decimal(data.get("rawValue"))
    if amount is None:
        return None
    code = text(data.get("currency")) or currency
    return Money(amount, code.upper())


def when(value: object) -> datetime | None:
    """An aware UTC datetime from ISO text, epoch seconds/ms (number or digits), or ``{rawValue}``."""
    if isinstance(value, dict):
        value = value.get("rawValue")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _epoch(float(value))
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    if raw.lstrip("-").replace(".", "", 1).isdigit():
        return _epoch(float(raw))
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _epoch(seconds: float) -> datetime | None:
    if abs(seconds) >= _EPOCH_MS_THRESHOLD:
        seconds /= 1000.0
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def iso(value: datetime) -> str:
    """UTC ISO-8601 with milliseconds and ``Z``, for ``DateTimeRange`` inputs."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
