"""Files in the Messages pane, over the real ChatService (its outbox stopped: what is sent waits in it):
attaching (button, drop, the limit said first, refusals said), the chips, sending, the cards under the
bubbles with their progress, Open (asking first for anything but pictures and PDFs), Save as…, thumbnails."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtCore import Qt as QtCore

from desktop.core.clock import utcnow
from desktop.core.models import Attachment, DeliveryState, Message
from desktop.sandbox.files import seed_pdf, seed_png
from desktop.services.attachments import UPLOAD
from desktop.services.chat import SEND
from desktop.services.events import AttachmentProgress, MessagesChanged
from desktop.storage import attachments
from desktop.storage import messages as messages_repo
from desktop.storage.db import Database
from desktop.ui.attachments import OPEN, SAVE
from desktop.ui.messages_pane import MessageDelegate, MessagesPane
from tests.support.local_services import LocalServices, local_services, queued
from tests.ui import builders


def scene(qtbot: Any, db: Database, tmp_path: Path) -> tuple[MessagesPane, LocalServices, str]:
    """A conversation whose client sent a PDF, where the user sent a picture and a zip."""
    services = local_services(db, builders.ME_ID, builders.ME_NAME)
    room = builders.world().conversations[0].room.id
    picture = tmp_path / "wireframe.png"
    picture.write_bytes(seed_png(320, 200))
    brief = tmp_path / "brief.pdf"
    brief.write_bytes(seed_pdf("Brief", ["Scope"]))
    now = utcnow()
    sent = [
        Message("m-pdf", room, "client-x", "Client", "The brief is attached.", now - timedelta(minutes=9),
                attachments=(Attachment("att-pdf", "project-brief.pdf", brief.stat().st_size,
                                        "application/pdf"),)),
        Message("m-png", room, builders.ME_ID, builders.ME_NAME, "", now - timedelta(minutes=5),
                attachments=(Attachment("att-png", "wireframe.png", picture.stat().st_size, "image/png"),
                             Attachment("att-zip", "sources.zip", 2048, "application/zip"))),
    ]

    def write(conn: Any) -> None:
        messages_repo.upsert_many(conn, sent)
        attachments.set_local_path(conn, "att-pdf", str(brief))
        attachments.set_local_path(conn, "att-png", str(picture))
        attachments.set_local_path(conn, "att-zip", str(brief))  # what is there does not matter here

    db.write_now(write)
    pane = MessagesPane(db, services.bus, services.chat, builders.ME_ID)
    qtbot.addWidget(pane)
    pane.resize(1100, 760)
    pane.show()
    qtbot.waitUntil(lambda: pane.presenter.snapshot.rooms_loaded, timeout=3000)
    pane.open_room(room)
    qtbot.waitUntil(lambda: pane.presenter.snapshot.thread_room == room, timeout=3000)
    return pane, services, room


def buttons(pane: MessagesPane, qtbot: Any, attachment_id: str) -> Any:
    delegate = pane.thread_view.itemDelegate()
    assert isinstance(delegate, MessageDelegate)
    pane.scroll_to_bottom()
    qtbot.waitUntil(lambda: any(b.attachment.id == attachment_id
                                for found in delegate._buttons.values() for b in found), timeout=3000)
    return next(b for found in delegate._buttons.values() for b in found if b.attachment.id == attachment_id)


def click(qtbot: Any, pane: MessagesPane, rect: Any) -> None:
    qtbot.mouseClick(pane.thread_view.viewport(), QtCore.MouseButton.LeftButton, pos=rect.center().toPoint())


def test_a_pdf_opens_at_once_and_a_zip_only_after_asking(qtbot: Any, db: Database, tmp_path: Path) -> None:
    pane, _services, _room = scene(qtbot, db, tmp_path)
    opened: list[Path] = []
    asked: list[str] = []
    pane.open_file = opened.append  # type: ignore[method-assign,assignment]

    def refuse(attachment: Attachment) -> bool:
        asked.append(attachment.name)
        return False

    pane.confirm_open = refuse  # type: ignore[method-assign]
    click(qtbot, pane, buttons(pane, qtbot, "att-pdf").open)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=3000)
    assert opened[0].name == "brief.pdf"
    assert asked == []

    click(qtbot, pane, buttons(pane, qtbot, "att-zip").open)
    qtbot.wait(100)
    assert asked == ["sources.zip"]
    assert len(opened) == 1  # refused: nothing opened

    pane.confirm_open = lambda _a: True  # type: ignore[method-assign,assignment]
    click(qtbot, pane, buttons(pane, qtbot, "att-zip").open)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=3000)


def test_save_as_copies_the_file_where_the_user_says(qtbot: Any, db: Database, tmp_path: Path) -> None:
    pane, _services, _room = scene(qtbot, db, tmp_path)
    target = tmp_path / "saved" / "my copy.pdf"
    target.parent.mkdir()
    pane.ask_save_path = lambda _a: target  # type: ignore[method-assign,assignment]
    click(qtbot, pane, buttons(pane, qtbot, "att-pdf").save)
    qtbot.waitUntil(target.exists, timeout=3000)
    assert target.read_bytes().startswith(b"%PDF-")


def test_a_picture_gets_its_thumbnail_off_the_ui_thread(qtbot: Any, db: Database, tmp_path: Path) -> None:
    pane, _services, _room = scene(qtbot, db, tmp_path)
    qtbot.waitUntil(lambda: pane.art.thumbnails.get("att-png") is not None, timeout=3000)
    thumb = pane.art.thumbnails["att-png"]
    assert thumb is not None
    assert thumb.width() <= 280
    assert thumb.height() <= 180
    assert pane.art.thumbnails.get("att-pdf") is None  # not a picture: no thumbnail asked for


def test_files_are_attached_checked_shown_and_sent_through_the_outbox(
    qtbot: Any, db: Database, tmp_path: Path
) -> None:
    pane, _services, room = scene(qtbot, db, tmp_path)
    assert "25" in pane.attach_button.toolTip()  # the limit, said before anything is sent
    notes = tmp_path / "notes.txt"
    notes.write_text("scope and dates\n", encoding="utf-8")
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ")
    pane.choose_files = lambda: [notes, program]  # type: ignore[method-assign]
    pane.attach_button.click()
    chips = pane.pending_files.chips()
    assert [c.path for c in chips] == [notes]
    assert chips[0].size_label.text().startswith("16")
    assert pane.files_note.isVisible()
    assert "25" in pane.files_note.text()
    assert "setup.exe" in pane.error_label.text()
    assert pane.error_label.isVisible()

    # A file dropped on the composer is attached too, not pasted as text.
    sketch = tmp_path / "sketch.png"
    sketch.write_bytes(seed_png(10, 10))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sketch))])
    pane.composer.insertFromMimeData(mime)
    assert [c.path for c in pane.pending_files.chips()] == [notes, sketch]
    assert pane.composer.toPlainText() == ""
    # A chip can be taken off.
    pane.pending_files.chips()[1].remove_button.click()
    assert [c.path for c in pane.pending_files.chips()] == [notes]

    pane.composer.setPlainText("Notes attached")
    pane.send_current()
    qtbot.waitUntil(lambda: len(queued(db, SEND)) == 1, timeout=3000)
    assert len(queued(db, UPLOAD)) == 1
    assert queued(db, SEND)[0]["room_id"] == room
    assert pane.pending_files.chips() == []
    assert not pane.files_note.isVisible()
    qtbot.waitUntil(lambda: pane.thread_model.messages()[-1].attachments != (), timeout=3000)
    echo = pane.thread_model.messages()[-1]
    assert echo.state is DeliveryState.SENDING
    assert [a.name for a in echo.attachments] == ["notes.txt"]


def test_progress_shows_on_the_card_while_the_file_goes_up(qtbot: Any, db: Database, tmp_path: Path) -> None:
    pane, services, room = scene(qtbot, db, tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"x" * 4000)
    pane.add_files([notes])
    pane.send_current()
    qtbot.waitUntil(lambda: bool(pane.thread_model.messages()[-1].attachments), timeout=3000)
    local_id = pane.thread_model.messages()[-1].attachments[0].id
    services.bus.emit(AttachmentProgress(local_id, room, 1000, 4000, upload=True))
    assert pane.presenter.snapshot.transfers == {local_id: (1000, 4000)}
    assert pane.art.transfers == {local_id: (1000, 4000)}
    services.bus.emit(AttachmentProgress(local_id, room, 4000, 4000, upload=True))
    assert pane.presenter.snapshot.transfers == {}


def test_a_marketplace_without_files_says_so_on_the_button(qtbot: Any, db: Database, tmp_path: Path) -> None:
    services = local_services(db, builders.ME_ID, builders.ME_NAME)
    api = services.chat.files._api
    api.capabilities = dataclasses.replace(api.capabilities, send_attachments=False,  # type: ignore[misc]
                                           display_name="Upwork")
    pane = MessagesPane(db, services.bus, services.chat, builders.ME_ID)
    qtbot.addWidget(pane)
    assert not pane.attach_button.isEnabled()
    assert "Upwork" in pane.attach_button.toolTip()
    services.bus.emit(MessagesChanged())


def test_card_actions_are_named_constants() -> None:
    assert (OPEN, SAVE) == ("open", "save")
