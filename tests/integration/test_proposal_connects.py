"""Connects against the real reference server: a sent proposal lowers the cached balance by what the
marketplace charged (its own count, fetched after the send); with too few Connects the service refuses
the draft before queueing it, and the marketplace itself refuses (409) and charges nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from desktop.core.errors import RequestRejected
from desktop.core.models import Job, ProposalDraft
from desktop.core.money import Money
from desktop.services.container import Services
from desktop.services.events import ProfileChanged
from desktop.services.proposals import DraftRejected
from desktop.storage import jobs, profile, proposals
from tests.support.bound import bound
from tests.support.polling import until

DEMO = "demo@atelier.test"
LETTER = "I have shipped three projects like this one and would start with a short written plan. " * 2


async def _plain_jobs(services: Services) -> list[Job]:
    applied = await services.db.read(proposals.applied_job_ids)
    ids = await services.db.read(lambda c: [r[0] for r in c.execute(
        "SELECT id FROM jobs WHERE status = 'open' AND screening_questions = '[]' ORDER BY seq DESC")])
    found = [await services.db.read(bound(jobs.get, i)) for i in ids if i not in applied]
    return [j for j in found if j is not None]


def _draft(job: Job) -> ProposalDraft:
    return ProposalDraft(job_id=job.id, cover_letter=LETTER, bid=Money.of("500"), duration="1 to 3 months",
                         fee_rate=Decimal(job.fee_rate), job_title=job.title)


async def test_a_sent_proposal_lowers_the_cached_balance(services: Services) -> None:
    await services.start()
    await services.sync.wait_until_synced(30)
    before = await services.proposals.connects_available()
    me = await services.db.read(profile.get)
    assert me is not None
    assert before == me.connects
    job = (await _plain_jobs(services))[0]
    told: list[object] = []
    services.bus.subscribe(lambda e: told.append(e) if isinstance(e, ProfileChanged) else None)
    await services.proposals.submit(_draft(job))

    async def charged() -> bool:
        cached = await services.db.read(profile.get)
        return cached is not None and cached.connects == before - job.connects_required

    await until(charged)
    assert (await services.api.me()).connects == before - job.connects_required
    assert await services.proposals.connects_available() == before - job.connects_required
    assert told


async def test_too_few_connects_are_refused_here_and_by_the_marketplace(
        services: Services, sandbox: Any) -> None:
    await services.sync.pull()
    me = await services.db.read(profile.get)
    assert me is not None
    job = next(j for j in await _plain_jobs(services) if j.connects_required >= 4)
    account = sandbox.store.account_by_email(DEMO)
    sandbox.store.add_connects(account.id, 2 - me.connects)  # two left
    await services.sync.pull()
    assert await services.proposals.connects_available() == 2

    with pytest.raises(DraftRejected) as refused:
        await services.proposals.submit(_draft(job))
    assert [str(p) for p in refused.value.problems] == [
        f"Not enough Connects: this proposal needs {job.connects_required} and you have 2."]
    assert job.id not in await services.db.read(proposals.applied_job_ids)
    assert await services.outbox.pending_count() == 0

    with pytest.raises(RequestRejected) as conflict:  # the marketplace's own refusal
        await services.api.create_proposal(_draft(job), "connects-1")
    assert conflict.value.status == 409
    assert f"not enough connects: {job.connects_required} needed, 2 left" in str(conflict.value)
    assert (await services.api.me()).connects == 2
