from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QSettings, Qt

from desktop.core.clock import utcnow
from desktop.core.models import ConnectionState, SyncStatus
from desktop.core.notices import Notice
from desktop.services.events import ActionFailed, StatusChanged
from desktop.ui import theme
from tests.ui.fakes import FakeServices
from tests.ui.test_jobs_pane import first_unapplied_row


def test_title_sidebar_and_unread_badge(
    qtbot: Any, services: FakeServices, make_window: Callable[..., Any]
) -> None:
    window = make_window(services)
    assert window.windowTitle() == "Atelier"
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["Jobs", "Proposals", "Messages", "Earnings"]
    qtbot.waitUntil(lambda: window.unread_badge() == 3, timeout=3000)  # the rooms are read off the UI thread


def test_status_bar_per_state(qtbot: Any, services: FakeServices, make_window: Callable[..., Any]) -> None:
    window = make_window(services)
    synced = utcnow() - timedelta(minutes=5)
    cases = {
        ConnectionState.ONLINE: "Online",
        ConnectionState.SYNCING: "Syncing…",
        ConnectionState.OFFLINE: "Offline · showing cached data",
        ConnectionState.SIGNED_OUT: "Signed out — sign in again",
    }
    for state, text in cases.items():
        services.bus.emit(StatusChanged(SyncStatus(state=state, last_synced_at=synced, pending_outbox=2)))
        assert window.status_label.text() == text
        assert window.status_dot.color() == theme.connection_color(state)
        assert "5 min ago" in window.last_sync_label.text()
        assert window.outbox_label.text() == "2 actions waiting to send"
    services.bus.emit(StatusChanged(SyncStatus(state=ConnectionState.ONLINE, pending_outbox=1)))
    assert window.outbox_label.text() == "1 action waiting to send"
    assert "Not synced yet" in window.last_sync_label.text()
    services.bus.emit(StatusChanged(SyncStatus(state=ConnectionState.ONLINE, pending_outbox=0)))
    assert window.outbox_label.isHidden()


def test_action_failures_are_shown_in_the_status_bar(
    qtbot: Any, services: FakeServices, make_window: Callable[..., Any]
) -> None:
    window = make_window(services)
    services.bus.emit(ActionFailed("proposal", Notice.text("This job is no longer accepting proposals.")))
    assert "no longer accepting" in window.notice_label.text()


def test_ctrl_number_switches_panes(
    qtbot: Any, services: FakeServices, make_window: Callable[..., Any]
) -> None:
    window = make_window(services)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane() == "proposals"
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane() == "earnings"
    assert window.stack.currentWidget() is window.earnings


def test_geometry_and_last_pane_are_restored(
    qtbot: Any, services: FakeServices, make_window: Callable[..., Any], settings: QSettings
) -> None:
    window = make_window(services)
    window.show()
    window.resize(900, 640)  # the offscreen screen is 800x600 (restoreGeometry fits windows to it), and
    # 900x600 is the minimum
    window.show_pane("messages")
    window.close()
    again = make_window(services, settings=QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert again.current_pane() == "messages"
    assert (again.width(), again.height()) == (900, 640)


def test_write_proposal_opens_the_form_and_lands_on_proposals(
    qtbot: Any, services: FakeServices, make_window: Callable[..., Any]
) -> None:
    window = make_window(services)
    window.show()
    window.jobs.select_row(first_unapplied_row(window.jobs))
    window.jobs.detail.write_button.click()
    form = window._form
    assert form is not None
    assert form.isVisible()
    form.cover_letter.setPlainText(
        "I have built this exact kind of billing service twice and can start this week."
    )
    form.submit_button.click()
    qtbot.waitUntil(lambda: window.current_pane() == "proposals", timeout=3000)
    assert window.proposals.detail.chip.text() == "Sending…"


def test_settings_may_be_an_ini_path_and_the_profile_arrives_later(
    qtbot: Any, db: Any, tmp_path: Any, make_window: Callable[..., Any]
) -> None:
    from desktop.services.events import ProfileChanged
    from desktop.storage import profile as profile_repo
    from tests.ui import builders
    from tests.ui.fakes import make_services

    services = make_services(db, builders.ME_ID, builders.ME_NAME)
    window = make_window(services, settings=tmp_path / "window.ini")
    assert window.messages.my_user_id == ""
    assert window.jobs.list_stack.empty_text() == "Waiting for first sync…"
    db.write_now(lambda c: profile_repo.set(c, builders.me()))
    services.bus.emit(ProfileChanged())
    assert window.messages.my_user_id == builders.ME_ID
    window.close()
    assert (tmp_path / "window.ini").exists()


def test_switching_to_dark_re_tints_everything(
    qtbot: Any, qapp: Any, services: FakeServices, make_window: Callable[..., Any]
) -> None:
    window = make_window(services)
    window.resize(1280, 800)
    window.show()
    window.jobs.select_row(0)
    controller = theme.apply_theme(qapp, Qt.ColorScheme.Dark)
    try:
        qtbot.waitUntil(lambda: theme.is_dark(window.palette()), timeout=2000)
        for pane in ("proposals", "messages", "earnings", "jobs"):
            window.show_pane(pane)
            assert not window.grab().isNull()
        assert theme.accent(window.palette()) == theme.ACCENT_DARK
    finally:
        controller.force(None)
        controller.deleteLater()


def test_self_check_names_every_empty_pane(
        qtbot: Any, services: FakeServices, tmp_path: Any, make_window: Callable[..., Any]) -> None:
    """`atelier --self-test` relies on this: a filled cache passes, an empty one names each pane."""
    from desktop.storage.db import Database
    from tests.ui.fakes import make_services

    filled = make_window(services)
    qtbot.waitUntil(lambda: filled.messages.presenter.snapshot.rooms_loaded, timeout=3000)
    assert filled.self_check() == []
    empty_db = Database.open(tmp_path / "empty.sqlite3")
    try:
        empty = make_window(make_services(empty_db, "usr_nobody", "Nobody"))
        qtbot.waitUntil(lambda: empty.messages.presenter.snapshot.rooms_loaded, timeout=3000)
        assert empty.self_check() == [
            "Jobs pane shows no rows", "Proposals pane shows no rows", "Messages pane shows no rows",
            "Earnings pane shows no rows"]
        empty.close()
    finally:
        empty_db.close_now()


def test_one_bridge_carries_the_service_events_to_every_widget_of_the_window(
        qtbot: Any, services: FakeServices, make_window: Callable[..., Any]) -> None:
    """The panes, the notifier and the contracts view share the window's bridge (one subscription to the
    bus, one dispatch per event); the Jobs and Messages presenters listen to the bus themselves."""
    from desktop.ui.bridge import EventBridge

    window = make_window(services)
    bridges = window.findChildren(EventBridge)
    assert bridges == [window.bridge]
    assert services.bus._listeners.count(window.bridge._on_event) == 1
