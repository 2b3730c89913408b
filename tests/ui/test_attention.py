"""The "Needs your attention" dialog on the real AttentionService and cache: a refused message is shown
with its reason and the user's words, can be copied, and goes away only when discarded."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.api.auth import TokenSet
from desktop.api.client import MarketplaceClient, StaticTokens
from desktop.core.clock import utcnow
from desktop.core.notices import Notice
from desktop.services.attention import AttentionService
from desktop.services.chat import SEND, ChatService
from desktop.services.events import EventBus
from desktop.services.outbox import OutboxWorker
from desktop.services.proposals import ProposalService
from desktop.services.saved_searches import SavedSearchService
from desktop.storage import outbox
from desktop.storage.db import Database
from desktop.ui.attention import AttentionDialog
from tests.ui import builders


def _attention(db: Database) -> AttentionService:
    """Real services; their marketplace client is never called (nothing is sent in these tests)."""
    bus = EventBus()
    tokens = StaticTokens(TokenSet("x", None, utcnow() + timedelta(hours=1)))
    api = MarketplaceClient("http://127.0.0.1:9", tokens)
    worker = OutboxWorker(db, bus)
    chat = ChatService(api, db, bus, worker, user_id=builders.ME_ID, user_name=builders.ME_NAME)
    return AttentionService(db, bus, chat, ProposalService(api, db, bus, worker),
                            SavedSearchService(api, db, bus, worker))


def test_a_refused_message_is_shown_copied_and_discarded(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    room = world.conversations[0].room
    body = "Here is the estimate we talked about: <b>$1,200</b>."

    def refused(conn: Any) -> None:
        item = outbox.enqueue(conn, SEND, {"room_id": room.id, "body": body}, "k-refused", utcnow())
        outbox.mark_failed(conn, item.id, Notice.text("This room is archived."))

    filled_db.write_now(refused)
    dialog = AttentionDialog(_attention(filled_db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.items) == 1, timeout=3000)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"Message to {room.counterpart_name}" in texts
    assert body in texts  # the user's words, as plain text
    assert any("This room is archived." in t for t in texts)
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    buttons["Copy text"].click()
    assert QGuiApplication.clipboard().text() == body
    buttons["Discard"].click()
    qtbot.waitUntil(lambda: dialog.items == [], timeout=3000)
    assert filled_db.read_now(lambda c: outbox.list(c, "failed")) == []


def test_a_message_kept_back_by_a_cache_rescue_is_shown_as_kept_not_refused(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    """What a rescue could read only in part waits here with the words it could read (the real restore
    path writes it; the damage itself is exercised in tests/unit/storage/test_rescue.py)."""
    from desktop.storage import rescue

    room = world.conversations[0].room
    partial = "Dear client, here is the full plan for the redes"
    found = rescue.Found(echoes={"msg-cut": {
        "room_id": room.id, "sender_id": builders.ME_ID, "sender_name": builders.ME_NAME,
        "created_at": "2026-12-06T10:00:00.000000Z", "state": "sending", "client_key": "msg-cut",
        "body": partial, "complete": False}})
    report = filled_db.write_now(lambda c: rescue.restore(c, found))
    assert [lost.text for lost in report.lost] == [partial]
    dialog = AttentionDialog(_attention(filled_db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.items) == 1, timeout=3000)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"Message to {room.counterpart_name}" in texts
    assert partial in texts
    assert any(t.startswith("Kept ") and str(rescue.RESCUE_REASON) in t for t in texts)
    assert not any(t.startswith("Refused") for t in texts)
    assert not any("Nothing of what you wrote is lost" in t for t in texts)
