"""Notifications while Atelier is in the background: a client's new message and a new job in a saved
search are told once; history, the user's own messages and anything while the window is in front are not.
(No system tray offscreen: a list stands in for the tray's balloon.)"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from desktop.core.clock import utcnow
from desktop.core.models import JobFilter, Message
from desktop.services.events import EventBus, MessagesChanged, SavedSearchMatched
from desktop.storage import messages, rooms
from desktop.storage import saved_searches as saved_repo
from desktop.storage.db import Database
from desktop.ui import notifier as notifier_module
from desktop.ui.notifier import Notice, Notifier
from tests.ui import builders


def make(qtbot: Any, db: Database, tmp_path: Any, front: list[bool]) -> tuple[
        Notifier, list[Notice], EventBus]:
    window = QWidget()
    qtbot.addWidget(window)
    bus = EventBus()
    shown: list[Notice] = []
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    notifier = Notifier(window, db, bus, lambda: builders.ME_ID, settings=settings, show=shown.append,
                        in_front=lambda: front[0], since=utcnow() - timedelta(seconds=1))
    return notifier, shown, bus


def arrive(db: Database, bus: EventBus, room_id: str, sender: str, name: str, body: str, n: int) -> None:
    msg = Message(id=f"srv-new-{n}", room_id=room_id, sender_id=sender, sender_name=name, body=body,
                  created_at=utcnow())
    db.write_now(lambda c: (messages.upsert_many(c, [msg]), rooms.refresh_last_message(c, [room_id])))
    bus.emit(MessagesChanged(frozenset({room_id})))


def test_a_clients_message_is_told_once_and_a_click_opens_its_room(
        qtbot: Any, filled_db: Database, tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(notifier_module, "BURST_SECONDS", 0.0)
    front = [False]
    notifier, shown, bus = make(qtbot, filled_db, tmp_path, front)
    room = filled_db.read_now(rooms.list)[0]

    bus.emit(MessagesChanged(frozenset({room.id})))  # history from the cache: not news
    assert shown == []
    arrive(filled_db, bus, room.id, "client-9", "Priya S.", "Can you start on Monday?", 1)
    assert [(n.title, n.body, n.kind, n.target) for n in shown] == [
        ("Priya S.", "Can you start on Monday?", "room", room.id)]
    bus.emit(MessagesChanged(frozenset({room.id})))  # the same message again (another change in the room)
    assert len(shown) == 1
    arrive(filled_db, bus, room.id, builders.ME_ID, builders.ME_NAME, "Yes, Monday works.", 2)  # mine
    assert len(shown) == 1

    with qtbot.waitSignal(notifier.opened, timeout=1000) as opened:
        notifier.click_last()
    assert opened.args == ["room", room.id]

    front[0] = True  # the window is in front: the pane shows it, no notification
    arrive(filled_db, bus, room.id, "client-9", "Priya S.", "Great, see you then.", 3)
    assert len(shown) == 1
    front[0] = False
    bus.emit(MessagesChanged(frozenset({room.id})))  # the room changes again: what was seen is not news
    assert len(shown) == 1
    notifier.set_enabled(False)  # turned off in the tray menu
    arrive(filled_db, bus, room.id, "client-9", "Priya S.", "One more thing…", 4)
    assert len(shown) == 1


def test_a_new_job_in_a_saved_search_and_bursts(qtbot: Any, filled_db: Database, tmp_path: Any) -> None:
    _notifier, shown, bus = make(qtbot, filled_db, tmp_path, [False])
    python = JobFilter(query="python")
    filled_db.write_now(lambda c: saved_repo.insert_local(c, "Python", python, "k1", utcnow()))
    bus.emit(SavedSearchMatched("job-1", "Python scraper for a price tracker", ("local:k1",)))
    assert [(n.title, n.body, n.kind, n.target) for n in shown] == [
        ("New job in “Python”", "Python scraper for a price tracker", "job", "job-1")]
    # Right after, more arrive: one notification that counts them instead of a stack of balloons.
    bus.emit(SavedSearchMatched("job-2", "Django to FastAPI port", ("local:k1",)))
    assert shown[-1].title == "2 new update(s) in Atelier"
    assert shown[-1].body == "New job in “Python” — Django to FastAPI port"
    assert shown[-1].target == "job-2"
    bus.emit(SavedSearchMatched("job-3", "Gone", ("ss_deleted",)))  # its search was deleted meanwhile
    assert len(shown) == 2



def test_a_muted_saved_search_keeps_quiet(qtbot: Any, filled_db: Database, tmp_path: Any) -> None:
    """"Notify me about new jobs" off on one search: its matches are not announced; a job that also
    matches another search, still on, is announced under that one's name."""
    _notifier, shown, bus = make(qtbot, filled_db, tmp_path, [False])
    now = utcnow()
    filled_db.write_now(lambda c: saved_repo.insert_local(c, "Python", JobFilter(query="python"), "k1", now))
    filled_db.write_now(lambda c: saved_repo.insert_local(c, "Remote", JobFilter(query="remote"), "k2", now))
    filled_db.write_now(lambda c: saved_repo.set_notify(c, "local:k1", False))
    bus.emit(SavedSearchMatched("job-1", "Python scraper", ("local:k1",)))
    assert shown == []
    bus.emit(SavedSearchMatched("job-2", "Remote Python API", ("local:k1", "local:k2")))
    assert [(n.title, n.target) for n in shown] == [("New job in “Remote”", "job-2")]

def test_clicking_a_notification_opens_what_it_was_about(make_window: Any, services: Any,
                                                         world: builders.World) -> None:
    window = make_window(services)
    room = services.db.read_now(rooms.list)[1]
    window.show_pane("earnings")
    window.notifier.opened.emit("room", room.id)
    assert window.current_pane() == "messages"
    assert window.messages.room_id == room.id
    job = world.jobs[3]
    window.notifier.opened.emit("job", job.id)
    assert window.current_pane() == "jobs"
    assert window.jobs.detail.job is not None
    assert window.jobs.detail.job.id == job.id
