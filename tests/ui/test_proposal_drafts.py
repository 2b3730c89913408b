"""Proposal drafts as a user meets them: the form saves while typing (debounced), closing it by accident or
the window going away loses nothing, the Drafts tab lists what is being written, opens it again, and
discards it only after asking."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from desktop.core.models import JobType
from desktop.services.events import EventBus
from desktop.services.proposals import ProposalService
from desktop.storage import drafts as drafts_repo
from desktop.storage.db import Database
from desktop.ui.proposal_form import AUTOSAVE_MS, ProposalForm
from desktop.ui.proposals_pane import TAB_DRAFTS, ProposalsPane
from tests.ui import builders
from tests.ui.fakes import real_proposals

LETTER = "I have shipped three offline-first Qt apps with SQLite caches and would love to build yours."


def saved(db: Database, job_id: str) -> drafts_repo.SavedDraft | None:
    return db.read_now(lambda c: drafts_repo.get(c, job_id))


def open_form(qtbot: Any, job: Any, actions: ProposalService) -> ProposalForm:
    form = ProposalForm(job, actions)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: not form._loading, timeout=2000)  # the saved draft (if any) is back
    return form


def test_typing_is_saved_after_a_pause_and_a_new_form_brings_it_back(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    actions = real_proposals(filled_db, EventBus())
    job = world.jobs[3]
    form = open_form(qtbot, job, actions)
    form.cover_letter.setPlainText(LETTER[:20])
    form.cover_letter.setPlainText(LETTER)  # a burst of typing: one save, after the pause
    assert saved(filled_db, job.id) is None
    qtbot.waitUntil(lambda: saved(filled_db, job.id) is not None, timeout=AUTOSAVE_MS * 4)
    assert form.saved_note.text() == "Draft saved"
    form.bid.setValue(321)
    qtbot.waitUntil(lambda: saved(filled_db, job.id).draft.bid.amount == 321, timeout=AUTOSAVE_MS * 4)  # type: ignore[union-attr]
    form.deleteLater()  # a crash: no close, no reject

    again = open_form(qtbot, job, actions)
    assert again.cover_letter.toPlainText() == LETTER
    assert again.bid.value() == 321
    assert again.saved_note.text() == "Draft restored"


def test_closing_the_form_at_once_keeps_the_last_keystrokes(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    actions = real_proposals(filled_db, EventBus())
    job = world.jobs[4]
    form = open_form(qtbot, job, actions)
    form.cover_letter.setPlainText(LETTER)
    form.cancel_button.click()  # before the autosave's pause: closing saves
    qtbot.waitUntil(lambda: saved(filled_db, job.id) is not None, timeout=2000)
    assert saved(filled_db, job.id).draft.cover_letter == LETTER  # type: ignore[union-attr]

    form = open_form(qtbot, job, actions)
    form.cover_letter.setPlainText(LETTER + " More.")
    assert form.unsaved
    form.save_now()  # the window's shutdown: synchronous
    assert saved(filled_db, job.id).draft.cover_letter == LETTER + " More."  # type: ignore[union-attr]


def test_erasing_everything_discards_the_draft(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    actions = real_proposals(filled_db, EventBus())
    job = world.jobs[6]
    form = open_form(qtbot, job, actions)
    form.cover_letter.setPlainText(LETTER)
    qtbot.waitUntil(lambda: saved(filled_db, job.id) is not None, timeout=AUTOSAVE_MS * 4)
    form.cover_letter.clear()
    qtbot.waitUntil(lambda: saved(filled_db, job.id) is None, timeout=AUTOSAVE_MS * 4)
    assert form.saved_note.text() == ""


def make_pane(qtbot: Any, db: Database) -> tuple[ProposalsPane, ProposalService]:
    bus = EventBus()
    actions = real_proposals(db, bus)
    pane = ProposalsPane(db, bus, actions)
    qtbot.addWidget(pane)
    pane.resize(1000, 700)
    pane.show()
    return pane, actions


def test_the_drafts_tab_lists_continues_and_discards_after_asking(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    pane, actions = make_pane(qtbot, filled_db)
    assert pane.tabs.tabText(TAB_DRAFTS) == "Drafts  0"
    pane.set_tab(TAB_DRAFTS)
    assert pane.list_stack.currentWidget() is not pane.list  # "No drafts"
    first, second = world.jobs[7], next(j for j in world.jobs[8:] if j.job_type is JobType.HOURLY)
    for job in (first, second):
        form = open_form(qtbot, job, actions)
        form.cover_letter.setPlainText(LETTER)
        form.save_now()
        form.close()
    qtbot.waitUntil(lambda: pane.tabs.tabText(TAB_DRAFTS) == "Drafts  2", timeout=2000)
    assert pane.model.rowCount() == 2
    assert pane.model.item(0).draft.job_id == second.id  # type: ignore[union-attr]  # last edited first

    pane.select_row(0)
    detail = pane.detail
    assert detail.title.text() == second.title
    assert detail.chip.text() == "Draft"
    assert detail.body.text() == LETTER
    assert detail._fact_vals[0].text().endswith("/hr")  # an hourly job's bid is a rate
    assert detail.continue_button.isVisible()
    assert detail.discard_button.isVisible()
    assert detail.withdraw_button.isHidden()
    with qtbot.waitSignal(pane.writeProposalRequested, timeout=2000) as asked:
        detail.continue_button.click()
    assert asked.args[0].id == second.id

    detail.discard_button.click()
    box = pane._confirm
    assert isinstance(box, QMessageBox)
    assert second.title in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()  # cancel keeps it
    assert saved(filled_db, second.id) is not None
    detail.discard_button.click()
    next(b for b in pane._confirm.buttons() if b.text() == "Discard").click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: saved(filled_db, second.id) is None, timeout=3000)
    assert saved(filled_db, second.id) is None
    qtbot.waitUntil(lambda: pane.tabs.tabText(TAB_DRAFTS) == "Drafts  1", timeout=2000)


def test_a_sent_draft_leaves_the_drafts_tab(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    pane, actions = make_pane(qtbot, filled_db)
    job = world.jobs[9]
    form = open_form(qtbot, job, actions)
    form.cover_letter.setPlainText(LETTER)
    form.save_now()
    qtbot.waitUntil(lambda: pane.counts.drafts == 1, timeout=2000)
    with qtbot.waitSignal(form.submitted, timeout=3000):
        form.submit_button.click()
    qtbot.waitUntil(lambda: pane.counts.drafts == 0, timeout=2000)
    assert saved(filled_db, job.id) is None
