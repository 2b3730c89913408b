"""Cover-letter templates as a user meets them: managed in their dialog (add, rename, edit, delete after
asking; a taken name is refused in words), inserted from the proposal form with the job's details filled
in, and remembered with the draft."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from desktop.services.events import EventBus
from desktop.storage import drafts as drafts_repo
from desktop.storage import templates as templates_repo
from desktop.storage.db import Database
from desktop.ui.proposal_form import AUTOSAVE_MS, ProposalForm
from desktop.ui.proposal_templates import TemplatesDialog
from tests.ui import builders
from tests.ui.fakes import real_proposals


def stored(db: Database) -> list[tuple[str, str]]:
    return [(t.name, t.body) for t in db.read_now(templates_repo.list_all)]


def make_dialog(qtbot: Any, db: Database) -> TemplatesDialog:
    dialog = TemplatesDialog(real_proposals(db, EventBus()))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_templates_are_added_renamed_edited_and_deleted_after_asking(qtbot: Any, filled_db: Database) -> None:
    dialog = make_dialog(qtbot, filled_db)
    assert not dialog.save_button.isEnabled()
    assert not dialog.delete_button.isEnabled()
    dialog.name.setText("Short intro")
    dialog.name.textEdited.emit("Short intro")
    dialog.body.setPlainText("Hello ")
    dialog.body.moveCursor(QTextCursor.MoveOperation.End)
    dialog.placeholder_buttons["client_name"].click()  # at the cursor
    dialog.body.insertPlainText(", I can start on ")
    dialog.placeholder_buttons["job_title"].click()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.names() == ["Short intro"], timeout=2000)
    assert stored(filled_db) == [("Short intro", "Hello {client_name}, I can start on {job_title}")]

    dialog.start_new()
    dialog.name.setText("short INTRO")
    dialog.name.textEdited.emit("short INTRO")
    dialog.body.setPlainText("Another")
    dialog.save_button.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=2000)
    assert dialog.error.text() == "A template with this name already exists."
    assert dialog.body.toPlainText() == "Another"  # what was typed stays
    dialog.name.setText("Long form")
    dialog.name.textEdited.emit("Long form")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.names() == ["Long form", "Short intro"], timeout=2000)

    dialog.list.setCurrentRow(1)
    assert dialog.name.text() == "Short intro"
    dialog.name.setText("Intro")  # rename and edit in one save
    dialog.name.textEdited.emit("Intro")
    dialog.body.setPlainText("Hi {client_name}!")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.names() == ["Intro", "Long form"], timeout=2000)
    assert ("Intro", "Hi {client_name}!") in stored(filled_db)

    dialog.list.setCurrentRow(0)
    dialog.delete_button.click()
    box = dialog.confirm
    assert isinstance(box, QMessageBox)
    assert "Intro" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(stored(filled_db)) == 2
    dialog.delete_button.click()
    next(b for b in dialog.confirm.buttons() if b.text() == "Delete").click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: dialog.names() == ["Long form"], timeout=2000)
    assert stored(filled_db) == [("Long form", "Another")]


def test_an_empty_name_is_refused_in_words(qtbot: Any, filled_db: Database) -> None:
    dialog = make_dialog(qtbot, filled_db)
    dialog.body.setPlainText("Some text")
    dialog.save_button.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=2000)
    assert dialog.error.text() == "A template needs a name."
    assert stored(filled_db) == []


def test_the_form_inserts_a_filled_template_and_the_draft_remembers_it(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    from desktop.core.clock import utcnow

    now = utcnow()
    made = filled_db.write_now(lambda c: templates_repo.add(
        c, "Intro", "Hello {client_name}, about “{job_title}”: {my_rate}. {unknown} stays.", now))
    actions = real_proposals(filled_db, EventBus())
    job = world.jobs[2]
    form = ProposalForm(job, actions)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: len(form.templates) == 1 and not form._loading, timeout=2000)
    names = [a.text() for a in form.template_menu.actions() if a.text()]
    assert names == ["Intro", "Manage templates…"]
    form.insert_template(made.id)
    expected = f"Hello {job.client.name}, about “{job.title}”: $85.00/hr. {{unknown}} stays."
    qtbot.waitUntil(lambda: form.cover_letter.toPlainText() == expected, timeout=2000)
    form.cover_letter.moveCursor(QTextCursor.MoveOperation.Start)
    form.insert_template(made.id)  # at the cursor, in front of what is there
    qtbot.waitUntil(lambda: form.cover_letter.toPlainText() == expected + expected, timeout=2000)
    assert form.draft().template_id == made.id
    qtbot.waitUntil(lambda: filled_db.read_now(lambda c: drafts_repo.get(c, job.id)) is not None,
                    timeout=AUTOSAVE_MS * 4)
    kept = filled_db.read_now(lambda c: drafts_repo.get(c, job.id))
    assert kept is not None
    assert kept.draft.template_id == made.id
    form.close()

    again = ProposalForm(job, actions)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: not again._loading, timeout=2000)
    assert again.template_id == made.id


def test_templates_are_managed_from_the_form(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    form = ProposalForm(world.jobs[2], real_proposals(filled_db, EventBus()))
    qtbot.addWidget(form)
    form.show()
    assert [a.text() for a in form.template_menu.actions() if a.text()] == [
        "No templates yet", "Manage templates…"]
    dialog = form.manage_templates()
    dialog.name.setText("Quick")
    dialog.name.textEdited.emit("Quick")
    dialog.body.setPlainText("Hi {my_name}")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: [t.name for t in form.templates] == ["Quick"], timeout=2000)
    assert [a.text() for a in form.template_menu.actions() if a.text()] == ["Quick", "Manage templates…"]
