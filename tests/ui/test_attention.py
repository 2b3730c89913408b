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
        outbox.mark_failed(conn, item.id, "This room is archived.")

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
