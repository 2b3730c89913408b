from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView

from desktop.core.clock import utcnow
from desktop.core.models import DeliveryState, Message
from desktop.services.events import EventBus, MessagesChanged
from desktop.storage import messages as messages_repo
from desktop.storage.db import Database
from desktop.ui.messages_pane import MessagesPane, ThreadRow
from tests.support.local_services import local_services, rooms_marked_read, sent_messages
from tests.ui import builders


def make_pane(qtbot: Any, db: Database) -> tuple[MessagesPane, Database, EventBus]:
    """The pane over the real ChatService (its outbox not started: what is sent waits in the outbox)."""
    services = local_services(db, builders.ME_ID, builders.ME_NAME)
    pane = MessagesPane(db, services.bus, services.chat, builders.ME_ID)
    qtbot.addWidget(pane)
    pane.resize(1000, 700)
    pane.show()
    qtbot.waitUntil(lambda: pane.presenter.snapshot.rooms_loaded, timeout=3000)
    return pane, db, services.bus


def open_room(qtbot: Any, pane: MessagesPane, room_id: str) -> None:
    pane.open_room(room_id)
    qtbot.waitUntil(lambda: pane.presenter.snapshot.thread_room == room_id, timeout=3000)


def last_row(pane: MessagesPane) -> ThreadRow:
    row = pane.thread_model.row(pane.thread_model.rowCount() - 1)
    assert row is not None
    return row


def test_rooms_show_unread_badges_and_the_total(
    qtbot: Any, filled_db: Database, world: builders.World
) -> None:
    pane, _, _ = make_pane(qtbot, filled_db)
    expected = {c.room.id: c.room.unread_count for c in world.conversations}
    listed = [pane.rooms_model.room(i) for i in range(pane.rooms_model.rowCount())]
    shown = {room.id: room.unread_count for room in listed if room is not None}
    assert shown == expected
    assert pane.total_unread() == sum(expected.values()) == 3


def test_opening_a_room_loads_the_thread_and_marks_it_read(qtbot: Any, filled_db: Database) -> None:
    pane, db, _ = make_pane(qtbot, filled_db)
    with qtbot.waitSignal(pane.unreadChanged, timeout=3000, check_params_cb=lambda n: n == 1):
        open_room(qtbot, pane, "room-1")
    assert rooms_marked_read(db) == ["room-1"]
    assert pane.room_name.fullText() == "Maya Chen"
    assert pane.thread_model.rowCount() == 8
    assert last_row(pane).mine


def test_sending_shows_the_message_once_as_sending(qtbot: Any, filled_db: Database) -> None:
    """The service's echo is the only copy on screen: the pane draws no provisional message of its own."""
    pane, db, _ = make_pane(qtbot, filled_db)
    open_room(qtbot, pane, "room-3")
    before = pane.thread_model.rowCount()
    pane.composer.setPlainText("On my way — <b>not bold</b>")
    qtbot.keyClick(pane.composer, Qt.Key.Key_Return)
    assert pane.composer.toPlainText() == ""
    qtbot.waitUntil(lambda: sent_messages(db) == [("room-3", "On my way — <b>not bold</b>")], timeout=3000)
    qtbot.waitUntil(lambda: last_row(pane).message.body == "On my way — <b>not bold</b>", timeout=3000)
    row = last_row(pane)
    assert row.message.state is DeliveryState.SENDING
    assert row.show_state
    assert row.message.id.startswith("local:")
    qtbot.wait(50)  # any late refresh would show a second copy
    bodies = [m.body for m in pane.thread_model.messages()]
    assert bodies.count("On my way — <b>not bold</b>") == 1
    assert pane.thread_model.rowCount() == before + 1 == 3


def test_a_send_reloads_the_thread_and_the_room_list_only_from_its_events(
    qtbot: Any, filled_db: Database
) -> None:
    """The echo's events (MessagesChanged and RoomsChanged, in one turn) give one read of the room list
    and one of the thread; the send itself reads nothing."""
    pane, db, _ = make_pane(qtbot, filled_db)
    open_room(qtbot, pane, "room-3")
    qtbot.wait(50)
    before = dict(pane.presenter.reads)
    pane.composer.setPlainText("Thanks!")
    pane.send_current()
    qtbot.waitUntil(lambda: bool(sent_messages(db)), timeout=3000)
    qtbot.waitUntil(lambda: last_row(pane).message.body == "Thanks!", timeout=3000)
    qtbot.wait(100)
    reads = {kind: pane.presenter.reads[kind] - before[kind] for kind in before}
    assert reads == {"rooms": 1, "thread": 1}


def test_shift_enter_adds_a_newline(qtbot: Any, filled_db: Database) -> None:
    pane, db, _ = make_pane(qtbot, filled_db)
    open_room(qtbot, pane, "room-3")
    qtbot.keyClicks(pane.composer, "line one")
    qtbot.keyClick(pane.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(pane.composer, "line two")
    assert pane.composer.toPlainText() == "line one\nline two"
    pane.send_button.click()
    qtbot.waitUntil(lambda: sent_messages(db) == [("room-3", "line one\nline two")], timeout=3000)


def test_delivery_updates_the_state_and_stays_at_bottom(qtbot: Any, filled_db: Database) -> None:
    pane, db, bus = make_pane(qtbot, filled_db)
    open_room(qtbot, pane, "room-3")
    pane.composer.setPlainText("Thanks!")
    pane.send_current()
    qtbot.waitUntil(lambda: bool(sent_messages(db)), timeout=3000)
    qtbot.waitUntil(lambda: last_row(pane).message.client_key is not None, timeout=3000)
    key = last_row(pane).message.client_key
    assert key is not None
    filled_db.write_now(lambda c: messages_repo.set_state(c, key, DeliveryState.SENT))
    bus.emit(MessagesChanged(frozenset({"room-3"})))
    qtbot.waitUntil(lambda: last_row(pane).message.state is DeliveryState.SENT, timeout=3000)
    bar = pane.thread_view.verticalScrollBar()
    assert bar.value() == bar.maximum()


def test_empty_cache_says_no_messages_yet(qtbot: Any, db: Database) -> None:
    pane, _, _ = make_pane(qtbot, db)
    assert pane.rooms_stack.empty_text() == "No messages yet"
    assert not pane.composer.isEnabled()


def test_scrolling_to_the_top_of_a_long_thread_shows_older_messages(
    qtbot: Any, filled_db: Database
) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from desktop.presenters.messages import THREAD_PAGE as THREAD_LIMIT

    template = filled_db.read_now(lambda c: messages_repo.for_room(c, "room-1"))[0]
    total = 2 * THREAD_LIMIT + 50
    older = [replace(template, id=f"msg-old-{i}", body=f"Old message {i}",
                     created_at=template.created_at - timedelta(minutes=total - i)) for i in range(total)]
    filled_db.write_now(lambda c: messages_repo.upsert_many(c, older))
    in_thread = filled_db.read_now(lambda c: messages_repo.count(c, "room-1"))

    pane, _, _ = make_pane(qtbot, filled_db)
    open_room(qtbot, pane, "room-1")
    bar = pane.thread_view.verticalScrollBar()
    assert pane.thread_model.message_count() == THREAD_LIMIT
    for shown in (2 * THREAD_LIMIT, in_thread, in_thread):
        newest_visible = pane.thread_model.messages()[-1].id
        bar.setValue(bar.minimum())
        qtbot.waitUntil(lambda shown=shown: pane.thread_model.message_count() == shown, timeout=3000)
        qtbot.wait(20)
        assert pane.thread_model.messages()[-1].id == newest_visible
        assert bar.value() > bar.minimum() or shown == in_thread  # the view stayed where the reader was
    assert pane.thread_model.messages()[0].body == "Old message 0"


def _real_chat(db: Database, bus: EventBus) -> Any:
    """The real ChatService on the real cache; its outbox worker is never started (nothing is sent)."""
    return local_services(db, builders.ME_ID, builders.ME_NAME, bus).chat


def test_a_message_over_the_limit_stays_in_the_composer_with_the_reason(
    qtbot: Any, filled_db: Database, world: builders.World
) -> None:
    from desktop.services.chat import MAX_BODY
    from desktop.storage import outbox

    bus = EventBus()
    pane = MessagesPane(filled_db, bus, _real_chat(filled_db, bus), builders.ME_ID)
    qtbot.addWidget(pane)
    pane.resize(1000, 700)
    pane.show()
    assert not pane.composer.isVisible()  # no conversation open: nothing to write into
    room_id = world.conversations[0].room.id
    qtbot.waitUntil(lambda: pane.presenter.snapshot.rooms_loaded, timeout=3000)
    pane.open_room(room_id)
    qtbot.waitUntil(lambda: pane.composer.isVisible())
    long = "word " * (MAX_BODY // 5) + "and one more"
    pane.composer.setPlainText(long)
    assert pane.limit_label.isVisible()
    assert pane.limit_label.text().startswith("5,0")
    pane.send_current()
    assert pane.composer.toPlainText() == long  # kept, never cleared
    assert pane.error_label.isVisible()
    assert "at most 5,000 characters" in pane.error_label.text()
    assert filled_db.read_now(lambda c: outbox.list(c)) == []
    pane.composer.setPlainText("Short enough.")
    assert not pane.limit_label.isVisible()


def test_a_reply_in_the_open_room_while_the_window_is_in_front_is_read(
    qtbot: Any, filled_db: Database, world: builders.World
) -> None:
    from dataclasses import replace

    from desktop.services.events import RoomsChanged
    from desktop.storage import rooms as rooms_repo

    pane, _chat, bus = make_pane(qtbot, filled_db)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow, timeout=3000)
    room = next(c.room for c in world.conversations if c.room.unread_count == 0)
    open_room(qtbot, pane, room.id)
    # the server says the room has a new unread reply (before or after the message itself)
    later = replace(room, unread_count=1, updated_at=world.now, last_message_at=world.now)
    filled_db.write_now(lambda c: rooms_repo.upsert_many(c, [later]))
    bus.emit(RoomsChanged())
    def unread() -> int | None:
        now = filled_db.read_now(lambda c: rooms_repo.get(c, room.id))
        return None if now is None else now.unread_count

    qtbot.waitUntil(lambda: unread() == 0, timeout=3000)
    others = sum(r.unread_count for r in filled_db.read_now(rooms_repo.list) if r.id != room.id)
    qtbot.waitUntil(lambda: pane.total_unread() == others, timeout=3000)  # the reply is not counted


def _long_thread(db: Database, room_id: str, count: int = 60) -> None:
    base = utcnow() - timedelta(hours=count)
    lines = [
        "Could you check the import again? The second file has a header row the first one does not have.",
        "Done: the importer skips it now, and the report lists every row it skipped with the reason.",
        "Great. One more thing — the totals are off by one cent on the March export, probably rounding.",
    ]
    messages = [
        Message(id=f"long-{i}", room_id=room_id, sender_id=builders.ME_ID if i % 2 else "them-1",
                sender_name=builders.ME_NAME if i % 2 else "Maya Chen", body=f"{i}. {lines[i % 3]}",
                created_at=base + timedelta(hours=i), state=DeliveryState.SENT)
        for i in range(count)
    ]
    db.write_now(lambda c: messages_repo.upsert_many(c, messages))


def _settle(qtbot: Any) -> None:
    qtbot.wait(250)  # past any delayed relayout a resize may schedule


def test_resizing_keeps_the_bottom_of_the_thread_in_view(qtbot: Any, filled_db: Database) -> None:
    """At the newest message, a narrower window (every bubble taller) still shows the newest message."""
    _long_thread(filled_db, "room-1")
    pane, _, _ = make_pane(qtbot, filled_db)
    open_room(qtbot, pane, "room-1")
    pane.scroll_to_bottom()
    _settle(qtbot)
    view = pane.thread_view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == bar.maximum()
    for width, height in ((620, 700), (1000, 500), (760, 820)):
        pane.resize(width, height)
        _settle(qtbot)
        last = view.visualRect(pane.thread_model.index(pane.thread_model.rowCount() - 1, 0))
        assert bar.value() == bar.maximum(), (width, height)
        assert view.viewport().rect().contains(last.bottomLeft() - QPoint(0, 2)), (width, height)


def test_resizing_keeps_the_message_being_read_in_view(qtbot: Any, filled_db: Database) -> None:
    """Scrolled up to a message in the middle of the thread: after the window gets narrower, wider, shorter,
    that same message is still in the middle of the view."""
    _long_thread(filled_db, "room-1")
    pane, _, _ = make_pane(qtbot, filled_db)
    open_room(qtbot, pane, "room-1")
    _settle(qtbot)
    view, model = pane.thread_view, pane.thread_model
    reading = next(i for i in range(model.rowCount()) if model.row(i).message.id == "long-30")  # type: ignore[union-attr]
    view.scrollTo(model.index(reading, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
    _settle(qtbot)

    def shown_in_the_middle() -> bool:
        rect = view.visualRect(model.index(reading, 0))
        middle = view.viewport().height() // 2
        return rect.top() - 40 <= middle <= rect.bottom() + 40

    assert shown_in_the_middle()
    for width, height in ((600, 700), (1200, 700), (900, 420), (700, 900)):
        pane.resize(width, height)
        _settle(qtbot)
        assert shown_in_the_middle(), (width, height)


def test_searching_every_conversation_and_opening_a_result_in_its_thread(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    """Type in the search box: results by conversation, the words marked; Enter opens the newest match in
    its thread, centred and ringed; Escape brings the conversations back."""
    from dataclasses import replace

    from desktop.ui import theme

    target = world.conversations[1]
    first = filled_db.read_now(lambda c: messages_repo.for_room(c, target.room.id))[0]
    found = replace(first, id="msg-found", body="Here is the staging quetzal key, keep it safe",
                    created_at=first.created_at - timedelta(days=3))
    filled_db.write_now(lambda c: messages_repo.upsert_many(c, [found]))
    pane, _, _ = make_pane(qtbot, filled_db)
    pane.resize(1100, 700)
    assert not pane.found.isVisible()
    assert pane.rooms.isVisible()
    qtbot.keyClicks(pane.search, "Quetz")
    qtbot.waitUntil(lambda: pane.found_model.rowCount() == 2, timeout=3000)  # a header and the message
    assert pane.found.isVisible()
    assert not pane.rooms.isVisible()
    header, hit = pane.found_model.row(0), pane.found_model.row(1)
    assert header is not None
    assert header.message is None
    assert header.room.id == target.room.id
    assert hit is not None
    assert hit.message is not None
    assert hit.message.id == "msg-found"
    qtbot.wait(50)
    pane.grab().save("/tmp/messages-search.png")

    qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.presenter.snapshot.focus == "msg-found"
                    and pane.presenter.snapshot.thread_room == target.room.id, timeout=3000)
    row = next(i for i in range(pane.thread_model.rowCount())
               if pane.thread_model.row(i).message.id == "msg-found")  # type: ignore[union-attr]
    assert pane.thread_model.row(row).focused  # type: ignore[union-attr]
    rect = pane.thread_view.visualRect(pane.thread_model.index(row))
    assert pane.thread_view.viewport().rect().intersects(rect)  # on screen, not at the bottom of the thread
    assert pane.room_name.fullText() == target.room.counterpart_name
    pane.grab().save("/tmp/messages-search-opened.png")
    assert theme.mark(pane.palette()).isValid()

    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: pane.rooms.isVisible(), timeout=3000)
    assert pane.search.text() == ""
    assert pane.room_id == target.room.id  # the conversation stays open


def test_a_search_that_finds_nothing_says_so(qtbot: Any, filled_db: Database) -> None:
    pane, _, _ = make_pane(qtbot, filled_db)
    pane.search_messages("xylophone")
    qtbot.waitUntil(lambda: pane.found_stack.is_empty_shown(), timeout=3000)
    assert pane.found_stack.empty_text() == "No messages match"
