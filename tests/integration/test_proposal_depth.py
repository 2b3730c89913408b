"""The proposals service's depth against the real reference server: the job of an invitation is fetched
when the cache lacks it (and an unknown one is None, not an error); a proposal's timeline records the
marketplace's own time of each move the live events carry."""

from __future__ import annotations

from typing import Any

from desktop.core.clock import parse_ts
from desktop.core.models import InvitationStatus, ProposalStatus
from desktop.services.container import Services
from desktop.storage import invitations, jobs, proposals
from tests.support.polling import until


async def test_fetch_job_fills_the_cache_and_an_unknown_job_is_none(services: Services, sandbox: Any) -> None:
    await services.start()
    await services.sync.wait_until_synced(30)
    invited = (await services.db.read(lambda c: invitations.list(c, InvitationStatus.PENDING)))[0]
    await services.db.write(lambda c: jobs.delete(c, [invited.job_id]))
    job = await services.proposals.fetch_job(invited.job_id)
    assert job is not None
    assert job.id == invited.job_id
    assert await services.db.read(lambda c: jobs.get(c, invited.job_id)) == job
    assert await services.proposals.fetch_job("job-that-never-was") is None


async def test_each_live_move_is_a_step_dated_by_the_marketplace(services: Services, sandbox: Any) -> None:
    await services.start()
    await services.sync.wait_until_synced(30)
    submitted = (await services.db.read(lambda c: proposals.list(c, [ProposalStatus.SUBMITTED])))[0]
    moves = [sandbox.store.set_proposal_status(submitted.id, status)
             for status in ("viewed", "interviewing", "offer")]

    async def every_move_recorded() -> bool:
        # a delta page may bring the offer before the events of the moves before it: wait for all four
        recorded = await services.db.read(lambda c: proposals.steps(c, submitted.id))
        return len(recorded) == 4

    await until(every_move_recorded)
    steps = await services.db.read(lambda c: proposals.steps(c, submitted.id))
    assert [(s.status.value, s.at) for s in steps] == [
        ("submitted", submitted.created_at),
        *[(m["status"], parse_ts(m["updated_at"])) for m in moves],
    ]
    assert all(s.confirmed for s in steps)
