"""The Proposals pane in depth, in the real window on real services against the real reference server on
loopback (its seeded marketplace, live events over SSE, a real SQLite cache): an invitation shows its job and
opens it in Jobs; the sidebar counts pending invitations as they arrive and are declined; a proposal's
timeline has a dated step for each status the marketplace moved it to; its conversation opens in Messages."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.clock import parse_ts
from desktop.core.models import Invitation, InvitationStatus, Proposal, ProposalDraft, ProposalStatus
from desktop.core.money import Money
from desktop.credentials import CredentialStore
from desktop.services.container import Services, build_services
from desktop.services.session import Session
from desktop.storage import invitations, jobs, proposals, rooms
from desktop.storage.db import Database
from desktop.ui import format as fmt
from desktop.ui.main_window import MainWindow
from desktop.ui.proposals_pane import (
    DESCRIPTION_PREVIEW,
    TAB_ACTIVE,
    TAB_ARCHIVED,
    TAB_HIRED,
    TAB_INVITES,
    ProposalsPane,
)
from tests.support.bound import bound

T = TypeVar("T")
DEMO = "demo@atelier.test"
LETTER = "I have shipped three offline-first Qt apps with SQLite caches and would love to build yours. " * 2


def run(qtbot: Any, coro: Awaitable[T], timeout_ms: int = 30_000) -> T:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout_ms)
    return task.result()


@dataclass
class Live:
    services: Services
    window: MainWindow
    sandbox: Any

    @property
    def pane(self) -> ProposalsPane:
        return self.window.proposals

    def cached_invitations(self, status: InvitationStatus | None = None) -> list[Invitation]:
        return self.services.db.read_now(lambda c: invitations.list(c, status))

    def cached_proposal(self, proposal_id: str) -> Proposal | None:
        return self.services.db.read_now(lambda c: proposals.get(c, proposal_id))


@pytest.fixture
def live(qtbot: Any, qasync_loop: Any, sandbox: Any, tmp_path: Path) -> Iterator[Live]:
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    run(qtbot, session.sign_in_with_password("demo"))
    services = run(qtbot, build_services(Database.open(tmp_path / "cache.sqlite3"), session,
                                         account_label="test"))
    run(qtbot, services.start())
    run(qtbot, services.sync.wait_until_synced(30))
    window = MainWindow(services, tmp_path / "window.ini")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    try:
        yield Live(services, window, sandbox)
    finally:
        window.close()
        run(qtbot, window.runner.cancel_all())
        run(qtbot, services.aclose())


def select(pane: ProposalsPane, item_id: str) -> None:
    row = pane.model.row_of(item_id)
    assert row >= 0, item_id
    pane.select_row(row)


def test_an_invitation_shows_its_job_and_opens_it_in_jobs(qtbot: Any, live: Live) -> None:
    pending = live.cached_invitations(InvitationStatus.PENDING)[0]
    job = live.services.db.read_now(lambda c: jobs.get(c, pending.job_id))
    assert job is not None  # the seeded invitations are to jobs the sync brought
    live.window.show_pane("proposals")
    live.pane.set_tab(TAB_INVITES)
    select(live.pane, pending.id)
    detail = live.pane.detail
    card = detail.job_card

    facts = [label.text() for label in detail._fact_vals if label.isVisible()]
    assert fmt.budget_text(job) in facts  # "$145–$200/hr", "$1,150 fixed"
    assert card.isVisible()
    assert card.title.text() == job.title
    assert card.terms.text().startswith(fmt.budget_text(job))
    assert card.client.text() == job.client.name
    verified = "✓ Payment verified" if job.client.payment_verified else "Payment unverified"
    assert card.trust.text() == f"{verified}   {fmt.rating_text(job.client.rating)}"
    assert f"{fmt.short_money(job.client.total_spent)} spent" in card.client_more.text()
    hires = "1 hire" if job.client.hires == 1 else f"{job.client.hires} hires"
    assert hires in card.client_more.text()
    whole = job.description.strip()
    assert card.description.isVisible()
    assert card.description.text().startswith(whole[:300])
    if len(whole) <= DESCRIPTION_PREVIEW:
        assert card.description.text() == whole
        assert not card.description_more.isVisible()
    else:  # a summary, and where to read the rest
        assert card.description.text().endswith(" …")
        assert card.description_more.isVisible()
    assert detail.message.text() == pending.message

    card.open_button.click()
    assert live.window.current_pane() == "jobs"
    # a job not in the feed on screen is read from the cache off the UI thread
    qtbot.waitUntil(lambda: live.window.jobs.detail.job is not None, timeout=3000)
    shown = live.window.jobs.detail.job
    assert shown is not None
    assert shown.id == job.id
    assert live.window.jobs.detail.title.text() == job.title


def test_the_sidebar_counts_pending_invitations_live_and_drops_after_a_decline(
        qtbot: Any, live: Live) -> None:
    pending = live.cached_invitations(InvitationStatus.PENDING)
    assert len(pending) == 2  # the seeded marketplace: two waiting, one accepted, one declined
    assert live.window.invitations_badge() == 2

    created = live.sandbox.simulator.invite()  # a client invites Ada: the event stream brings it
    assert created is not None
    qtbot.waitUntil(lambda: live.window.invitations_badge() == 3, timeout=15_000)

    live.window.show_pane("proposals")
    live.pane.set_tab(TAB_INVITES)
    select(live.pane, created["id"])
    live.pane.detail.decline_button.click()
    box = live.pane._confirm
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "Decline").click()
    qtbot.waitUntil(lambda: live.window.invitations_badge() == 2, timeout=5_000)

    async def declined_on_server() -> bool:
        page = await live.services.api.invitations_page(limit=200)
        return any(i.id == created["id"] and i.status is InvitationStatus.DECLINED for i in page.items)

    qtbot.waitUntil(lambda: run(qtbot, declined_on_server()), timeout=15_000)
    assert live.window.invitations_badge() == 2  # the server's answer keeps it declined


def test_a_proposal_moved_submitted_viewed_hired_shows_three_dated_steps(qtbot: Any, live: Live) -> None:
    # an open job Ada has neither applied nor been invited to, as the sync cached it
    job_id = live.sandbox.store.job_to_invite_to(live.sandbox.simulator.demo_account_id())
    job = live.services.db.read_now(lambda c: jobs.get(c, job_id))
    assert job is not None
    draft = ProposalDraft(job_id=job.id, cover_letter=LETTER, bid=Money.of("900"), duration="1 to 3 months",
                          fee_rate=Decimal(job.fee_rate), job_title=job.title)
    run(qtbot, live.services.proposals.submit(draft))

    def server_proposal() -> Proposal | None:
        mine = live.services.db.read_now(proposals.list)
        return next((p for p in mine if p.job_id == job.id and not p.id.startswith("local:")), None)

    qtbot.waitUntil(lambda: server_proposal() is not None, timeout=15_000)
    sent = server_proposal()
    assert sent is not None
    viewed = live.sandbox.store.set_proposal_status(sent.id, "viewed")
    qtbot.waitUntil(lambda: live.cached_proposal(sent.id).status is ProposalStatus.VIEWED,  # type: ignore[union-attr]
                    timeout=15_000)
    hired = live.sandbox.store.set_proposal_status(sent.id, "hired")
    qtbot.waitUntil(lambda: live.cached_proposal(sent.id).status is ProposalStatus.HIRED,  # type: ignore[union-attr]
                    timeout=15_000)

    live.window.show_pane("proposals")
    live.pane.set_tab(TAB_HIRED)
    select(live.pane, sent.id)

    def dated(stamp: str) -> str:
        at = parse_ts(stamp)
        return f"{fmt.full_date(at)} at {fmt.clock(at)}"

    assert live.pane.detail.timeline.texts() == [
        ("Submitted", dated(hired["created_at"])),
        ("Viewed", dated(viewed["updated_at"])),
        ("Hired", dated(hired["updated_at"])),
    ]
    # the same timeline after a restart of the window: it is in the cache, not in memory
    assert [s.status for s in live.services.db.read_now(lambda c: proposals.steps(c, sent.id))] == [
        ProposalStatus.SUBMITTED, ProposalStatus.VIEWED, ProposalStatus.HIRED]


def test_a_hired_proposal_opens_its_conversation_in_messages(qtbot: Any, live: Live) -> None:
    hired = live.services.db.read_now(lambda c: proposals.list(c, [ProposalStatus.HIRED]))
    with_room = [(p, r) for p in hired
                 if (r := live.services.db.read_now(bound(rooms.for_job, p.job_id))) is not None]
    assert with_room  # the seeded hired proposals each have their client's room
    proposal, room = with_room[0]
    live.window.show_pane("proposals")
    live.pane.set_tab(TAB_HIRED)
    select(live.pane, proposal.id)
    button = live.pane.detail.room_button
    assert button.isVisible()
    button.click()
    assert live.window.current_pane() == "messages"
    assert live.window.messages.room_id == room.id
    qtbot.waitUntil(lambda: live.window.messages.room_name.fullText() == room.counterpart_name, timeout=3000)


def test_answering_an_invitation_with_a_proposal_drops_the_badge_at_once_even_offline(
        qtbot: Any, live: Live) -> None:
    invited = live.cached_invitations(InvitationStatus.PENDING)[0]
    job = live.services.db.read_now(lambda c: jobs.get(c, invited.job_id))
    assert job is not None
    assert live.window.invitations_badge() == 2
    live.window.show_pane("proposals")
    live.pane.set_tab(TAB_INVITES)
    select(live.pane, invited.id)
    assert invited.client_name in live.pane.detail.meta.text()

    live.sandbox.stop()
    with qtbot.waitSignal(live.pane.writeProposalRequested, timeout=3000) as asked:
        live.pane.detail.answer_button.click()
    form = live.window.open_proposal_form(asked.args[0])
    form.cover_letter.setPlainText(LETTER)
    form.submit_button.click()
    qtbot.waitUntil(lambda: live.window.invitations_badge() == 1, timeout=5_000)
    shown = live.cached_invitations()
    assert next(i for i in shown if i.id == invited.id).status is InvitationStatus.ACCEPTED

    live.sandbox.start()
    run(qtbot, live.services.sync.sync_now())

    async def accepted_on_server() -> bool:
        page = await live.services.api.invitations_page(limit=200)
        return any(i.id == invited.id and i.status is InvitationStatus.ACCEPTED for i in page.items)

    qtbot.waitUntil(lambda: run(qtbot, accepted_on_server()), timeout=20_000)
    assert live.window.invitations_badge() == 1


def test_a_withdrawal_made_offline_is_a_waiting_step_until_the_marketplace_dates_it(
        qtbot: Any, live: Live) -> None:
    active = live.services.db.read_now(lambda c: proposals.list(c, [ProposalStatus.VIEWED]))[0]
    live.window.show_pane("proposals")
    live.pane.set_tab(TAB_ACTIVE)
    select(live.pane, active.id)
    before = live.pane.detail.timeline.texts()
    assert before[-1][0] == "Viewed"

    live.sandbox.stop()
    live.pane.detail.withdraw_button.click()
    box = live.pane._confirm
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "Withdraw").click()
    live.pane.set_tab(TAB_ARCHIVED)
    qtbot.waitUntil(lambda: live.pane.model.row_of(active.id) >= 0, timeout=5_000)
    select(live.pane, active.id)
    steps = live.pane.detail.timeline.texts()
    assert steps[:-1] == before
    assert steps[-1][0] == "Withdrawn"
    assert steps[-1][1].endswith(" · waiting to reach the marketplace")

    live.sandbox.start()
    run(qtbot, live.services.sync.sync_now())

    def dated_by_the_marketplace() -> bool:
        recorded = live.services.db.read_now(lambda c: proposals.steps(c, active.id))
        return recorded[-1].status is ProposalStatus.WITHDRAWN and recorded[-1].confirmed

    qtbot.waitUntil(dated_by_the_marketplace, timeout=20_000)
    server = live.cached_proposal(active.id)
    assert server is not None
    assert server.status is ProposalStatus.WITHDRAWN
    select(live.pane, active.id)
    at = server.updated_at  # the marketplace's time of the withdrawal
    qtbot.waitUntil(lambda: live.pane.detail.timeline.texts()[-1]
                    == ("Withdrawn", f"{fmt.full_date(at)} at {fmt.clock(at)}"), timeout=5_000)


def test_an_invitation_to_a_job_the_cache_lacks_fetches_it_from_the_marketplace(
        qtbot: Any, live: Live) -> None:
    """An invite-only job is not in the public feed the sync pulls: here the invited job is removed from
    the cache to stand for one."""
    invited = live.cached_invitations(InvitationStatus.PENDING)[0]
    live.services.db.write_now(lambda c: jobs.delete(c, [invited.job_id]))
    assert live.services.db.read_now(lambda c: jobs.get(c, invited.job_id)) is None
    live.window.show_pane("proposals")
    live.pane.set_tab(TAB_INVITES)
    select(live.pane, invited.id)
    detail = live.pane.detail
    qtbot.waitUntil(lambda: detail.job is not None and detail.answer_button.isEnabled(), timeout=10_000)
    job = live.services.db.read_now(lambda c: jobs.get(c, invited.job_id))
    assert job is not None  # kept in the cache: the form and offline reading have it
    assert detail.job_card.terms.text().startswith(fmt.budget_text(job))
    assert fmt.budget_text(job) in [label.text() for label in detail._fact_vals]
    assert detail.note.text() == "Sending a proposal accepts the invitation."


def test_the_reader_keeps_their_place_while_the_marketplace_moves(qtbot: Any, live: Live) -> None:
    live.window.resize(900, 600)
    active = live.services.db.read_now(lambda c: proposals.list(c, [ProposalStatus.VIEWED]))[0]
    live.window.show_pane("proposals")
    live.pane.set_tab(TAB_ACTIVE)
    select(live.pane, active.id)
    bar = live.pane.detail.scroller.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=3_000)  # the letter is below the fold at 900×600
    bar.setValue(bar.maximum())
    place = bar.value()

    job = live.sandbox.simulator.add_job()  # a new job in the feed: not the one on display
    qtbot.waitUntil(lambda: live.services.db.read_now(lambda c: jobs.get(c, job["id"])) is not None,
                    timeout=15_000)
    qtbot.wait(100)
    assert bar.value() == place

    live.sandbox.store.set_proposal_status(active.id, "interviewing")  # the one on display moves on
    qtbot.waitUntil(lambda: [s for s, _ in live.pane.detail.timeline.texts()][-1] == "Interviewing",
                    timeout=15_000)
    assert live.pane.selected_id() == active.id
    assert bar.value() == place
