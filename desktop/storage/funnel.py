"""The proposal funnel: of the proposals sent, how many the client viewed, took to an interview, and hired —
per month sent and per job category — and each cover-letter template's reply rate.

How far a proposal got is the furthest stage it was ever seen in: its current status or any step of its
timeline (a proposal declined after an interview still counts as interviewed). An offer counts as an
interview. A reply is the client answering: an interview, an offer or a hire. Proposals still in the outbox
(local rows) are not counted: they are not sent yet. A few hundred rows: read whole, counted here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.models import ProposalStatus

SENT, VIEWED, INTERVIEWING, HIRED = range(4)
_STAGE = {
    ProposalStatus.SUBMITTED.value: SENT,
    ProposalStatus.VIEWED.value: VIEWED,
    ProposalStatus.INTERVIEWING.value: INTERVIEWING,
    ProposalStatus.OFFER.value: INTERVIEWING,
    ProposalStatus.HIRED.value: HIRED,
}
NO_TEMPLATE = 0
"""The template id of the row that counts proposals written without a template."""


def rate(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` as a fraction rounded to a tenth of a percent (None when ``whole`` is 0)."""
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class FunnelRow:
    key: str
    """The month sent ("2026-11", UTC) or the job's category ("" when the job is not cached)."""
    sent: int = 0
    viewed: int = 0
    interviewing: int = 0
    hired: int = 0

    def counts(self) -> tuple[int, int, int, int]:
        return self.sent, self.viewed, self.interviewing, self.hired


@dataclass(frozen=True, slots=True)
class TemplateRate:
    template_id: int
    """NO_TEMPLATE for the letters written without one."""
    name: str | None
    """None once the template is deleted (its proposals still count)."""
    sent: int
    replied: int

    @property
    def reply_rate(self) -> Decimal | None:
        return rate(self.replied, self.sent)


@dataclass(frozen=True, slots=True)
class FunnelReport:
    total: FunnelRow
    by_month: tuple[FunnelRow, ...]
    """Oldest month first, every month from the first proposal to the last (empty ones too)."""
    by_category: tuple[FunnelRow, ...]
    """Most proposals first."""
    templates: tuple[TemplateRate, ...]
    """Each template used at least once or still kept, by name; then the letters written without one."""


@dataclass(frozen=True, slots=True)
class _Sent:
    month: str
    category: str
    stage: int
    template_id: int


def _sent(conn: sqlite3.Connection) -> list[_Sent]:
    rows = conn.execute(
        "SELECT p.status, substr(p.created_at, 1, 7), coalesce(j.category, ''),"
        " coalesce(u.template_id, 0),"
        " (SELECT group_concat(s.status) FROM proposal_steps s WHERE s.proposal_id = p.id)"
        " FROM proposals p LEFT JOIN jobs j ON j.id = p.job_id"
        " LEFT JOIN proposal_template_use u ON u.proposal_id = p.id"
        " WHERE p.id NOT LIKE 'local:%'")
    found: list[_Sent] = []
    for status, month, category, template_id, steps in rows:
        seen = [status, *(steps.split(",") if steps else [])]
        stage = max(_STAGE.get(s, SENT) for s in seen)
        found.append(_Sent(month, category, stage, int(template_id)))
    return found


def _row(key: str, items: Iterable[_Sent]) -> FunnelRow:
    stages = [i.stage for i in items]
    return FunnelRow(key, len(stages), sum(s >= VIEWED for s in stages),
                     sum(s >= INTERVIEWING for s in stages), sum(s >= HIRED for s in stages))


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months: list[str] = []
    while f"{year:04d}-{month:02d}" <= last and len(months) < 1200:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def report(conn: sqlite3.Connection) -> FunnelReport:
    sent = _sent(conn)
    by_month: dict[str, list[_Sent]] = {}
    by_category: dict[str, list[_Sent]] = {}
    by_template: dict[int, list[_Sent]] = {}
    for item in sent:
        by_month.setdefault(item.month, []).append(item)
        by_category.setdefault(item.category, []).append(item)
        by_template.setdefault(item.template_id, []).append(item)
    months = _months_between(min(by_month), max(by_month)) if by_month else []
    categories = sorted(by_category.items(), key=lambda kv: (-len(kv[1]), kv[0] == "", kv[0].casefold()))
    names = dict(conn.execute("SELECT id, name FROM proposal_templates").fetchall())
    templates = [TemplateRate(t, names.get(t), len(items), sum(i.stage >= INTERVIEWING for i in items))
                 for t, items in by_template.items() if t != NO_TEMPLATE]
    templates += [TemplateRate(t, name, 0, 0) for t, name in names.items() if t not in by_template]
    templates.sort(key=lambda t: (t.name is None, (t.name or "").casefold(), t.template_id))
    plain = by_template.get(NO_TEMPLATE, [])
    if plain:
        templates.append(TemplateRate(NO_TEMPLATE, None, len(plain),
                                      sum(i.stage >= INTERVIEWING for i in plain)))
    return FunnelReport(
        total=_row("", sent),
        by_month=tuple(_row(m, by_month.get(m, [])) for m in months),
        by_category=tuple(_row(c, items) for c, items in categories),
        templates=tuple(templates),
    )
