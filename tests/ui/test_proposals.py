from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QMessageBox

from desktop.core.models import JobType, Proposal, ProposalStatus
from desktop.services.events import EventBus
from desktop.services.proposals import DECLINE, SUBMIT, WITHDRAW, ProposalService
from desktop.storage import proposals as proposals_repo
from desktop.storage.db import Database
from desktop.ui.proposal_form import ProposalForm
from desktop.ui.proposals_pane import TAB_ARCHIVED, TAB_INVITES, ProposalsPane
from tests.support.bound import bound
from tests.support.local_services import local_services, queued
from tests.ui import builders

LETTER = "I have shipped three offline-first Qt apps with SQLite caches and would love to build yours."


def real_proposals(db: Database, bus: EventBus | None = None) -> ProposalService:
    """The real ProposalService on the test's cache; its outbox is not started (nothing is sent)."""
    return local_services(db, builders.ME_ID, builders.ME_NAME, bus).proposals


def fixed_job(world: builders.World) -> Any:
    return next(j for j in world.jobs if j.job_type is JobType.FIXED and j.fee_rate == Decimal("0.10"))


def test_fee_line_follows_the_bid(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    job = fixed_job(world)
    form = ProposalForm(job, real_proposals(filled_db))
    qtbot.addWidget(form)
    assert form.bid.value() == float(job.budget.amount)
    form.bid.setValue(500)
    assert form.fee_line.text() == "Platform fee 10%: $50.00 · You'll receive $450.00"
    form.bid.setValue(1234.5)
    assert form.fee_line.text() == "Platform fee 10%: $123.45 · You'll receive $1,111.05"


def test_short_cover_letters_are_blocked(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    actions = real_proposals(filled_db)
    form = ProposalForm(fixed_job(world), actions)
    qtbot.addWidget(form)
    form.show()
    form.cover_letter.setPlainText("Hire me!")
    assert form.counter.text() == "8 / 50 characters minimum"
    form.submit_button.click()
    assert form.problems_label.isVisible()
    assert "at least 50 characters" in form.problems_label.text()
    assert queued(filled_db, SUBMIT) == []


def test_submit_goes_through_the_actions_and_closes(
    qtbot: Any, filled_db: Database, world: builders.World
) -> None:
    actions = real_proposals(filled_db)
    job = fixed_job(world)
    form = ProposalForm(job, actions)
    qtbot.addWidget(form)
    form.show()
    form.cover_letter.setPlainText(LETTER)
    form.bid.setValue(800)
    with qtbot.waitSignal(form.submitted, timeout=3000) as blocker:
        form.submit_button.click()
    proposal = blocker.args[0]
    assert proposal.id.startswith("local:")
    (sent,) = queued(filled_db, SUBMIT)
    assert sent["job_id"] == job.id
    assert Decimal(sent["bid"]) == Decimal("800.00")
    assert Decimal(sent["fee_rate"]) == job.fee_rate
    assert not form.isVisible()


def make_pane(qtbot: Any, db: Database) -> tuple[ProposalsPane, ProposalService, EventBus]:
    bus = EventBus()
    actions = real_proposals(db, bus)
    pane = ProposalsPane(db, bus, actions)
    qtbot.addWidget(pane)
    pane.resize(1000, 700)
    pane.show()
    return pane, actions, bus


def test_tabs_show_counts_and_the_detail_shows_net(
    qtbot: Any, filled_db: Database, world: builders.World
) -> None:
    pane, _, _ = make_pane(qtbot, filled_db)
    active = [p for p in world.proposals if p.status.is_active]
    assert pane.tabs.tabText(0) == f"Active  {len(active)}"
    assert pane.tabs.tabText(TAB_INVITES) == "Invitations  2"
    assert pane.model.rowCount() == len(active)
    pane.select_row(0)
    shown = pane.detail.item
    assert shown is not None
    assert shown.status.is_active  # type: ignore[union-attr]
    assert "ou'll receive $" in pane.detail.net_line.text()  # "You'll…", or "If hired, you'll…" per hour
    assert pane.detail.body.text() == shown.cover_letter  # type: ignore[union-attr]
    assert not pane.detail.withdraw_button.isHidden()
    pane.set_tab(TAB_ARCHIVED)
    assert all(not pane.model.item(i).status.is_active for i in range(pane.model.rowCount()))  # type: ignore[union-attr]


def test_local_proposals_show_as_sending(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    pane, actions, _ = make_pane(qtbot, filled_db)
    form = ProposalForm(world.jobs[5], actions)
    qtbot.addWidget(form)
    form.cover_letter.setPlainText(LETTER)
    form.submit()
    def local_rows() -> list[int]:
        return [i for i in range(pane.model.rowCount())
                if isinstance(item := pane.model.item(i), Proposal) and item.id.startswith("local:")]

    qtbot.waitUntil(lambda: bool(local_rows()), timeout=3000)
    row = local_rows()[0]
    pane.select_row(row)
    assert pane.detail.chip.text() == "Sending…"
    assert pane.detail.withdraw_button.isHidden()
    steps = pane.detail.timeline.texts()  # one step, not yet the marketplace's
    assert len(steps) == 1
    assert steps[0][0] == "Submitted"
    assert steps[0][1].endswith(" · waiting to reach the marketplace")


def test_withdraw_asks_then_withdraws(qtbot: Any, filled_db: Database) -> None:
    pane, _actions, _ = make_pane(qtbot, filled_db)
    pane.select_row(0)
    target = pane.selected_id()
    pane.detail.withdraw_button.click()
    box = pane._confirm
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    withdraw = next(b for b in box.buttons() if b.text() == "Withdraw")
    withdraw.click()
    assert target is not None
    qtbot.waitUntil(lambda: [p["proposal_id"] for p in queued(filled_db, WITHDRAW)] == [target], timeout=3000)
    p = filled_db.read_now(lambda c: proposals_repo.get(c, target))
    assert p is not None
    assert p.status is ProposalStatus.WITHDRAWN
    qtbot.waitUntil(lambda: pane.model.row_of(target) == -1, timeout=3000)


def test_an_invitation_is_answered_with_a_proposal_or_declined(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    from dataclasses import replace

    from desktop.storage import invitations as invitations_repo
    from desktop.storage import jobs as jobs_repo

    pane, _actions, _ = make_pane(qtbot, filled_db)
    pane.set_tab(TAB_INVITES)
    pane.select_row(pane.model.row_of("inv-1"))
    detail = pane.detail
    assert detail.answer_button.isVisible()
    assert detail.decline_button.isVisible()
    assert filled_db.read_now(lambda c: jobs_repo.get(c, "job-inv-1")) is None
    assert not detail.answer_button.isEnabled()  # the job is not cached: nothing to write about yet
    job = replace(world.jobs[0], id="job-inv-1", title="Maintain our PySide6 point-of-sale app (ongoing)")
    filled_db.write_now(lambda c: jobs_repo.upsert_many(c, [job]))
    pane.select_row(pane.model.row_of("inv-2"))
    pane.select_row(pane.model.row_of("inv-1"))
    assert detail.answer_button.isEnabled()
    with qtbot.waitSignal(pane.writeProposalRequested, timeout=2000) as asked:
        detail.answer_button.click()
    assert asked.args[0].id == "job-inv-1"

    pane.select_row(pane.model.row_of("inv-2"))
    detail.decline_button.click()
    box = pane._confirm
    assert isinstance(box, QMessageBox)
    assert "Orbit Logistics" in box.text()
    next(b for b in box.buttons() if b.text() == "Decline").click()
    qtbot.waitUntil(lambda: [p["invitation_id"] for p in queued(filled_db, DECLINE)] == ["inv-2"],
                    timeout=3000)
    declined = filled_db.read_now(lambda c: invitations_repo.get(c, "inv-2"))
    assert declined is not None
    assert declined.status.value == "declined"
    qtbot.waitUntil(lambda: pane.selected_id() == "inv-2" and not detail.decline_button.isVisible(),
                    timeout=3000)
    assert "Declined" in [label.text() for label in detail._fact_vals]


def test_each_status_words_its_money_line_and_hourly_bids_read_per_hour(
    qtbot: Any, filled_db: Database, world: builders.World
) -> None:
    from desktop.storage import jobs as jobs_repo

    pane, _, _ = make_pane(qtbot, filled_db)
    lines: dict[ProposalStatus, str] = {}
    for tab in (0, 1, TAB_ARCHIVED):
        pane.set_tab(tab)
        for row in range(pane.model.rowCount()):
            pane.select_row(row)
            shown = pane.detail.item
            assert isinstance(shown, Proposal)
            lines[shown.status] = pane.detail.net_line.text()
            job = filled_db.read_now(bound(jobs_repo.get, shown.job_id))
            bid = pane.detail._fact_vals[0].text()
            if job is not None and job.job_type is JobType.HOURLY:
                assert bid.endswith("/hr"), bid
            else:
                assert not bid.endswith("/hr"), bid
    if ProposalStatus.DECLINED in lines:
        assert lines[ProposalStatus.DECLINED] == "The client declined this proposal: nothing is billed."
    if ProposalStatus.WITHDRAWN in lines:
        assert lines[ProposalStatus.WITHDRAWN] == "You withdrew this proposal: nothing is billed."
    assert not any("receive" in text for status, text in lines.items()
                   if status in (ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN, ProposalStatus.ARCHIVED))
    assert {ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN} & set(lines)  # the world has some
    assert lines.get(ProposalStatus.HIRED, "Hired").startswith("Hired")


def test_an_invitation_that_lapsed_says_expired_not_declined(
        qtbot: Any, filled_db: Database) -> None:
    """The client's invitation ran out before an answer: the list and the detail say it expired (the
    freelancer declined nothing), and nothing offers to answer or decline it any more."""
    from dataclasses import replace

    from desktop.core.models import InvitationStatus
    from desktop.services.events import InvitationsChanged
    from desktop.storage import invitations as invitations_repo

    pane, _actions, bus = make_pane(qtbot, filled_db)
    pane.set_tab(TAB_INVITES)
    current = filled_db.read_now(lambda c: invitations_repo.get(c, "inv-2"))
    assert current is not None
    filled_db.write_now(lambda c: invitations_repo.upsert_many(
        c, [replace(current, status=InvitationStatus.EXPIRED)]))
    bus.emit(InvitationsChanged())
    qtbot.waitUntil(lambda: pane.model.row_of("inv-2") >= 0, timeout=3000)
    pane.select_row(pane.model.row_of("inv-2"))
    detail = pane.detail
    facts = [label.text() for label in detail._fact_vals]
    assert "Expired: the client's invitation lapsed unanswered" in facts
    assert "Declined" not in facts
    assert not detail.decline_button.isVisible()
    assert not detail.answer_button.isVisible()
