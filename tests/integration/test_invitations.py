"""Answering invitations through the client's services and the real reference server: a decline made while
the server is down reaches it once it is back; a proposal for an invited job accepts the invitation, and
the live event tells the cache."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.core.models import ConnectionState, InvitationStatus, ProposalDraft
from desktop.core.money import Money
from desktop.services.container import Services
from desktop.storage import invitations, jobs
from tests.support.polling import until


async def test_decline_offline_and_accept_by_proposal(services: Services, sandbox: Any) -> None:
    await services.start()
    await services.sync.wait_until_synced(30)
    pending = await services.db.read(lambda c: invitations.list(c, InvitationStatus.PENDING))
    assert len(pending) >= 2
    to_decline, to_accept = pending[0], pending[1]

    sandbox.stop()
    await services.proposals.decline_invitation(to_decline.id)
    local = await services.db.read(lambda c: invitations.get(c, to_decline.id))
    assert local is not None
    assert local.status is InvitationStatus.DECLINED  # at once, offline
    sandbox.start()
    await services.sync.sync_now()

    async def declined_on_server() -> bool:
        page = await services.api.invitations_page(limit=200)
        return any(i.id == to_decline.id and i.status is InvitationStatus.DECLINED for i in page.items)

    await until(declined_on_server)

    async def live() -> bool:
        return services.sync.status.state is ConnectionState.ONLINE

    await until(live)
    job = await services.db.read(lambda c: jobs.get(c, to_accept.job_id))
    assert job is not None
    await services.proposals.submit(ProposalDraft(
        job_id=job.id, cover_letter="Thank you for the invitation; here is how I would start. " * 3,
        bid=Money.of("640"), duration="1 to 3 months", fee_rate=Decimal(job.fee_rate), job_title=job.title))

    async def accepted_here() -> bool:
        cached = await services.db.read(lambda c: invitations.get(c, to_accept.id))
        return cached is not None and cached.status is InvitationStatus.ACCEPTED

    await until(accepted_here)
