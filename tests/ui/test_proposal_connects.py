"""Connects in the proposal form: the cost beside the balance (less what queued proposals will cost); a
balance too small says so, and the proposal is not sent."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop.api.client import REFERENCE_CAPABILITIES
from desktop.services.events import EventBus
from desktop.services.proposals import ProposalService
from desktop.storage import profile
from desktop.storage.db import Database
from desktop.ui.proposal_form import ProposalForm
from tests.ui import builders
from tests.ui.fakes import real_proposals, submitted_drafts

LETTER = "I have shipped three offline-first Qt apps with SQLite caches and would love to build yours."


def set_balance(db: Database, connects: int) -> None:
    me = db.read_now(profile.get)
    assert me is not None
    db.write_now(lambda c: profile.set(c, replace(me, connects=connects)))


def open_form(qtbot: Any, job: Any, actions: ProposalService, **kw: Any) -> ProposalForm:
    form = ProposalForm(job, actions, **kw)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.connects_available is not None, timeout=2000)
    return form


def test_the_cost_is_shown_beside_the_balance_less_what_is_queued(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    actions = real_proposals(filled_db, EventBus())
    first, second = world.jobs[5], world.jobs[6]
    set_balance(filled_db, 30)
    form = open_form(qtbot, first, actions)
    assert form.connects_note.text() == f"Submitting uses {first.connects_required} of your 30 Connects."
    form.cover_letter.setPlainText(LETTER)
    with qtbot.waitSignal(form.submitted, timeout=3000):
        form.submit_button.click()  # queued: its Connects are as good as spent

    again = open_form(qtbot, second, actions)
    left = 30 - first.connects_required
    assert again.connects_note.text() == (
        f"Submitting uses {second.connects_required} of your {left} Connects.")


def test_too_few_connects_are_said_and_nothing_is_sent(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    actions = real_proposals(filled_db, EventBus())
    job = next(j for j in world.jobs if j.connects_required > 2)
    set_balance(filled_db, 2)
    form = open_form(qtbot, job, actions)
    assert form.connects_note.text() == f"This proposal needs {job.connects_required} Connects; you have 2."
    assert form.connects_note.property("role") == "error"
    assert not form.submit_button.isEnabled()
    form.cover_letter.setPlainText(LETTER)
    form.submit()  # (Enter in the form)
    assert form.problems_label.text() == (
        f"Not enough Connects: this proposal needs {job.connects_required} and you have 2.")
    assert submitted_drafts(filled_db) == []


def test_a_marketplace_that_does_not_tell_shows_no_balance(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    quiet = replace(REFERENCE_CAPABILITIES, connects_balance=False)
    form = ProposalForm(world.jobs[5], real_proposals(filled_db, EventBus()), capabilities=quiet)
    qtbot.addWidget(form)
    form.show()
    assert not form.connects_note.isVisible()
    assert form.connects_available is None
    assert form.submit_button.isEnabled()
