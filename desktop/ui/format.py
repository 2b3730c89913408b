"""Display text for domain values (times, budgets, statuses), all through Qt's translator."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from desktop.core.clock import utcnow
from desktop.core.models import (
    ConnectionState,
    ExperienceLevel,
    Job,
    JobType,
    ProposalStatus,
    TransactionStatus,
    TransactionType,
)
from desktop.core.money import Money

_CTX = "format"


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(_CTX, text, disambiguation, n)


def short_money(value: Money) -> str:
    """``$500`` for whole amounts, ``$30.50`` otherwise."""
    text = value.format()
    rounded = value.rounded().amount
    if rounded == rounded.to_integral_value():
        return text.replace(".00", "", 1)
    return text


def budget_text(job: Job) -> str:
    if job.job_type is JobType.FIXED:
        if job.budget is None:
            return tr("Fixed price")
        return tr("%1 fixed").replace("%1", short_money(job.budget))
    lo, hi = job.hourly_min, job.hourly_max
    if lo is not None and hi is not None and lo.amount != hi.amount:
        return tr("%1–%2/hr").replace("%1", short_money(lo)).replace("%2", short_money(hi))
    one = hi or lo
    if one is None:
        return tr("Hourly")
    return tr("%1/hr").replace("%1", short_money(one))


def job_type_text(t: JobType) -> str:
    return tr("Hourly") if t is JobType.HOURLY else tr("Fixed price")


def experience_text(level: ExperienceLevel) -> str:
    return {
        ExperienceLevel.ENTRY: tr("Entry level"),
        ExperienceLevel.INTERMEDIATE: tr("Intermediate"),
        ExperienceLevel.EXPERT: tr("Expert"),
    }[level]


def proposals_band(n: int) -> str:
    """Upwork-style bands: "Less than 5", "10 to 15", "50+"."""
    if n < 5:
        return tr("Less than 5")
    for lo, hi in ((5, 10), (10, 15), (15, 20), (20, 50)):
        if n < hi:
            return tr("%1 to %2").replace("%1", str(lo)).replace("%2", str(hi))
    return tr("50+")


def rating_text(rating: Decimal | None) -> str:
    if rating is None:
        return tr("No reviews yet")
    return f"★ {rating:.1f}"


def ago(when: datetime | None, now: datetime | None = None) -> str:
    """Relative time: "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then a date."""
    if when is None:
        return tr("never")
    now = now or utcnow()
    seconds = (now - when).total_seconds()
    if seconds < 45:
        return tr("just now")
    minutes = int(seconds // 60)
    if minutes < 60:
        return tr("%n min ago", None, max(1, minutes))
    hours = minutes // 60
    if hours < 24:
        return tr("%n h ago", None, hours)
    days = hours // 24
    if days == 1:
        return tr("yesterday")
    if days < 7:
        return tr("%n days ago", None, days)
    return short_date(when, now)


def short_date(when: datetime, now: datetime | None = None) -> str:
    local = when.astimezone()
    now = (now or utcnow()).astimezone()
    if local.year == now.year:
        return f"{local.day} {local.strftime('%b')}"
    return f"{local.day} {local.strftime('%b')} {local.year}"


def clock(when: datetime) -> str:
    return when.astimezone().strftime("%H:%M")


def chat_time(when: datetime, now: datetime | None = None) -> str:
    """Today: "14:05"; this week: "Tue"; older: "12 Mar"."""
    now = now or utcnow()
    local, local_now = when.astimezone(), now.astimezone()
    if local.date() == local_now.date():
        return clock(when)
    if (local_now.date() - local.date()).days < 7:
        return local.strftime("%a")
    return short_date(when, now)


def full_date(when: datetime) -> str:
    local = when.astimezone()
    return f"{local.day} {local.strftime('%b %Y')}"


def status_text(status: ProposalStatus) -> str:
    return {
        ProposalStatus.SUBMITTED: tr("Submitted"),
        ProposalStatus.VIEWED: tr("Viewed"),
        ProposalStatus.INTERVIEWING: tr("Interviewing"),
        ProposalStatus.OFFER: tr("Offer"),
        ProposalStatus.HIRED: tr("Hired"),
        ProposalStatus.DECLINED: tr("Declined"),
        ProposalStatus.WITHDRAWN: tr("Withdrawn"),
        ProposalStatus.ARCHIVED: tr("Archived"),
    }[status]


def transaction_type_text(t: TransactionType) -> str:
    return {
        TransactionType.EARNING: tr("Earning"),
        TransactionType.BONUS: tr("Bonus"),
        TransactionType.WITHDRAWAL: tr("Withdrawal"),
        TransactionType.REFUND: tr("Refund"),
        TransactionType.ADJUSTMENT: tr("Adjustment"),
    }[t]


def transaction_status_text(s: TransactionStatus) -> str:
    return {
        TransactionStatus.IN_PROGRESS: tr("In progress"),
        TransactionStatus.IN_REVIEW: tr("In review"),
        TransactionStatus.PENDING: tr("Pending"),
        TransactionStatus.AVAILABLE: tr("Available"),
        TransactionStatus.COMPLETED: tr("Completed"),
    }[s]


def connection_text(state: ConnectionState) -> str:
    return {
        ConnectionState.ONLINE: tr("Online"),
        ConnectionState.SYNCING: tr("Syncing…"),
        ConnectionState.OFFLINE: tr("Offline · showing cached data"),
        ConnectionState.SIGNED_OUT: tr("Signed out — sign in again"),
    }[state]


def count_text(n: int, singular: str, plural: str) -> str:
    """ "2,004 jobs" — thousands separators, singular/plural picked here (translations may use %n)."""
    word = singular if n == 1 else plural
    return f"{n:,} {word}"


def now_utc() -> datetime:
    return datetime.now(UTC)


def server_host(server_url: str) -> str:
    """A marketplace address as people say it: host and port, no scheme ("127.0.0.1:8765")."""
    parts = urlsplit(server_url)
    return parts.netloc or server_url
