"""Contracts through the sync engine against the real reference server: pulled, then kept live."""

from __future__ import annotations

import asyncio
from typing import Any

from desktop.core.models import ContractStatus, ContractType, MilestoneStatus
from desktop.services.container import Services
from desktop.services.events import ContractsChanged, Event
from desktop.storage import contracts, earnings


async def test_contracts_are_pulled_and_a_milestone_event_is_applied(
        services: Services, sandbox: Any) -> None:
    heard: list[Event] = []
    services.bus.subscribe(heard.append)
    await services.sync.start()
    await services.sync.wait_until_synced(30)

    cached = await services.db.read(contracts.list)
    account = sandbox.store.account_by_email("demo@atelier.test")
    served = sandbox.store.list_contracts(account.id, sandbox_page())[0]
    assert {c.id for c in cached} == {c["id"] for c in served}
    assert any(isinstance(e, ContractsChanged) for e in heard)
    active = [c for c in cached if c.status is ContractStatus.ACTIVE]
    assert {c.contract_type for c in active} == {ContractType.HOURLY, ContractType.FIXED}
    fixed = next(c for c in active if c.contract_type is ContractType.FIXED)
    funded = next(m for m in fixed.milestones if m.status is MilestoneStatus.FUNDED)
    hourly = next(c for c in active if c.contract_type is ContractType.HOURLY)
    assert hourly.room_id is not None
    assert hourly.hours_this_week
    assert hourly.weekly_limit_hours

    # The client sees the work: the milestone is submitted on the server, and the live event lands here.
    heard.clear()
    sandbox.store.advance_milestone(funded.id)

    async def submitted() -> bool:
        contract = await services.db.read(lambda c: contracts.get(c, fixed.id))
        return contract is not None and any(
            m.id == funded.id and m.status is MilestoneStatus.SUBMITTED for m in contract.milestones)

    for _ in range(200):
        if await submitted():
            break
        await asyncio.sleep(0.05)
    assert await submitted()
    assert any(isinstance(e, ContractsChanged) for e in heard)
    # Its money moved with it (transaction.updated on the same stream): in review now.
    for _ in range(100):
        money = [t for t in await services.db.read(earnings.all_transactions)
                 if t.job_id == fixed.job_id and t.gross == funded.amount and t.status.value == "in_review"]
        if money:
            break
        await asyncio.sleep(0.05)
    assert money
    contract = await services.db.read(lambda c: contracts.get(c, fixed.id))
    assert contract is not None
    assert contract.current_milestone is not None
    assert contract.current_milestone.submitted_at is not None


def sandbox_page() -> Any:
    from desktop.sandbox.store import PageParams

    return PageParams(limit=500)
