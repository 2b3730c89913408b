"""What the window offers follows the marketplace's capabilities: on a marketplace whose API cannot send
proposals (Upwork) the form writes a draft and hands the letter to the website; Connects, withdraw and
invitations are explained where the API lacks them. Drafts go through the real ProposalService and cache.

Opening the system browser cannot happen here: ``open_in_browser`` is replaced by a recorder in the tests
that would launch one, and that is said where it is done."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication

from desktop.api.client import REFERENCE_CAPABILITIES
from desktop.api.upwork import UPWORK_CAPABILITIES, UpworkMarketplace
from desktop.api.upwork.endpoints import UpworkEndpoints
from desktop.core.models import ProposalStatus
from desktop.services.events import EventBus
from desktop.services.outbox import OutboxWorker
from desktop.services.proposals import ProposalService
from desktop.storage import proposals as proposals_repo
from desktop.storage.db import Database
from desktop.ui import proposal_form
from desktop.ui.jobs_pane import JobDetail
from desktop.ui.proposal_form import ProposalForm
from desktop.ui.proposals_pane import TAB_INVITES, ProposalDetail, ProposalsPane
from tests.ui import builders

LETTER = "I have shipped three offline-first Qt apps with SQLite caches and would love to build yours."


class _NoTokens:
    async def access_token(self) -> str | None:
        return None

    async def refresh_after_unauthorized(self, rejected_token: str | None) -> bool:
        return False


@pytest.fixture
def real_proposals(filled_db: Database) -> ProposalService:
    """The real service on the real cache; its adapter is never called (nothing is submitted)."""
    bus = EventBus()
    api = UpworkMarketplace(UpworkEndpoints.on("http://127.0.0.1:9"), _NoTokens())
    return ProposalService(api, filled_db, bus, OutboxWorker(filled_db, bus))


def _open_job(world: builders.World) -> Any:
    job = next(j for j in world.jobs if j.status == "open")
    return replace(job, url="https://www.upwork.com/jobs/~021234567890")


def test_without_proposal_submit_the_form_keeps_a_draft_copies_the_letter_and_opens_the_job(
        qtbot: Any, filled_db: Database, world: builders.World, real_proposals: ProposalService,
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    # Stands in for the system browser, which cannot be started here.
    monkeypatch.setattr(proposal_form, "open_in_browser", lambda url: opened.append(url) or True)
    job = _open_job(world)
    proposals_before = filled_db.read_now(proposals_repo.list)
    form = ProposalForm(job, real_proposals, capabilities=UPWORK_CAPABILITIES)
    qtbot.addWidget(form)
    form.show()
    assert form.submit_button.text() == "Open on Upwork"
    assert form.website_note.isVisible()
    assert not form.connects_note.isVisible()
    form.cover_letter.setPlainText(LETTER)
    form.submit_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=3000)
    assert opened == [job.url]
    assert QGuiApplication.clipboard().text() == LETTER

    from tests.e2e.conftest import run

    qtbot.waitUntil(lambda: (d := run(qtbot, real_proposals.draft_for(job.id))) is not None
                    and d.cover_letter == LETTER, timeout=3000)
    assert filled_db.read_now(proposals_repo.list) == proposals_before  # nothing was "sent"

    again = ProposalForm(job, real_proposals, capabilities=UPWORK_CAPABILITIES)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.cover_letter.toPlainText() == LETTER, timeout=3000)
    assert again.saved_note.text() == "Draft restored"


def test_a_draft_is_saved_as_it_is_typed_and_when_the_form_is_closed(
        qtbot: Any, world: builders.World, real_proposals: ProposalService) -> None:
    job = _open_job(world)
    form = ProposalForm(job, real_proposals, capabilities=REFERENCE_CAPABILITIES)
    qtbot.addWidget(form)
    form.show()
    assert form.submit_button.text() == "Submit proposal"
    form.cover_letter.setPlainText(LETTER + " First words.")
    qtbot.waitUntil(lambda: form.saved_note.text() == "Draft saved", timeout=3000)
    form.cover_letter.setPlainText(LETTER + " Closed before the autosave ran.")
    form.reject()
    from tests.e2e.conftest import run

    qtbot.waitUntil(lambda: (d := run(qtbot, real_proposals.draft_for(job.id))) is not None
                    and d.cover_letter.endswith("Closed before the autosave ran."), timeout=3000)


def test_job_detail_offers_the_website_and_refuses_closed_jobs(qtbot: Any, world: builders.World) -> None:
    detail = JobDetail(capabilities=UPWORK_CAPABILITIES)
    qtbot.addWidget(detail)
    detail.show()
    job = _open_job(world)
    detail.show_job(job)
    assert detail.browser_button.isVisible()
    assert detail.write_button.isEnabled()
    assert "connects" not in detail.connects_label.text().lower()
    detail.show_job(replace(job, status="closed"))
    assert not detail.write_button.isEnabled()
    assert detail.applied_label.text() == "This job no longer takes proposals."
    detail.show_job(replace(job, url=""))
    assert not detail.browser_button.isVisible()
    with_connects = JobDetail(capabilities=REFERENCE_CAPABILITIES)
    qtbot.addWidget(with_connects)
    with_connects.show_job(job)
    assert "connects" in with_connects.connects_label.text()


def test_withdraw_and_invitations_are_explained_where_the_api_lacks_them(
        qtbot: Any, filled_db: Database, world: builders.World, real_proposals: ProposalService) -> None:
    active = next(p for p in world.proposals if p.status is ProposalStatus.SUBMITTED)
    detail = ProposalDetail(capabilities=UPWORK_CAPABILITIES)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_proposal(active)
    assert not detail.withdraw_button.isVisible()
    assert "Upwork's website" in detail.note.text()
    pane = ProposalsPane(filled_db, EventBus(), real_proposals, capabilities=UPWORK_CAPABILITIES)
    qtbot.addWidget(pane)
    title, explained = pane._empty_text(TAB_INVITES)
    assert title == "Invitations are in Messages"
    assert "interview conversation" in explained
