"""The proposal funnel from a real cache: how far each proposal ever got (its timeline counts, not only its
status now), per month sent and per category, and each template's reply rate."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from desktop.core.models import ProposalStatus
from desktop.storage import funnel, jobs, proposals, templates
from desktop.storage.db import Database
from tests.support.bound import bound
from tests.unit.storage.factories import make_draft, make_job, make_proposal

NOV = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
JAN = datetime(2027, 1, 12, 9, 0, tzinfo=UTC)


def test_an_empty_cache_has_an_empty_funnel(db: Database) -> None:
    report = db.read_now(funnel.report)
    assert report.total.counts() == (0, 0, 0, 0)
    assert report.by_month == ()
    assert report.by_category == ()
    assert report.templates == ()


def test_stages_months_categories_and_reply_rates(db: Database) -> None:
    design, code = make_job(1, category="Design"), make_job(2, category="Web Development")
    more_code = make_job(3, category="Web Development")
    now = JAN + timedelta(days=1)
    db.write_now(lambda c: jobs.upsert_many(c, [design, code, more_code]))
    intro = db.write_now(lambda c: templates.add(c, "Intro", "Hi {client_name}", now))
    unused = db.write_now(lambda c: templates.add(c, "Unused", "Hello", now))

    def sent(i: int, job_id: str, at: datetime, *moves: ProposalStatus) -> str:
        """A proposal sent at ``at`` that then moved through ``moves`` (a day apart), as syncs see it."""
        p = make_proposal(i, job_id=job_id, status=ProposalStatus.SUBMITTED, created_at=at, updated_at=at)
        db.write_now(lambda c: proposals.upsert_many(c, [p]))
        for n, status in enumerate(moves, start=1):
            moved = replace(p, status=status, updated_at=at + timedelta(days=n))
            db.write_now(bound(proposals.upsert_many, [moved]))
        return p.id

    a = sent(1, design.id, NOV, ProposalStatus.VIEWED)
    b = sent(2, code.id, NOV, ProposalStatus.VIEWED, ProposalStatus.INTERVIEWING, ProposalStatus.DECLINED)
    c_ = sent(3, more_code.id, JAN, ProposalStatus.OFFER, ProposalStatus.HIRED)  # straight to an offer
    sent(4, "job-not-cached", JAN)
    db.write_now(lambda c: templates.record_use(c, a, intro.id))
    db.write_now(lambda c: templates.record_use(c, b, intro.id))
    db.write_now(lambda c: templates.record_use(c, c_, intro.id))
    # still in the outbox: not sent, not counted
    db.write_now(lambda c: proposals.insert_local(c, make_draft(5, job_id=design.id), "key-5", now))

    report = db.read_now(funnel.report)
    assert report.total.counts() == (4, 3, 2, 1)
    assert [(r.key, r.counts()) for r in report.by_month] == [
        ("2026-11", (2, 2, 1, 0)), ("2026-12", (0, 0, 0, 0)), ("2027-01", (2, 1, 1, 1))]
    assert [(r.key, r.counts()) for r in report.by_category] == [
        ("Web Development", (2, 2, 2, 1)), ("Design", (1, 1, 0, 0)), ("", (1, 0, 0, 0))]
    by_id = {t.template_id: t for t in report.templates}
    assert (by_id[intro.id].name, by_id[intro.id].sent, by_id[intro.id].replied) == ("Intro", 3, 2)
    assert by_id[intro.id].reply_rate == Decimal("0.667")
    assert (by_id[unused.id].sent, by_id[unused.id].reply_rate) == (0, None)
    assert report.templates[-1].template_id == funnel.NO_TEMPLATE
    assert report.templates[-1].sent == 1

    db.write_now(lambda c: templates.delete(c, intro.id))  # its proposals still count, under no name
    gone = next(t for t in db.read_now(funnel.report).templates if t.template_id == intro.id)
    assert (gone.name, gone.sent, gone.replied) == (None, 3, 2)
