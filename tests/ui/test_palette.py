"""Ctrl+K in the real window on the cache: typing a client's name and Enter opens that conversation; a pane,
a job, a command; Esc closes; marketplace text is shown as text (no markup, no connection)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop.core.models import Job, JobFilter
from desktop.presenters.palette import Kind
from desktop.storage import jobs
from desktop.storage.db import Database
from desktop.ui.main_window import MainWindow
from desktop.ui.palette import CommandPalette, PaletteDelegate
from tests.ui import builders
from tests.ui.test_untrusted_text import Listener, hostile


def _window(qtbot: Any, make_window: Any, services: Any) -> MainWindow:
    window: MainWindow = make_window(services)
    window.resize(1280, 800)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def _open(qtbot: Any, window: MainWindow, text: str) -> CommandPalette:
    window.activateWindow()  # (offscreen, a closed dialog does not hand the focus back by itself)
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = window.command_palette
    assert palette is not None
    assert palette.isVisible()
    qtbot.keyClicks(palette.search, text)
    qtbot.waitUntil(lambda: palette.presenter.snapshot.query == text and bool(palette.groups()), timeout=3000)
    return palette


def test_typing_a_clients_name_and_enter_opens_the_conversation(
        qtbot: Any, make_window: Any, services: Any, world: builders.World) -> None:
    window = _window(qtbot, make_window, services)
    room = world.conversations[2].room
    palette = _open(qtbot, window, room.counterpart_name.split()[0])
    first = palette.model.item(palette.list.currentIndex().row())
    assert first is not None
    assert first.kind is Kind.ROOM
    assert first.target == room.id
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert not palette.isVisible()
    assert window.current_pane() == "messages"
    assert window.messages.room_id == room.id


def test_a_pane_by_name_tab_to_the_next_group_and_esc(
        qtbot: Any, make_window: Any, services: Any) -> None:
    window = _window(qtbot, make_window, services)
    palette = _open(qtbot, window, "earn")
    assert palette.groups()[0].kind is Kind.PANE
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert window.current_pane() == "earnings"

    palette = _open(qtbot, window, "s")  # panes, commands, rooms, jobs… all start with an s somewhere
    kinds = [g.kind for g in palette.groups()]
    assert len(kinds) > 1
    qtbot.keyClick(palette.search, Qt.Key.Key_Tab)
    second = palette.model.item(palette.list.currentIndex().row())
    assert second is not None
    assert second.kind is kinds[1]
    qtbot.keyClick(palette.search, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    assert window.current_pane() == "earnings"


def test_a_job_title_with_markup_is_text_and_reaches_no_server(
        qtbot: Any, make_window: Any, services: Any, filled_db: Database) -> None:
    listener = Listener()
    try:
        evil = hostile(listener.port)
        job = filled_db.read_now(lambda c: jobs.page(c, JobFilter(), 0, 1))[0]
        hostile_job = Job(**{**{f: getattr(job, f) for f in job.__dataclass_fields__},
                             "id": "job-hostile", "title": "Zanzibar " + evil})
        filled_db.write_now(lambda c: jobs.upsert_many(c, [hostile_job]))
        window = _window(qtbot, make_window, services)
        palette = _open(qtbot, window, "zanzibar")
        row = palette.list.currentIndex().row()
        assert palette.model.item(row).target == "job-hostile"  # type: ignore[union-attr]
        shown = palette.model.index(row).data()
        assert "<img" in shown
        assert "\u202e" not in shown  # shown as the characters it is, cleaned
        image = QImage(600, 40, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        option = QStyleOptionViewItem()
        option.rect = image.rect()
        option.font = palette.list.font()
        option.palette = palette.list.palette()
        PaletteDelegate().paint(painter, option, palette.model.index(row))
        painter.end()
        qtbot.keyClick(palette.search, Qt.Key.Key_Return)
        assert window.current_pane() == "jobs"
        qtbot.wait(200)
    finally:
        listener.close()
    assert listener.connections == 0


def test_the_latest_choices_come_first_again_after_a_restart(
        qtbot: Any, make_window: Any, services: Any, settings: Any, world: builders.World) -> None:
    window = _window(qtbot, make_window, services)
    room = world.conversations[1].room
    palette = _open(qtbot, window, room.counterpart_name.split()[0])
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    palette = _open(qtbot, window, "contracts")
    first = palette.model.item(palette.list.currentIndex().row())
    assert first is not None
    assert (first.kind, first.target) == (Kind.COMMAND, "contracts")
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert window.current_pane() == "earnings"
    assert window.earnings.tabs.currentIndex() == 1
    window.close()

    again: MainWindow = make_window(services, settings=settings)  # the same settings file: a restart
    recent = again.palette_presenter.recent
    assert [(i.kind, i.target) for i in recent] == [(Kind.COMMAND, "contracts"), (Kind.ROOM, room.id)]
    assert recent[1].title == room.counterpart_name


def test_saved_jobs_and_the_message_search_from_the_palette(
        qtbot: Any, make_window: Any, services: Any) -> None:
    from desktop.presenters.jobs import View

    window = _window(qtbot, make_window, services)
    palette = _open(qtbot, window, "saved jobs")
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert window.current_pane() == "jobs"
    qtbot.waitUntil(lambda: window.jobs.presenter.snapshot.view is View.SAVED, timeout=3000)
    palette = _open(qtbot, window, "search all")
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert window.current_pane() == "messages"
    assert window.focusWidget() is window.messages.search
