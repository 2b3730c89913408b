"""Display text for domain values (times, budgets, statuses), all through Qt's translator."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QDate, QLocale

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
from desktop.core.money import CURRENCY_SYMBOLS, Money
from desktop.ui.i18n import TextContext

# A bare name lupdate recognises, like QCoreApplication.translate: translate("context", "text").
translate = QCoreApplication.translate

_CTX = "format"


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate in the "format" context. lupdate cannot tell which context this is: callers with literal
    text use ``translate("format", ...)`` instead, so the text lands in the catalog."""
    return QCoreApplication.translate(_CTX, text, disambiguation, n)


def _number_locale() -> QLocale:
    """The default locale, except that the bare "C" locale (a system with no language set) writes
    amounts as US English does rather than as ``640.00$``."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale("en_US")
    return locale


def money(value: Money, *, whole: bool = False) -> str:
    """An amount the way the interface language writes it: ``$1,234.50`` in English, ``1 234,50 $`` in
    French; negative amounts with a minus sign. ``whole`` drops ``.00`` from round amounts."""
    amount = value.rounded().amount
    decimals = 0 if whole and amount == amount.to_integral_value() else 2
    symbol = CURRENCY_SYMBOLS.get(value.currency, value.currency)
    text = _number_locale().toCurrencyString(float(abs(amount)), symbol, decimals)
    return f"-{text}" if amount < 0 else text


def short_money(value: Money) -> str:
    """``$500`` for whole amounts, ``$30.50`` otherwise."""
    return money(value, whole=True)


def rate(fraction: Decimal) -> str:
    """A fee rate as a percentage: ``12.5%`` in English, ``12,5 %`` in French."""
    pct = (fraction * 100).normalize()
    decimals = max(0, -pct.as_tuple().exponent)  # type: ignore[operator]
    locale = _number_locale()
    number = locale.toString(float(pct), "f", decimals)
    # French (and a few others) put a narrow no-break space before the sign.
    spaced = locale.language() in (QLocale.Language.French, QLocale.Language.German)
    return f"{number}\u202f%" if spaced else f"{number}%"


def budget_text(job: Job) -> str:
    if job.job_type is JobType.FIXED:
        if job.budget is None:
            return translate("format", "Fixed price")
        return translate("format", "%1 fixed").replace("%1", short_money(job.budget))
    lo, hi = job.hourly_min, job.hourly_max
    if lo is not None and hi is not None and lo.amount != hi.amount:
        return translate("format", "%1–%2/hr").replace("%1", short_money(lo)).replace("%2", short_money(hi))
    one = hi or lo
    if one is None:
        return translate("format", "Hourly")
    return translate("format", "%1/hr").replace("%1", short_money(one))


def job_type_text(t: JobType) -> str:
    return translate("format", "Hourly") if t is JobType.HOURLY else translate("format", "Fixed price")


def experience_text(level: ExperienceLevel) -> str:
    return {
        ExperienceLevel.ENTRY: translate("format", "Entry level"),
        ExperienceLevel.INTERMEDIATE: translate("format", "Intermediate"),
        ExperienceLevel.EXPERT: translate("format", "Expert"),
    }[level]


def proposals_band(n: int) -> str:
    """Upwork-style bands: "Less than 5", "10 to 15", "50+"."""
    if n < 5:
        return translate("format", "Less than 5")
    for lo, hi in ((5, 10), (10, 15), (15, 20), (20, 50)):
        if n < hi:
            return translate("format", "%1 to %2").replace("%1", str(lo)).replace("%2", str(hi))
    return translate("format", "50+")


def rating_text(rating: Decimal | None) -> str:
    if rating is None:
        return translate("format", "No reviews yet")
    return f"★ {rating:.1f}"


class RelativeTime(TextContext):
    """The translation context of the plural "… ago" texts."""


def ago(when: datetime | None, now: datetime | None = None) -> str:
    """Relative time: "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then a date."""
    if when is None:
        return translate("format", "never")
    now = now or utcnow()
    seconds = (now - when).total_seconds()
    if seconds < 45:
        return translate("format", "just now")
    minutes = int(seconds // 60)
    if minutes < 60:
        return RelativeTime.tr("%n min ago", "", max(1, minutes))
    hours = minutes // 60
    if hours < 24:
        return RelativeTime.tr("%n h ago", "", hours)
    days = hours // 24
    if days == 1:
        return translate("format", "yesterday")
    if days < 7:
        return RelativeTime.tr("%n days ago", "", days)
    return short_date(when, now)


def short_date(when: datetime, now: datetime | None = None) -> str:
    local = when.astimezone()
    now = (now or utcnow()).astimezone()
    if local.year == now.year:
        return _local_date(local, "d MMM")
    return _local_date(local, "d MMM yyyy")


def _local_date(local: datetime, pattern: str) -> str:
    """A date in the interface language ("12 Mar", "12 mars"): month names come from QLocale."""
    return QLocale().toString(QDate(local.year, local.month, local.day), pattern)


def clock(when: datetime) -> str:
    return when.astimezone().strftime("%H:%M")


def chat_time(when: datetime, now: datetime | None = None) -> str:
    """Today: "14:05"; this week: "Tue"; older: "12 Mar"."""
    now = now or utcnow()
    local, local_now = when.astimezone(), now.astimezone()
    if local.date() == local_now.date():
        return clock(when)
    if (local_now.date() - local.date()).days < 7:
        return QLocale().dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)
    return short_date(when, now)


def day_text(day: date) -> str:
    """A calendar day the marketplace named (no time zone to convert): "Tue 9 Dec", "mar. 9 déc."."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


def full_date(when: datetime) -> str:
    return _local_date(when.astimezone(), "d MMM yyyy")


def calendar_day(day: date) -> str:
    """A calendar day (a milestone's due date), as full_date writes it: no time zone to apply."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def status_text(status: ProposalStatus) -> str:
    return {
        ProposalStatus.SUBMITTED: translate("format", "Submitted"),
        ProposalStatus.VIEWED: translate("format", "Viewed"),
        ProposalStatus.INTERVIEWING: translate("format", "Interviewing"),
        ProposalStatus.OFFER: translate("format", "Offer"),
        ProposalStatus.HIRED: translate("format", "Hired"),
        ProposalStatus.DECLINED: translate("format", "Declined"),
        ProposalStatus.WITHDRAWN: translate("format", "Withdrawn"),
        ProposalStatus.ARCHIVED: translate("format", "Archived"),
    }[status]


def transaction_type_text(t: TransactionType) -> str:
    return {
        TransactionType.EARNING: translate("format", "Earning"),
        TransactionType.BONUS: translate("format", "Bonus"),
        TransactionType.WITHDRAWAL: translate("format", "Withdrawal"),
        TransactionType.REFUND: translate("format", "Refund"),
        TransactionType.ADJUSTMENT: translate("format", "Adjustment"),
    }[t]


def transaction_status_text(s: TransactionStatus) -> str:
    return {
        TransactionStatus.IN_PROGRESS: translate("format", "In progress"),
        TransactionStatus.IN_REVIEW: translate("format", "In review"),
        TransactionStatus.PENDING: translate("format", "Pending"),
        TransactionStatus.AVAILABLE: translate("format", "Available"),
        TransactionStatus.COMPLETED: translate("format", "Completed"),
    }[s]


def connection_text(state: ConnectionState) -> str:
    return {
        ConnectionState.ONLINE: translate("format", "Online"),
        ConnectionState.SYNCING: translate("format", "Syncing…"),
        ConnectionState.OFFLINE: translate("format", "Offline · showing cached data"),
        ConnectionState.SIGNED_OUT: translate("format", "Signed out — sign in again"),
    }[state]


def number(n: int) -> str:
    """An integer with the interface locale's digit grouping: "2,004" in English, "2 004" in French."""
    locale = QLocale()
    locale.setNumberOptions(locale.numberOptions() & ~QLocale.NumberOption.OmitGroupSeparator)
    return locale.toString(n)


def count_text(n: int, singular: str, plural: str) -> str:
    """ "2,004 jobs" — thousands separators, singular/plural picked here (translations may use %n)."""
    word = singular if n == 1 else plural
    return f"{number(n)} {word}"


def now_utc() -> datetime:
    return datetime.now(UTC)


def server_host(server_url: str) -> str:
    """A marketplace address as people say it: host and port, no scheme ("127.0.0.1:8765")."""
    parts = urlsplit(server_url)
    return parts.netloc or server_url
