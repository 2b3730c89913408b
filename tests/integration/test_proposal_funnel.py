"""The funnel through the real ProposalService against the real reference server: it counts the synced
proposals, and a proposal sent with a template that the client moves to an interview (a live event) counts
as that template's reply."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.core.models import ProposalDraft, ProposalStatus
from desktop.core.money import Money
from desktop.services.container import Services
from desktop.storage import jobs, proposals
from tests.support.polling import until

LETTER = "I have shipped three projects like this one and would start with a short written plan. " * 2


async def test_the_funnel_counts_synced_proposals_and_template_replies(
        services: Services, sandbox: Any) -> None:
    await services.start()
    await services.sync.wait_until_synced(30)
    before = await services.proposals.funnel()
    synced = await services.api.proposals_page(limit=200)
    assert before.total.sent == len(synced.items)
    hired = sum(p.status is ProposalStatus.HIRED for p in synced.items)
    assert before.total.hired >= hired  # (a hire the timeline saw counts even when archived since)
    assert sum(r.sent for r in before.by_month) == before.total.sent
    assert sum(r.sent for r in before.by_category) == before.total.sent

    made = await services.proposals.add_template("Intro", "Hello {client_name}, about {job_title}.")
    applied = await services.db.read(proposals.applied_job_ids)
    job_id = await services.db.read(lambda c: next(r[0] for r in c.execute(
        "SELECT id FROM jobs WHERE status = 'open' AND screening_questions = '[]' ORDER BY seq DESC")
        if r[0] not in applied))
    job = await services.db.read(lambda c: jobs.get(c, job_id))
    assert job is not None
    letter = await services.proposals.fill_template(made.id, job) + " " + LETTER
    await services.proposals.submit(ProposalDraft(
        job_id=job.id, cover_letter=letter, bid=Money.of("500"), duration="1 to 3 months",
        fee_rate=Decimal(job.fee_rate), job_title=job.title, template_id=made.id))

    async def sent_once() -> bool:
        rates = {t.template_id: t for t in (await services.proposals.funnel()).templates}
        return made.id in rates and rates[made.id].sent == 1

    await until(sent_once)
    [mine] = [p for p in await services.db.read(proposals.list) if p.job_id == job.id]
    sandbox.store.set_proposal_status(mine.id, "viewed")
    sandbox.store.set_proposal_status(mine.id, "interviewing")

    async def replied() -> bool:
        report = await services.proposals.funnel()
        rates = {t.template_id: t for t in report.templates}
        return rates[made.id].replied == 1

    await until(replied)
    after = await services.proposals.funnel()
    assert after.total.sent == before.total.sent + 1
    assert after.total.interviewing == before.total.interviewing + 1
    intro = next(t for t in after.templates if t.template_id == made.id)
    assert (intro.name, intro.sent, intro.replied, intro.reply_rate) == ("Intro", 1, 1, Decimal("1.000"))
