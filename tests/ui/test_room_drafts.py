"""What the user writes in a conversation is kept per room: across room switches, a restart, and never
sent twice (the real ChatService on a real cache; its outbox worker is not started, nothing is sent)."""

from __future__ import annotations

from typing import Any

from PySide6.QtTest import QTest

from desktop.services.events import EventBus
from desktop.storage import messages as messages_repo
from desktop.storage import room_drafts
from desktop.storage.db import Database
from desktop.ui.messages_pane import MessagesPane
from tests.ui import builders
from tests.ui.test_messages_pane import _real_chat


def _pane(qtbot: Any, db: Database) -> MessagesPane:
    bus = EventBus()
    pane = MessagesPane(db, bus, _real_chat(db, bus), builders.ME_ID)
    qtbot.addWidget(pane)
    pane.resize(1000, 700)
    pane.show()
    return pane


def _open(qtbot: Any, pane: MessagesPane, room_id: str) -> None:
    qtbot.waitUntil(lambda: pane.presenter.snapshot.rooms_loaded, timeout=3000)
    pane.open_room(room_id)
    # the draft comes from the cache, read off the UI thread with the thread
    qtbot.waitUntil(lambda: pane.presenter.snapshot.draft_room == room_id and pane.composer.isVisible())


def _draft(db: Database, room_id: str) -> str:
    return db.read_now(lambda c: room_drafts.get(c, room_id))


def test_a_half_written_message_waits_in_its_room_while_another_is_open(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    first, second = (c.room.id for c in world.conversations[:2])
    pane = _pane(qtbot, filled_db)
    _open(qtbot, pane, first)
    QTest.keyClicks(pane.composer, "Thanks! About the invoice, could we")
    _open(qtbot, pane, second)
    assert pane.composer.toPlainText() == ""  # the other room has its own (empty) composer
    QTest.keyClicks(pane.composer, "See you Monday")
    _open(qtbot, pane, first)
    assert pane.composer.toPlainText() == "Thanks! About the invoice, could we"
    _open(qtbot, pane, second)
    assert pane.composer.toPlainText() == "See you Monday"


def test_a_draft_survives_a_restart_even_typed_just_before_quitting(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    room = world.conversations[0].room.id
    pane = _pane(qtbot, filled_db)
    _open(qtbot, pane, room)
    QTest.keyClicks(pane.composer, "Here is the plan for next week")
    qtbot.waitUntil(lambda: _draft(filled_db, room) == "Here is the plan for next week", timeout=3000)
    QTest.keyClicks(pane.composer, ", in three steps")
    pane.shutdown()  # the window closes before the typing pause has passed
    pane.close()
    assert _draft(filled_db, room) == "Here is the plan for next week, in three steps"

    again = _pane(qtbot, filled_db)
    _open(qtbot, again, room)
    assert again.composer.toPlainText() == "Here is the plan for next week, in three steps"


def test_sending_takes_the_draft_with_it(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    """The echo and the draft's removal are one transaction: after any crash the text is either a draft
    or a queued message, never both (so it cannot be sent twice)."""
    room = world.conversations[0].room.id
    pane = _pane(qtbot, filled_db)
    _open(qtbot, pane, room)
    QTest.keyClicks(pane.composer, "Invoice attached, thank you!")
    qtbot.waitUntil(lambda: _draft(filled_db, room) != "", timeout=3000)
    pane.send_current()

    def sent_and_no_draft() -> bool:
        thread = filled_db.read_now(lambda c: messages_repo.for_room(c, room, limit=500))
        return _draft(filled_db, room) == "" and any(m.body == "Invoice attached, thank you!" for m in thread)

    qtbot.waitUntil(sent_and_no_draft, timeout=3000)
    _open(qtbot, pane, world.conversations[1].room.id)
    _open(qtbot, pane, room)
    assert pane.composer.toPlainText() == ""
