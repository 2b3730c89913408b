"""The account button, its menu, the Settings dialog and About: what a user sees and changes there.

Real widgets offscreen, a real cache file, a real settings file, the real start-at-login entry in a
temporary XDG_CONFIG_HOME. Two things cannot run here and are stood in for, said where: the system's
light/dark switch (offscreen has no platform theme: the test emits Qt's own colorSchemeChanged signal) and
the marketplace for the Settings dialog's "Clear cache…" (an address nothing listens on: the re-sync fails
as it would offline; tests/unit/app/test_clear_cache.py does it against the real server).
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from desktop import APP_ID
from desktop.core.clock import utcnow
from desktop.core.models import Message
from desktop.credentials import CredentialStore
from desktop.services.container import Services, build_services
from desktop.services.events import EventBus, MessagesChanged, ProfileChanged
from desktop.services.session import Session
from desktop.settings import QuietHours, Settings
from desktop.storage import jobs, messages, outbox, profile, rooms
from desktop.storage.db import Database
from desktop.ui import theme
from desktop.ui.about_dialog import AboutDialog
from desktop.ui.account_button import avatar_color, initials
from desktop.ui.notifier import Notice, Notifier
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.tasks import TaskRunner
from tests.ui import builders
from tests.ui.fakes import FakeServices, make_services

FRENCH_DEMO = "Place de marché de démonstration"


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config


# -- the account button -------------------------------------------------------------------------------------
def test_the_account_button_names_the_user_and_the_marketplace(
        make_window: Any, services: FakeServices) -> None:
    services.account_label = "Demo marketplace"
    window = make_window(services)
    button = window.account
    assert button.name == builders.ME_NAME
    assert button.marketplace == "Demo marketplace"
    # The tooltip says everything in full, as plain text (never interpreted as markup).
    assert "Ada Moreau" in button.toolTip()
    assert "ada@example.com" in button.toolTip()
    assert "Demo marketplace" in button.toolTip()
    assert button.accessibleName() == "Ada Moreau, Demo marketplace"


def test_a_long_name_and_marketplace_are_cut_at_their_end_with_the_full_text_in_the_tooltip(
        make_window: Any, services: FakeServices) -> None:
    services.account_label = FRENCH_DEMO
    long_name = "Maximilienne de La Tour-Valadier <b>"
    services.db.write_now(lambda c: profile.set(c, replace(builders.me(), name=long_name)))
    window = make_window(services)
    window.resize(1280, 800)
    window.show()
    button = window.account
    shown = button.elided_marketplace()
    assert shown.endswith("…")
    assert shown.startswith("Place de march")
    assert len(shown) < len(FRENCH_DEMO)
    assert button.elided_name().startswith("Maximilienne")
    assert button.elided_name().endswith("…")
    assert FRENCH_DEMO in button.toolTip()
    assert "&lt;b&gt;" in button.toolTip()  # the name's "<b>" shows as text


def test_before_the_first_sync_the_button_shows_the_account_then_the_users_name(
        make_window: Any, db: Database) -> None:
    services = make_services(db, builders.ME_ID, builders.ME_NAME)
    services.account_label = "ada@example.com"
    window = make_window(services)
    assert window.account.name == "ada@example.com"
    assert window.account.marketplace == "127.0.0.1:8765"  # the reference marketplace: its address
    db.write_now(lambda c: profile.set(c, builders.me()))
    services.bus.emit(ProfileChanged())
    assert window.account.name == builders.ME_NAME


def test_the_avatar_is_the_users_initials_drawn_here(make_window: Any, services: FakeServices) -> None:
    assert initials("Ada Moreau") == "AM"
    assert initials("José María de la Peña") == "JP"
    assert initials("ada.moreau@example.com") == "A"
    assert initials("李小龍") == "李"
    assert initials("  ") == "?"
    window = make_window(services)
    image = window.account.avatar().toImage()
    centre = image.pixelColor(image.width() // 2 - 8, image.height() // 2 + 8)
    assert not window.account.avatar().isNull()
    assert centre.name() == avatar_color("ada@example.com").name()  # the same person, the same colour


# -- the menu -----------------------------------------------------------------------------------------------
def test_the_account_menu_has_the_profile_settings_about_and_quit(
        make_window: Any, services: FakeServices, qtbot: Any) -> None:
    window = make_window(services)
    texts = [a.text() for a in window.account_menu.actions() if a.text() and a.isVisible()]
    assert texts == ["Settings…", "About Atelier", "Add an account…", "Sign out…", "Quit Atelier"]
    card = window.profile_card.defaultWidget()
    assert (card.name.text(), card.email.text(), card.marketplace.text()) == (
        "Ada Moreau", "ada@example.com", services.account_label)
    assert not window.open_profile_action.isVisible()  # the reference marketplace has no profile page
    if sys.platform != "win32":
        assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")

    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    with qtbot.waitSignal(window.quitRequested, timeout=1000):
        qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.settingsRequested, timeout=1000):
        window.settings_action.trigger()
    with qtbot.waitSignal(window.aboutRequested, timeout=1000):
        window.about_action.trigger()


def test_a_marketplace_with_profile_pages_offers_to_open_yours(
        make_window: Any, services: FakeServices) -> None:
    services.sync.capabilities = replace(services.sync.capabilities, display_name="Upwork",
                                         profile_url="https://www.example.com/freelancers/{id}")
    services.account_label = builders.ME_NAME
    window = make_window(services)
    assert window.account.marketplace == "Upwork"
    assert window.open_profile_action.isVisible()
    assert window.open_profile_action.text() == "Open your profile on Upwork"
    assert window._profile_url == f"https://www.example.com/freelancers/{builders.ME_ID}"


# -- Settings -----------------------------------------------------------------------------------------------
class SettingsFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.settings = Settings.load(path)

    def save(self) -> None:
        self.settings.save(self.path)

    def on_disk(self) -> dict[str, Any]:
        return dict(json.loads(self.path.read_text()))


@pytest.fixture
def stored(tmp_path: Path) -> SettingsFile:
    return SettingsFile(tmp_path / "config" / "settings.ini")


@pytest.fixture
def notifier_parts(qtbot: Any, filled_db: Database, tmp_path: Path) -> Iterator[
        tuple[Notifier, list[Notice], EventBus, list[datetime]]]:
    window = QWidget()
    qtbot.addWidget(window)
    bus = EventBus()
    shown: list[Notice] = []
    clock = [datetime(2026, 12, 6, 23, 30)]
    notifier = Notifier(window, filled_db, bus, lambda: builders.ME_ID,
                        settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                        show=shown.append, in_front=lambda: False, since=utcnow() - timedelta(seconds=1),
                        local_now=lambda: clock[0])
    yield notifier, shown, bus, clock
    notifier.close()


def _arrive(db: Database, bus: EventBus, room_id: str, n: int) -> None:
    msg = Message(id=f"srv-quiet-{n}", room_id=room_id, sender_id="client-9", sender_name="Priya S.",
                  body=f"Are you there? ({n})", created_at=utcnow())
    db.write_now(lambda c: (messages.upsert_many(c, [msg]), rooms.refresh_last_message(c, [room_id])))
    bus.emit(MessagesChanged(frozenset({room_id})))


def test_quiet_hours_across_midnight_hold_notifications_back(
        notifier_parts: Any, filled_db: Database) -> None:
    notifier, shown, bus, clock = notifier_parts
    room = filled_db.read_now(rooms.list)[0].id
    notifier.set_quiet_hours(QuietHours(time(22, 0), time(7, 0)))
    for n, moment in enumerate((datetime(2026, 12, 6, 23, 30), datetime(2026, 12, 7, 2, 0),
                                datetime(2026, 12, 7, 6, 59))):
        clock[0] = moment
        _arrive(filled_db, bus, room, n)
    assert shown == []  # nothing at 23:30, 02:00 or 06:59
    clock[0] = datetime(2026, 12, 7, 7, 0)
    _arrive(filled_db, bus, room, 10)
    assert [n.body for n in shown] == ["Are you there? (10)"]  # the night's messages are not told late
    notifier.set_quiet_hours(None)
    clock[0] = datetime(2026, 12, 7, 23, 0)
    _arrive(filled_db, bus, room, 11)
    assert len(shown) == 2


def _dialog(qtbot: Any, stored: SettingsFile, **kw: Any) -> SettingsDialog:
    runner = kw.pop("runner", None) or TaskRunner()
    dialog = SettingsDialog(stored.settings, stored.save, runner=runner,
                            autostart_command=kw.pop("autostart_command", ["atelier"]), **kw)
    qtbot.addWidget(dialog)
    return dialog


def test_notification_choices_are_saved_and_taken_by_the_notifier_at_once(
        qtbot: Any, stored: SettingsFile, notifier_parts: Any, xdg: Path) -> None:
    notifier = notifier_parts[0]
    dialog = _dialog(qtbot, stored, notifier=notifier)
    assert not dialog.quiet_from.isEnabled()
    dialog.quiet.setChecked(True)
    dialog.quiet_from.setTime(dialog.quiet_from.time().fromString("21:45", "HH:mm"))
    dialog.quiet_to.setTime(dialog.quiet_to.time().fromString("06:30", "HH:mm"))
    assert dialog.quiet_note.text() == "No notifications from 21:45 to 06:30 the next morning."
    assert notifier.quiet_hours == QuietHours(time(21, 45), time(6, 30))
    dialog.notifications.setChecked(False)
    assert not notifier.enabled
    assert not dialog.quiet.isEnabled()
    on_disk = stored.on_disk()
    assert (on_disk["notifications"], on_disk["quiet_hours"], on_disk["quiet_from"], on_disk["quiet_to"]) == (
        False, True, "21:45", "06:30")
    # The next start reads them back.
    assert Settings.load(stored.path).quiet_window() is not None


def test_the_theme_switches_live_and_system_follows_the_system(
        qtbot: Any, qapp: QApplication, stored: SettingsFile, xdg: Path) -> None:
    controller = theme.apply_theme(qapp, Qt.ColorScheme.Light)
    try:
        dialog = _dialog(qtbot, stored, theme=controller)
        dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
        assert theme.is_dark(qapp.palette())
        assert stored.on_disk()["theme"] == "dark"
        dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("system"))
        # Stand-in for the desktop switching to dark (offscreen has no platform theme to do it).
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert theme.is_dark(qapp.palette())
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert not theme.is_dark(qapp.palette())
        assert stored.on_disk()["theme"] == "system"
        dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("light"))
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert not theme.is_dark(qapp.palette())  # a forced theme ignores the system
    finally:
        controller.force(None)
        controller.deleteLater()


def test_a_new_language_is_saved_and_a_restart_is_offered(
        qtbot: Any, stored: SettingsFile, xdg: Path) -> None:
    dialog = _dialog(qtbot, stored, running_language="")
    dialog.show()
    assert not dialog.restart_button.isVisible()
    assert [dialog.language.itemData(i) for i in range(dialog.language.count())] == ["", "en", "fr"]
    assert dialog.language.itemText(2) == "Français"
    dialog.language.setCurrentIndex(2)
    assert stored.on_disk()["language"] == "fr"
    assert dialog.language_note.isVisible()
    assert dialog.language_note.text() == "Takes effect after a restart."
    with qtbot.waitSignal(dialog.restartRequested, timeout=1000):
        dialog.restart_button.click()
    dialog.language.setCurrentIndex(0)  # back to what this run uses: nothing to restart for
    assert not dialog.restart_button.isVisible()


def test_start_at_login_writes_and_removes_the_autostart_entry(
        qtbot: Any, stored: SettingsFile, xdg: Path) -> None:
    entry = xdg / "autostart" / f"{APP_ID}.desktop"
    dialog = _dialog(qtbot, stored, autostart_command=[sys.executable, "-m", "desktop"])
    assert not dialog.start_at_login.isChecked()
    dialog.start_at_login.setChecked(True)
    assert entry.is_file()
    assert f"Exec={sys.executable} -m desktop" in entry.read_text()
    assert stored.on_disk()["start_at_login"] is True
    dialog.start_at_login.setChecked(False)
    assert not entry.exists()
    assert stored.on_disk()["start_at_login"] is False


def test_start_at_login_that_fails_says_so_and_stays_off(qtbot: Any, stored: SettingsFile, xdg: Path) -> None:
    xdg.parent.mkdir(parents=True, exist_ok=True)
    xdg.write_text("not a folder")
    dialog = _dialog(qtbot, stored)
    dialog.show()
    dialog.start_at_login.setChecked(True)
    assert not dialog.start_at_login.isChecked()
    assert dialog.startup_error.isVisible()
    assert dialog.startup_error.text().startswith("Could not change starting at login:")
    assert Settings.load(stored.path).start_at_login is False


async def _offline_services(tmp_path: Path) -> Services:
    session = Session("http://127.0.0.1:9", "ada@example.com", CredentialStore.memory_only())
    db = Database.open(tmp_path / "accounts" / "a1" / "cache.sqlite3")
    world = builders.world()
    await db.write(lambda c: builders.write_world(c, world, builders.filler_jobs(300, world.now)))
    return await build_services(db, session, account_label="ada@example.com")


def test_clear_cache_asks_first_then_keeps_what_waits_to_be_sent(
        qtbot: Any, stored: SettingsFile, tmp_path: Path, xdg: Path) -> None:
    task = asyncio.ensure_future(_offline_services(tmp_path))
    qtbot.waitUntil(task.done, timeout=10_000)
    services = task.result()
    try:
        room = services.db.read_now(rooms.list)[0].id
        services.db.write_now(lambda c: outbox.enqueue(c, "chat.send", {"room_id": room, "body": "Hi"}, "k1",
                                                       utcnow()))
        runner = TaskRunner()
        dialog = _dialog(qtbot, stored, cache=services.cache, runner=runner)
        dialog.show()
        assert dialog.cache_location.text() == str(tmp_path / "accounts" / "a1")
        qtbot.waitUntil(lambda: dialog.cache_bytes is not None, timeout=5000)
        before = dialog.cache_bytes
        assert before
        assert dialog.cache_size.text().endswith("B")

        box = dialog.ask_clear_cache()
        assert box.isVisible()
        assert "kept" in box.informativeText()
        [cancel] = [b for b in box.buttons() if b.text() == "Cancel"]
        cancel.click()
        assert services.db.read_now(jobs.total) > 300  # nothing happens without a yes

        box = dialog.ask_clear_cache()
        [yes] = [b for b in box.buttons() if b.text() == "Clear cache"]
        yes.click()
        qtbot.waitUntil(lambda: dialog.cache_note.text().startswith("Cleared:"), timeout=10_000)
        assert services.db.read_now(jobs.total) == 0
        assert services.db.read_now(lambda c: outbox.pending_count(c)) == 1
        assert dialog.cache_bytes is not None
        assert dialog.cache_bytes < before
    finally:
        done = asyncio.ensure_future(services.aclose())
        qtbot.waitUntil(done.done, timeout=10_000)


def test_about_says_the_version_what_it_runs_on_where_files_are_and_the_licence(
        qtbot: Any, tmp_path: Path) -> None:
    from desktop import __version__

    about = AboutDialog(cache_folder=tmp_path / "accounts" / "a1", settings_folder=tmp_path / "config",
                        logs_folder=tmp_path / "logs")
    qtbot.addWidget(about)
    details = dict(about.details)
    assert details["Version"] == __version__
    assert details["Qt"].startswith("6.")
    assert details["Python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}")
    assert details["Offline copy"] == str(tmp_path / "accounts" / "a1")
    assert details["Logs"] == str(tmp_path / "logs")
    assert details["Licence"] == "MIT License"
    assert "LGPL" in details["Built with"]
    about.copy_details()
    assert f"Atelier: {__version__}" in QApplication.clipboard().text()

