"""Proposal drafts through the real ProposalService, a real cache file and the real reference server: a draft
outlives the process (the cache file is opened again by new services), the service lists drafts
last edited first, and sending one through the outbox removes it once, with the marketplace holding the
proposal exactly once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.core.models import ConnectionState, ProposalDraft, ProposalStatus
from desktop.core.money import Money
from desktop.credentials import CredentialStore
from desktop.services.container import Services, build_services
from desktop.services.events import ProposalDraftsChanged
from desktop.services.session import Session
from desktop.storage import jobs, proposals
from desktop.storage.db import Database
from tests.support.bound import bound
from tests.support.polling import until

DEMO = "demo@atelier.test"
LETTER = "I have shipped three offline-first Qt apps with SQLite caches and would love to build yours. "


async def open_services(sandbox: Any, path: Path) -> Services:
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    await session.sign_in_with_password("demo")
    return await build_services(Database.open(path), session, account_label="test")


async def test_drafts_outlive_the_process_and_a_sent_one_goes_once(sandbox: Any, tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    services = await open_services(sandbox, path)
    await services.start()
    await services.sync.wait_until_synced(30)
    applied = await services.db.read(proposals.applied_job_ids)
    open_ids = await services.db.read(lambda c: [r[0] for r in c.execute(
        "SELECT id FROM jobs WHERE status = 'open' ORDER BY seq DESC LIMIT 20")])
    plain = [job for i in open_ids if i not in applied
             and (job := await services.db.read(bound(jobs.get, i))) is not None
             and not job.screening_questions]  # a letter and a bid are the whole proposal
    first, second = plain[:2]
    heard: list[object] = []
    services.bus.subscribe(lambda e: heard.append(e) if isinstance(e, ProposalDraftsChanged) else None)

    def draft_of(job: Any, letter: str) -> ProposalDraft:
        return ProposalDraft(job_id=job.id, cover_letter=letter, bid=Money.of("450"),
                             duration="1 to 3 months", fee_rate=Decimal(job.fee_rate), job_title=job.title)

    await services.proposals.save_draft(draft_of(first, LETTER))
    await services.proposals.save_draft(draft_of(second, LETTER * 2))
    assert len(heard) == 2
    await services.aclose()  # Atelier quits; what was saved is in the cache file

    services = await open_services(sandbox, path)
    await services.start()
    await services.sync.wait_until_synced(30)
    listed = await services.proposals.drafts()
    assert [d.draft.job_id for d in listed] == [second.id, first.id]  # last edited first
    assert (await services.proposals.draft_for(first.id)) == draft_of(first, LETTER)

    await services.proposals.submit(draft_of(first, LETTER))
    assert [d.draft.job_id for d in await services.proposals.drafts()] == [second.id]

    async def live() -> bool:
        return services.sync.status.state is ConnectionState.ONLINE

    await until(live)

    async def on_server() -> bool:
        page = await services.api.proposals_page(limit=200)
        return sum(p.job_id == first.id for p in page.items) == 1

    await until(on_server)
    sent = [p for p in await services.db.read(lambda c: proposals.list(c)) if p.job_id == first.id]

    async def confirmed() -> bool:
        nonlocal sent
        sent = [p for p in await services.db.read(lambda c: proposals.list(c)) if p.job_id == first.id]
        return len(sent) == 1 and not sent[0].id.startswith("local:")

    await until(confirmed)
    assert sent[0].status is ProposalStatus.SUBMITTED
    assert [d.draft.job_id for d in await services.proposals.drafts()] == [second.id]
    await services.aclose()
