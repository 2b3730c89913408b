"""Milestones and screening questions as a user meets them in the proposal form: a fixed-price bid split into
milestones that must add up to it (said live, and refused clearly), the client's questions each answered
(refused while one is blank), both kept in the draft and shown with the sent proposal; a marketplace that
cannot take them does not offer them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.api.client import REFERENCE_CAPABILITIES
from desktop.core.models import JobType, ScreeningQuestion
from desktop.services.events import EventBus
from desktop.services.proposals import ProposalService
from desktop.storage import drafts as drafts_repo
from desktop.storage import jobs as jobs_repo
from desktop.storage.db import Database
from desktop.ui.proposal_form import AUTOSAVE_MS, ProposalForm
from desktop.ui.proposals_pane import ProposalsPane
from tests.ui import builders
from tests.ui.fakes import real_proposals, submitted_drafts

LETTER = "I have shipped three offline-first Qt apps with SQLite caches and would love to build yours."
QUESTIONS = (ScreeningQuestion("q1", "How would you approach the first week?"),
             ScreeningQuestion("q2", "Include a link to work you are proud of."))


def fixed_job(world: builders.World) -> Any:
    return next(j for j in world.jobs if j.job_type is JobType.FIXED)


def open_form(qtbot: Any, job: Any, actions: ProposalService, **kw: Any) -> ProposalForm:
    form = ProposalForm(job, actions, **kw)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: not form._loading, timeout=2000)
    return form


def test_milestones_must_add_up_to_the_bid(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    actions = real_proposals(filled_db, EventBus())
    form = open_form(qtbot, fixed_job(world), actions)
    assert form.milestones.isVisible()
    assert not form.milestones.total.isVisible()
    form.cover_letter.setPlainText(LETTER)
    form.bid.setValue(1000)
    first = form.milestones.add()  # what is left of the bid: all of it
    assert first.amount.value() == 1000
    first.description.setText("Design and plan")
    first.amount.setValue(400)
    assert form.milestones.total.text() == (
        "Milestones total $400.00 of your $1,000.00 bid · $600.00 left to assign")
    assert form.milestones.total.property("role") == "error"
    form.submit_button.click()
    assert "The milestones must add up to the bid." in form.problems_label.text()
    assert submitted_drafts(filled_db) == []

    second = form.milestones.add()
    assert second.amount.value() == 600  # the rest
    assert second.value().due > first.value().due
    second.amount.setValue(700)
    assert form.milestones.total.text().endswith("$100.00 over the bid")
    second.amount.setValue(600)
    assert form.milestones.total.property("role") == "muted"
    form.submit_button.click()
    assert "Describe every milestone." in form.problems_label.text()  # the second has no description
    second.description.setText("Build and hand over")
    with qtbot.waitSignal(form.submitted, timeout=3000):
        form.submit_button.click()
    sent = submitted_drafts(filled_db)[0]
    assert [(m.description, m.amount.amount) for m in sent.milestones] == [
        ("Design and plan", Decimal("400.00")), ("Build and hand over", Decimal("600.00"))]


def test_a_removed_milestone_leaves_the_plan(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    form = open_form(qtbot, fixed_job(world), real_proposals(filled_db, EventBus()))
    row = form.milestones.add()
    form.milestones.add()
    row.remove_button.click()
    assert len(form.draft().milestones) == 1


def test_hourly_jobs_and_marketplaces_without_milestones_offer_none(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    actions = real_proposals(filled_db, EventBus())
    hourly = next(j for j in world.jobs if j.job_type is JobType.HOURLY)
    assert not open_form(qtbot, hourly, actions).milestones.isVisible()
    no_plans = replace(REFERENCE_CAPABILITIES, proposal_milestones=False, screening_questions=False)
    asking = replace(fixed_job(world), screening_questions=QUESTIONS)
    form = open_form(qtbot, asking, actions, capabilities=no_plans)
    assert not form.milestones.isVisible()
    assert not form.questions.isVisible()
    form.cover_letter.setPlainText(LETTER)
    assert form.draft().milestones == ()
    assert form.draft().answers == ()


def test_every_screening_question_is_answered(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    actions = real_proposals(filled_db, EventBus())
    job = replace(world.jobs[3], screening_questions=QUESTIONS)
    filled_db.write_now(lambda c: jobs_repo.upsert_many(c, [job]))
    form = open_form(qtbot, job, actions)
    assert form.questions.isVisible()
    assert len(form.questions.boxes) == 2
    form.cover_letter.setPlainText(LETTER)
    form.questions.boxes[0].setPlainText("A short written plan, then a call.")
    form.submit_button.click()
    assert "Answer every screening question." in form.problems_label.text()
    assert submitted_drafts(filled_db) == []
    form.questions.boxes[1].setPlainText("https://example.com/portfolio")
    with qtbot.waitSignal(form.submitted, timeout=3000):
        form.submit_button.click()
    assert [(a.question_id, a.question, a.answer) for a in submitted_drafts(filled_db)[0].answers] == [
        ("q1", QUESTIONS[0].text, "A short written plan, then a call."),
        ("q2", QUESTIONS[1].text, "https://example.com/portfolio")]


def test_the_draft_keeps_milestones_and_answers_and_the_detail_shows_them(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    actions = real_proposals(filled_db, EventBus())
    job = replace(fixed_job(world), screening_questions=QUESTIONS[:1])
    filled_db.write_now(lambda c: jobs_repo.upsert_many(c, [job]))
    form = open_form(qtbot, job, actions)
    form.cover_letter.setPlainText(LETTER)
    form.bid.setValue(900)
    row = form.milestones.add()
    row.description.setText("Everything")
    row.due.setDate(row.due.date().fromString("2027-02-01", "yyyy-MM-dd"))
    form.questions.boxes[0].setPlainText("Read, plan, then build.")
    qtbot.waitUntil(lambda: (saved := filled_db.read_now(lambda c: drafts_repo.get(c, job.id))) is not None
                    and saved.draft.answers != () and saved.draft.milestones != (), timeout=AUTOSAVE_MS * 4)
    form.close()

    again = open_form(qtbot, job, actions)
    [kept] = again.draft().milestones
    assert (kept.description, kept.amount.amount, kept.due) == (
        "Everything", Decimal("900.00"), date(2027, 2, 1))
    assert again.questions.boxes[0].toPlainText() == "Read, plan, then build."
    with qtbot.waitSignal(again.submitted, timeout=3000):
        again.submit_button.click()

    bus = EventBus()
    pane = ProposalsPane(filled_db, bus, real_proposals(filled_db, bus))
    qtbot.addWidget(pane)
    pane.resize(1000, 700)
    pane.show()
    pane.select_row(pane.model.row_of(next(pane.model.item(i).id for i in range(pane.model.rowCount())  # type: ignore[union-attr]
                                           if pane.model.item(i).job_id == job.id)))  # type: ignore[union-attr]
    milestones, answers = pane.detail.terms_texts()
    assert milestones == "1. Everything — $900.00 · due 1 Feb 2027"
    assert answers == [QUESTIONS[0].text, "Read, plan, then build."]
