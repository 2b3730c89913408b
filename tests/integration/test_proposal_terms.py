"""Milestones and screening answers against the real reference server: jobs carry their questions into the
cache; a proposal with answers and milestones goes through the outbox once and comes back with them (in the
cache too); the marketplace refuses, with a clear 422, a proposal that leaves a question unanswered or whose
milestones do not add up to the bid, and the service refuses such a draft before it is queued."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.core.errors import RequestRejected
from desktop.core.models import BidMilestone, Job, JobType, ProposalDraft, ScreeningAnswer
from desktop.core.money import Money
from desktop.services.container import Services
from desktop.services.proposals import DraftRejected
from desktop.storage import jobs, proposals
from tests.support.bound import bound
from tests.support.polling import until

LETTER = "I have shipped three projects like this one and would start with a short written plan. " * 2


async def _asking_job(services: Services, job_type: JobType) -> Job:
    """An open job, not applied to, that asks screening questions (about three in ten do)."""
    applied = await services.db.read(proposals.applied_job_ids)
    ids = await services.db.read(lambda c: [r[0] for r in c.execute(
        "SELECT id FROM jobs WHERE status = 'open' AND screening_questions <> '[]' AND job_type = ?"
        " ORDER BY seq DESC", (job_type.value,))])
    for job_id in ids:
        job = await services.db.read(bound(jobs.get, job_id))
        if job is not None and job.id not in applied and job.connects_required <= 16:
            return job
    raise AssertionError("no job asks questions")


def _draft(job: Job, answers: tuple[ScreeningAnswer, ...], milestones: tuple[BidMilestone, ...] = (),
           bid: str = "1000") -> ProposalDraft:
    return ProposalDraft(job_id=job.id, cover_letter=LETTER, bid=Money.of(bid), duration="1 to 3 months",
                         fee_rate=Decimal(job.fee_rate), job_title=job.title, answers=answers,
                         milestones=milestones)


async def test_answers_and_milestones_reach_the_marketplace_and_come_back(services: Services) -> None:
    await services.start()
    await services.sync.wait_until_synced(30)
    job = await _asking_job(services, JobType.FIXED)
    assert 1 <= len(job.screening_questions) <= 3
    assert job.screening_questions[0].text
    answers = tuple(ScreeningAnswer(q.id, q.text, f"My answer to “{q.text}”.")
                    for q in job.screening_questions)
    plan = (BidMilestone("Plan and design", Money.of("300"), date(2027, 1, 15)),
            BidMilestone("Build and hand over", Money.of("700"), date(2027, 2, 15)))

    with pytest.raises(DraftRejected, match="Answer every screening question"):
        await services.proposals.submit(_draft(job, (*answers[:-1], replace_answer(answers[-1], " "))))
    with pytest.raises(DraftRejected, match="Answer every screening question"):
        await services.proposals.submit(_draft(job, ()))  # the cached job's questions are known here
    with pytest.raises(DraftRejected, match="must add up to the bid"):
        await services.proposals.submit(_draft(job, answers, plan, bid="1200"))

    local = await services.proposals.submit(_draft(job, answers, plan))
    assert local.milestones == plan
    assert local.answers == answers  # shown at once, before the server

    async def confirmed() -> bool:
        found = [p for p in await services.db.read(proposals.list) if p.job_id == job.id]
        return len(found) == 1 and not found[0].id.startswith("local:")

    await until(confirmed)
    [sent] = [p for p in await services.db.read(proposals.list) if p.job_id == job.id]
    assert sent.milestones == plan
    assert sent.answers == answers
    on_server = [p for p in (await services.api.proposals_page(limit=200)).items if p.job_id == job.id]
    assert len(on_server) == 1
    assert on_server[0].milestones == plan
    assert on_server[0].answers == answers


def replace_answer(answer: ScreeningAnswer, text: str) -> ScreeningAnswer:
    return ScreeningAnswer(answer.question_id, answer.question, text)


async def test_the_marketplace_refuses_missing_answers_and_plans_that_miss_the_bid(
        services: Services) -> None:
    await services.sync.pull()
    job = await _asking_job(services, JobType.FIXED)
    answers = tuple(ScreeningAnswer(q.id, q.text, "Yes.") for q in job.screening_questions)

    with pytest.raises(RequestRejected) as missing:
        await services.api.create_proposal(_draft(job, answers[1:]), "terms-1")
    assert missing.value.status == 422
    assert f"answer every screening question; missing: {job.screening_questions[0].id}" in str(missing.value)

    plan = (BidMilestone("All of it", Money.of("900"), date(2027, 1, 15)),)
    with pytest.raises(RequestRejected) as off:
        await services.api.create_proposal(_draft(job, answers, plan), "terms-2")
    assert off.value.status == 422
    assert "the milestones add up to 900.00; they must add up to the bid, 1000.00" in str(off.value)

    hourly = await _asking_job(services, JobType.HOURLY)
    hourly_answers = tuple(ScreeningAnswer(q.id, q.text, "Yes.") for q in hourly.screening_questions)
    with pytest.raises(RequestRejected) as by_hour:
        await services.api.create_proposal(_draft(hourly, hourly_answers, plan, bid="900"), "terms-3")
    assert by_hour.value.status == 422
    assert "fixed-price" in str(by_hour.value)
    assert not [p for p in (await services.api.proposals_page(limit=200)).items
                if p.job_id in (job.id, hourly.id)]
